package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// officialInstance is one managed resource of an official provider state.
type officialInstance struct {
	Type, Name string
	Attributes json.RawMessage
}

// officialStateFile reads the managed resources of testdata/official-provider/NAME.state.json.
func officialStateFile(t *testing.T, name string) map[string]officialInstance {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "official-provider", name+".state.json"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Mode, Type, Name string
			Instances        []struct {
				Attributes json.RawMessage `json:"attributes"`
			}
		}
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	out := map[string]officialInstance{}
	for _, r := range st.Resources {
		if r.Mode == "managed" {
			out[r.Type+"."+r.Name] = officialInstance{Type: r.Type, Name: r.Name, Attributes: r.Instances[0].Attributes}
		}
	}
	return out
}

// moveOfficial runs r's movers on an official instance and returns the
// target state (null when no mover took it) and the diagnostics.
func moveOfficial(t *testing.T, r fwresource.Resource, providerAddr string, inst officialInstance) (tfsdk.State, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	var sr fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &sr)
	mover, ok := r.(fwresource.ResourceWithMoveState)
	if !ok {
		t.Fatalf("%T has no MoveState", r)
	}
	resp := fwresource.MoveStateResponse{TargetState: tfsdk.State{
		Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil),
	}}
	for _, m := range mover.MoveState(ctx) {
		m.StateMover(ctx, fwresource.MoveStateRequest{
			SourceProviderAddress: providerAddr, SourceTypeName: inst.Type,
			SourceRawState: &tfprotov6.RawState{JSON: inst.Attributes},
		}, &resp)
		if !resp.TargetState.Raw.IsNull() || resp.Diagnostics.HasError() {
			break
		}
	}
	return resp.TargetState, resp.Diagnostics
}

// warningText joins the warnings' summaries and details.
func warningText(d diag.Diagnostics) string {
	var b strings.Builder
	for _, w := range d.Warnings() {
		b.WriteString(w.Summary() + ": " + w.Detail() + "\n")
	}
	return b.String()
}

