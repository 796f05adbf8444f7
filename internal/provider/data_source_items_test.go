package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// Ids of the stack used by the monitor and data-source tests (the emulator
// does not look them up).
const (
	dsTestVPC    = "9d4c2b1a-0e3f-4a5b-8c7d-6e5f4a3b2c1d"
	dsTestSubnet = "8e5d3c2b-1f4a-4b6c-9d8e-7f6a5b4c3d2e"
	dsTestCgwIP  = "203.0.113.50"
	dsTestPSK    = "Abcdefgh1234"
)

// dsStack describes the resources of dsStackConfig.
type dsStack struct {
	// prefix starts every name.
	prefix string
	// connections is the number of VPN connections on the gateway.
	connections int
	// gatewayTags and connectionTags are HCL maps (may be empty).
	gatewayTags    string
	connectionTags string
	// private adds a second, private gateway (no connections).
	private bool
}

// dsStackConfig is a public gateway, a customer gateway and connections on
// them (resource names gw, cgw, conn[count]); with private set also a private
// gateway gw2.
func dsStackConfig(s dsStack) string {
	var b strings.Builder
	fmt.Fprintf(&b, `
resource "huaweicloudvpn_vpn_gateway" "gw" {
  name           = "%[1]s-gw"
  vpc_id         = %[2]q
  connect_subnet = %[3]q
  local_subnets  = ["192.168.0.0/24"]
  eip1           = { type = "5_bgp", bandwidth_size = 10 }
  eip2           = { type = "5_bgp", bandwidth_size = 10 }
  %[4]s
}

resource "huaweicloudvpn_customer_gateway" "cgw" {
  name     = "%[1]s-cgw"
  id_value = %[5]q
}

resource "huaweicloudvpn_vpn_connection" "conn" {
  count        = %[6]d
  name         = "%[1]s-conn-${count.index}"
  vgw_id       = huaweicloudvpn_vpn_gateway.gw.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.gw.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.cgw.id
  peer_subnets = ["10.${count.index}.0.0/24"]
  psk          = %[7]q
  %[8]s
}
`, s.prefix, dsTestVPC, dsTestSubnet, dsTags(s.gatewayTags), dsTestCgwIP, s.connections, dsTestPSK, dsTags(s.connectionTags))
	if s.private {
		fmt.Fprintf(&b, `
resource "huaweicloudvpn_vpn_gateway" "gw2" {
  name                = "%[1]s-gw2"
  network_type        = "private"
  vpc_id              = %[2]q
  connect_subnet      = %[3]q
  local_subnets       = ["192.168.10.0/24"]
  access_vpc_id       = %[2]q
  access_subnet_id    = %[3]q
  access_private_ip_1 = "192.168.200.10"
  access_private_ip_2 = "192.168.200.11"
}
`, s.prefix, dsTestVPC, dsTestSubnet)
	}
	return b.String()
}

// dsTags is a tags line, or nothing for an empty map.
func dsTags(m string) string {
	if m == "" {
		return ""
	}
	return "tags = " + m
}

func TestDSItemSpec_connection(t *testing.T) {
	ctx := context.Background()
	spec, d := newDSItemSpec(ctx, NewVPNConnectionResource(), "psk", "psk_wo_version")
	if d.HasError() {
		t.Fatalf("spec: %v", d)
	}
	attrs := spec.attributes(map[string]string{"tags": dsItemTagsDescription})
	for _, name := range []string{"psk", "psk_wo", "psk_wo_version", "timeouts"} {
		if _, ok := attrs[name]; ok {
			t.Errorf("item has %s", name)
		}
	}
	for _, name := range []string{"id", "name", "style", "ikepolicy", "ipsecpolicy", "policy_rules", "tags", "tags_all", "connection_monitor_id"} {
		a, ok := attrs[name]
		if !ok {
			t.Errorf("item lacks %s", name)
			continue
		}
		if !a.IsComputed() || a.IsOptional() || a.IsRequired() {
			t.Errorf("%s: want computed only", name)
		}
		if want := spec.attrTypes()[name]; !a.GetType().Equal(want) {
			t.Errorf("%s: attribute type %s, item type %s", name, a.GetType(), want)
		}
	}
	if got := attrs["tags"].GetMarkdownDescription(); got != dsItemTagsDescription {
		t.Errorf("tags description not overridden: %q", got)
	}

	var prior vpnConnectionModel
	if d := spec.nullModel(ctx, &prior); d.HasError() {
		t.Fatalf("null model: %v", d)
	}
	if !prior.Timeouts.IsNull() || !prior.IKEPolicy.IsNull() || prior.IKEPolicy.AttributeTypes(ctx) == nil {
		t.Fatalf("null model not typed: %+v", prior)
	}
	conn := &client.VPNConnection{
		ID: "c1", Name: "n", Style: "STATIC", Status: "DOWN", VgwID: "g", VgwIP: "e", CgwID: "cg",
		PeerSubnets: []string{"10.0.0.0/24"},
		Tags:        []client.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "net"}},
	}
	m, d := flattenVPNConnection(ctx, conn, &prior, map[string]string{"env": "prod"})
	if d.HasError() {
		t.Fatalf("flatten: %v", d)
	}
	obj, d := spec.item(ctx, m)
	if d.HasError() {
		t.Fatalf("item: %v", d)
	}
	got := obj.Attributes()
	if _, ok := got["psk"]; ok {
		t.Fatal("item value has psk")
	}
	if got["style"].(types.String).ValueString() != "static" || got["name"].(types.String).ValueString() != "n" {
		t.Errorf("style/name: %v %v", got["style"], got["name"])
	}
	// tags: every tag, default ones included.
	tags := got["tags"].(types.Map).Elements()
	if len(tags) != 2 || !tags["env"].Equal(types.StringValue("prod")) {
		t.Errorf("tags: want both tags, got %v", tags)
	}
	if _, d := spec.list([]attr.Value{obj}); d.HasError() {
		t.Fatalf("list: %v", d)
	}
}

