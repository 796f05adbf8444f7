package client

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec/wirespec"
)

// TestWire_modelsMatchReference compares every request and response model of
// the client with the reference's tables (wirespec.WireModels): no key the
// service does not know (a misspelling), every number an integer and every
// flag a boolean, and the response models keep every key the reference and
// the SDK return (nothing dropped when decoding).
func TestWire_modelsMatchReference(t *testing.T) {
	request := wirespec.WireDiffOptions{}
	response := wirespec.WireDiffOptions{Complete: true, SDK: true}
	cases := []struct {
		name  string
		typ   reflect.Type
		model string
		opts  wirespec.WireDiffOptions
	}{
		{"CreateVPNGatewayRequest", reflect.TypeFor[CreateVPNGatewayRequest](), "CreateVgwRequestBodyContent", request},
		{"UpdateVPNGatewayRequest", reflect.TypeFor[UpdateVPNGatewayRequest](), "UpdateVgwRequestBodyContent", request},
		{"UpdateVPNGatewaySpecificationRequest", reflect.TypeFor[UpdateVPNGatewaySpecificationRequest](), "UpdateVgwSpecificationRequestBodyContent", request},
		{"VPNGateway", reflect.TypeFor[VPNGateway](), "ResponseVpnGateway", response},
		{"FlavorAvailabilityZones", reflect.TypeFor[FlavorAvailabilityZones](), "VpnGatewayAvailabilityZones", response},
		{"CreateVPNGatewayCertificateRequest", reflect.TypeFor[CreateVPNGatewayCertificateRequest](), "CreateVpnGatewayCertificateRequestBodyContent", request},
		{"UpdateVPNGatewayCertificateRequest", reflect.TypeFor[UpdateVPNGatewayCertificateRequest](), "UpdateVpnGatewayCertificateRequestBodyContent", request},
		{"VPNGatewayCertificate", reflect.TypeFor[VPNGatewayCertificate](), "VpnGatewayCertificate", response},
		{"CreateCustomerGatewayRequest", reflect.TypeFor[CreateCustomerGatewayRequest](), "CreateCgwRequestBodyContent", request},
		{"UpdateCustomerGatewayRequest", reflect.TypeFor[UpdateCustomerGatewayRequest](), "UpdateCgwRequestBodyContent", request},
		{"CustomerGateway", reflect.TypeFor[CustomerGateway](), "ResponseCustomerGateway", response},
		{"PageInfo", reflect.TypeFor[PageInfo](), "PageInfo", response},
		{"CreateVPNConnectionRequest", reflect.TypeFor[CreateVPNConnectionRequest](), "CreateVpnConnectionRequestBodyContent", request},
		// The Go type shares IKEPolicy with create; MarshalJSON leaves authentication_method
		// out of the body (TestUpdateVPNConnectionRequest_wire proves it).
		{"UpdateVPNConnectionRequest", reflect.TypeFor[UpdateVPNConnectionRequest](), "UpdateVpnConnectionRequestBodyContent",
			wirespec.WireDiffOptions{Allow: []string{"ikepolicy.authentication_method"}}},
		{"VPNConnection", reflect.TypeFor[VPNConnection](), "ResponseVpnConnection", response},
		{"CreateConnectionMonitorRequest", reflect.TypeFor[CreateConnectionMonitorRequest](), "CreateConnectionMonitorRequestBodyContent", request},
		{"ConnectionMonitor", reflect.TypeFor[ConnectionMonitor](), "ConnectionMonitorInfo", response},
		{"Quota", reflect.TypeFor[Quota](), "QuotaInfo", response},
		{"ResourceInstancesFilter", reflect.TypeFor[ResourceInstancesFilter](), "QueryResourcesRequestBody", request},
		{"ResourceInstance", reflect.TypeFor[ResourceInstance](), "Resource", response},
		{"ProjectTag", reflect.TypeFor[ProjectTag](), "Tag", response},
		{"Tag", reflect.TypeFor[Tag](), "ResourceTag", response},
	}
	for _, c := range cases {
		if d := wirespec.WireDiff(c.typ, c.model, c.opts); len(d) > 0 {
			t.Errorf("%s vs %s:\n  %s", c.name, c.model, strings.Join(d, "\n  "))
		}
	}
}

