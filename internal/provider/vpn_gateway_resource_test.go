package provider

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

const vgwAddr = "huaweicloudvpn_vpn_gateway.test"

// Ids used by the gateway tests (the emulator does not look them up).
const (
	vgwTestVPC     = "1b5a9c2e-6f0d-4a8b-9c3e-2d4f6a8b0c1e"
	vgwTestSubnet  = "2c6b0d3f-7a1e-4b9c-8d4f-3e5a7b9c1d2f"
	vgwTestVPC2    = "3d7c1e4a-8b2f-4cad-9e5a-4f6b8cad2e3a"
	vgwTestSubnet2 = "4e8d2f5b-9c3a-4dbe-8f6b-5a7c9dbe3f4b"
	vgwTestER      = "5f9e3a6c-ad4b-4ecf-9a7c-6b8daecf4a5c"
	vgwTestEIP1    = "6a1f4b7d-be5c-4fda-8b8d-7c9ebfda5b6d"
	vgwTestEIP2    = "7b2a5c8e-cf6d-4aeb-9c9e-8dafcaeb6c7e"
	vgwTestEIP3    = "8c3b6d9f-da7e-4bfc-8dae-9ebadbfc7d8f"
	vgwTestEPS     = "9d4c7eaf-eb8f-4cad-9ebf-afcbecad8e9a"
)

// Route patterns of the emulator's request counters.
const (
	vgwGetRoute       = "GET /v5/{project_id}/vpn-gateways/{vgw_id}"
	vgwPutRoute       = "PUT /v5/{project_id}/vpn-gateways/{vgw_id}"
	vgwSpecRoute      = "POST /v5/{project_id}/vpn-gateways/{vgw_id}/update-specification"
	vgwTagRoutePrefix = "/v5/{project_id}/vpn-gateway/"
)

// vgwNewEIPs is eip1/eip2 for two new EIPs of the given bandwidth.
func vgwNewEIPs(size int) string {
	return fmt.Sprintf(`
  eip1 = { type = "5_bgp", bandwidth_size = %[1]d }
  eip2 = { type = "5_bgp", bandwidth_size = %[1]d }`, size)
}

// vgwPublicConfig is a public vpc gateway; extra lines go in the resource block.
func vgwPublicConfig(env *testEnv, providerExtra []string, extra ...string) string {
	return env.ProviderConfig(providerExtra...) + fmt.Sprintf(`
resource "huaweicloudvpn_vpn_gateway" "test" {
  vpc_id         = %q
  connect_subnet = %q
%s
}
`, vgwTestVPC, vgwTestSubnet, strings.Join(extra, "\n"))
}

func TestAccVPNGateway_basic(t *testing.T) {
	env := newTestEnv(t)
	cfg := vgwPublicConfig(env, nil, `  name = "gw-basic"`, `  local_subnets = ["192.168.0.0/24", "192.168.1.0/24"]`, vgwNewEIPs(100))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("name"), knownvalue.StringExact("gw-basic")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("network_type"), knownvalue.StringExact("public")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("attachment_type"), knownvalue.StringExact("vpc")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("flavor"), knownvalue.StringExact("Professional1")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("ha_mode"), knownvalue.StringExact("active-active")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("bgp_asn"), knownvalue.Int64Exact(64512)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("enterprise_project_id"), knownvalue.StringExact("0")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("access_vpc_id"), knownvalue.StringExact(vgwTestVPC)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("access_subnet_id"), knownvalue.StringExact(vgwTestSubnet)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("connection_number"), knownvalue.Int64Exact(200)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("availability_zone_ids"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("local_subnets"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("192.168.0.0/24"), knownvalue.StringExact("192.168.1.0/24"),
					})),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("ip_address"), knownvalue.StringRegexp(regexp.MustCompile(`^203\.0\.113\.\d+$`))),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("charge_mode"), knownvalue.StringExact("bandwidth")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip2").AtMapKey("bandwidth_size"), knownvalue.Int64Exact(100)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip2").AtMapKey("bandwidth_name"), knownvalue.StringRegexp(regexp.MustCompile(`^vpngw-bandwidth-`))),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("policy_template").AtMapKey("ike_policy").AtMapKey("dh_group"), knownvalue.StringExact("group15")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("access_private_ip_1"), knownvalue.Null()),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapSizeExact(0)),
				},
			},
			{
				Config:            cfg,
				ResourceName:      vgwAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// An import block plans a no-op: after an import nothing changes.
				Config:          cfg,
				ResourceName:    vgwAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// A refresh reads each gateway with exactly one GET (tags come with it).
				PreConfig:    env.Emu.ResetCounts,
				RefreshState: true,
				Check: resource.ComposeTestCheckFunc(
					checkRequestCounts(env, map[string]int{vgwGetRoute: 1}),
					checkNoTagCalls(env, vgwTagRoutePrefix),
				),
			},
		},
	})
}