func TestMoveState_publicStack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	insts := officialStateFile(t, "public")

	st, d := moveOfficial(t, NewVPNGatewayResource(), officialProviderAddress, insts["huaweicloud_vpn_gateway.gw"])
	if d.HasError() {
		t.Fatalf("gateway: %v", d)
	}
	var gw vpnGatewayModel
	if d := st.Get(ctx, &gw); d.HasError() {
		t.Fatal(d)
	}
	eip1 := gw.EIP1.Attributes()
	for name, got := range map[string]any{
		"id": gw.ID.ValueString(), "name": gw.Name.ValueString(), "network_type": gw.NetworkType.ValueString(),
		"attachment_type": gw.AttachmentType.ValueString(), "vpc_id": gw.VpcID.ValueString(),
		"connect_subnet": gw.ConnectSubnet.ValueString(), "bgp_asn": gw.BgpAsn.ValueInt64(),
		"flavor": gw.Flavor.ValueString(), "ha_mode": gw.HAMode.ValueString(),
		"enterprise_project_id": gw.EnterpriseProjectID.ValueString(), "status": gw.Status.ValueString(),
		"eip1.id": eip1["id"].(types.String).ValueString(), "eip1.type": eip1["type"].(types.String).ValueString(),
		"eip1.bandwidth_size": eip1["bandwidth_size"].(types.Int64).ValueInt64(),
		"eip1.bandwidth_name": eip1["bandwidth_name"].(types.String).ValueString(),
		"eip1.charge_mode":    eip1["charge_mode"].(types.String).ValueString(),
		"eip1.ip_address":     eip1["ip_address"].(types.String).ValueString(),
		"eip2.id":             gw.EIP2.Attributes()["id"].(types.String).ValueString(),
		"er_id_null":          gw.ErID.IsNull(), "access_private_ip_1_null": gw.AccessPrivateIP1.IsNull(),
		"created_at": gw.CreatedAt.ValueString(),
	} {
		want := map[string]any{
			"id": "2e5dece2-e4f6-4c62-ad42-78eb47e24575", "name": "off-gw", "network_type": "public",
			"attachment_type": "vpc", "vpc_id": "11111111-2222-4333-8444-555555555555",
			"connect_subnet": "66666666-7777-4888-9999-000000000000", "bgp_asn": int64(64512),
			"flavor": "Professional1", "ha_mode": "active-active", "enterprise_project_id": "0", "status": "ACTIVE",
			"eip1.id": "d5a08dc3-5474-4dac-834c-1bb684dbe4ea", "eip1.type": "5_bgp", "eip1.bandwidth_size": int64(5),
			"eip1.bandwidth_name": "off-bw1", "eip1.charge_mode": "traffic", "eip1.ip_address": "203.0.113.2",
			"eip2.id": "fde5b04f-771c-4845-8e34-49c8711640fd", "er_id_null": true, "access_private_ip_1_null": true,
			"created_at": "2026-12-02T01:33:03.896Z",
		}[name]
		if got != want {
			t.Errorf("gateway %s = %v, want %v", name, got, want)
		}
	}
	var subnets, zones []string
	gw.LocalSubnets.ElementsAs(ctx, &subnets, false)
	gw.AvailabilityZoneIDs.ElementsAs(ctx, &zones, false)
	if strings.Join(subnets, ",") != "192.168.0.0/24,192.168.1.0/24" || strings.Join(zones, ",") != "cn-north-4a,cn-north-4b" {
		t.Errorf("local_subnets %v, availability_zone_ids %v", subnets, zones)
	}
	if tags := gw.Tags.Elements(); len(tags) != 1 || tags["env"].(types.String).ValueString() != "off" || !gw.TagsAll.Equal(gw.Tags) {
		t.Errorf("tags %v tags_all %v", gw.Tags, gw.TagsAll)
	}
	if w := warningText(d); !strings.Contains(w, "delete_eip_on_termination") || strings.Contains(w, "- certificate") {
		t.Errorf("gateway warnings: want delete_eip_on_termination only, got %q", w)
	}

	st, d = moveOfficial(t, NewVPNConnectionResource(), officialProviderAddress, insts["huaweicloud_vpn_connection.conn"])
	if d.HasError() {
		t.Fatalf("connection: %v", d)
	}
	var conn vpnConnectionModel
	if d := st.Get(ctx, &conn); d.HasError() {
		t.Fatal(d)
	}
	ike, ipsec := conn.IKEPolicy.Attributes(), conn.IPsecPolicy.Attributes()
	dpd := ike["dpd"].(types.Object).Attributes()
	for name, c := range map[string]struct{ got, want any }{
		"vgw_id":            {conn.VgwID.ValueString(), "2e5dece2-e4f6-4c62-ad42-78eb47e24575"},
		"vgw_ip":            {conn.VgwIP.ValueString(), "d5a08dc3-5474-4dac-834c-1bb684dbe4ea"},
		"cgw_id":            {conn.CgwID.ValueString(), "9a218e17-06c9-4e1c-93d1-2b8b27592c6b"},
		"style":             {conn.Style.ValueString(), "static"},
		"enable_nqa":        {conn.EnableNQA.ValueBool(), true},
		"ha_role":           {conn.HARole.ValueString(), "master"},
		"psk":               {conn.PSK.ValueString(), "Test@123"},
		"psk_wo":            {conn.PSKWO.IsNull(), true},
		"tunnel_local_null": {conn.TunnelLocalAddress.IsNull(), true},
		"policy_rules_null": {conn.PolicyRules.IsNull() || len(conn.PolicyRules.Elements()) == 0, true},
		"ike dh_group":      {ike["dh_group"].(types.String).ValueString(), "group14"},
		"ike version":       {ike["ike_version"].(types.String).ValueString(), "v2"},
		"ike lifetime":      {ike["lifetime_seconds"].(types.Int64).ValueInt64(), int64(86400)},
		"ike local_id":      {ike["local_id"].(types.String).ValueString(), "203.0.113.2"},
		"ike peer_id_type":  {ike["peer_id_type"].(types.String).ValueString(), "ip"},
		"ike phase1 null":   {ike["phase1_negotiation_mode"].IsNull(), true},
		"dpd interval":      {dpd["interval"].(types.Int64).ValueInt64(), int64(30)},
		"dpd msg":           {dpd["msg"].(types.String).ValueString(), "seq-hash-notify"},
		"ipsec pfs":         {ipsec["pfs"].(types.String).ValueString(), "group14"},
		"ipsec lifetime":    {ipsec["lifetime_seconds"].(types.Int64).ValueInt64(), int64(3600)},
		"ipsec mode":        {ipsec["encapsulation_mode"].(types.String).ValueString(), "tunnel"},
		"tags":              {conn.Tags.Elements()["routing"].(types.String).ValueString(), "static"},
		"status":            {conn.Status.ValueString(), "DOWN"},
	} {
		if c.got != c.want {
			t.Errorf("connection %s = %v, want %v", name, c.got, c.want)
		}
	}
	// psk stays sensitive: the schema marks it.
	var sr fwresource.SchemaResponse
	NewVPNConnectionResource().Schema(ctx, fwresource.SchemaRequest{}, &sr)
	if !sr.Schema.Attributes["psk"].IsSensitive() {
		t.Error("psk is not sensitive in the target schema")
	}

	st, d = moveOfficial(t, NewCustomerGatewayResource(), officialProviderAddress, insts["huaweicloud_vpn_customer_gateway.c"])
	if d.HasError() {
		t.Fatalf("customer gateway: %v", d)
	}
	var cgw customerGatewayResourceModel
	if d := st.Get(ctx, &cgw); d.HasError() {
		t.Fatal(d)
	}
	if cgw.Name.ValueString() != "off-cgw" || cgw.IDType.ValueString() != "ip" || cgw.IDValue.ValueString() != "198.51.100.9" ||
		cgw.BgpAsn.ValueInt64() != 65000 || !cgw.CACertificate.IsNull() || cgw.Tags.Elements()["site"].(types.String).ValueString() != "branch" {
		t.Errorf("customer gateway moved as %+v", cgw)
	}
	if w := warningText(d); !strings.Contains(w, "route_mode") {
		t.Errorf("customer gateway warnings: want route_mode, got %q", w)
	}

	st, d = moveOfficial(t, NewConnectionMonitorResource(), officialProviderAddress, insts["huaweicloud_vpn_connection_health_check.hc"])
	if d.HasError() {
		t.Fatalf("health check: %v", d)
	}
	var mon connectionMonitorModel
	if d := st.Get(ctx, &mon); d.HasError() {
		t.Fatal(d)
	}
	if mon.ID.ValueString() != "823edbda-870c-463b-aa03-17d2b1df7d04" || mon.VPNConnectionID.ValueString() != conn.ID.ValueString() ||
		mon.SourceIP.ValueString() != "203.0.113.2" || mon.DestinationIP.ValueString() != "198.51.100.9" || mon.Status.ValueString() != "PENDING_CREATE" {
		t.Errorf("monitor moved as %+v", mon)
	}
}