// TestUpdateVPNConnectionRequest_wire checks the update body: every field of
// UpdateVPNConnectionRequest reaches the wire type, and ikepolicy carries no
// authentication_method (UpdateIkePolicy has none).
func TestUpdateVPNConnectionRequest_wire(t *testing.T) {
	life, timeout, off := 3600, 20, false
	req := UpdateVPNConnectionRequest{
		Name: "n", CgwID: "c", PeerSubnets: []string{"10.0.0.0/24"}, PeerSubnetsV6: []string{"2001:db8::/64"},
		TunnelLocalAddress: "169.254.1.1/30", TunnelPeerAddress: "169.254.1.2/30", EnableHub: &off, PSK: "p",
		PolicyRules: []PolicyRule{{Source: "10.0.0.0/24"}}, PolicyRulesV6: []PolicyRule{{Source: "2001:db8::/64"}},
		IKEPolicy: &IKEPolicy{
			IKEVersion: "v1", Phase1NegotiationMode: "main", AuthenticationAlgorithm: "sha2-256",
			EncryptionAlgorithm: "aes-128", DHGroup: "group15", AuthenticationMethod: "pre-share",
			LifetimeSeconds: &life, LocalIDType: "fqdn", LocalID: "a", PeerIDType: "fqdn", PeerID: "b",
			DPD: &DPD{Timeout: &timeout, Msg: "seq-hash-notify"},
		},
		IPsecPolicy: &IPsecPolicy{PFS: "disable"},
	}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if n := reflect.TypeFor[UpdateVPNConnectionRequest]().NumField(); len(got) != n {
		t.Errorf("update body has %d keys, the request type %d fields: %s", len(got), n, b)
	}
	ike, _ := got["ikepolicy"].(map[string]any)
	if _, has := ike["authentication_method"]; has || len(ike) != 11 {
		t.Errorf("ikepolicy %v: want the 11 UpdateIkePolicy keys without authentication_method", ike)
	}
	if got["enable_hub"] != false || ike["lifetime_seconds"] != float64(3600) {
		t.Errorf("explicit false/number lost: %s", b)
	}
	if b, _ := json.Marshal(UpdateVPNConnectionRequest{Name: "only"}); string(b) != `{"name":"only"}` {
		t.Errorf("unset fields are sent: %s", b)
	}
}