func TestAccVPNGateway_update(t *testing.T) {
	env := newTestEnv(t)
	same := statecheck.CompareValue(compare.ValuesSame())
	step := func(name, subnets, extra string) resource.TestStep {
		return resource.TestStep{
			Config: vgwPublicConfig(env, nil, fmt.Sprintf("  name = %q", name), "  local_subnets = "+subnets, vgwNewEIPs(100), extra),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionUpdate),
				// Values an update cannot change are planned as they are, not "known after apply".
				plancheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("certificate_id"), knownvalue.Null()),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				same.AddStateValue(vgwAddr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
			},
		}
	}
	first := step("gw-one", `["192.168.0.0/24"]`, "")
	first.ConfigPlanChecks = resource.ConfigPlanChecks{}
	rename := step("gw-two", `["192.168.0.0/24"]`, "")
	rename.PreConfig = env.Emu.ResetCounts
	rename.Check = resource.ComposeTestCheckFunc(checkNoTagCalls(env, vgwTagRoutePrefix), checkRequestCounts(env, map[string]int{vgwPutRoute: 1}))
	subnets := step("gw-two", `["192.168.2.0/24", "192.168.0.0/24", "10.1.0.0/16"]`, "")
	subnets.ConfigStateChecks = append(subnets.ConfigStateChecks,
		statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("local_subnets"), knownvalue.SetSizeExact(3)))
	policy := step("gw-two", `["192.168.2.0/24", "192.168.0.0/24", "10.1.0.0/16"]`, `
  policy_template = {
    ike_policy   = { dh_group = "group20", lifetime_seconds = 3600 }
    ipsec_policy = { pfs = "disable" }
  }`)
	policy.ConfigStateChecks = append(policy.ConfigStateChecks,
		statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("policy_template").AtMapKey("ike_policy").AtMapKey("dh_group"), knownvalue.StringExact("group20")),
		statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("policy_template").AtMapKey("ike_policy").AtMapKey("lifetime_seconds"), knownvalue.Int64Exact(3600)),
		// Values not configured keep the service's defaults.
		statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("policy_template").AtMapKey("ike_policy").AtMapKey("encryption_algorithm"), knownvalue.StringExact("aes-128")),
		statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("policy_template").AtMapKey("ipsec_policy").AtMapKey("pfs"), knownvalue.StringExact("disable")),
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{first, rename, subnets, policy,
			{ResourceName: vgwAddr, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccVPNGateway_policyTemplateOnCreate(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{{
			Config: vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(50), `
  policy_template = {
    ipsec_policy = { encryption_algorithm = "aes-256", lifetime_seconds = 7200 }
  }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("policy_template").AtMapKey("ipsec_policy").AtMapKey("encryption_algorithm"), knownvalue.StringExact("aes-256")),
				statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("policy_template").AtMapKey("ipsec_policy").AtMapKey("lifetime_seconds"), knownvalue.Int64Exact(7200)),
				statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("policy_template").AtMapKey("ipsec_policy").AtMapKey("pfs"), knownvalue.StringExact("group15")),
			},
		}},
	})
}

func TestAccVPNGateway_replace(t *testing.T) {
	env := newTestEnv(t)
	diff := statecheck.CompareValue(compare.ValuesDiffer())
	replaceStep := func(cfg string) resource.TestStep {
		return resource.TestStep{
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionReplace),
			}},
			ConfigStateChecks: []statecheck.StateCheck{diff.AddStateValue(vgwAddr, tfjsonpath.New("id"))},
		}
	}
	subnets := `  local_subnets = ["192.168.0.0/24"]`
	first := replaceStep(vgwPublicConfig(env, nil, subnets, vgwNewEIPs(100)))
	first.ConfigPlanChecks = resource.ConfigPlanChecks{}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			first,
			replaceStep(vgwPublicConfig(env, nil, subnets, vgwNewEIPs(100), "  bgp_asn = 65000")),
			replaceStep(vgwPublicConfig(env, nil, subnets, vgwNewEIPs(200), "  bgp_asn = 65000")),
			replaceStep(vgwPublicConfig(env, nil, subnets, vgwNewEIPs(200), "  bgp_asn = 65000", `  ha_mode = "active-standby"`)),
		},
	})
}

func TestAccVPNGateway_disappears(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{{
			Config:             vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(10)),
			Check:              checkDeletedBehindTerraform(env, emulator.KindGateway, vgwAddr, "id"),
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionCreate)},
			},
		}},
	})
}

func TestAccVPNGateway_tags(t *testing.T) {
	env := newTestEnv(t)
	same := statecheck.CompareValue(compare.ValuesSame())
	base := []string{`  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(10)}
	cfg := func(providerExtra []string, extra ...string) string {
		return vgwPublicConfig(env, providerExtra, append(append([]string{}, base...), extra...)...)
	}
	update := []plancheck.PlanCheck{plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionUpdate)}
	tagsAll := func(m map[string]string) statecheck.StateCheck {
		checks := map[string]knownvalue.Check{}
		for k, v := range m {
			checks[k] = knownvalue.StringExact(v)
		}
		return statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(checks))
	}
	defaults := []string{`default_tags {`, `  tags = { env = "test", owner = "net" }`, `}`}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config:            cfg(nil, `  tags = { a = "1" }`),
				ConfigStateChecks: []statecheck.StateCheck{same.AddStateValue(vgwAddr, tfjsonpath.New("id")), tagsAll(map[string]string{"a": "1"})},
				Check:             checkServiceTags(env, vgwAddr, client.ResourceTypeVPNGateway, map[string]string{"a": "1"}),
			},
			{
				// Change one, add one: only the difference is sent.
				PreConfig:         env.Emu.ResetCounts,
				Config:            cfg(nil, `  tags = { a = "2", b = "3" }`),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: update},
				ConfigStateChecks: []statecheck.StateCheck{same.AddStateValue(vgwAddr, tfjsonpath.New("id")), tagsAll(map[string]string{"a": "2", "b": "3"})},
				Check: resource.ComposeTestCheckFunc(
					checkServiceTags(env, vgwAddr, client.ResourceTypeVPNGateway, map[string]string{"a": "2", "b": "3"}),
					checkRequestCounts(env, map[string]int{
						"POST " + vgwTagRoutePrefix + "{resource_id}/tags/create": 1,
						"POST " + vgwTagRoutePrefix + "{resource_id}/tags/delete": 0,
						vgwPutRoute: 0,
					}),
				),
			},
			{
				Config:            cfg(nil),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: update},
				ConfigStateChecks: []statecheck.StateCheck{same.AddStateValue(vgwAddr, tfjsonpath.New("id")), tagsAll(map[string]string{})},
				Check:             checkServiceTags(env, vgwAddr, client.ResourceTypeVPNGateway, map[string]string{}),
			},
			{
				// default_tags merge under the resource's tags (which win).
				Config:           cfg(defaults, `  tags = { owner = "vpn-team", c = "1" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: update},
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(vgwAddr, tfjsonpath.New("id")),
					tagsAll(map[string]string{"env": "test", "owner": "vpn-team", "c": "1"}),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("tags"), knownvalue.MapSizeExact(2)),
				},
				Check: checkServiceTags(env, vgwAddr, client.ResourceTypeVPNGateway, map[string]string{"env": "test", "owner": "vpn-team", "c": "1"}),
			},
			{
				// A change of default_tags alone is an in-place update.
				Config:            cfg([]string{`default_tags {`, `  tags = { env = "prod" }`, `}`}, `  tags = { owner = "vpn-team", c = "1" }`),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: update},
				ConfigStateChecks: []statecheck.StateCheck{tagsAll(map[string]string{"env": "prod", "owner": "vpn-team", "c": "1"})},
				Check:             checkServiceTags(env, vgwAddr, client.ResourceTypeVPNGateway, map[string]string{"env": "prod", "owner": "vpn-team", "c": "1"}),
			},
			{
				// An update that does not touch tags makes no tag call.
				PreConfig:         env.Emu.ResetCounts,
				Config:            cfg([]string{`default_tags {`, `  tags = { env = "prod" }`, `}`}, `  tags = { owner = "vpn-team", c = "1" }`, `  name = "renamed"`),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: update},
				ConfigStateChecks: []statecheck.StateCheck{same.AddStateValue(vgwAddr, tfjsonpath.New("id"))},
				Check:             resource.ComposeTestCheckFunc(checkNoTagCalls(env, vgwTagRoutePrefix), checkRequestCounts(env, map[string]int{vgwPutRoute: 1})),
			},
			{
				Config:            cfg([]string{`default_tags {`, `  tags = { env = "prod" }`, `}`}, `  tags = { owner = "vpn-team", c = "1" }`, `  name = "renamed"`),
				ResourceName:      vgwAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccVPNGateway_private(t *testing.T) {
	env := newTestEnv(t)
	cfg := func(extra string) string {
		return env.ProviderConfig() + fmt.Sprintf(`
resource "huaweicloudvpn_vpn_gateway" "test" {
  network_type   = "private"
  vpc_id         = %q
  connect_subnet = %q
  local_subnets  = ["192.168.0.0/24"]
%s
}
`, vgwTestVPC, vgwTestSubnet, extra)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				// The service chooses the access IPs.
				Config: cfg(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("network_type"), knownvalue.StringExact("private")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("access_private_ip_1"), knownvalue.StringRegexp(regexp.MustCompile(`^172\.16\.0\.\d+$`))),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("access_private_ip_2"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip1"), knownvalue.Null()),
				},
			},
			{ResourceName: vgwAddr, ImportState: true, ImportStateVerify: true},
			{Config: cfg(""), ResourceName: vgwAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{
				// Naming the IPs replaces the gateway.
				Config: cfg(`  access_private_ip_1 = "172.16.0.100"
  access_private_ip_2 = "172.16.0.101"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("access_private_ip_1"), knownvalue.StringExact("172.16.0.100")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("access_private_ip_2"), knownvalue.StringExact("172.16.0.101")),
				},
			},
		},
	})
}

