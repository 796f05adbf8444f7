package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

const (
	connAddr = "huaweicloudvpn_vpn_connection.test"
	gwAddr   = "huaweicloudvpn_vpn_gateway.test"
	// connTestPSK, connTestPSK2 and connTestPSK3 are pre-shared keys of the tests.
	connTestPSK  = "Test.Psk.0001"
	connTestPSK2 = "Other+Key+0002"
	connTestPSK3 = "Third:Key:0003"
)

// connGateway is the HCL of the test gateway (private: its access IPs are
// allocated by the service), with extra lines.
func connGateway(extra ...string) string {
	return `
resource "huaweicloudvpn_vpn_gateway" "test" {
  name           = "gw-conn"
  network_type   = "private"
  vpc_id         = "11111111-2222-3333-4444-555555555555"
  local_subnets  = ["192.168.0.0/24"]
  connect_subnet = "66666666-7777-8888-9999-000000000000"
  ` + strings.Join(extra, "\n  ") + `
}

resource "huaweicloudvpn_customer_gateway" "a" {
  name     = "cgw-a"
  id_value = "203.0.113.10"
  bgp_asn  = 65000
}

resource "huaweicloudvpn_customer_gateway" "b" {
  name     = "cgw-b"
  id_value = "203.0.113.11"
  bgp_asn  = 65001
}
`
}

// connResource is the HCL of a connection named name on the test gateway's
// first address, with body lines.
func connResource(name string, body ...string) string {
	return fmt.Sprintf(`
resource "huaweicloudvpn_vpn_connection" %q {
  vgw_id = huaweicloudvpn_vpn_gateway.test.id
  %s
}
`, name, strings.Join(body, "\n  "))
}

// connConfig is provider + gateways + one connection "test" with body lines
// (vgw_ip defaults to the gateway's first address when body has none).
func connConfig(env *testEnv, body ...string) string {
	hasIP := false
	for _, l := range body {
		hasIP = hasIP || strings.HasPrefix(strings.TrimSpace(l), "vgw_ip")
	}
	if !hasIP {
		body = append([]string{"vgw_ip = huaweicloudvpn_vpn_gateway.test.access_private_ip_1"}, body...)
	}
	return env.ProviderConfig() + connGateway() + connResource("test", body...)
}

// connBasicBody is a static connection to customer gateway a.
func connBasicBody(extra ...string) []string {
	return append([]string{
		`name         = "conn-basic"`,
		`cgw_id       = huaweicloudvpn_customer_gateway.a.id`,
		`peer_subnets = ["10.10.0.0/16"]`,
		`psk          = "` + connTestPSK + `"`,
	}, extra...)
}

// connCheckDestroy checks that no connection is left.
func connCheckDestroy(env *testEnv) resource.TestCheckFunc {
	return env.CheckDestroy(emulator.KindConnection)
}

// connID reads the id of the connection "test" from the state.
func connID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[connAddr]
	if !ok {
		return "", fmt.Errorf("%s not in state", connAddr)
	}
	return rs.Primary.ID, nil
}

// connPSKSends checks what the emulator last received as the psk of the
// connection "test" and how often.
func connPSKSends(env *testEnv, wantPSK string, wantSends int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := connID(s)
		if err != nil {
			return err
		}
		psk, sends, ok := env.Emu.ConnectionPSK(id)
		if !ok {
			return fmt.Errorf("connection %s unknown to the emulator", id)
		}
		if psk != wantPSK {
			return fmt.Errorf("the emulator last received another psk than expected (len %d, want len %d)", len(psk), len(wantPSK))
		}
		if sends != wantSends {
			return fmt.Errorf("the psk was sent %d times, want %d", sends, wantSends)
		}
		return nil
	}
}

func TestAccVPNConnection_basic(t *testing.T) {
	env := newTestEnv(t)
	cfg := connConfig(env, connBasicBody()...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("name"), knownvalue.StringExact("conn-basic")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("style"), knownvalue.StringExact("static")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("enable_nqa"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("status"), knownvalue.StringExact("DOWN")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ha_role"), knownvalue.StringExact("master")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("enterprise_project_id"), knownvalue.StringExact("0")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("policy_rules"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("connection_monitor_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("peer_subnets"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("10.10.0.0/16")})),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"ike_version":              knownvalue.StringExact("v2"),
						"phase1_negotiation_mode":  knownvalue.Null(),
						"authentication_algorithm": knownvalue.StringExact("sha2-256"),
						"encryption_algorithm":     knownvalue.StringExact("aes-128"),
						"dh_group":                 knownvalue.StringExact("group15"),
						"authentication_method":    knownvalue.StringExact("pre-share"),
						"lifetime_seconds":         knownvalue.Int64Exact(86400),
						"local_id_type":            knownvalue.StringExact("ip"),
						"local_id":                 knownvalue.NotNull(),
						"peer_id_type":             knownvalue.StringExact("ip"),
						"peer_id":                  knownvalue.StringExact("203.0.113.10"),
						"dpd": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"timeout":  knownvalue.Int64Exact(15),
							"interval": knownvalue.Int64Exact(30),
							"msg":      knownvalue.StringExact("seq-hash-notify"),
						}),
					})),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ipsecpolicy"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"authentication_algorithm": knownvalue.StringExact("sha2-256"),
						"encryption_algorithm":     knownvalue.StringExact("aes-128"),
						"pfs":                      knownvalue.StringExact("group15"),
						"transform_protocol":       knownvalue.StringExact("esp"),
						"lifetime_seconds":         knownvalue.Int64Exact(3600),
						"encapsulation_mode":       knownvalue.StringExact("tunnel"),
					})),
					// local_id of type ip is the gateway address the connection uses.
					statecheck.CompareValuePairs(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("local_id"),
						gwAddr, tfjsonpath.New("access_private_ip_1"), compare.ValuesSame()),
					statecheck.CompareValuePairs(connAddr, tfjsonpath.New("enterprise_project_id"),
						gwAddr, tfjsonpath.New("enterprise_project_id"), compare.ValuesSame()),
				},
				Check: connPSKSends(env, connTestPSK, 1),
			},
			connImportStep(),
		},
	})
}

// connConfigP is connConfig with extra lines in the provider block.
func connConfigP(env *testEnv, providerExtra []string, gwExtra []string, body ...string) string {
	return env.ProviderConfig(providerExtra...) + connGateway(gwExtra...) +
		connResource("test", append([]string{"vgw_ip = huaweicloudvpn_vpn_gateway.test.access_private_ip_1"}, body...)...)
}

