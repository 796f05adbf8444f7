package provider

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

func TestMapPolicyRules(t *testing.T) {
	idx := func(n int) *int { return &n }
	i64 := func(n int64) *int64 { return &n }
	// The service split {A: x, y} into 1 and 2, kept {B: z} as 3, and has a
	// rule C nobody configured.
	resp := []client.PolicyRule{
		{RuleIndex: idx(1), Source: "A", Destination: []string{"x"}},
		{RuleIndex: idx(2), Source: "A", Destination: []string{"y"}},
		{RuleIndex: idx(3), Source: "B", Destination: []string{"z"}},
		{RuleIndex: idx(4), Source: "C", Destination: []string{"w"}},
	}
	prior := []policyRule{
		{source: "B", destinations: []string{"z"}, index: i64(7), indexSet: true, known: true},
		{source: "A", destinations: []string{"y", "x"}, indexUnknown: true, known: true},
		{source: "D", destinations: []string{"v"}, known: true}, // gone from the service
	}
	got := mapPolicyRules(resp, prior)
	want := []struct {
		src   string
		index int64
		dests []string
	}{
		{"B", 7, []string{"z"}},      // configured index kept
		{"A", 1, []string{"x", "y"}}, // grouped, lowest index
		{"C", 4, []string{"w"}},      // unclaimed group follows
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rules, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.source != w.src || g.index == nil || *g.index != w.index || len(g.destinations) != len(w.dests) {
			t.Fatalf("rule %d: got %+v (index %v), want %+v", i, g, g.index, w)
		}
		for j, d := range w.dests {
			if g.destinations[j] != d {
				t.Fatalf("rule %d destinations %v, want %v", i, g.destinations, w.dests)
			}
		}
	}
	// After an import (no prior rules) the split form comes back grouped.
	if imp := mapPolicyRules(resp[:2], nil); len(imp) != 1 || len(imp[0].destinations) != 2 {
		t.Fatalf("import: got %+v, want one rule with two destinations", imp)
	}
}

func testIKE(version string) types.Object {
	attrs := map[string]attr.Value{}
	for n, t := range vpnConnectionIKEAttrTypes {
		switch tt := t.(type) {
		case types.ObjectType:
			attrs[n] = types.ObjectNull(tt.AttrTypes)
		default:
			attrs[n] = unknownOf(t)
		}
	}
	attrs["ike_version"] = types.StringValue(version)
	return types.ObjectValueMust(vpnConnectionIKEAttrTypes, attrs)
}

func TestPSKChangeWarning(t *testing.T) {
	state := &vpnConnectionModel{PSK: types.StringValue(connTestPSK), PSKWOVersion: types.Int64Null()}
	none := &vpnConnectionModel{PSKWO: types.StringNull()}
	tests := []struct {
		name   string
		plan   *vpnConnectionModel
		config *vpnConnectionModel
		state  *vpnConnectionModel
		warn   bool
	}{
		{"psk change with v2", &vpnConnectionModel{PSK: types.StringValue(connTestPSK2), IKEPolicy: testIKE("v2")}, none, state, true},
		{"psk change with v1", &vpnConnectionModel{PSK: types.StringValue(connTestPSK2), IKEPolicy: testIKE("v1")}, none, state, false},
		{"no psk change", &vpnConnectionModel{PSK: types.StringValue(connTestPSK), IKEPolicy: testIKE("v2")}, none, state, false},
		{"psk_wo_version change with v2",
			&vpnConnectionModel{PSK: types.StringNull(), PSKWOVersion: types.Int64Value(2), IKEPolicy: testIKE("v2")},
			&vpnConnectionModel{PSKWO: types.StringValue(connTestPSK2)},
			&vpnConnectionModel{PSK: types.StringNull(), PSKWOVersion: types.Int64Value(1)}, true},
		{"psk_wo unchanged version",
			&vpnConnectionModel{PSK: types.StringNull(), PSKWOVersion: types.Int64Value(1), IKEPolicy: testIKE("v2")},
			&vpnConnectionModel{PSKWO: types.StringValue(connTestPSK2)},
			&vpnConnectionModel{PSK: types.StringNull(), PSKWOVersion: types.Int64Value(1)}, false},
	}
	for _, tc := range tests {
		if got := pskChangeWarning(tc.plan, tc.config, tc.state) != ""; got != tc.warn {
			t.Errorf("%s: warning %v, want %v", tc.name, got, tc.warn)
		}
	}
}