func TestAccVPNGateway_er(t *testing.T) {
	env := newTestEnv(t)
	cfg := func(vpcLine string) string {
		return env.ProviderConfig() + fmt.Sprintf(`
resource "huaweicloudvpn_vpn_gateway" "test" {
  attachment_type  = "er"
  er_id            = %q
  %s
  access_subnet_id = %q
  availability_zone_ids = ["%[4]sb", "%[4]sa"]
%s
}
`, vgwTestER, vpcLine, vgwTestSubnet2, env.Emu.Options().Region, vgwNewEIPs(100))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config: cfg(fmt.Sprintf("vpc_id = %q", vgwTestVPC2)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("attachment_type"), knownvalue.StringExact("er")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("er_id"), knownvalue.StringExact(vgwTestER)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("er_attachment_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("vpc_id"), knownvalue.StringExact(vgwTestVPC2)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("access_vpc_id"), knownvalue.StringExact(vgwTestVPC2)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("local_subnets"), knownvalue.Null()),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("availability_zone_ids"), knownvalue.SetSizeExact(2)),
				},
			},
			// vpc_id is not returned for er gateways; import takes it from access_vpc_id.
			{ResourceName: vgwAddr, ImportState: true, ImportStateVerify: true},
			{Config: cfg(fmt.Sprintf("vpc_id = %q", vgwTestVPC2)), ResourceName: vgwAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{
				// access_vpc_id instead of vpc_id: the same access VPC, no change.
				Config: cfg(fmt.Sprintf("access_vpc_id = %q", vgwTestVPC2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				// Any other change (here tags) is in place: connect_subnet, which
				// the service does not return for this gateway, stays unset.
				Config: strings.Replace(cfg(fmt.Sprintf("access_vpc_id = %q", vgwTestVPC2)), "  access_subnet_id", "  tags = { k = \"v\" }\n  access_subnet_id", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("connect_subnet"), knownvalue.Null()),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapSizeExact(1)),
				},
			},
		},
	})
}

func TestAccVPNGateway_activeStandby(t *testing.T) {
	env := newTestEnv(t)
	// The provider's enterprise_project_id is the default.
	cfg := vgwPublicConfig(env, []string{fmt.Sprintf("enterprise_project_id = %q", vgwTestEPS)}, `  local_subnets = ["192.168.0.0/24"]`, `  ha_mode = "active-standby"`,
		`  flavor = "Professional2"`, `  bgp_asn = 65010`, vgwNewEIPs(1000))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("ha_mode"), knownvalue.StringExact("active-standby")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("enterprise_project_id"), knownvalue.StringExact(vgwTestEPS)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("flavor"), knownvalue.StringExact("Professional2")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("bgp_asn"), knownvalue.Int64Exact(65010)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("bandwidth_size"), knownvalue.Int64Exact(1000)),
				},
			},
			{ResourceName: vgwAddr, ImportState: true, ImportStateVerify: true},
			{Config: cfg, ResourceName: vgwAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}