// connImportStep imports the connection "test" by id and compares the
// imported state with the state, except psk, which the service never returns.
func connImportStep() resource.TestStep {
	return resource.TestStep{
		ResourceName:            connAddr,
		ImportState:             true,
		ImportStateVerify:       true,
		ImportStateVerifyIgnore: []string{"psk"},
	}
}

// expectUpdate is a pre-apply plan check: an in-place update of the connection.
func expectUpdate() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connAddr, plancheck.ResourceActionUpdate)}}
}

// expectReplace is a pre-apply plan check: the connection is replaced.
func expectReplace() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connAddr, plancheck.ResourceActionDestroyBeforeCreate)}}
}

// expectEmptyPlan is a pre-apply plan check: nothing to do.
func expectEmptyPlan() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

func TestAccVPNConnection_update(t *testing.T) {
	env := newTestEnv(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	body := connBasicBody()
	step := func(b []string, checks ...statecheck.StateCheck) resource.TestStep {
		return resource.TestStep{
			Config:            connConfig(env, b...),
			ConfigPlanChecks:  expectUpdate(),
			ConfigStateChecks: append([]statecheck.StateCheck{sameID.AddStateValue(connAddr, tfjsonpath.New("id"))}, checks...),
		}
	}
	replaceLine := func(b []string, prefix, line string) []string {
		out := append([]string{}, b...)
		for i, l := range out {
			if strings.HasPrefix(l, prefix) {
				out[i] = line
				return out
			}
		}
		return append(out, line)
	}
	b1 := replaceLine(replaceLine(body, "name", `name = "conn-renamed"`), "cgw_id", `cgw_id = huaweicloudvpn_customer_gateway.b.id`)
	b2 := replaceLine(b1, "peer_subnets", `peer_subnets = ["10.10.0.0/16", "10.20.0.0/16"]`)
	b2 = append(b2, `tunnel_local_address = "169.254.10.1/30"`, `tunnel_peer_address = "169.254.10.2/30"`)
	b3 := replaceLine(b2, "psk", `psk = "`+connTestPSK2+`"`)
	b4 := append(append([]string{}, b3...), `ikepolicy = {`, `  ike_version = "v1"`, `  phase1_negotiation_mode = "aggressive"`,
		`  authentication_algorithm = "sha2-512"`, `  lifetime_seconds = 3600`, `  dpd = { timeout = 20 }`, `}`)
	b5 := append(append([]string{}, b4...), `ipsecpolicy = { pfs = "group16", lifetime_seconds = 7200 }`)
	b6 := append(append([]string{}, b5...), `tags = { team = "net" }`)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config:            connConfig(env, body...),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(connAddr, tfjsonpath.New("id"))},
			},
			step(b1,
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("name"), knownvalue.StringExact("conn-renamed")),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("peer_id"), knownvalue.StringExact("203.0.113.11")),
				statecheck.CompareValuePairs(connAddr, tfjsonpath.New("cgw_id"), "huaweicloudvpn_customer_gateway.b", tfjsonpath.New("id"), compare.ValuesSame()),
			),
			step(b2,
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("peer_subnets"), knownvalue.SetSizeExact(2)),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("tunnel_local_address"), knownvalue.StringExact("169.254.10.1/30")),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("tunnel_peer_address"), knownvalue.StringExact("169.254.10.2/30")),
			),
			{
				Config:            connConfig(env, b3...),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(connAddr, tfjsonpath.New("id"))},
				Check:             connPSKSends(env, connTestPSK2, 2),
			},
			step(b4,
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("ike_version"), knownvalue.StringExact("v1")),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("phase1_negotiation_mode"), knownvalue.StringExact("aggressive")),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("authentication_algorithm"), knownvalue.StringExact("sha2-512")),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("lifetime_seconds"), knownvalue.Int64Exact(3600)),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("dpd").AtMapKey("timeout"), knownvalue.Int64Exact(20)),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("dpd").AtMapKey("interval"), knownvalue.Int64Exact(30)),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("encryption_algorithm"), knownvalue.StringExact("aes-128")),
			),
			step(b5,
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ipsecpolicy").AtMapKey("pfs"), knownvalue.StringExact("group16")),
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ipsecpolicy").AtMapKey("lifetime_seconds"), knownvalue.Int64Exact(7200)),
			),
			step(b6,
				statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("net")})),
			),
			connImportStep(),
		},
	})
}

func TestAccVPNConnection_replace(t *testing.T) {
	env := newTestEnv(t)
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	idCheck := func() []statecheck.StateCheck {
		return []statecheck.StateCheck{differentID.AddStateValue(connAddr, tfjsonpath.New("id"))}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{Config: connConfig(env, connBasicBody()...), ConfigStateChecks: idCheck()},
			{
				Config:           connConfig(env, connBasicBody(`vgw_ip = huaweicloudvpn_vpn_gateway.test.access_private_ip_2`)...),
				ConfigPlanChecks: expectReplace(),
				ConfigStateChecks: append(idCheck(), statecheck.CompareValuePairs(connAddr, tfjsonpath.New("vgw_ip"),
					gwAddr, tfjsonpath.New("access_private_ip_2"), compare.ValuesSame())),
			},
			{
				Config: connConfig(env, connBasicBody(`vgw_ip = huaweicloudvpn_vpn_gateway.test.access_private_ip_2`,
					`style = "bgp"`, `tunnel_local_address = "169.254.20.1/30"`, `tunnel_peer_address = "169.254.20.2/30"`)...),
				ConfigPlanChecks: expectReplace(),
				ConfigStateChecks: append(idCheck(),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("style"), knownvalue.StringExact("bgp")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("enable_nqa"), knownvalue.Null())),
			},
			{
				Config: connConfig(env, connBasicBody(`vgw_ip = huaweicloudvpn_vpn_gateway.test.access_private_ip_2`,
					`style = "bgp"`, `tunnel_local_address = "169.254.20.1/30"`, `tunnel_peer_address = "169.254.20.2/30"`,
					`ikepolicy = { authentication_method = "digital-envelope-v2" }`)...),
				ConfigPlanChecks: expectReplace(),
				ConfigStateChecks: append(idCheck(), statecheck.ExpectKnownValue(connAddr,
					tfjsonpath.New("ikepolicy").AtMapKey("authentication_method"), knownvalue.StringExact("digital-envelope-v2"))),
			},
		},
	})
}

