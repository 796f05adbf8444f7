package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// vgwEIPHolders checks the emulator's EIPs: want maps an EIP id to its
// holder ("" unbound, "gone" released).
func vgwEIPHolders(env *testEnv, want map[string]string) error {
	have := env.Emu.EIPs()
	var bad []string
	for id, holder := range want {
		got, ok := have[id]
		switch {
		case holder == "gone" && ok:
			bad = append(bad, fmt.Sprintf("EIP %s still exists (held by %q), want it released", id, got))
		case holder != "gone" && !ok:
			bad = append(bad, fmt.Sprintf("EIP %s was released, want it kept", id))
		case holder != "gone" && holder != "*" && got != holder:
			bad = append(bad, fmt.Sprintf("EIP %s held by %q, want %q", id, got, holder))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%s (all EIPs: %v)", strings.Join(bad, "; "), have)
	}
	return nil
}

// A gateway on an existing EIP (eip1.id) and a new one (eip2), destroyed
// with defaults: the existing EIP is unbound and kept, the new one is
// released with the gateway.
func TestAccVPNGateway_existingEIPKeptOnDestroy(t *testing.T) {
	env := newTestEnv(t)
	existing := env.Emu.CreateEIP()
	var newEIP string
	cfg := vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`,
		fmt.Sprintf("  eip1 = { id = %q }\n  eip2 = { type = \"5_bgp\", bandwidth_size = 10 }", existing))
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := env.CheckDestroy(emulator.KindGateway)(s); err != nil {
				return err
			}
			return vgwEIPHolders(env, map[string]string{existing: "", newEIP: "gone"})
		},
		Steps: []tfresource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("release_existing_eips_on_delete"), knownvalue.Bool(false)),
				},
				Check: func(s *terraform.State) error {
					rs := s.RootModule().Resources[vgwAddr]
					newEIP = rs.Primary.Attributes["eip2.id"]
					return vgwEIPHolders(env, map[string]string{existing: rs.Primary.ID, newEIP: rs.Primary.ID})
				},
			},
			{ResourceName: vgwAddr, ImportState: true, ImportStateVerify: true},
		},
	})
}

// With release_existing_eips_on_delete = true, the existing EIPs go with the gateway.
func TestAccVPNGateway_existingEIPReleasedOnOptIn(t *testing.T) {
	env := newTestEnv(t)
	e1, e2 := env.Emu.CreateEIP(), env.Emu.CreateEIP()
	cfg := vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`, `  release_existing_eips_on_delete = true`,
		fmt.Sprintf("  eip1 = { id = %q }\n  eip2 = { id = %q }", e1, e2))
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return vgwEIPHolders(env, map[string]string{e1: "gone", e2: "gone"})
		},
		Steps: []tfresource.TestStep{{
			Config: cfg,
			Check: func(*terraform.State) error {
				return vgwEIPHolders(env, map[string]string{e1: "*", e2: "*"})
			},
		}},
	})
}