func TestAccVPNGateway_existingEIP(t *testing.T) {
	env := newTestEnv(t)
	same := statecheck.CompareValue(compare.ValuesSame())
	addr1 := statecheck.CompareValue(compare.ValuesDiffer())
	eips := func(id1, id2 string) string {
		return fmt.Sprintf("  eip1 = { id = %q }\n  eip2 = { id = %q }", id1, id2)
	}
	subnets := `  local_subnets = ["192.168.0.0/24"]`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config: vgwPublicConfig(env, nil, subnets, eips(vgwTestEIP1, vgwTestEIP2)),
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(vgwAddr, tfjsonpath.New("id")),
					addr1.AddStateValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("ip_address")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("id"), knownvalue.StringExact(vgwTestEIP1)),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("type"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip2").AtMapKey("id"), knownvalue.StringExact(vgwTestEIP2)),
				},
			},
			{ResourceName: vgwAddr, ImportState: true, ImportStateVerify: true},
			{Config: vgwPublicConfig(env, nil, subnets, eips(vgwTestEIP1, vgwTestEIP2)), ResourceName: vgwAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{
				// Swap eip1 for another existing EIP: in place (eip_id_1).
				PreConfig: env.Emu.ResetCounts,
				Config:    vgwPublicConfig(env, nil, subnets, eips(vgwTestEIP3, vgwTestEIP2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("ip_address")),
					plancheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip2").AtMapKey("ip_address"), knownvalue.NotNull()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(vgwAddr, tfjsonpath.New("id")),
					addr1.AddStateValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("ip_address")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("id"), knownvalue.StringExact(vgwTestEIP3)),
				},
				Check: checkRequestCounts(env, map[string]int{vgwPutRoute: 1}),
			},
			{
				// From an existing EIP to a new one: only a new gateway can do that.
				Config: vgwPublicConfig(env, nil, subnets, `  eip1 = { type = "5_bgp", bandwidth_size = 20 }`, fmt.Sprintf("  eip2 = { id = %q }", vgwTestEIP2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("bandwidth_size"), knownvalue.Int64Exact(20)),
				},
			},
			{
				// From a new EIP to an existing one by id: a swap in place.
				Config: vgwPublicConfig(env, nil, subnets, eips(vgwTestEIP1, vgwTestEIP2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("eip1").AtMapKey("id"), knownvalue.StringExact(vgwTestEIP1)),
				},
			},
		},
	})
}

func TestAccVPNGateway_flavorChange(t *testing.T) {
	env := newTestEnv(t)
	same := statecheck.CompareValue(compare.ValuesSame())
	cfg := func(flavor string, size int) string {
		return vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`, fmt.Sprintf("  flavor = %q", flavor), vgwNewEIPs(size))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config: cfg("Professional1", 100),
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(vgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("supported_flavors"), knownvalue.SetPartial([]knownvalue.Check{knownvalue.StringExact("Professional2")})),
				},
			},
			{
				PreConfig: env.Emu.ResetCounts,
				Config:    cfg("Professional2", 100),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(vgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("flavor"), knownvalue.StringExact("Professional2")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
				Check: resource.ComposeTestCheckFunc(checkRequestCounts(env, map[string]int{vgwSpecRoute: 1, vgwPutRoute: 0})),
			},
			{
				Config:      cfg("GM", 100),
				ExpectError: regexp.MustCompile(`(?s)Unsupported Flavor Change.*never changes a gateway to or from GM`),
			},
			{
				Config:      cfg("Professional3", 100),
				ExpectError: regexp.MustCompile(`(?s)Unsupported Flavor Change.*update-specification call takes only`),
			},
			{
				Config: cfg("Basic", 100),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vgwAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(vgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("connection_number"), knownvalue.Int64Exact(200)),
				},
			},
		},
	})
}

func TestAccVPNGateway_gmFlavorFixed(t *testing.T) {
	env := newTestEnv(t)
	cfg := func(flavor string) string {
		return vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`, fmt.Sprintf("  flavor = %q", flavor), vgwNewEIPs(100))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config: cfg("GM"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("policy_template"), knownvalue.Null()),
					statecheck.ExpectKnownValue(vgwAddr, tfjsonpath.New("supported_flavors"), knownvalue.Null()),
				},
			},
			{Config: cfg("Professional1"), ExpectError: regexp.MustCompile(`(?s)Unsupported Flavor Change.*from GM to Professional1`)},
		},
	})
}

// vgwFaultCounter counts the emulator's "injected fault" log lines.
type vgwFaultCounter struct {
	mu sync.Mutex
	n  int
}

// Write implements io.Writer for the emulator's logger.
func (c *vgwFaultCounter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += bytes.Count(p, []byte("injected fault"))
	return len(p), nil
}

func (c *vgwFaultCounter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// vgwFaultServer serves env's emulator and puts a gateway into FAULT as soon
// as a request with the given method and path suffix succeeds, before the
// answer reaches the provider. polls counts the GETs of a single gateway
// from then until the first DELETE.
func vgwFaultServer(t *testing.T, env *testEnv, method, pathSuffix string) (hooked *testEnv, polls func() int) {
	var mu sync.Mutex
	faulted, deleting, n := false, false, 0
	hooked = hookServer(t, env, func(_ http.ResponseWriter, r *http.Request, rec *httptest.ResponseRecorder) bool {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case r.Method == http.MethodDelete:
			deleting = true
		case r.Method == http.MethodGet && faulted && !deleting && strings.Contains(r.URL.Path, "/vpn-gateways/"):
			n++
		case !faulted && r.Method == method && strings.HasSuffix(r.URL.Path, pathSuffix) && rec.Code < 300:
			for _, id := range env.Emu.Resources()[emulator.KindGateway] {
				if err := env.Emu.SetGatewayStatus(id, "FAULT"); err != nil {
					t.Errorf("SetGatewayStatus: %v", err)
				}
			}
			faulted = true
		}
		return false
	})
	return hooked, func() int {
		mu.Lock()
		defer mu.Unlock()
		return n
	}
}