func TestAccVPNConnection_disappears(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{{
			Config:             connConfig(env, connBasicBody()...),
			Check:              checkDeletedBehindTerraform(env, emulator.KindConnection, connAddr, "id"),
			ExpectNonEmptyPlan: true,
		}},
	})
}

func TestAccVPNConnection_tags(t *testing.T) {
	env := newTestEnv(t)
	defaults := []string{`default_tags {`, `  tags = { env = "test", owner = "netops" }`, `}`}
	tagsAll := func(m map[string]string) statecheck.StateCheck {
		checks := map[string]knownvalue.Check{}
		for k, v := range m {
			checks[k] = knownvalue.StringExact(v)
		}
		return statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(checks))
	}
	apiTags := func(want map[string]string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id, err := connID(s)
			if err != nil {
				return err
			}
			conn, err := env.Client.GetVPNConnection(context.Background(), id)
			if err != nil {
				return err
			}
			got := tagsToMap(conn.Tags)
			if len(got) != len(want) {
				return fmt.Errorf("service tags %v, want %v", got, want)
			}
			for k, v := range want {
				if got[k] != v {
					return fmt.Errorf("service tags %v, want %v", got, want)
				}
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config:            connConfigP(env, defaults, nil, connBasicBody(`tags = { team = "net", owner = "vpn" }`)...),
				ConfigStateChecks: []statecheck.StateCheck{tagsAll(map[string]string{"env": "test", "owner": "vpn", "team": "net"})},
				Check:             apiTags(map[string]string{"env": "test", "owner": "vpn", "team": "net"}),
			},
			{
				Config:            connConfigP(env, defaults, nil, connBasicBody(`tags = { team = "ops" }`)...),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{tagsAll(map[string]string{"env": "test", "owner": "netops", "team": "ops"})},
				Check:             apiTags(map[string]string{"env": "test", "owner": "netops", "team": "ops"}),
			},
			{
				Config:           connConfigP(env, defaults, nil, connBasicBody()...),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					tagsAll(map[string]string{"env": "test", "owner": "netops"}),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("tags"), knownvalue.Null()),
				},
				Check: apiTags(map[string]string{"env": "test", "owner": "netops"}),
			},
		},
	})
}

// connPolicyBody is a policy connection whose first rule the service splits.
func connPolicyBody(extraDest string) []string {
	dest2 := `["10.30.0.0/16"]`
	if extraDest != "" {
		dest2 = `["10.30.0.0/16", "` + extraDest + `"]`
	}
	return []string{
		`cgw_id       = huaweicloudvpn_customer_gateway.a.id`,
		`style        = "policy"`,
		`peer_subnets = ["10.10.0.0/16", "10.20.0.0/16", "10.30.0.0/16", "10.40.0.0/16"]`,
		`psk_wo       = "` + connTestPSK + `"`,
		`policy_rules = [`,
		`  { source = "192.168.0.0/24", destination = ["10.10.0.0/16", "10.20.0.0/16"] },`,
		`  { source = "192.168.1.0/24", destination = ` + dest2 + ` },`,
		`]`,
	}
}

func TestAccVPNConnection_policy(t *testing.T) {
	env := newTestEnv(t)
	rule := func(idx int64, src string, dst ...string) knownvalue.Check {
		d := make([]knownvalue.Check, 0, len(dst))
		for _, s := range dst {
			d = append(d, knownvalue.StringExact(s))
		}
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"rule_index": knownvalue.Int64Exact(idx), "source": knownvalue.StringExact(src), "destination": knownvalue.SetExact(d),
		})
	}
	splitByService := func(want int) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id, err := connID(s)
			if err != nil {
				return err
			}
			conn, err := env.Client.GetVPNConnection(context.Background(), id)
			if err != nil {
				return err
			}
			if len(conn.PolicyRules) != want {
				return fmt.Errorf("the service holds %d rules, want %d (split per destination)", len(conn.PolicyRules), want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: connConfig(env, connPolicyBody("")...),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("style"), knownvalue.StringExact("policy")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("enable_nqa"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("policy_rules"), knownvalue.ListExact([]knownvalue.Check{
						rule(1, "192.168.0.0/24", "10.10.0.0/16", "10.20.0.0/16"),
						rule(3, "192.168.1.0/24", "10.30.0.0/16"),
					})),
				},
				Check: splitByService(3),
			},
			{
				// An import block: the plan after import must be a no-op
				// (psk_wo is write-only, so nothing differs).
				Config:          connConfig(env, connPolicyBody("")...),
				ResourceName:    connAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				Config:           connConfig(env, connPolicyBody("10.40.0.0/16")...),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("policy_rules"), knownvalue.ListExact([]knownvalue.Check{
						rule(1, "192.168.0.0/24", "10.10.0.0/16", "10.20.0.0/16"),
						rule(3, "192.168.1.0/24", "10.30.0.0/16", "10.40.0.0/16"),
					})),
				},
				Check: splitByService(4),
			},
		},
	})
}

func TestAccVPNConnection_bgp(t *testing.T) {
	env := newTestEnv(t)
	body := []string{
		`cgw_id               = huaweicloudvpn_customer_gateway.a.id`,
		`style                = "bgp"`,
		`peer_subnets         = ["10.10.0.0/16"]`,
		`tunnel_local_address = "169.254.56.225/30"`,
		`tunnel_peer_address  = "169.254.56.226/30"`,
		`psk                  = "` + connTestPSK + `"`,
		`ikepolicy = {`,
		`  authentication_algorithm = "sha2-512"`,
		`  encryption_algorithm     = "aes-256"`,
		`  dh_group                 = "group16"`,
		`  lifetime_seconds         = 172800`,
		`  local_id_type            = "fqdn"`,
		`  local_id                 = "cloud.example.com"`,
		`  dpd = { timeout = 30, interval = 60, msg = "seq-notify-hash" }`,
		`}`,
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: connConfig(env, body...),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("style"), knownvalue.StringExact("bgp")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("enable_nqa"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("local_id"), knownvalue.StringExact("cloud.example.com")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("peer_id"), knownvalue.StringExact("203.0.113.10")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ikepolicy").AtMapKey("dpd").AtMapKey("msg"), knownvalue.StringExact("seq-notify-hash")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("ipsecpolicy").AtMapKey("pfs"), knownvalue.StringExact("group15")),
				},
			},
			connImportStep(),
		},
	})
}