func TestDSItemSpec_gatewayAndMonitor(t *testing.T) {
	ctx := context.Background()
	spec, d := newDSItemSpec(ctx, NewVPNGatewayResource())
	if d.HasError() {
		t.Fatalf("spec: %v", d)
	}
	var prior vpnGatewayModel
	if d := spec.nullModel(ctx, &prior); d.HasError() {
		t.Fatalf("null model: %v", d)
	}
	// A private gateway: no EIPs, no policy template.
	gw := &client.VPNGateway{ID: "g1", Name: "gw", Status: "ACTIVE", NetworkType: "private", Flavor: "Professional1"}
	m := flattenVPNGateway(ctx, gw, prior, nil)
	obj, d := spec.item(ctx, m)
	if d.HasError() {
		t.Fatalf("gateway item: %v", d)
	}
	if !obj.Attributes()["eip1"].IsNull() || obj.Attributes()["network_type"].(types.String).ValueString() != "private" {
		t.Errorf("gateway item: %v", obj)
	}

	mspec, d := newDSItemSpec(ctx, NewConnectionMonitorResource())
	if d.HasError() {
		t.Fatalf("monitor spec: %v", d)
	}
	var mprior connectionMonitorModel
	if d := mspec.nullModel(ctx, &mprior); d.HasError() {
		t.Fatalf("monitor null model: %v", d)
	}
	mm := flattenConnectionMonitor(&client.ConnectionMonitor{ID: "m1", Status: "ACTIVE", VPNConnectionID: "c1", Type: "gateway"}, mprior)
	mobj, d := mspec.item(ctx, mm)
	if d.HasError() {
		t.Fatalf("monitor item: %v", d)
	}
	if len(mobj.Attributes()) != 7 || !mobj.Attributes()["source_ip"].IsNull() {
		t.Errorf("monitor item: %v", mobj)
	}
}

func TestDSFilters(t *testing.T) {
	if !dsTagsMatch(map[string]string{"a": "1", "b": "2"}, map[string]string{"a": "1"}) {
		t.Error("subset should match")
	}
	if dsTagsMatch(map[string]string{"a": "1"}, map[string]string{"a": "2"}) || dsTagsMatch(nil, map[string]string{"a": ""}) {
		t.Error("other value or missing key should not match")
	}
	if !dsStringFilter(types.StringNull(), "x", false) || !dsStringFilter(types.StringValue("STATIC"), "static", true) {
		t.Error("null filter / folded case should pass")
	}
	if dsStringFilter(types.StringValue("Gw"), "gw", false) {
		t.Error("exact filter should not fold case")
	}
}

// vgwDSCreateRequest is the API request for a public test gateway.
func vgwDSCreateRequest(name string, bandwidth int) *client.CreateVPNGatewayRequest {
	return &client.CreateVPNGatewayRequest{
		Name: name, VpcID: dsTestVPC, ConnectSubnet: dsTestSubnet, LocalSubnets: []string{"192.168.0.0/24"},
		EIP1: &client.EIPRequest{Type: "5_bgp", BandwidthSize: &bandwidth},
		EIP2: &client.EIPRequest{Type: "5_bgp", BandwidthSize: &bandwidth},
	}
}