// vgwOnePoll checks that the wait that met FAULT stopped at its first poll
// (the wait's GET, plus the one refresh of the step that checks the state).
func vgwOnePoll(polls func() int, refreshes int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := polls(); n != 1+refreshes {
			return fmt.Errorf("FAULT must end the wait at the first poll; the gateway was read %d times (%d refreshes)", n, refreshes)
		}
		return nil
	}
}

func TestAccVPNGateway_fault(t *testing.T) {
	env, polls := vgwFaultServer(t, newTestEnv(t), http.MethodPost, "/vpn-gateways")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(
			env.CheckDestroy(emulator.KindGateway), // a FAULT gateway can still be deleted
			vgwOnePoll(polls, 0),
		),
		Steps: []resource.TestStep{{
			Config:      vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(10)),
			ExpectError: regexp.MustCompile(`(?s)VPN Gateway Did Not Become Active.*Last status: FAULT.*entered status FAULT`),
		}},
	})
}

func TestAccVPNGateway_faultOnUpdate(t *testing.T) {
	env := newTestEnv(t)
	hooked, polls := vgwFaultServer(t, env, http.MethodPut, "")
	subnets := `  local_subnets = ["192.168.0.0/24"]`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{Config: vgwPublicConfig(hooked, nil, subnets, vgwNewEIPs(10))},
			{
				Config:      vgwPublicConfig(hooked, nil, subnets, vgwNewEIPs(10), `  name = "faulty"`),
				ExpectError: regexp.MustCompile(`(?s)Unable To Update VPN Gateway.*Last status: FAULT.*entered status FAULT`),
			},
			{
				// The state keeps what the wait saw: the new name and FAULT.
				RefreshState: true,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(vgwAddr, "status", "FAULT"),
					resource.TestCheckResourceAttr(vgwAddr, "name", "faulty"),
					vgwOnePoll(polls, 1),
				),
			},
		},
	})
}

func TestAccVPNGateway_faultInjection(t *testing.T) {
	faults := &vgwFaultCounter{}
	env := newTestEnv(t, func(o *emulator.Options) {
		o.FaultRate, o.FaultSeed = 0.1, 42
		o.Logger = log.New(faults, "", 0)
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{Config: vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(10), `  tags = { a = "1" }`)},
			{Config: vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24", "10.0.0.0/8"]`, vgwNewEIPs(10), `  name = "flaky"`, `  tags = { b = "2" }`)},
			{ResourceName: vgwAddr, ImportState: true, ImportStateVerify: true},
		},
	})
	if faults.count() == 0 {
		t.Error("the emulator injected no fault: the test did not exercise retries")
	}
}