func TestAccVPNConnection_activeStandby(t *testing.T) {
	env := newTestEnv(t)
	pair := func(slaveRole string) string {
		slave := []string{
			`vgw_ip       = huaweicloudvpn_vpn_gateway.test.access_private_ip_2`,
			`cgw_id       = huaweicloudvpn_customer_gateway.b.id`,
			`peer_subnets = ["10.10.0.0/16"]`,
			`psk          = "` + connTestPSK + `"`,
		}
		if slaveRole != "" {
			slave = append(slave, `ha_role = "`+slaveRole+`"`)
		}
		return env.ProviderConfig() + connGateway(`ha_mode = "active-standby"`) +
			connResource("master",
				`vgw_ip       = huaweicloudvpn_vpn_gateway.test.access_private_ip_1`,
				`cgw_id       = huaweicloudvpn_customer_gateway.a.id`,
				`peer_subnets = ["10.10.0.0/16"]`,
				`psk          = "`+connTestPSK+`"`,
				`ha_role      = "master"`) +
			connResource("slave", slave...)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				// The slave's role is inferred from its address.
				Config: pair(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.master", tfjsonpath.New("ha_role"), knownvalue.StringExact("master")),
					statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.slave", tfjsonpath.New("ha_role"), knownvalue.StringExact("slave")),
				},
			},
			{Config: pair("slave"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{Config: pair("master"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Invalid HA Role.*must have ha_role "slave"`)},
		},
	})
}

// noSecretInState is a state check: the JSON state holds none of secrets.
type noSecretInState struct{ secrets []string }

// CheckState implements statecheck.StateCheck.
func (c noSecretInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	b, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if !strings.Contains(string(b), `"psk_wo_version"`) {
		resp.Error = fmt.Errorf("the state JSON has no connection attributes: the check would prove nothing")
		return
	}
	for _, s := range c.secrets {
		if strings.Contains(string(b), s) {
			resp.Error = fmt.Errorf("the state contains a pre-shared key")
			return
		}
	}
}

func TestAccVPNConnection_pskWO(t *testing.T) {
	env := newTestEnv(t)
	body := func(psk string, version int) []string {
		return []string{
			`cgw_id         = huaweicloudvpn_customer_gateway.a.id`,
			`peer_subnets   = ["10.10.0.0/16"]`,
			`psk_wo         = "` + psk + `"`,
			fmt.Sprintf(`psk_wo_version = %d`, version),
		}
	}
	noSecrets := noSecretInState{secrets: []string{connTestPSK, connTestPSK2}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: connConfig(env, body(connTestPSK, 1)...),
				ConfigStateChecks: []statecheck.StateCheck{
					noSecrets,
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("psk"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("psk_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("psk_wo_version"), knownvalue.Int64Exact(1)),
				},
				Check: connPSKSends(env, connTestPSK, 1),
			},
			{
				// A new write-only value alone is invisible to Terraform: nothing is sent.
				Config:            connConfig(env, body(connTestPSK2, 1)...),
				ConfigPlanChecks:  expectEmptyPlan(),
				ConfigStateChecks: []statecheck.StateCheck{noSecrets},
				Check:             connPSKSends(env, connTestPSK, 1),
			},
			{
				Config: connConfig(env, body(connTestPSK2, 2)...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connAddr, plancheck.ResourceActionUpdate),
					// Write-only: never in the plan.
					plancheck.ExpectKnownValue(connAddr, tfjsonpath.New("psk_wo"), knownvalue.Null()),
					plancheck.ExpectKnownValue(connAddr, tfjsonpath.New("psk"), knownvalue.Null()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{noSecrets},
				Check:             connPSKSends(env, connTestPSK2, 2),
			},
			{
				// Back from psk_wo to psk and on to psk_wo: each switch sends the key.
				Config:           connConfig(env, connBasicBody()...),
				ConfigPlanChecks: expectUpdate(),
				Check:            connPSKSends(env, connTestPSK, 3),
			},
			{
				Config:            connConfig(env, body(connTestPSK2, 2)...),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{noSecrets},
				Check:             connPSKSends(env, connTestPSK2, 4),
			},
		},
	})
}

func TestAccVPNConnection_enableNqaOff(t *testing.T) {
	env := newTestEnv(t)
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	nqa := func(want bool) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id, err := connID(s)
			if err != nil {
				return err
			}
			conn, err := env.Client.GetVPNConnection(context.Background(), id)
			if err != nil {
				return err
			}
			if conn.EnableNQA == nil || *conn.EnableNQA != want {
				return fmt.Errorf("the service's enable_nqa is %v, want %v", conn.EnableNQA, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: connConfig(env, connBasicBody(`enable_nqa = true`)...),
				ConfigStateChecks: []statecheck.StateCheck{
					differentID.AddStateValue(connAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("enable_nqa"), knownvalue.Bool(true)),
				},
				Check: nqa(true),
			},
			{
				// The update API has no enable_nqa: turning it off replaces the connection.
				Config:           connConfig(env, connBasicBody(`enable_nqa = false`)...),
				ConfigPlanChecks: expectReplace(),
				ConfigStateChecks: []statecheck.StateCheck{
					differentID.AddStateValue(connAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("enable_nqa"), knownvalue.Bool(false)),
				},
				Check: nqa(false),
			},
			{
				// Omitting it means false for a static connection: no diff.
				Config:           connConfig(env, connBasicBody()...),
				ConfigPlanChecks: expectEmptyPlan(),
			},
		},
	})
}

func TestAccVPNConnection_styleCase(t *testing.T) {
	env := newTestEnv(t)
	writes := func(s *terraform.State) error {
		for k, n := range env.Emu.RequestCounts() {
			if strings.HasPrefix(k, "PUT ") && strings.Contains(k, "vpn-connection") && n > 0 {
				return fmt.Errorf("a case change of style sent %d update(s): %s", n, k)
			}
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config:            connConfig(env, connBasicBody(`style = "STATIC"`)...),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("style"), knownvalue.StringExact("STATIC"))},
			},
			{
				Config:            connConfig(env, connBasicBody(`style = "static"`)...),
				ConfigPlanChecks:  expectEmptyPlan(),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("style"), knownvalue.StringExact("STATIC"))},
				Check:             writes,
			},
			{
				Config:           connConfig(env, connBasicBody(`style = "Static"`)...),
				ConfigPlanChecks: expectEmptyPlan(),
				Check:            writes,
			},
			{
				// After an import the style is stored in the request form.
				ResourceName:                         connAddr,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateVerifyIgnore:              []string{"psk", "style"},
				ImportStateVerifyIdentifierAttribute: "id",
			},
			{
				// ... and the plan after an import with STATIC is empty (with
				// psk_wo, which an import cannot show as a change).
				Config: connConfig(env, `style = "STATIC"`, `cgw_id = huaweicloudvpn_customer_gateway.a.id`,
					`peer_subnets = ["10.10.0.0/16"]`, `psk_wo = "`+connTestPSK+`"`, `name = "conn-basic"`),
				ResourceName:    connAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

func TestAccVPNConnection_validation(t *testing.T) {
	env := newTestEnv(t)
	cases := []struct {
		body []string
		want string
	}{
		{connBasicBody(`style = "bgp"`, `enable_nqa = true`, `tunnel_local_address = "169.254.1.1/30"`, `tunnel_peer_address = "169.254.1.2/30"`), `enable_nqa applies only to connections of style static`},
		{connBasicBody(`policy_rules = [{ source = "192.168.0.0/24", destination = ["10.0.0.0/24"] }]`), `policy_rules apply only to connections of style policy`},
		{connBasicBody(`style = "policy"`, `policy_rules = [{ source = "192.168.0.0/24", destination = ["10.0.0.0/24"] }, { source = "192.168.0.0/24", destination = ["10.1.0.0/24"] }]`), `source 192.168.0.0/24 is used by another rule`},
		{connBasicBody(`style = "sideways"`), `(?i)value must be one of`},
		{connBasicBody(`tunnel_local_address = "169.254.195.1/30"`, `tunnel_peer_address = "169.254.195.2/30"`), `may not be inside 169.254.195.0/24`},
		{connBasicBody(`tunnel_local_address = "169.254.10.1/30"`, `tunnel_peer_address = "169.254.10.6/30"`), `must be in the same /30`},
		{connBasicBody(`tunnel_local_address = "169.254.10.0/30"`, `tunnel_peer_address = "169.254.10.1/30"`), `host address`},
		{connBasicBody(`tunnel_local_address = "169.254.10.1/29"`, `tunnel_peer_address = "169.254.10.2/29"`), `mask length 30`},
		{connBasicBody(`tunnel_local_address = "169.254.10.1/30"`), `(?s)tunnel_peer_address.*must be specified|Missing Attribute Configuration`},
		{[]string{`cgw_id = huaweicloudvpn_customer_gateway.a.id`, `peer_subnets = ["10.10.0.0/16"]`, `psk = "short"`}, `(?s)Invalid Pre-Shared Key.*8-128 characters`},
		{[]string{`cgw_id = huaweicloudvpn_customer_gateway.a.id`, `peer_subnets = ["10.10.0.0/16"]`, `psk = "alllowercaseletters"`}, `at least three of`},
		{connBasicBody(`psk_wo = "` + connTestPSK2 + `"`), `(?i)conflicts with|cannot be specified when`},
		{connBasicBody(`psk_wo_version = 2`), `(?s)psk_wo.*must be specified|Missing Attribute Configuration`},
		{connBasicBody(`ikepolicy = { lifetime_seconds = 10 }`), `(?s)lifetime_seconds.*between 60 and 604800`},
		{connBasicBody(`ipsecpolicy = { lifetime_seconds = 10 }`), `(?s)lifetime_seconds.*between 30 and 604800`},
		{connBasicBody(`ikepolicy = { dpd = { timeout = 100 } }`), `(?s)timeout.*between 2 and 60`},
		{connBasicBody(`ikepolicy = { dpd = { interval = 5 } }`), `(?s)interval.*between 10 and 3600`},
		{connBasicBody(`ikepolicy = { dh_group = "group99" }`), `(?s)dh_group.*value must be one of`},
		{connBasicBody(`ikepolicy = { ike_version = "v2", phase1_negotiation_mode = "main" }`), `applies only to IKEv1`},
		{connBasicBody(`ikepolicy = { local_id = "gw.example.com" }`), `(?s)local_id "gw.example.com" is set with local_id_type ip.*may\s+only\s+repeat\s+that\s+IPv4\s+address`},
		{connBasicBody(`ikepolicy = { local_id_type = "ip", peer_id = "peer.example.com" }`), `(?s)peer_id "peer.example.com" is set with peer_id_type ip`},
		{connBasicBody(`ikepolicy = { peer_id_type = "fqdn" }`), `peer_id is required when peer_id_type is "fqdn"`},
		{[]string{`cgw_id = huaweicloudvpn_customer_gateway.a.id`, `peer_subnets = ["100.64.1.0/24"]`, `psk = "` + connTestPSK + `"`}, `(?s)overlaps the\s+reserved range 100.64.0.0/10`},
		{connBasicBody(`ha_role = "backup"`), `(?s)ha_role.*value must be one of`},
		{[]string{`cgw_id = "not-a-uuid"`, `peer_subnets = ["10.10.0.0/16"]`, `psk = "` + connTestPSK + `"`}, `must be a 36-character UUID`},
		{[]string{`name = "bad name!"`, `cgw_id = huaweicloudvpn_customer_gateway.a.id`, `peer_subnets = ["10.10.0.0/16"]`, `psk = "` + connTestPSK + `"`}, `(?s)Invalid Name`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      connConfig(env, c.body...),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// TestAccVPNConnection_validationGateway covers the checks that need the
// gateway: they run at plan time once it exists.
func TestAccVPNConnection_validationGateway(t *testing.T) {
	env := newTestEnv(t)
	base := env.ProviderConfig() + connGateway()
	withConn := func(body ...string) string {
		return base + connResource("test", append([]string{"vgw_ip = huaweicloudvpn_vpn_gateway.test.access_private_ip_1"}, body...)...)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{Config: base},
			{
				// A key is required to create a connection (checked before the
				// POST; plans never require it, see vpnConnectionGatewayProblems).
				Config:      withConn(`cgw_id = huaweicloudvpn_customer_gateway.a.id`, `peer_subnets = ["10.10.0.0/16"]`),
				ExpectError: regexp.MustCompile(`(?s)Missing Pre-Shared Key.*exactly one of psk and psk_wo`),
			},
			{
				// With id type ip, local_id and peer_id may only repeat the
				// addresses the service fills in.
				Config:      withConn(connBasicBody(`ikepolicy = { local_id = "192.0.2.1" }`)...),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)ikepolicy.local_id is "192.0.2.1" with local_id_type ip.*gateway\s+address`),
			},
			{
				Config:      withConn(connBasicBody(`ikepolicy = { peer_id = "192.0.2.2" }`)...),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)ikepolicy.peer_id is "192.0.2.2" with peer_id_type ip.*203.0.113.10`),
			},
			{
				Config:      withConn(connBasicBody(`ikepolicy = { authentication_algorithm = "sm3" }`)...),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Value For The Gateway Flavor.*authentication_algorithm must be one of`),
			},
			{
				Config:      withConn(connBasicBody(`ipsecpolicy = { encryption_algorithm = "sm4" }`)...),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Value For The Gateway Flavor.*encryption_algorithm must be one of`),
			},
			{
				Config:      withConn(`cgw_id = huaweicloudvpn_customer_gateway.a.id`, `psk = "`+connTestPSK+`"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Missing Attribute.*peer_subnets is required`),
			},
			{
				Config:      base + connResource("test", append([]string{`vgw_ip = "192.0.2.99"`}, connBasicBody()...)...),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Gateway Address.*is not an address of VPN gateway`),
			},
			{
				// ike_version left to the default, which is v2 on this flavor.
				Config:      withConn(connBasicBody(`ikepolicy = { phase1_negotiation_mode = "main" }`)...),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*applies only to IKEv1.*default\s+to\s+ike_version\s+v2`),
			},
		},
	})
}

func TestAccVPNConnection_faultInjection(t *testing.T) {
	base := newTestEnv(t, func(o *emulator.Options) {
		o.FaultRate = 0.1
		o.FaultSeed = 42
	})
	// Count the injected faults, so that the test proves they happened.
	var faults atomic.Int64
	env := connProxy(t, base, func(_ *http.Request, code int, body []byte) {
		if code >= http.StatusInternalServerError || code == http.StatusTooManyRequests || strings.Contains(string(body), "VPN.0030") {
			faults.Add(1)
		}
	})
	cfg := env.ProviderConfig() + connGateway() + `
resource "huaweicloudvpn_vpn_connection" "many" {
  count        = 4
  vgw_id       = huaweicloudvpn_vpn_gateway.test.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.test.access_private_ip_1
  cgw_id       = huaweicloudvpn_customer_gateway.a.id
  peer_subnets = ["10.${count.index}.0.0/16"]
  psk          = "` + connTestPSK + `"
  tags         = { n = "${count.index}" }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			for _, kind := range []string{emulator.KindConnection, emulator.KindGateway, emulator.KindCustomerGateway} {
				if err := env.CheckDestroy(kind)(s); err != nil {
					return err
				}
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(*terraform.State) error {
				if n := len(env.Emu.Resources()[emulator.KindConnection]); n != 4 {
					return fmt.Errorf("the emulator holds %d connections, want 4", n)
				}
				if faults.Load() == 0 {
					return fmt.Errorf("no fault was injected: the test proves nothing")
				}
				return nil
			},
		}},
	})
}