func TestMoveState_standbyStack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	insts := officialStateFile(t, "standby")

	st, d := moveOfficial(t, NewVPNGatewayResource(), officialProviderAddress, insts["huaweicloud_vpn_gateway.gw"])
	if d.HasError() {
		t.Fatal(d)
	}
	var gw vpnGatewayModel
	st.Get(ctx, &gw)
	if gw.HAMode.ValueString() != "active-standby" || gw.BgpAsn.ValueInt64() != 65010 || gw.Flavor.ValueString() != "Professional2" ||
		gw.EIP1.Attributes()["id"].(types.String).ValueString() != "aaaaaaaa-1111-4222-8333-444444444444" ||
		!gw.EIP1.Attributes()["bandwidth_id"].IsNull() {
		t.Errorf("standby gateway moved as %+v", gw)
	}

	st, d = moveOfficial(t, NewVPNConnectionResource(), officialProviderAddress, insts["huaweicloud_vpn_connection.policy"])
	if d.HasError() {
		t.Fatal(d)
	}
	var policy vpnConnectionModel
	st.Get(ctx, &policy)
	rules, d := policyRulesFromList(ctx, policy.PolicyRules)
	if d.HasError() {
		t.Fatal(d)
	}
	// The service split the one configured rule; the move groups it again, as an import does.
	if len(rules) != 1 || rules[0].source != "10.10.0.0/16" || strings.Join(rules[0].destinations, ",") != "172.16.0.0/24,172.16.1.0/24" ||
		rules[0].index == nil || *rules[0].index != 1 {
		t.Errorf("policy rules moved as %+v", rules)
	}
	if policy.Style.ValueString() != "policy" || !policy.EnableNQA.IsNull() || policy.PSK.ValueString() != "Test@1234" {
		t.Errorf("policy connection moved as style %s enable_nqa %s", policy.Style, policy.EnableNQA)
	}

	st, d = moveOfficial(t, NewVPNConnectionResource(), officialProviderAddress, insts["huaweicloud_vpn_connection.bgp"])
	if d.HasError() {
		t.Fatal(d)
	}
	var bgp vpnConnectionModel
	st.Get(ctx, &bgp)
	if bgp.Style.ValueString() != "bgp" || bgp.HARole.ValueString() != "slave" || bgp.TunnelLocalAddress.ValueString() != "169.254.70.1/30" ||
		bgp.TunnelPeerAddress.ValueString() != "169.254.70.2/30" || !bgp.EnableNQA.IsNull() {
		t.Errorf("bgp connection moved as %+v", bgp)
	}

	st, d = moveOfficial(t, NewCustomerGatewayResource(), officialProviderAddress, insts["huaweicloud_vpn_customer_gateway.ip"])
	if d.HasError() {
		t.Fatal(d)
	}
	var cgw customerGatewayResourceModel
	st.Get(ctx, &cgw)
	if cgw.BgpAsn.ValueInt64() != 65020 || !cgw.Tags.IsNull() && len(cgw.Tags.Elements()) != 0 {
		t.Errorf("customer gateway moved as %+v", cgw)
	}
}