func TestAccVPNGateway_validation(t *testing.T) {
	env := newTestEnv(t)
	gw := func(body string) string {
		return env.ProviderConfig() + "resource \"huaweicloudvpn_vpn_gateway\" \"test\" {\n" + body + "\n}\n"
	}
	vpc := fmt.Sprintf("vpc_id = %q\nconnect_subnet = %q\n", vgwTestVPC, vgwTestSubnet)
	subnets := `local_subnets = ["192.168.0.0/24"]` + "\n"
	eips := vgwNewEIPs(10)
	cases := []struct {
		name, body string
		want       string
	}{
		{"er without er_id", `attachment_type = "er"` + "\n" + fmt.Sprintf("access_vpc_id = %q\naccess_subnet_id = %q\n", vgwTestVPC, vgwTestSubnet) + eips, `er_id is required when attachment_type is "er"`},
		{"er with local_subnets", fmt.Sprintf("attachment_type = \"er\"\ner_id = %q\n", vgwTestER) + vpc + subnets + eips, `local_subnets must not be set when attachment_type is "er"`},
		{"er without access vpc", fmt.Sprintf("attachment_type = \"er\"\ner_id = %q\naccess_subnet_id = %q\n", vgwTestER, vgwTestSubnet) + eips, `access_vpc_id \(or vpc_id\) is required`},
		{"er without access subnet", fmt.Sprintf("attachment_type = \"er\"\ner_id = %q\naccess_vpc_id = %q\n", vgwTestER, vgwTestVPC) + eips, `access_subnet_id \(or connect_subnet\) is required`},
		{"public without eip2", vpc + subnets + `eip1 = { type = "5_bgp", bandwidth_size = 10 }`, `eip2 is required when network_type is "public"`},
		{"private with eip2", `network_type = "private"` + "\n" + vpc + subnets + `eip2 = { type = "5_bgp", bandwidth_size = 10 }`, `eip2 must not be set when network_type is "private"`},
		{"shared bandwidth with name", vpc + subnets + fmt.Sprintf("eip1 = { type = \"5_bgp\", bandwidth_id = %q, bandwidth_name = \"bw\" }\n", vgwTestEIP3) + `eip2 = { type = "5_bgp", bandwidth_size = 10 }`, `eip1.bandwidth_name must not be set together with eip1.bandwidth_id`},
		{"vpc without vpc_id", fmt.Sprintf("connect_subnet = %q\n", vgwTestSubnet) + subnets + eips, `vpc_id is required when attachment_type is "vpc"`},
		{"vpc without local_subnets", vpc + eips, `local_subnets is required when attachment_type is "vpc"`},
		{"vpc without connect_subnet", fmt.Sprintf("vpc_id = %q\n", vgwTestVPC) + subnets + eips, `connect_subnet is required`},
		{"vpc with er_id", vpc + subnets + eips + fmt.Sprintf("\ner_id = %q", vgwTestER), `er_id must not be set unless attachment_type is "er"`},
		{"public without eips", vpc + subnets, `eip1 is required when network_type is "public"`},
		{"private with eips", `network_type = "private"` + "\n" + vpc + subnets + eips, `eip1 must not be set when network_type is "private"`},
		{"public with access ip", vpc + subnets + eips + "\naccess_private_ip_1 = \"172.16.0.5\"\naccess_private_ip_2 = \"172.16.0.6\"", `access_private_ip_1 must not be set unless network_type is "private"`},
		{"one access ip", `network_type = "private"` + "\n" + vpc + subnets + `access_private_ip_1 = "172.16.0.5"`, `must be set together`},
		{"same access ips", `network_type = "private"` + "\n" + vpc + subnets + "access_private_ip_1 = \"172.16.0.5\"\naccess_private_ip_2 = \"172.16.0.5\"", `must differ from access_private_ip_1`},
		{"eip id with type", vpc + subnets + fmt.Sprintf("eip1 = { id = %q, type = \"5_bgp\" }\neip2 = { id = %q }", vgwTestEIP1, vgwTestEIP2), `eip1.type must not be set together with eip1.id`},
		{"eip without type", vpc + subnets + "eip1 = { bandwidth_size = 10 }\neip2 = { type = \"5_bgp\", bandwidth_size = 10 }", `eip1 needs either id`},
		{"eip without bandwidth", vpc + subnets + "eip1 = { type = \"5_bgp\" }\neip2 = { type = \"5_bgp\", bandwidth_size = 10 }", `eip1.bandwidth_size is required for a new EIP`},
		{"shared bandwidth with size", vpc + subnets + fmt.Sprintf("eip1 = { type = \"5_bgp\", bandwidth_id = %q, bandwidth_size = 5 }\n", vgwTestEIP3) + `eip2 = { type = "5_bgp", bandwidth_size = 10 }`, `eip1.bandwidth_size must not be set together with eip1.bandwidth_id`},
		{"bandwidth over flavor", vpc + subnets + vgwNewEIPs(500), `eip1.bandwidth_size must be at most 300 for flavor Professional1`},
		{"same eip twice", vpc + subnets + fmt.Sprintf("eip1 = { id = %q }\neip2 = { id = %q }", vgwTestEIP1, vgwTestEIP1), `eip1 and eip2 must be different EIPs`},
		{"bad cidr", vpc + `local_subnets = ["192.168.0.1/24"]` + "\n" + eips, `Invalid IPv4 CIDR`},
		{"too many zones", vpc + subnets + eips + "\navailability_zone_ids = [\"a\", \"b\", \"c\"]", `availability_zone_ids`},
		{"bad flavor", vpc + subnets + eips + "\nflavor = \"Huge\"", `flavor`},
		{"bad lifetime", vpc + subnets + eips + "\npolicy_template = { ipsec_policy = { lifetime_seconds = 10 } }", `lifetime_seconds`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      gw(c.body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)` + strings.ReplaceAll(c.want, " ", `\s+`)),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
	if n := len(env.Emu.RequestCounts()); n != 0 {
		t.Errorf("validation must not reach the API; requests: %v", env.Emu.RequestCounts())
	}
}

func TestAccVPNGateway_notReadyRetried(t *testing.T) {
	env := newTestEnv(t)
	// Every PUT and DELETE is first answered "not ready" twice (before the
	// emulator sees it), as the service does while a gateway is busy.
	var mu sync.Mutex
	refused := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut || r.Method == http.MethodDelete {
			mu.Lock()
			n := refused[r.Method]
			if n < 2 {
				refused[r.Method] = n + 1
			}
			mu.Unlock()
			if n < 2 {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(`{"error_code":"VPN.0003","error_msg":"resource (type=GATEWAY, ID=x) is not ready, currently UPDATING","request_id":"r1"}`))
				return
			}
		}
		env.Emu.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	hooked := &testEnv{Emu: env.Emu, Server: srv, Client: env.Client}
	refusedAll := func(*terraform.State) error {
		mu.Lock()
		defer mu.Unlock()
		if refused[http.MethodPut] != 2 {
			return fmt.Errorf("want 2 refused PUTs, got %d", refused[http.MethodPut])
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			mu.Lock()
			n := refused[http.MethodDelete]
			mu.Unlock()
			if n != 2 {
				return fmt.Errorf("want 2 refused DELETEs, got %d", n)
			}
			return env.CheckDestroy(emulator.KindGateway)(s)
		},
		Steps: []resource.TestStep{
			{Config: vgwPublicConfig(hooked, nil, `  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(10))},
			{
				Config: vgwPublicConfig(hooked, nil, `  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(10), `  name = "after-retry"`),
				Check:  refusedAll,
			},
		},
	})
}

func TestAccVPNGateway_createTimeout(t *testing.T) {
	env := newTestEnv(t, func(o *emulator.Options) {
		o.Delays = map[string]time.Duration{emulator.KindGateway: 400 * time.Millisecond}
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{{
			Config: vgwPublicConfig(env, nil, `  local_subnets = ["192.168.0.0/24"]`, vgwNewEIPs(10),
				"  timeouts {\n    create = \"100ms\"\n  }"),
			ExpectError: regexp.MustCompile(`(?s)VPN Gateway Did Not Become Active.*Last status: PENDING_CREATE.*gave up waiting for ACTIVE`),
		}},
	})
}

func TestVPNGatewayResource_deleteMissing(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	r := &vpnGatewayResource{data: &ProviderData{Client: env.Client}}
	st := stateWithID(t, r, "00000000-0000-0000-0000-000000000000")
	resp := fwresource.DeleteResponse{State: st}
	r.Delete(ctx, fwresource.DeleteRequest{State: st}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("delete of a missing gateway: %v", resp.Diagnostics)
	}
	if got := env.Emu.RequestCounts()["DELETE /v5/{project_id}/vpn-gateways/{vgw_id}"]; got != 1 {
		t.Fatalf("want one DELETE, got %d", got)
	}
}

// TestAccVPNGateway_examples applies the documentation examples (every .tf
// file of examples/resources/huaweicloudvpn_vpn_gateway, one module) against
// the emulator.
func TestAccVPNGateway_examples(t *testing.T) {
	env := newTestEnv(t)
	dir, files := copyExamples(t, env, "huaweicloudvpn_vpn_gateway")
	resource.ParallelTest(t, resource.TestCase{
		CheckDestroy: env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{{
			// The directory has its own provider block, so the factories go on the step.
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(dir),
			ConfigVariables: config.Variables{
				"vpc_id":         config.StringVariable(vgwTestVPC),
				"subnet_id":      config.StringVariable(vgwTestSubnet),
				"master_eip_id":  config.StringVariable(vgwTestEIP1),
				"standby_eip_id": config.StringVariable(vgwTestEIP2),
				"er_id":          config.StringVariable(vgwTestER),
			},
			Check: func(*terraform.State) error {
				if n := len(env.Emu.Resources()[emulator.KindGateway]); n != files {
					return fmt.Errorf("want %d gateways from the examples, got %d", files, n)
				}
				return nil
			},
		}},
	})
}

func TestVPNGatewayPlanNestedObject(t *testing.T) {
	ctx := context.Background()
	eip := func(id, typ string, size int64, addr string) types.Object {
		v := map[string]attr.Value{}
		for k, at := range vpnGatewayEIPAttrTypes {
			v[k] = nullOf(at)
		}
		if id != "" {
			v["id"] = types.StringValue(id)
		}
		if typ != "" {
			v["type"] = types.StringValue(typ)
		}
		if size != 0 {
			v["bandwidth_size"] = types.Int64Value(size)
		}
		if addr != "" {
			v["ip_address"] = types.StringValue(addr)
		}
		return types.ObjectValueMust(vpnGatewayEIPAttrTypes, v)
	}
	state := eip(vgwTestEIP1, "5_bgp", 100, "203.0.113.2")

	// Configured values equal to the state's: the state is planned as is.
	got, changed := planObjectAsWhole(ctx, eip("", "5_bgp", 100, ""), state)
	if changed || !got.Equal(state) || vgwEIPNeedsReplace(eip("", "5_bgp", 100, ""), state) {
		t.Fatalf("unchanged EIP: changed=%v plan=%v", changed, got)
	}
	// A new id: in place, the other values unknown.
	cfg := eip(vgwTestEIP2, "", 0, "")
	got, changed = planObjectAsWhole(ctx, cfg, state)
	if !changed || vgwEIPNeedsReplace(cfg, state) {
		t.Fatalf("EIP swap: changed=%v replace=%v", changed, vgwEIPNeedsReplace(cfg, state))
	}
	if a := got.Attributes(); a["id"].(types.String).ValueString() != vgwTestEIP2 || !a["ip_address"].IsUnknown() || !a["type"].IsUnknown() {
		t.Fatalf("EIP swap plan: %v", got)
	}
	// Another bandwidth: a replacement.
	if cfg := eip("", "5_bgp", 200, ""); !vgwEIPNeedsReplace(cfg, state) {
		t.Fatal("a bandwidth change must replace the gateway")
	}
	if !vgwEIPNeedsReplace(types.ObjectUnknown(vpnGatewayEIPAttrTypes), state) {
		t.Fatal("an unknown EIP must replace the gateway")
	}
	// Unknown values made null for the state.
	if n := unknownsToNull(ctx, got); !n.Attributes()["ip_address"].IsNull() || n.Attributes()["id"].IsNull() {
		t.Fatalf("unknownsToNull: %v", n)
	}
}

// The service's defaults never cause a diff, whether the configuration sets
// them explicitly or leaves them out, in either direction.
func TestAccVPNGateway_serviceDefaults(t *testing.T) {
	env := newTestEnv(t)
	explicit := `
  network_type          = "public"
  attachment_type       = "vpc"
  flavor                = "Professional1"
  ha_mode               = "active-active"
  bgp_asn               = 64512
  enterprise_project_id = "0"
  eip1 = { type = "5_bgp", bandwidth_size = 100, charge_mode = "bandwidth" }
  eip2 = { type = "5_bgp", bandwidth_size = 100, charge_mode = "bandwidth" }
  policy_template = {
    ike_policy   = { encryption_algorithm = "aes-128", dh_group = "group15", authentication_algorithm = "sha2-256", lifetime_seconds = 86400 }
    ipsec_policy = { encryption_algorithm = "aes-128", pfs = "group15", authentication_algorithm = "sha2-256", lifetime_seconds = 3600 }
  }`
	gw := func(name, body string) string {
		return fmt.Sprintf(`
resource "huaweicloudvpn_vpn_gateway" %q {
  vpc_id         = %q
  connect_subnet = %q
  local_subnets  = ["192.168.0.0/24"]
%s
}
`, name, vgwTestVPC, vgwTestSubnet, body)
	}
	// "set" starts with the defaults written out, "unset" without them;
	// "part" sets one default of the policy template.
	part := gw("part", vgwNewEIPs(10)+"\n  policy_template = { ipsec_policy = { pfs = \"group15\" } }")
	created := env.ProviderConfig() + gw("set", explicit) + gw("unset", vgwNewEIPs(100)) + part
	swapped := env.ProviderConfig() + gw("set", vgwNewEIPs(100)) + gw("unset", explicit) + part
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config: created,
				// A policy_template equal to the service's needs no update call.
				Check: checkRequestCounts(env, map[string]int{vgwPutRoute: 0}),
			},
			{Config: swapped, PlanOnly: true},
			{Config: created, PlanOnly: true},
			{Config: swapped, ResourceName: "huaweicloudvpn_vpn_gateway.set", ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}

func TestVPNGatewayFlavorChangeProblem(t *testing.T) {
	ctx := context.Background()
	eips := func(size int64) types.Object {
		v := map[string]attr.Value{}
		for k, at := range vpnGatewayEIPAttrTypes {
			v[k] = nullOf(at)
		}
		v["type"], v["bandwidth_size"] = types.StringValue("5_bgp"), types.Int64Value(size)
		return types.ObjectValueMust(vpnGatewayEIPAttrTypes, v)
	}
	supported := func(list ...string) types.Set { return stringSetOrNull(list) }
	model := func(flavor string, size int64, sup types.Set) vpnGatewayModel {
		return vpnGatewayModel{
			ID: types.StringValue("gw-1"), Flavor: types.StringValue(flavor),
			EIP1: eips(size), EIP2: eips(size), SupportedFlavors: sup,
		}
	}
	all := supported("Basic", "Professional1", "Professional2", "Professional1-NonFixedIP", "Professional2-NonFixedIP")
	cases := []struct {
		from, to string
		size     int64
		sup      types.Set
		want     string // "" = accepted
	}{
		{"Professional1", "Professional2", 100, all, ""},
		{"Professional2", "Professional1", 300, all, ""},
		{"Professional1", "Basic", 100, all, ""},
		{"Professional1", "Professional2", 100, types.SetNull(types.StringType), ""},
		{"Professional1", "GM", 100, all, "never changes a gateway to or from GM"},
		{"GM", "Professional1", 100, types.SetNull(types.StringType), "never changes a gateway to or from GM"},
		{"Professional1", "Professional3", 100, all, "cannot change to Professional3 in place"},
		{"Professional3", "Professional1", 100, all, "a gateway of flavor Professional3 cannot change specification"},
		{"Professional1", "Professional2", 100, supported("Basic"), "can change only to Basic (supported_flavors)"},
		{"Professional2", "Professional1", 500, all, "at most 300 Mbit/s and eip1.bandwidth_size is 500"},
		{"Professional1", "Basic", 200, all, ""}, // no source limits Basic below the EIP maximum (issue 14 item 8)
	}
	for _, c := range cases {
		cfg := model(c.to, c.size, types.SetNull(types.StringType))
		got := vgwFlavorChangeProblem(ctx, cfg, model(c.from, c.size, c.sup), cfg)
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s -> %s (eip %d): got %q, want %q", c.from, c.to, c.size, got, c.want)
		}
	}
}

// TestAccVPNGateway_availabilityZoneCount: where the flavor has one zone, one
// zone plans and applies; one zone where the flavor has three, or a zone the
// flavor does not have, fails at plan.
func TestAccVPNGateway_availabilityZoneCount(t *testing.T) {
	env := newTestEnv(t, func(o *emulator.Options) {
		o.Region = "r9"
		o.Zones = map[string]emulator.ZoneLists{"gm": {VPC: []string{"r9c"}}}
	})
	cfg := func(flavor, azs string) string {
		return env.ProviderConfig() + strings.Replace(vgwCertGateway(flavor), `name           = "gw-cert"`,
			`name           = "gw-cert"`+"\n  availability_zone_ids = "+azs, 1)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config:      cfg("GM", `["r9c", "r9a"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Availability Zones.*"r9a" is not an availability zone of flavor GM`),
			},
			{
				Config:      cfg("Professional1", `["r9a"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Availability Zones.*offers 3 availability zone\(s\) for flavor\s+Professional1.*exactly\s+2 of them`),
			},
			{
				Config: cfg("GM", `["r9c"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("huaweicloudvpn_vpn_gateway.test", tfjsonpath.New("availability_zone_ids"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("r9c")})),
				},
			},
		},
	})
}