// TestAccVPNConnection_noPSKInTraceLogs runs a create and a psk change with
// TRACE logging into a file and checks that no key reaches it. It sets
// environment variables, so it does not run in parallel.
func TestAccVPNConnection_noPSKInTraceLogs(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	env := newTestEnv(t)
	logFile := filepath.Join(t.TempDir(), "provider.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PROVIDER", "TRACE")
	t.Setenv("TF_LOG_PROVIDER_HUAWEICLOUDVPN_HTTP", "TRACE")
	t.Setenv("TF_LOG_PATH", logFile)
	t.Setenv("TF_ACC_LOG_PATH", "")
	t.Setenv("TF_LOG_PATH_MASK", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{Config: connConfig(env, connBasicBody()...)},
			{
				Config: connConfig(env, `cgw_id = huaweicloudvpn_customer_gateway.a.id`, `peer_subnets = ["10.10.0.0/16"]`,
					`psk = "`+connTestPSK2+`"`),
				ConfigPlanChecks: expectUpdate(),
			},
			{
				// The write-only key goes through the configuration only.
				Config: connConfig(env, `cgw_id = huaweicloudvpn_customer_gateway.a.id`, `peer_subnets = ["10.10.0.0/16"]`,
					`psk_wo = "`+connTestPSK3+`"`, `psk_wo_version = 1`),
				ConfigPlanChecks: expectUpdate(),
				Check:            connPSKSends(env, connTestPSK3, 3),
			},
		},
	})
	b, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the log: %v", err)
	}
	log := providerLogEntries(string(b))
	// The request bodies are in the log, with the key redacted.
	if !strings.Contains(log, "vpn-connection") || !strings.Contains(log, `psk\":\"***`) {
		t.Fatalf("the TRACE log (%d bytes) has no connection request bodies: the check would prove nothing", len(b))
	}
	for _, psk := range []string{connTestPSK, connTestPSK2, connTestPSK3} {
		if strings.Contains(log, psk) {
			t.Fatalf("a pre-shared key appears in the TRACE log")
		}
	}
}