// TestWire_requestsMatchReference calls every method of the client once with
// every field set and checks what goes on the wire against the reference:
// method, path, the body's wrapper key and every key and value kind inside
// it (wirespec.WireModels), and that the documented success status
// (201/200/204) is accepted.
func TestWire_requestsMatchReference(t *testing.T) {
	one, yes := 1, true
	asn := int64(65000)
	ike := &IKEPolicy{
		IKEVersion: "v1", Phase1NegotiationMode: "main", AuthenticationAlgorithm: "sha2-256", EncryptionAlgorithm: "aes-128",
		DHGroup: "group15", AuthenticationMethod: "pre-share", LifetimeSeconds: &one, LocalIDType: "fqdn", LocalID: "a",
		PeerIDType: "fqdn", PeerID: "b", DPD: &DPD{Timeout: &one, Interval: &one, Msg: "seq-hash-notify"},
	}
	ipsec := &IPsecPolicy{AuthenticationAlgorithm: "sha2-256", EncryptionAlgorithm: "aes-128", PFS: "group15",
		TransformProtocol: "esp", LifetimeSeconds: &one, EncapsulationMode: "tunnel"}
	rules := []PolicyRule{{RuleIndex: &one, Source: "10.0.0.0/24", Destination: []string{"10.1.0.0/24"}}}
	tags := []Tag{{Key: "k", Value: "v"}}
	template := &PolicyTemplate{
		IKEPolicy:   &PolicyTemplateIKE{EncryptionAlgorithm: "aes-128", DHGroup: "group15", AuthenticationAlgorithm: "sha2-256", LifetimeSeconds: &one},
		IPsecPolicy: &PolicyTemplateIPsec{AuthenticationAlgorithm: "sha2-256", EncryptionAlgorithm: "aes-128", PFS: "group15", LifetimeSeconds: &one},
	}
	eip := &EIPRequest{ID: "e", Type: "5_bgp", ChargeMode: "traffic", BandwidthSize: &one, BandwidthName: "b", BandwidthID: "i"}
	certReq := CreateVPNGatewayCertificateRequest{Name: "n", Certificate: "c", PrivateKey: "k", CertificateChain: "ch", EncCertificate: "ec", EncPrivateKey: "ek"}
	filter := &ResourceInstancesFilter{WithoutAnyTag: mtPtr(false), Tags: []ProjectTag{{Key: "k"}}, Matches: []Match{{Key: "resource_name", Value: "n"}}}
	const (
		gw   = `{"vpn_gateway":{"id":"g","status":"ACTIVE"}}`
		cert = `{"certificate":{"id":"c","status":"BOUND"}}`
		cgw  = `{"customer_gateway":{"id":"c"}}`
		conn = `{"vpn_connection":{"id":"v","status":"DOWN"}}`
		mon  = `{"connection_monitor":{"id":"m","status":"ACTIVE"}}`
	)
	cases := []struct {
		name, method, path, model string // model of the body; "" for none
		status                    int
		reply                     string
		call                      func(ctx context.Context, c *Client) error
	}{
		{"CreateVPNGateway", "POST", mtPath("vpn-gateways"), "CreateVgwRequestBody", 201, gw, func(ctx context.Context, c *Client) error {
			_, err := c.CreateVPNGateway(ctx, &CreateVPNGatewayRequest{Name: "n", NetworkType: "public", AttachmentType: "vpc", IPVersion: "ipv4",
				ErID: "e", VpcID: "v", LocalSubnets: []string{"10.0.0.0/24"}, LocalSubnetsV6: []string{"2001:db8::/64"}, ConnectSubnet: "s",
				BgpAsn: &asn, Flavor: "Professional1", AvailabilityZoneIDs: []string{"a"}, EnterpriseProjectID: "0", EIP1: eip, EIP2: eip,
				AccessVpcID: "v", AccessSubnetID: "s", AccessPrivateIP1: "10.0.0.1", AccessPrivateIP2: "10.0.0.2", HAMode: "active-active", Tags: tags})
			return err
		}},
		{"GetVPNGateway", "GET", mtPath("vpn-gateways", "g"), "", 200, gw, func(ctx context.Context, c *Client) error {
			_, err := c.GetVPNGateway(ctx, "g")
			return err
		}},
		{"ListVPNGateways", "GET", mtPath("vpn-gateways"), "", 200, `{"vpn_gateways":[]}`, func(ctx context.Context, c *Client) error {
			_, err := c.ListVPNGateways(ctx, &ListVPNGatewaysOptions{EnterpriseProjectID: "0"})
			return err
		}},
		{"UpdateVPNGateway", "PUT", mtPath("vpn-gateways", "g"), "UpdateVgwRequestBody", 200, gw, func(ctx context.Context, c *Client) error {
			_, err := c.UpdateVPNGateway(ctx, "g", &UpdateVPNGatewayRequest{Name: "n", LocalSubnets: []string{"10.0.0.0/24"},
				LocalSubnetsV6: []string{"2001:db8::/64"}, EIPID1: "e1", EIPID2: "e2", PolicyTemplate: template})
			return err
		}},
		{"UpdateVPNGatewaySpecification", "POST", mtPath("vpn-gateways", "g", "update-specification"), "UpdateVgwSpecificationRequestBody", 200, gw, func(ctx context.Context, c *Client) error {
			_, err := c.UpdateVPNGatewaySpecification(ctx, "g", &UpdateVPNGatewaySpecificationRequest{Flavor: "Professional2"})
			return err
		}},
		{"DeleteVPNGateway", "DELETE", mtPath("vpn-gateways", "g"), "", 204, "", func(ctx context.Context, c *Client) error {
			return c.DeleteVPNGateway(ctx, "g")
		}},
		{"ListAvailabilityZones", "GET", mtPath("vpn-gateways", "availability-zones"), "", 200, `{"availability_zones":{"gm":{"vpc":[],"er":[]}}}`, func(ctx context.Context, c *Client) error {
			_, err := c.ListAvailabilityZones(ctx)
			return err
		}},
		{"CreateVPNGatewayCertificate", "POST", mtPath("vpn-gateways", "g", "certificate"), "CreateVpnGatewayCertificateRequestBody", 201, cert, func(ctx context.Context, c *Client) error {
			_, err := c.CreateVPNGatewayCertificate(ctx, "g", &certReq)
			return err
		}},
		{"GetVPNGatewayCertificate", "GET", mtPath("vpn-gateways", "g", "certificate"), "", 200, cert, func(ctx context.Context, c *Client) error {
			_, err := c.GetVPNGatewayCertificate(ctx, "g")
			return err
		}},
		{"UpdateVPNGatewayCertificate", "PUT", mtPath("vpn-gateways", "g", "certificate", "c"), "UpdateVpnGatewayCertificateRequestBody", 200, cert, func(ctx context.Context, c *Client) error {
			_, err := c.UpdateVPNGatewayCertificate(ctx, "g", "c", (*UpdateVPNGatewayCertificateRequest)(&certReq))
			return err
		}},
		{"CreateCustomerGateway", "POST", mtPath("customer-gateways"), "CreateCgwRequestBody", 201, cgw, func(ctx context.Context, c *Client) error {
			_, err := c.CreateCustomerGateway(ctx, &CreateCustomerGatewayRequest{Name: "n", IDType: "ip", IDValue: "10.0.0.1", BgpAsn: &asn,
				CACertificate: &CACertificateRequest{ID: "i", Content: "c"}, Tags: tags})
			return err
		}},
		{"GetCustomerGateway", "GET", mtPath("customer-gateways", "c"), "", 200, cgw, func(ctx context.Context, c *Client) error {
			_, err := c.GetCustomerGateway(ctx, "c")
			return err
		}},
		{"UpdateCustomerGateway", "PUT", mtPath("customer-gateways", "c"), "UpdateCgwRequestBody", 200, cgw, func(ctx context.Context, c *Client) error {
			_, err := c.UpdateCustomerGateway(ctx, "c", &UpdateCustomerGatewayRequest{Name: "n", CACertificate: &CACertificateRequest{Content: "c"}})
			return err
		}},
		{"DeleteCustomerGateway", "DELETE", mtPath("customer-gateways", "c"), "", 204, "", func(ctx context.Context, c *Client) error {
			return c.DeleteCustomerGateway(ctx, "c")
		}},
		{"ListCustomerGateways", "GET", mtPath("customer-gateways"), "", 200, `{"customer_gateways":[],"total_count":0,"page_info":{"current_count":0}}`, func(ctx context.Context, c *Client) error {
			_, err := c.ListCustomerGateways(ctx)
			return err
		}},
		{"CreateVPNConnection", "POST", mtPath("vpn-connection"), "CreateVpnConnectionRequestBody", 201, conn, func(ctx context.Context, c *Client) error {
			_, err := c.CreateVPNConnection(ctx, &CreateVPNConnectionRequest{Name: "n", VgwID: "g", VgwIP: "e", Style: "policy", CgwID: "c",
				PeerSubnets: []string{"10.2.0.0/24"}, PeerSubnetsV6: []string{"2001:db8::/64"}, TunnelLocalAddress: "169.254.1.1/30",
				TunnelPeerAddress: "169.254.1.2/30", EnableNQA: &yes, EnableHub: &yes, EnableHealthCheck: &yes, PSK: "p",
				PolicyRules: rules, PolicyRulesV6: rules, IKEPolicy: ike, IPsecPolicy: ipsec, HARole: "master", Tags: tags})
			return err
		}},
		{"GetVPNConnection", "GET", mtPath("vpn-connection", "v"), "", 200, conn, func(ctx context.Context, c *Client) error {
			_, err := c.GetVPNConnection(ctx, "v")
			return err
		}},
		{"UpdateVPNConnection", "PUT", mtPath("vpn-connection", "v"), "UpdateVpnConnectionRequestBody", 200, conn, func(ctx context.Context, c *Client) error {
			_, err := c.UpdateVPNConnection(ctx, "v", &UpdateVPNConnectionRequest{Name: "n", CgwID: "c", PeerSubnets: []string{"10.2.0.0/24"},
				PSK: "p", PolicyRules: rules, IKEPolicy: ike, IPsecPolicy: ipsec})
			return err
		}},
		{"DeleteVPNConnection", "DELETE", mtPath("vpn-connection", "v"), "", 204, "", func(ctx context.Context, c *Client) error {
			return c.DeleteVPNConnection(ctx, "v")
		}},
		{"ListVPNConnections", "GET", mtPath("vpn-connection"), "", 200, `{"vpn_connections":[],"total_count":0,"page_info":{"current_count":0}}`, func(ctx context.Context, c *Client) error {
			_, err := c.ListVPNConnections(ctx, &ListVPNConnectionsOptions{VgwID: "g", VgwIP: "e", EnterpriseProjectID: "0"})
			return err
		}},
		{"CreateConnectionMonitor", "POST", mtPath("connection-monitors"), "CreateConnectionMonitorRequestBody", 201, mon, func(ctx context.Context, c *Client) error {
			_, err := c.CreateConnectionMonitor(ctx, &CreateConnectionMonitorRequest{VPNConnectionID: "v"})
			return err
		}},
		{"GetConnectionMonitor", "GET", mtPath("connection-monitors", "m"), "", 200, mon, func(ctx context.Context, c *Client) error {
			_, err := c.GetConnectionMonitor(ctx, "m")
			return err
		}},
		{"DeleteConnectionMonitor", "DELETE", mtPath("connection-monitors", "m"), "", 204, "", func(ctx context.Context, c *Client) error {
			return c.DeleteConnectionMonitor(ctx, "m")
		}},
		{"GetQuotas", "GET", mtPath("vpn", "quotas"), "", 200, `{"quotas":{"resources":[]}}`, func(ctx context.Context, c *Client) error {
			_, err := c.GetQuotas(ctx)
			return err
		}},
		{"CreateResourceTags", "POST", mtPath("vpn-connection", "v", "tags", "create"), "ResourceTagsRequestBody", 204, "", func(ctx context.Context, c *Client) error {
			return c.CreateResourceTags(ctx, ResourceTypeVPNConnection, "v", tags)
		}},
		{"DeleteResourceTags", "POST", mtPath("vpn-gateway", "g", "tags", "delete"), "ResourceTagsRequestBody", 204, "", func(ctx context.Context, c *Client) error {
			return c.DeleteResourceTags(ctx, ResourceTypeVPNGateway, "g", tags)
		}},
		{"GetResourceTags", "GET", mtPath("customer-gateway", "c", "tags"), "", 200, `{"tags":[]}`, func(ctx context.Context, c *Client) error {
			_, err := c.GetResourceTags(ctx, ResourceTypeCustomerGateway, "c")
			return err
		}},
		{"ListProjectTags", "GET", mtPath("vpn-gateway", "tags"), "", 200, `{"tags":[]}`, func(ctx context.Context, c *Client) error {
			_, err := c.ListProjectTags(ctx, ResourceTypeVPNGateway)
			return err
		}},
		{"FilterResourceInstances", "POST", mtPath("vpn-gateway", "resource-instances", "filter"), "QueryResourcesRequestBody", 200, `{"resources":[],"total_count":0}`, func(ctx context.Context, c *Client) error {
			_, err := c.FilterResourceInstances(ctx, ResourceTypeVPNGateway, filter)
			return err
		}},
		{"CountResourceInstances", "POST", mtPath("vpn-gateway", "resource-instances", "count"), "QueryResourcesRequestBody", 200, `{"total_count":0}`, func(ctx context.Context, c *Client) error {
			_, err := c.CountResourceInstances(ctx, ResourceTypeVPNGateway, filter)
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := mtNew(t, mtAlways(tc.status, tc.reply))
			if err := tc.call(t.Context(), c); err != nil {
				t.Fatalf("%s with status %d: %v", tc.name, tc.status, err)
			}
			call := srv.Calls()[0]
			if call.Method != tc.method || call.Path != tc.path {
				t.Errorf("sent %s %s, reference %s %s", call.Method, call.Path, tc.method, tc.path)
			}
			switch {
			case tc.model == "" && len(call.Raw) > 0:
				t.Errorf("sent a body: %s", call.Raw)
			case tc.model != "":
				if d := wirespec.WireDiffJSON(call.Body, tc.model); len(d) > 0 {
					t.Errorf("body vs %s:\n  %s", tc.model, strings.Join(d, "\n  "))
				}
			}
		})
	}
}