func TestMoveState_erStack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, d := moveOfficial(t, NewVPNGatewayResource(), officialProviderAddress, officialStateFile(t, "er")["huaweicloud_vpn_gateway.er"])
	if d.HasError() {
		t.Fatal(d)
	}
	var gw vpnGatewayModel
	st.Get(ctx, &gw)
	if gw.AttachmentType.ValueString() != "er" || gw.ErID.ValueString() != "77777777-8888-4999-8aaa-bbbbbbbbbbbb" ||
		gw.NetworkType.ValueString() != "private" || gw.AccessPrivateIP1.ValueString() != "192.168.5.10" ||
		gw.ErAttachmentID.ValueString() != "e205bdce-d027-406b-ba83-28f7ba999c01" || !gw.EIP1.IsNull() ||
		!gw.LocalSubnets.IsNull() || !gw.ConnectSubnet.IsNull() ||
		// vpc_id is not returned for er gateways: it stands for the access VPC, as after an import.
		gw.VpcID.ValueString() != "11111111-2222-4333-8444-555555555555" {
		t.Errorf("er gateway moved as %+v", gw)
	}
}

func TestMoveState_warningsAndOtherSources(t *testing.T) {
	t.Parallel()
	inst := officialStateFile(t, "public")["huaweicloud_vpn_gateway.gw"]
	var attrs map[string]any
	if err := json.Unmarshal(inst.Attributes, &attrs); err != nil {
		t.Fatal(err)
	}
	attrs["certificate"] = []any{map[string]any{"certificate_id": "c0ffee00-0000-4000-8000-000000000001", "name": "cert"}}
	attrs["timeouts"] = map[string]any{"create": "20m", "delete": nil, "update": "30m"}
	inst.Attributes, _ = json.Marshal(attrs)
	st, d := moveOfficial(t, NewVPNGatewayResource(), officialProviderAddress, inst)
	if d.HasError() {
		t.Fatal(d)
	}
	w := warningText(d)
	if !strings.Contains(w, "- certificate: ") || !strings.Contains(w, `huaweicloudvpn_vpn_gateway_certificate.NAME, id = "2e5dece2-e4f6-4c62-ad42-78eb47e24575"`) {
		t.Errorf("a certificate block must be named with its import path, warnings: %q", w)
	}
	var gw vpnGatewayModel
	st.Get(context.Background(), &gw)
	if gw.CertificateID.ValueString() != "c0ffee00-0000-4000-8000-000000000001" {
		t.Errorf("certificate_id %s", gw.CertificateID)
	}
	if a := gw.Timeouts.Attributes(); a["create"].(types.String).ValueString() != "20m" || !a["delete"].IsNull() {
		t.Errorf("timeouts moved as %v", gw.Timeouts)
	}

	// Another provider's resource of the same name, or another type: not taken.
	if st, d := moveOfficial(t, NewVPNGatewayResource(), "registry.terraform.io/example/huaweicloud", inst); !st.Raw.IsNull() || d.HasError() {
		t.Errorf("another provider's state was moved: %v", d)
	}
	inst.Type = "huaweicloud_vpn_customer_gateway"
	if st, _ := moveOfficial(t, NewVPNGatewayResource(), officialProviderAddress, inst); !st.Raw.IsNull() {
		t.Error("a customer gateway was moved into a gateway")
	}
	// Broken JSON is an error that names the source.
	inst.Type, inst.Attributes = "huaweicloud_vpn_gateway", json.RawMessage(`{"id":`)
	if _, d := moveOfficial(t, NewVPNGatewayResource(), officialProviderAddress, inst); !d.HasError() ||
		!strings.Contains(d.Errors()[0].Detail(), "huaweicloud_vpn_gateway") {
		t.Errorf("broken state: want an error, got %v", d)
	}
}