// logEntryStart matches the first line of an hclog entry.
var logEntryStart = regexp.MustCompile(`^\d{4}-\d\d-\d\dT[^ ]+ \[[A-Z]+\] `)

// providerLogEntries returns the log without the entries of the test
// harness itself (sdk.helper_resource), which prints each step's
// configuration, keys included. Provider, framework and protocol entries stay.
func providerLogEntries(log string) string {
	var b strings.Builder
	keep := true
	for _, line := range strings.SplitAfter(log, "\n") {
		if logEntryStart.MatchString(line) {
			keep = !strings.Contains(line, "] sdk.helper_resource:")
		}
		if keep {
			b.WriteString(line)
		}
	}
	return b.String()
}

// connProxy serves env's emulator through a proxy (hookServer) that calls
// after with the request and the emulator's answer (status code and body)
// before the answer goes back to the provider.
func connProxy(t *testing.T, env *testEnv, after func(r *http.Request, code int, body []byte)) *testEnv {
	t.Helper()
	return hookServer(t, env, func(_ http.ResponseWriter, r *http.Request, out *httptest.ResponseRecorder) bool {
		after(r, out.Code, out.Body.Bytes())
		return false
	})
}

// isConnCreate reports a POST to the connection collection.
func isConnCreate(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/vpn-connection")
}