// Replacing a gateway on existing EIPs keeps them through the replacement:
// the old gateway unbinds them before it is deleted, the new one binds them.
func TestAccVPNGateway_existingEIPsSurviveReplacement(t *testing.T) {
	env := newTestEnv(t)
	e1, e2 := env.Emu.CreateEIP(), env.Emu.CreateEIP()
	cfg := func(subnet string) string {
		return vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`, `  ha_mode = "`+subnet+`"`,
			fmt.Sprintf("  eip1 = { id = %q }\n  eip2 = { id = %q }", e1, e2))
	}
	var first string
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return vgwEIPHolders(env, map[string]string{e1: "", e2: ""})
		},
		Steps: []tfresource.TestStep{
			{
				Config: cfg("active-active"),
				Check: func(s *terraform.State) error {
					first = s.RootModule().Resources[vgwAddr].Primary.ID
					return nil
				},
			},
			{
				Config: cfg("active-standby"),
				Check: func(s *terraform.State) error {
					id := s.RootModule().Resources[vgwAddr].Primary.ID
					if id == first {
						return fmt.Errorf("the gateway was not replaced")
					}
					return vgwEIPHolders(env, map[string]string{e1: id, e2: id})
				},
			},
		},
	})
}

// The plan of a destroy names the EIPs it keeps (or releases).
func TestVGWWarnKeptEIPs(t *testing.T) {
	ctx := t.Context()
	r := NewVPNGatewayResource()
	eip := func(id string) types.Object {
		attrs := map[string]attr.Value{}
		for k, typ := range vpnGatewayEIPAttrTypes {
			v, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(typ.TerraformType(ctx), nil))
			if err != nil {
				t.Fatal(err)
			}
			attrs[k] = v
		}
		attrs["id"] = types.StringValue(id)
		return types.ObjectValueMust(vpnGatewayEIPAttrTypes, attrs)
	}
	for _, tc := range []struct {
		name    string
		release bool
		want    string
	}{{"kept", false, "Existing EIPs Will Be Kept"}, {"released", true, "Existing EIPs Will Be Released"}} {
		t.Run(tc.name, func(t *testing.T) {
			st := stateWithID(t, r, "gw-1")
			var m vpnGatewayModel
			if d := st.Get(ctx, &m); d.HasError() {
				t.Fatal(d)
			}
			m.EIP1, m.EIP2 = eip("eip-bbb"), eip("eip-aaa")
			m.ReleaseExistingEIPsOnDelete = types.BoolValue(tc.release)
			if d := st.Set(ctx, &m); d.HasError() {
				t.Fatal(d)
			}
			req := resource.ModifyPlanRequest{State: st, Plan: tfsdk.Plan{Schema: st.Schema, Raw: tftypes.NewValue(st.Raw.Type(), nil)}}
			resp := &resource.ModifyPlanResponse{}
			vgwWarnKeptEIPs(ctx, req, resp)
			if resp.Diagnostics.WarningsCount() != 1 {
				t.Fatalf("diagnostics %v", resp.Diagnostics)
			}
			w := resp.Diagnostics.Warnings()[0]
			if w.Summary() != tc.want || !strings.Contains(w.Detail(), "eip-aaa, eip-bbb") || !strings.Contains(w.Detail(), "destroyed") {
				t.Fatalf("warning %q: %s", w.Summary(), w.Detail())
			}
		})
	}
}

// freezeOnce returns a hook that puts the gateway into FREEZED right after
// the first answer to a request matching match, as an account frozen
// meanwhile would.
func freezeOnce(t *testing.T, env *testEnv, match func(*http.Request) bool) (func(http.ResponseWriter, *http.Request, *httptest.ResponseRecorder) bool, *atomic.Value) {
	var done atomic.Bool
	frozen := &atomic.Value{}
	return func(_ http.ResponseWriter, r *http.Request, rec *httptest.ResponseRecorder) bool {
		if rec.Code >= 300 || !match(r) || done.Swap(true) {
			return false
		}
		// The create and the update both answer the gateway.
		var out struct {
			VPNGateway struct {
				ID string `json:"id"`
			} `json:"vpn_gateway"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		id := out.VPNGateway.ID
		if err := env.Emu.Freeze(id, "FREEZED"); err != nil {
			t.Errorf("freeze %s: %v", id, err)
		}
		frozen.Store(id)
		return false
	}, frozen
}

// A gateway frozen while its create is being waited for fails the wait at
// the first poll, naming FREEZED and what it means; once the freeze is
// lifted, the next apply replaces the tainted gateway.
func TestAccVPNGateway_freezedFailsCreateWait(t *testing.T) {
	env := newTestEnv(t)
	hook, frozen := freezeOnce(t, env, func(r *http.Request) bool {
		return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/vpn-gateways")
	})
	proxy := hookServer(t, env, hook)
	cfg := vgwPublicConfig(proxy, nil, `  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(10))
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []tfresource.TestStep{
			{
				PreConfig:   env.Emu.ResetCounts,
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)FREEZED.*account is frozen.*nothing\s+can\s+be\s+created,\s+changed\s+or\s+deleted`),
			},
			{
				PreConfig: func() {
					if n := env.Emu.RequestCounts()[vgwGetRoute]; n != 1 {
						t.Errorf("the wait polled %d times, want 1 (fail at the first sight of FREEZED)", n)
					}
					id, _ := frozen.Load().(string)
					if err := env.Emu.Unfreeze(id); err != nil {
						t.Error(err)
					}
				},
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
			},
		},
	})
}

// The same for an update: the PUT is accepted, the account is frozen, the
// wait fails at the first poll.
func TestAccVPNGateway_freezedFailsUpdateWait(t *testing.T) {
	env := newTestEnv(t)
	hook, frozen := freezeOnce(t, env, func(r *http.Request) bool { return r.Method == http.MethodPut })
	proxy := hookServer(t, env, hook)
	cfg := func(name string) string {
		return vgwPublicConfig(proxy, nil, `  name = "`+name+`"`, `  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(10))
	}
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []tfresource.TestStep{
			{Config: cfg("gw-freeze-1")},
			{
				PreConfig:   env.Emu.ResetCounts,
				Config:      cfg("gw-freeze-2"),
				ExpectError: regexp.MustCompile(`(?s)FREEZED.*account is frozen`),
			},
			{
				PreConfig: func() {
					if n := env.Emu.RequestCounts()[vgwGetRoute]; n != 2 { // the refresh, then one poll
						t.Errorf("GETs of the gateway: %d, want 2 (refresh + one poll)", n)
					}
					id, _ := frozen.Load().(string)
					if err := env.Emu.Unfreeze(id); err != nil {
						t.Error(err)
					}
				},
				Config: cfg("gw-freeze-2"),
			},
		},
	})
}
