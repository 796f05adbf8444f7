package emulator

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// TestContract_clientLifecycle drives the emulator through internal/client:
// every resource kind is created, waited for, read, listed, updated, deleted
// and waited gone. Both sides keep their own wire types, so a field spelt
// differently on one side shows up here.
// contractClient serves a fresh emulator (3 ms transitions) and returns it
// with the project's client pointed at it and a context ending with the test.
func contractClient(t *testing.T) (*Emulator, *client.Client, context.Context) {
	t.Helper()
	e, err := New(Options{Delay: 3 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	o := e.Options()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	c, err := client.New(ctx, client.Config{
		Region: o.Region, AccessKey: o.AccessKey, SecretKey: o.SecretKey, ProjectID: o.ProjectID,
		VPNEndpoint: srv.URL, IAMEndpoint: srv.URL,
		Poll: &client.PollSchedule{Initial: time.Millisecond, Max: 5 * time.Millisecond, Factor: 1.5},
	})
	if err != nil {
		t.Fatal(err)
	}
	return e, c, ctx
}

func TestContract_clientLifecycle(t *testing.T) {
	e, c, ctx := contractClient(t)
	o := e.Options()
	pki := newTestPKI(t)

	// GM gateway (the certificate and GM connection need one).
	gw, err := c.CreateVPNGateway(ctx, &client.CreateVPNGatewayRequest{
		VpcID: newUUID(), LocalSubnets: []string{"192.168.0.0/24"}, ConnectSubnet: newUUID(), Flavor: "GM",
		EIP1: &client.EIPRequest{ID: newUUID()}, EIP2: &client.EIPRequest{ID: newUUID()},
	})
	if err != nil {
		t.Fatal(err)
	}
	gwActive, err := c.WaitVPNGatewayActive(ctx, gw.ID)
	if err != nil {
		t.Fatal(err)
	}
	if gwActive.EIP1 == nil {
		t.Fatalf("active gateway without eip1: %+v", gwActive)
	}
	eip1 := gwActive.EIP1.ID

	// Certificate: upload, wait bound, get, update, wait bound.
	cert, err := c.CreateVPNGatewayCertificate(ctx, gw.ID, &client.CreateVPNGatewayCertificateRequest{
		Name: "cert-contract", Certificate: pki.Leaf, PrivateKey: pki.LeafKey, CertificateChain: pki.CA,
		EncCertificate: pki.Leaf2, EncPrivateKey: pki.Leaf2Key,
	})
	if err != nil {
		t.Fatal(err)
	}
	if cert.CertificateSerialNumber != "1001" || cert.Issuer != "C=CN,O=Example,CN=Test CA" {
		t.Fatalf("certificate %+v", cert)
	}
	if got, err := c.WaitVPNGatewayCertificateBound(ctx, gw.ID); err != nil || got.Status != client.CertificateStatusBound {
		t.Fatalf("wait bound: %v %+v", err, got)
	}
	if _, err := c.UpdateVPNGatewayCertificate(ctx, gw.ID, cert.ID, &client.UpdateVPNGatewayCertificateRequest{Name: "cert-renamed"}); err != nil {
		t.Fatal(err)
	}
	if got, err := c.GetVPNGatewayCertificate(ctx, gw.ID); err != nil || got.Name != "cert-renamed" || got.ProjectID != o.ProjectID {
		t.Fatalf("get certificate: %v %+v", err, got)
	}

	// Customer gateway: create, get, list, update.
	cg, err := c.CreateCustomerGateway(ctx, &client.CreateCustomerGatewayRequest{
		Name: "cgw-contract", IDValue: "10.9.8.7", CACertificate: &client.CACertificateRequest{Content: pki.CA},
	})
	if err != nil {
		t.Fatal(err)
	}
	if cg.CACertificate == nil || cg.CACertificate.SerialNumber != "4242" || cg.IDType != "ip" {
		t.Fatalf("customer gateway %+v", cg)
	}
	if _, err := c.UpdateCustomerGateway(ctx, cg.ID, &client.UpdateCustomerGatewayRequest{Name: "cgw-renamed"}); err != nil {
		t.Fatal(err)
	}
	if got, err := c.GetCustomerGateway(ctx, cg.ID); err != nil || got.Name != "cgw-renamed" {
		t.Fatalf("get customer gateway: %v %+v", err, got)
	}
	if list, err := c.ListCustomerGateways(ctx); err != nil || len(list) != 1 {
		t.Fatalf("list customer gateways: %v %d", err, len(list))
	}

	// Connection on the GM gateway: create, wait, get, list, update, wait.
	conn, err := c.CreateVPNConnection(ctx, &client.CreateVPNConnectionRequest{
		Name: "vpn-contract", VgwID: gw.ID, VgwIP: eip1, CgwID: cg.ID, Style: "static",
		PeerSubnets: []string{"172.16.0.0/16"},
	})
	if err != nil {
		t.Fatal(err)
	}
	settled, err := c.WaitVPNConnectionSettled(ctx, conn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if settled.Status != client.ConnectionStatusDown || settled.Style != "STATIC" || settled.IKEPolicy == nil ||
		settled.IKEPolicy.AuthenticationAlgorithm != "sm3" || settled.IKEPolicy.DHGroup != "" {
		t.Fatalf("settled connection %+v %+v", settled, settled.IKEPolicy)
	}
	if list, err := c.ListVPNConnections(ctx, &client.ListVPNConnectionsOptions{VgwID: gw.ID}); err != nil || len(list) != 1 {
		t.Fatalf("list connections: %v %d", err, len(list))
	}
	life := 7200
	if _, err := c.UpdateVPNConnection(ctx, conn.ID, &client.UpdateVPNConnectionRequest{
		Name: "vpn-renamed", IPsecPolicy: &client.IPsecPolicy{LifetimeSeconds: &life},
	}); err != nil {
		t.Fatal(err)
	}
	updated, err := c.WaitVPNConnectionSettled(ctx, conn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if updated.Name != "vpn-renamed" || updated.IPsecPolicy == nil || updated.IPsecPolicy.LifetimeSeconds == nil || *updated.IPsecPolicy.LifetimeSeconds != 7200 {
		t.Fatalf("updated connection %+v", updated)
	}

	// Monitor: create, wait, get, list, delete, wait gone.
	mon, err := c.CreateConnectionMonitor(ctx, &client.CreateConnectionMonitorRequest{VPNConnectionID: conn.ID})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := c.WaitConnectionMonitorActive(ctx, mon.ID); err != nil || m.DestinationIP != "10.9.8.7" || m.Type != "gateway" {
		t.Fatalf("wait monitor: %v %+v", err, m)
	}
	if list, err := c.ListConnectionMonitors(ctx, &client.ListConnectionMonitorsOptions{VPNConnectionID: conn.ID}); err != nil || len(list) != 1 {
		t.Fatalf("list monitors: %v %d", err, len(list))
	}
	if got, err := c.GetVPNConnection(ctx, conn.ID); err != nil || got.ConnectionMonitorID != mon.ID {
		t.Fatalf("connection_monitor_id: %v %+v", err, got)
	}
	if err := c.DeleteConnectionMonitor(ctx, mon.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitConnectionMonitorDeleted(ctx, mon.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetConnectionMonitor(ctx, mon.ID); !client.IsNotFound(err) {
		t.Fatalf("monitor after delete: %v", err)
	}

	// Tear down: connection, customer gateway, gateway.
	if err := c.DeleteCustomerGateway(ctx, cg.ID); err == nil {
		t.Fatal("customer gateway with a connection deleted")
	}
	if err := c.DeleteVPNConnection(ctx, conn.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitVPNConnectionDeleted(ctx, conn.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteCustomerGateway(ctx, cg.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCustomerGateway(ctx, cg.ID); !client.IsNotFound(err) {
		t.Fatalf("customer gateway after delete: %v", err)
	}
	if err := c.DeleteVPNGateway(ctx, gw.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitVPNGatewayDeleted(ctx, gw.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(e.Resources()[KindCertificate]); n != 0 {
		t.Fatalf("%d certificates left", n)
	}
}

// TestContract_clientGatewayQuotasTags drives, through internal/client, what
// TestContract_clientLifecycle leaves out: a public gateway's update (name,
// policy_template), flavor change, list by enterprise project and by id,
// availability zones, quotas, and every tag API.
func TestContract_clientGatewayQuotasTags(t *testing.T) {
	_, c, ctx := contractClient(t)
	size := 50
	const project = "0f7c1c3e-6a4b-4d2b-9b8e-222222222222"
	gw, err := c.CreateVPNGateway(ctx, &client.CreateVPNGatewayRequest{
		VpcID: newUUID(), LocalSubnets: []string{"192.168.0.0/24"}, ConnectSubnet: newUUID(), EnterpriseProjectID: project,
		EIP1: &client.EIPRequest{Type: "5_bgp", BandwidthSize: &size}, EIP2: &client.EIPRequest{Type: "5_bgp", BandwidthSize: &size},
		Tags: []client.Tag{{Key: "env", Value: "dev"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	active, err := c.WaitVPNGatewayActive(ctx, gw.ID)
	if err != nil {
		t.Fatal(err)
	}
	if active.EIP1 == nil || active.EIP1.BandwidthSize != 50 || len(active.AvailabilityZoneIDs) != 2 ||
		active.PolicyTemplate == nil || active.PolicyTemplate.IKEPolicy == nil || active.PolicyTemplate.IKEPolicy.DHGroup != "group15" ||
		len(active.SupportedFlavors) == 0 || active.CreatedAt == "" {
		t.Fatalf("active gateway %+v", active)
	}

	// Update: name and policy template, through PENDING_UPDATE back to ACTIVE.
	life := 3600
	if _, err := c.UpdateVPNGateway(ctx, gw.ID, &client.UpdateVPNGatewayRequest{
		Name: "vpngw-renamed", PolicyTemplate: &client.PolicyTemplate{IKEPolicy: &client.PolicyTemplateIKE{DHGroup: "group20", LifetimeSeconds: &life}},
	}); err != nil {
		t.Fatal(err)
	}
	updated, err := c.WaitVPNGatewayActive(ctx, gw.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ike := updated.PolicyTemplate.IKEPolicy; updated.Name != "vpngw-renamed" || ike.DHGroup != "group20" || ike.LifetimeSeconds == nil || *ike.LifetimeSeconds != 3600 || ike.EncryptionAlgorithm != "aes-128" {
		t.Fatalf("updated gateway %+v %+v", updated, updated.PolicyTemplate.IKEPolicy)
	}
	if _, err := c.UpdateVPNGatewaySpecification(ctx, gw.ID, &client.UpdateVPNGatewaySpecificationRequest{Flavor: "Professional2"}); err != nil {
		t.Fatal(err)
	}
	if got, err := c.WaitVPNGatewayActive(ctx, gw.ID); err != nil || got.Flavor != "Professional2" {
		t.Fatalf("after update-specification: %v %+v", err, got)
	}

	// Lists, zones, quotas.
	if list, err := c.ListVPNGateways(ctx, &client.ListVPNGatewaysOptions{EnterpriseProjectID: project}); err != nil || len(list) != 1 || list[0].ID != gw.ID {
		t.Fatalf("list by project: %v %+v", err, list)
	}
	if list, err := c.ListVPNGateways(ctx, &client.ListVPNGatewaysOptions{EnterpriseProjectID: "0"}); err != nil || len(list) != 0 {
		t.Fatalf("list by the default project: %v %+v", err, list)
	}
	zones, err := c.ListAvailabilityZones(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if z, ok := zones.ForFlavor("Professional2"); !ok || len(z.VPC) != 3 || len(z.ER) != 2 {
		t.Fatalf("zones %+v", zones)
	}
	quotas, err := c.GetQuotas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string][2]int{}
	for _, q := range quotas {
		used[q.Type] = [2]int{q.Quota, q.Used}
	}
	if used["vpn_gateway"] != [2]int{50, 1} || used["customer_gateway"] != [2]int{100, 0} || used["vpn_connection"] != [2]int{500, 0} {
		t.Fatalf("quotas %+v", quotas)
	}

	// Tags: create, get, project tags, filter, count, delete.
	const rt = "vpn-gateway"
	if err := c.CreateResourceTags(ctx, rt, gw.ID, []client.Tag{{Key: "team", Value: "net"}}); err != nil {
		t.Fatal(err)
	}
	if tags, err := c.GetResourceTags(ctx, rt, gw.ID); err != nil || len(tags) != 2 {
		t.Fatalf("tags %v %+v", err, tags)
	}
	if pt, err := c.ListProjectTags(ctx, rt); err != nil || len(pt) != 2 || pt[0].Key != "env" || pt[0].Values[0] != "dev" {
		t.Fatalf("project tags %v %+v", err, pt)
	}
	filter := &client.ResourceInstancesFilter{Tags: []client.ProjectTag{{Key: "team", Values: []string{"net"}}}}
	if res, err := c.FilterResourceInstances(ctx, rt, filter); err != nil || len(res) != 1 || res[0].ResourceID != gw.ID || res[0].ResourceName != "vpngw-renamed" {
		t.Fatalf("filter %v %+v", err, res)
	}
	if n, err := c.CountResourceInstances(ctx, rt, filter); err != nil || n != 1 {
		t.Fatalf("count %v %d", err, n)
	}
	if err := c.DeleteResourceTags(ctx, rt, gw.ID, []client.Tag{{Key: "team"}}); err != nil {
		t.Fatal(err)
	}
	if n, err := c.CountResourceInstances(ctx, rt, filter); err != nil || n != 0 {
		t.Fatalf("count after delete %v %d", err, n)
	}

	if err := c.DeleteVPNGateway(ctx, gw.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitVPNGatewayDeleted(ctx, gw.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetVPNGateway(ctx, gw.ID); !client.IsNotFound(err) {
		t.Fatalf("gateway after delete: %v", err)
	}
}