// TestAccVPNConnection_errorStatus: a connection that enters ERROR fails the
// create (it stays in the state, tainted, and is replaced by the next apply)
// and the update, each time with the service's status; the update the
// service accepted is in the state.
func TestAccVPNConnection_errorStatus(t *testing.T) {
	base := newTestEnv(t)
	var armed atomic.Bool
	armed.Store(true)
	env := connProxy(t, base, func(r *http.Request, code int, body []byte) {
		if !isConnCreate(r) || code != http.StatusCreated || !armed.CompareAndSwap(true, false) {
			return
		}
		// The service puts the new connection in ERROR before the provider sees it settle.
		var out struct {
			VPNConnection struct {
				ID string `json:"id"`
			} `json:"vpn_connection"`
		}
		if err := json.Unmarshal(body, &out); err != nil {
			t.Errorf("decoding the create answer: %v", err)
			return
		}
		if err := base.Emu.SetConnectionStatus(out.VPNConnection.ID, "ERROR"); err != nil {
			t.Errorf("SetConnectionStatus: %v", err)
		}
	})
	renamed := connConfig(env, append(connBasicBody(), `name = "conn-renamed"`)[1:]...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config:      connConfig(env, connBasicBody()...),
				ExpectError: regexp.MustCompile(`(?s)Error Waiting For The VPN Connection To Be Created.*Last status: ERROR`),
			},
			{
				// The failed connection is tainted: it is replaced.
				Config: connConfig(env, connBasicBody()...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("status"), knownvalue.StringExact("DOWN")),
				},
				Check: func(s *terraform.State) error {
					if n := len(env.Emu.Resources()[emulator.KindConnection]); n != 1 {
						return fmt.Errorf("the emulator holds %d connections, want 1 (the failed one deleted)", n)
					}
					id, err := connID(s)
					if err != nil {
						return err
					}
					// The connection fails later, outside Terraform.
					return env.Emu.SetConnectionStatus(id, "ERROR")
				},
			},
			{
				Config:      renamed,
				ExpectError: regexp.MustCompile(`(?s)Error Waiting For The VPN Connection To Be Updated.*Last status: ERROR`),
			},
			{
				// The service applied the rename: nothing left to do.
				Config:   renamed,
				PlanOnly: true,
			},
		},
	})
}

// connTestClock is an emulator clock that a test can stop and restart.
type connTestClock struct {
	mu     sync.Mutex
	frozen bool
	at     time.Time
	offset time.Duration
}

// Now is the clock's time.
func (c *connTestClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		return c.at
	}
	return time.Now().Add(c.offset)
}

// freeze stops the clock.
func (c *connTestClock) freeze() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.frozen {
		c.at, c.frozen = time.Now().Add(c.offset), true
	}
}

// resume restarts a stopped clock skip later than where it stopped.
func (c *connTestClock) resume(skip time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.offset = time.Until(c.at.Add(skip))
		c.frozen = false
	}
}

// TestAccVPNConnection_parallel creates 20 connections on one gateway at
// once while the gateway is busy with an update: the service answers "not
// ready" until the gateway settles (its clock is stopped until 20 such
// answers went out), and every connection is created within the timeout.
func TestAccVPNConnection_parallel(t *testing.T) {
	clock := &connTestClock{}
	base := newTestEnv(t, func(o *emulator.Options) { o.Now = clock.Now })
	t.Cleanup(func() { clock.resume(0) })
	var notReady atomic.Int64
	env := connProxy(t, base, func(r *http.Request, code int, body []byte) {
		if isConnCreate(r) && code == http.StatusForbidden && strings.Contains(string(body), "not ready") {
			if notReady.Add(1) == 20 {
				clock.resume(10 * testEmulatorDelay)
			}
		}
	})
	gateways := env.ProviderConfig() + connGateway()
	cfg := gateways + `
resource "huaweicloudvpn_vpn_connection" "many" {
  count        = 20
  name         = "conn-${count.index}"
  vgw_id       = huaweicloudvpn_vpn_gateway.test.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.test.access_private_ip_1
  cgw_id       = huaweicloudvpn_customer_gateway.a.id
  peer_subnets = ["10.${count.index}.0.0/16"]
  psk          = "` + connTestPSK + `"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{Config: gateways},
			{
				PreConfig: func() {
					// Start a gateway update (same name: nothing to plan) and stop the clock.
					ids := base.Emu.Resources()[emulator.KindGateway]
					if len(ids) != 1 {
						t.Fatalf("want 1 gateway, got %d", len(ids))
					}
					clock.freeze()
					if _, err := base.Client.UpdateVPNGateway(t.Context(), ids[0], &client.UpdateVPNGatewayRequest{Name: "gw-conn"}); err != nil {
						t.Fatalf("updating the gateway: %v", err)
					}
				},
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.many[0]", tfjsonpath.New("status"), knownvalue.StringExact("DOWN")),
					statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.many[19]", tfjsonpath.New("status"), knownvalue.StringExact("DOWN")),
				},
				Check: func(*terraform.State) error {
					if n := notReady.Load(); n < 20 {
						return fmt.Errorf("the service answered \"not ready\" %d times, want at least 20: the gateway was not busy", n)
					}
					if n := len(env.Emu.Resources()[emulator.KindConnection]); n != 20 {
						return fmt.Errorf("the emulator holds %d connections, want 20", n)
					}
					return nil
				},
			},
		},
	})
}

// exampleVariableBlock matches a top-level variable block of an example.
var exampleVariableBlock = regexp.MustCompile(`(?ms)^variable "([^"]+)" \{.*?^\}\n?`)