// TestAccVPNGateway_legacyFlavor: a gateway of the retired flavor v300 (made
// outside Terraform, seeded in the emulator) reads through the data source,
// imports with flavor = "v300" and plans no change afterwards; a new gateway
// asking for v1g fails at plan.
func TestAccVPNGateway_legacyFlavor(t *testing.T) {
	env := newTestEnv(t)
	gw, err := env.Client.CreateVPNGateway(t.Context(), &client.CreateVPNGatewayRequest{
		Name: "gw-legacy", NetworkType: "private", VpcID: dsTestVPC, ConnectSubnet: dsTestSubnet,
		LocalSubnets: []string{"192.168.30.0/24"},
	})
	if err != nil {
		t.Fatalf("creating the gateway: %v", err)
	}
	if _, err := env.Client.WaitVPNGatewayActive(t.Context(), gw.ID); err != nil {
		t.Fatalf("waiting for the gateway: %v", err)
	}
	if err := env.Emu.SetGatewayFlavor(gw.ID, "v300"); err != nil {
		t.Fatal(err)
	}
	res := func(name, flavor string) string {
		return fmt.Sprintf(`
resource "huaweicloudvpn_vpn_gateway" %q {
  name           = %q
  flavor         = %q
  network_type   = "private"
  vpc_id         = %q
  connect_subnet = %q
  local_subnets  = ["192.168.30.0/24"]
}
`, name, "gw-"+name, flavor, dsTestVPC, dsTestSubnet)
	}
	cfg := env.ProviderConfig() + res("legacy", "v300") + fmt.Sprintf(`
data "huaweicloudvpn_vpn_gateway" "legacy" {
  id = %q
}
`, gw.ID)
	addr := "huaweicloudvpn_vpn_gateway.legacy"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ResourceName:       addr,
				ImportState:        true,
				ImportStateId:      gw.ID,
				ImportStatePersist: true,
				ImportStateCheck: func(s []*terraform.InstanceState) error {
					if len(s) != 1 || s[0].Attributes["flavor"] != "v300" {
						return fmt.Errorf("imported %v", s)
					}
					return nil
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("flavor"), knownvalue.StringExact("v300")),
					statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_gateway.legacy", tfjsonpath.New("flavor"), knownvalue.StringExact("v300")),
				},
			},
			{
				Config:      cfg + res("new", "v1g"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Retired Flavor.*Flavor v1g is retired`),
			},
		},
	})
}
