package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// identityStackConfig is a gateway, a customer gateway, one connection (its
// key write-only, so that an import plans no change) and its monitor (names
// gw, cgw, conn, mon).
func identityStackConfig(env *testEnv, prefix string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "huaweicloudvpn_vpn_gateway" "gw" {
  name           = "%[1]s-gw"
  vpc_id         = %[2]q
  connect_subnet = %[3]q
  local_subnets  = ["192.168.0.0/24"]
  eip1           = { type = "5_bgp", bandwidth_size = 10 }
  eip2           = { type = "5_bgp", bandwidth_size = 10 }
}
resource "huaweicloudvpn_customer_gateway" "cgw" {
  name     = "%[1]s-cgw"
  id_value = %[4]q
}
resource "huaweicloudvpn_vpn_connection" "conn" {
  name         = "%[1]s-conn"
  vgw_id       = huaweicloudvpn_vpn_gateway.gw.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.gw.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.cgw.id
  peer_subnets = ["10.0.0.0/24"]
  psk_wo       = %[5]q
}
resource "huaweicloudvpn_connection_monitor" "mon" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.conn.id
}
`, prefix, dsTestVPC, dsTestSubnet, dsTestCgwIP, dsTestPSK)
}

// identityChecks are the state checks of one resource's identity: its key
// attribute equals the state's, region and project are the emulator's.
func identityChecks(env *testEnv, addr, key string) []statecheck.StateCheck {
	o := env.Emu.Options()
	return []statecheck.StateCheck{
		statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
			key:          knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`)),
			"region":     knownvalue.StringExact(o.Region),
			"project_id": knownvalue.StringExact(o.ProjectID),
		}),
		statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New(key)),
	}
}

func TestAccIdentity_importByIdentity(t *testing.T) {
	env := newTestEnv(t)
	cfg := identityStackConfig(env, "ident")
	addrs := []string{
		"huaweicloudvpn_vpn_gateway.gw", "huaweicloudvpn_customer_gateway.cgw",
		"huaweicloudvpn_vpn_connection.conn", "huaweicloudvpn_connection_monitor.mon",
	}
	var checks []statecheck.StateCheck
	for _, a := range addrs {
		checks = append(checks, identityChecks(env, a, "id")...)
	}
	steps := []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}}
	for _, a := range addrs {
		// The import plan must be a no-op, with the identity of the state.
		steps = append(steps, resource.TestStep{
			Config: cfg, ResourceName: a, ImportState: true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             monCheckDestroy(env),
		Steps:                    steps,
	})
}

// An identity with only the id imports into the provider's region and
// project; another region is refused before any API call.
func TestAccIdentity_importIDOnlyAndOtherRegion(t *testing.T) {
	env := newTestEnv(t)
	gw := env.ProviderConfig() + `
resource "huaweicloudvpn_customer_gateway" "cgw" {
  name     = "ident-cgw"
  id_value = "203.0.113.61"
}
`
	imported := env.ProviderConfig() + `
resource "huaweicloudvpn_customer_gateway" "copy" {
  name     = "ident-cgw"
  id_value = "203.0.113.61"
}
import {
  to       = huaweicloudvpn_customer_gateway.copy
  identity = { id = huaweicloudvpn_customer_gateway.cgw.id }
}
resource "huaweicloudvpn_customer_gateway" "cgw" {
  name     = "ident-cgw"
  id_value = "203.0.113.61"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{Config: gw, ConfigStateChecks: identityChecks(env, "huaweicloudvpn_customer_gateway.cgw", "id")},
			{
				Config: env.ProviderConfig() + `
resource "huaweicloudvpn_customer_gateway" "copy" {
  name     = "ident-cgw"
  id_value = "203.0.113.61"
}
import {
  to       = huaweicloudvpn_customer_gateway.copy
  identity = { id = "11111111-2222-4333-8444-555555555555", region = "elsewhere-1" }
}
` + `
resource "huaweicloudvpn_customer_gateway" "cgw" {
  name     = "ident-cgw"
  id_value = "203.0.113.61"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Import Identity Outside The Provider's Scope.*identity.region is "elsewhere-1"`),
			},
			{
				Config: imported,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("huaweicloudvpn_customer_gateway.copy", plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: append(identityChecks(env, "huaweicloudvpn_customer_gateway.copy", "id"),
					statecheck.CompareValuePairs("huaweicloudvpn_customer_gateway.copy", tfjsonpath.New("id"),
						"huaweicloudvpn_customer_gateway.cgw", tfjsonpath.New("id"), compare.ValuesSame())),
			},
			{
				// Two resources for one object: forget the copy before destroy.
				Config: gw + `
removed {
  from = huaweicloudvpn_customer_gateway.copy
  lifecycle {
    destroy = false
  }
}
`,
			},
		},
	})
}

func TestAccIdentity_certificate(t *testing.T) {
	env := newTestEnv(t)
	p := newTestPKI(t, "ident")
	cfg := vgwCertConfig(env, p, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: identityChecks(env, vgwCertAddr, "vgw_id")},
			{
				Config: env.ProviderConfig() + vgwCertGateway("GM") + `
removed {
  from = huaweicloudvpn_vpn_gateway_certificate.test
  lifecycle {
    destroy = false
  }
}
`,
			},
			{
				// The service never returns the PEM texts: the import plans
				// to record them (an update that sends nothing).
				Config: cfg + `
import {
  to       = huaweicloudvpn_vpn_gateway_certificate.test
  identity = { vgw_id = huaweicloudvpn_vpn_gateway.test.id }
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: identityChecks(env, vgwCertAddr, "vgw_id"),
			},
		},
	})
}