// TestAccVPNConnection_examples applies every connection example (static,
// bgp, policy, active-standby, GM) with the gateway, customer gateway and
// gateway certificate examples they build on, in one module against the
// emulator; the plan after the apply must be empty.
func TestAccVPNConnection_examples(t *testing.T) {
	env := newTestEnv(t)
	dir := t.TempDir()
	examples := filepath.Join("..", "..", "examples", "resources")
	sources := []string{
		filepath.Join("huaweicloudvpn_vpn_gateway", "resource.tf"),
		filepath.Join("huaweicloudvpn_customer_gateway", "resource.tf"),
		filepath.Join("huaweicloudvpn_vpn_gateway_certificate", "resource.tf"),
	}
	connFiles, err := filepath.Glob(filepath.Join(examples, "huaweicloudvpn_vpn_connection", "*.tf"))
	if err != nil || len(connFiles) < 5 {
		t.Fatalf("want at least 5 connection examples, got %v (%v)", connFiles, err)
	}
	for _, f := range connFiles {
		sources = append(sources, filepath.Join("huaweicloudvpn_vpn_connection", filepath.Base(f)))
	}
	declared := map[string]bool{}
	for i, src := range sources {
		b, err := os.ReadFile(filepath.Join(examples, src))
		if err != nil {
			t.Fatal(err)
		}
		// Each example stands alone, so several declare the same variables: keep the first.
		text := exampleVariableBlock.ReplaceAllStringFunc(string(b), func(block string) string {
			name := exampleVariableBlock.FindStringSubmatch(block)[1]
			if declared[name] {
				return ""
			}
			declared[name] = true
			return block
		})
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("example%d.tf", i)), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	pki := newTestPKI(t, "examples")
	for name, content := range map[string]string{
		"provider.tf": env.ProviderConfig(), "sign.crt": pki.Sign, "sign.key": pki.SignKey, "enc.crt": pki.Enc,
		"enc.key": pki.EncKey, "ca.crt": pki.CA, "peer-ca.crt": pki.CA,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	style := func(name, want string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection."+name, tfjsonpath.New("style"), knownvalue.StringExact(want))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			connCheckDestroy(env), env.CheckDestroy(emulator.KindGateway), env.CheckDestroy(emulator.KindCustomerGateway)),
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(dir),
			ConfigVariables: config.Variables{
				"vpc_id":    config.StringVariable("11111111-2222-3333-4444-555555555555"),
				"subnet_id": config.StringVariable("66666666-7777-8888-9999-000000000000"),
				"vpn_psk":   config.StringVariable(connTestPSK),
			},
			ConfigStateChecks: []statecheck.StateCheck{
				style("example", "static"), style("bgp", "bgp"), style("policy", "policy"),
				statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.slave", tfjsonpath.New("ha_role"), knownvalue.StringExact("slave")),
				statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.gm_policies", tfjsonpath.New("ikepolicy").AtMapKey("encryption_algorithm"), knownvalue.StringExact("sm4")),
				statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.example", tfjsonpath.New("psk"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error {
				// static, bgp, policy, master, slave, GM (example), GM (certificate example).
				if n := len(env.Emu.Resources()[emulator.KindConnection]); n != 7 {
					return fmt.Errorf("the emulator holds %d connections, want 7", n)
				}
				return nil
			},
		}},
	})
}

// TestAccVPNConnection_erGateway: on a gateway attached to an enterprise
// router, policy and bgp connections take no peer_subnets (checked at plan
// time) and are created without them.
func TestAccVPNConnection_erGateway(t *testing.T) {
	env := newTestEnv(t)
	base := env.ProviderConfig() + `
resource "huaweicloudvpn_vpn_gateway" "test" {
  name             = "gw-er"
  attachment_type  = "er"
  er_id            = "77777777-8888-9999-aaaa-bbbbbbbbbbbb"
  access_vpc_id    = "11111111-2222-3333-4444-555555555555"
  access_subnet_id = "66666666-7777-8888-9999-000000000000"
  eip1             = { type = "5_bgp", bandwidth_size = 10 }
  eip2             = { type = "5_bgp", bandwidth_size = 10 }
}

resource "huaweicloudvpn_customer_gateway" "a" {
  name     = "cgw-er"
  id_value = "203.0.113.50"
  bgp_asn  = 65050
}
`
	conn := func(extra ...string) string {
		return base + connResource("test", append([]string{
			`vgw_ip               = huaweicloudvpn_vpn_gateway.test.eip1.id`,
			`cgw_id               = huaweicloudvpn_customer_gateway.a.id`,
			`style                = "bgp"`,
			`tunnel_local_address = "169.254.30.1/30"`,
			`tunnel_peer_address  = "169.254.30.2/30"`,
			`psk                  = "` + connTestPSK + `"`,
		}, extra...)...)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{Config: base},
			{
				Config:      conn(`peer_subnets = ["10.10.0.0/16"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*attached to an enterprise\s+router.*take no\s+peer_subnets`),
			},
			{
				Config: conn(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("peer_subnets"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("status"), knownvalue.StringExact("DOWN")),
				},
			},
		},
	})
}

// A plan that would create a connection without a key warns at plan time
// (the error itself comes from Create, see vpnConnectionGatewayProblems), and
// one with a key does not.
func TestAccVPNConnection_missingKeyWarnsAtPlan(t *testing.T) {
	skipUnlessTF(t, "1.0.0")
	t.Parallel()
	env := newTestEnv(t)
	base := env.ProviderConfig() + connGateway()
	cli := newTFCLI(t, "")
	cli.Write(map[string]string{"main.tf": base})
	cli.Must("apply", "-auto-approve", "-input=false", "-no-color")

	withConn := func(body ...string) string {
		return base + connResource("test", append([]string{"vgw_ip = huaweicloudvpn_vpn_gateway.test.access_private_ip_1",
			`cgw_id = huaweicloudvpn_customer_gateway.a.id`, `peer_subnets = ["10.10.0.0/16"]`}, body...)...)
	}
	warning := regexp.MustCompile(`(?s)Warning: Missing Pre-Shared Key.*creating this connection will fail`)
	cli.Write(map[string]string{"main.tf": withConn()})
	if changes, out := cli.PlanChanges(); !changes || !warning.MatchString(out) {
		t.Errorf("plan of a connection without a key: changes %v, want the Missing Pre-Shared Key warning:\n%s", changes, out)
	}
	cli.Write(map[string]string{"main.tf": withConn(`psk = "` + connTestPSK + `"`)})
	if changes, out := cli.PlanChanges(); !changes || warning.MatchString(out) {
		t.Errorf("plan of a connection with a key: changes %v, want no warning:\n%s", changes, out)
	}
	cli.Write(map[string]string{"main.tf": env.ProviderConfig()})
	cli.Must("apply", "-auto-approve", "-input=false", "-no-color")
}
