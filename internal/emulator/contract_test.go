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
func TestContract_clientLifecycle(t *testing.T) {
	e, err := New(Options{Delay: 3 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	o := e.Options()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, client.Config{
		Region: o.Region, AccessKey: o.AccessKey, SecretKey: o.SecretKey, ProjectID: o.ProjectID,
		VPNEndpoint: srv.URL, IAMEndpoint: srv.URL,
		Poll: &client.PollSchedule{Initial: time.Millisecond, Max: 5 * time.Millisecond, Factor: 1.5},
	})
	if err != nil {
		t.Fatal(err)
	}
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