func TestPlanPolicyObjectStability(t *testing.T) {
	st := flattenIKEPolicy(&client.IKEPolicy{
		IKEVersion: "v2", AuthenticationAlgorithm: "sha2-256", LocalIDType: "ip", LocalID: "172.16.0.2",
		PeerIDType: "ip", PeerID: "203.0.113.10", DPD: &client.DPD{Msg: "seq-hash-notify"},
	})
	cfg := types.ObjectNull(vpnConnectionIKEAttrTypes)
	stable := func(name string, planned, state map[string]attr.Value) bool { return name != "peer_id" }
	got := planNestedObject(cfg, st, vpnConnectionIKEAttrTypes, stable).Attributes()
	if !got["peer_id"].IsUnknown() {
		t.Errorf("peer_id: got %v, want unknown when not stable", got["peer_id"])
	}
	if got["local_id"].(types.String).ValueString() != "172.16.0.2" {
		t.Errorf("local_id: got %v, want the state's value", got["local_id"])
	}
	if got["dpd"].(types.Object).Attributes()["msg"].(types.String).ValueString() != "seq-hash-notify" {
		t.Errorf("dpd.msg: got %v, want the state's value", got["dpd"])
	}
	if created := planNestedObject(cfg, types.ObjectNull(vpnConnectionIKEAttrTypes), vpnConnectionIKEAttrTypes, nil); !created.IsUnknown() {
		t.Errorf("create without configuration: got %v, want unknown", created)
	}
}

// TestExpandVPNConnectionCreate_enableNQA: enable_nqa goes out for static
// connections only, and false is sent explicitly (NOTES.md item 11).
func TestExpandVPNConnectionCreate_enableNQA(t *testing.T) {
	gw := &client.VPNGateway{ID: "gw"}
	yes, no := true, false
	for _, tc := range []struct {
		style string
		nqa   types.Bool
		want  *bool
	}{
		{"static", types.BoolValue(false), &no},
		{"STATIC", types.BoolValue(true), &yes},
		{"policy", types.BoolNull(), nil},
		{"bgp", types.BoolNull(), nil},
	} {
		plan := &vpnConnectionModel{
			Style: types.StringValue(tc.style), EnableNQA: tc.nqa,
			PeerSubnets: types.SetNull(types.StringType), PolicyRules: types.ListNull(types.ObjectType{AttrTypes: vpnConnectionRuleAttrTypes}),
			IKEPolicy: types.ObjectNull(vpnConnectionIKEAttrTypes), IPsecPolicy: types.ObjectNull(vpnConnectionIPsecAttrTypes),
			HARole: types.StringUnknown(), TagsAll: types.MapNull(types.StringType),
		}
		req, d := expandVPNConnectionCreate(t.Context(), plan, gw, connTestPSK)
		if d.HasError() {
			t.Fatalf("%s: %v", tc.style, d)
		}
		switch {
		case tc.want == nil && req.EnableNQA != nil:
			t.Errorf("%s: enable_nqa sent as %v, want it left out", tc.style, *req.EnableNQA)
		case tc.want != nil && (req.EnableNQA == nil || *req.EnableNQA != *tc.want):
			t.Errorf("%s: enable_nqa sent as %v, want %v", tc.style, req.EnableNQA, *tc.want)
		}
		if req.Style != strings.ToLower(tc.style) {
			t.Errorf("%s: style sent as %q, want lower case", tc.style, req.Style)
		}
	}
}

// TestVPNConnectionResources_deleteMissing: deleting a connection or a monitor that is already
// gone succeeds, and the emulator really answers 404 for them.
func TestVPNConnectionResources_deleteMissing(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	const missing = "00000000-0000-4000-8000-000000000000"
	data := &ProviderData{Client: env.Client}
	for name, r := range map[string]fwresource.Resource{
		"vpn_connection":     &vpnConnectionResource{data: data},
		"connection_monitor": &connectionMonitorResource{data: data},
	} {
		env.Emu.ResetCounts()
		st := stateWithID(t, r, missing)
		resp := &fwresource.DeleteResponse{State: st}
		r.Delete(t.Context(), fwresource.DeleteRequest{State: st}, resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%s: delete of a missing resource: %v", name, resp.Diagnostics)
		}
		deletes := 0
		for route, n := range env.Emu.RequestCounts() {
			if strings.HasPrefix(route, "DELETE ") {
				deletes += n
			}
		}
		if deletes != 1 {
			t.Errorf("%s: want one DELETE sent, got %d (%v)", name, deletes, env.Emu.RequestCounts())
		}
	}
}

func TestGMPrerequisites(t *testing.T) {
	t.Parallel()
	gw := &client.VPNGateway{ID: "gw-1", Flavor: "GM"}
	withCert := &client.VPNGateway{ID: "gw-1", Flavor: "GM", CertificateID: "cert-1"}
	noCA := &client.CustomerGateway{ID: "cgw-1"}
	withCA := &client.CustomerGateway{ID: "cgw-1", CACertificate: &client.CACertificate{SerialNumber: "1"}}
	summaries := func(ps []connProblem) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.path.String()+": "+p.summary)
		}
		return out
	}
	cases := []struct {
		gw   *client.VPNGateway
		cgw  *client.CustomerGateway
		want []string
	}{
		{gw, noCA, []string{"vgw_id: GM VPN Gateway Has No Certificate", "cgw_id: Customer Gateway Has No CA Certificate"}},
		{gw, nil, []string{"vgw_id: GM VPN Gateway Has No Certificate"}},
		{withCert, noCA, []string{"cgw_id: Customer Gateway Has No CA Certificate"}},
		{withCert, withCA, nil},
		{withCert, nil, nil},
	}
	for i, c := range cases {
		if got := summaries(gmPrerequisites(c.gw, c.cgw)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("case %d: got %q, want %q", i, got, c.want)
		}
	}
}
