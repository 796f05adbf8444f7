package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

const vgwsAddr = "data.huaweicloudvpn_vpn_gateways.test"

func TestAccVPNGatewaysDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.ProviderConfig() + dsStackConfig(dsStack{prefix: "vgws", gatewayTags: `{ env = "test" }`, private: true}) + `
data "huaweicloudvpn_vpn_gateways" "test" {
  depends_on = [huaweicloudvpn_vpn_gateway.gw, huaweicloudvpn_vpn_gateway.gw2]
}
`
	item := func(i int) tfjsonpath.Path { return tfjsonpath.New("vpn_gateways").AtSliceIndex(i) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(vgwsAddr, tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue(vgwsAddr, tfjsonpath.New("vpn_gateways"), knownvalue.ListSizeExact(2)),
				statecheck.CompareValuePairs(vgwsAddr, tfjsonpath.New("ids").AtSliceIndex(0), vgwsAddr, item(0).AtMapKey("id"), compare.ValuesSame()),
				// Every item carries the resource's attributes, filled as the resource fills them.
				statecheck.ExpectKnownValue(vgwsAddr, item(0).AtMapKey("status"), knownvalue.StringExact("ACTIVE")),
				statecheck.ExpectKnownValue(vgwsAddr, item(0).AtMapKey("flavor"), knownvalue.StringExact("Professional1")),
				statecheck.ExpectKnownValue(vgwsAddr, item(0).AtMapKey("policy_template").AtMapKey("ike_policy").AtMapKey("dh_group"), knownvalue.StringExact("group15")),
				statecheck.ExpectKnownValue(vgwsAddr, item(1).AtMapKey("created_at"), knownvalue.NotNull()),
			},
		}},
	})
}

func TestAccVPNGatewaysDataSource_filter(t *testing.T) {
	env, rec := recordingEnv(t, newTestEnv(t), nil)
	cfg := env.ProviderConfig() + dsStackConfig(dsStack{prefix: "vgwf", gatewayTags: `{ env = "test", team = "net" }`, private: true}) + `
data "huaweicloudvpn_vpn_gateways" "private" {
  network_type = "private"
  status       = "active"
  depends_on   = [huaweicloudvpn_vpn_gateway.gw, huaweicloudvpn_vpn_gateway.gw2]
}

data "huaweicloudvpn_vpn_gateways" "tagged" {
  tags       = { team = "net" }
  flavor     = "professional1"
  depends_on = [huaweicloudvpn_vpn_gateway.gw, huaweicloudvpn_vpn_gateway.gw2]
}

data "huaweicloudvpn_vpn_gateways" "by_id" {
  vgw_id                = huaweicloudvpn_vpn_gateway.gw2.id
  enterprise_project_id = "0"
}

data "huaweicloudvpn_vpn_gateways" "by_name" {
  name       = "vgwf-gw"
  depends_on = [huaweicloudvpn_vpn_gateway.gw, huaweicloudvpn_vpn_gateway.gw2]
}
`
	const gw, gw2 = "huaweicloudvpn_vpn_gateway.gw", "huaweicloudvpn_vpn_gateway.gw2"
	first := func(attr string) tfjsonpath.Path {
		return tfjsonpath.New("vpn_gateways").AtSliceIndex(0).AtMapKey(attr)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_gateways.private", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_gateways.private", tfjsonpath.New("ids").AtSliceIndex(0), gw2, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_gateways.private", first("access_private_ip_1"), gw2, tfjsonpath.New("access_private_ip_1"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_gateways.private", first("eip1"), knownvalue.Null()),

				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_gateways.tagged", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_gateways.tagged", first("id"), gw, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_gateways.tagged", first("eip1"), gw, tfjsonpath.New("eip1"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_gateways.tagged", first("local_subnets"), gw, tfjsonpath.New("local_subnets"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_gateways.tagged", first("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"env": knownvalue.StringExact("test"), "team": knownvalue.StringExact("net"),
				})),

				statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_gateways.by_id", first("name"), gw2, tfjsonpath.New("name"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_gateways.by_id", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_gateways.by_name", first("id"), gw, tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_gateways.by_name", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
			},
			// vgw_id and enterprise_project_id are sent to the API; the
			// other filters are the provider's.
			Check: rec.expectQuery("/vpn-gateways", func(s *terraform.State) map[string]string {
				return map[string]string{"vgw_id": stateID(s, gw2), "enterprise_project_id": "0"}
			}, "name", "status", "network_type", "attachment_type", "flavor", "tags"),
		}},
	})
}

// Gateways exist, but none passes the filters: empty lists, not errors.
func TestAccVPNGatewaysDataSource_noMatch(t *testing.T) {
	env := newTestEnv(t)
	deps := "depends_on = [huaweicloudvpn_vpn_gateway.gw, huaweicloudvpn_vpn_gateway.gw2]"
	cfg := env.ProviderConfig() + dsStackConfig(dsStack{prefix: "vgwn", gatewayTags: `{ env = "test" }`, private: true}) + `
data "huaweicloudvpn_vpn_gateways" "all" {
  ` + deps + `
}

data "huaweicloudvpn_vpn_gateways" "name" {
  name = "no-such-gateway"
  ` + deps + `
}

# The name matches in another case only: names are exact.
data "huaweicloudvpn_vpn_gateways" "name_case" {
  name = "VGWN-GW"
  ` + deps + `
}

data "huaweicloudvpn_vpn_gateways" "other_project" {
  enterprise_project_id = "6f3d1c2b-0a9e-4b8c-9d7e-5f4a3b2c1d0e"
  ` + deps + `
}

data "huaweicloudvpn_vpn_gateways" "tags" {
  tags = { env = "prod" }
  ` + deps + `
}

data "huaweicloudvpn_vpn_gateways" "er" {
  attachment_type = "er"
  ` + deps + `
}

# Each filter matches one gateway, but not the same one.
data "huaweicloudvpn_vpn_gateways" "private_tagged" {
  network_type = "private"
  tags         = { env = "test" }
  ` + deps + `
}
`
	checks := dsExpectEmpty("huaweicloudvpn_vpn_gateways", "vpn_gateways", "name", "name_case", "other_project", "tags", "er", "private_tagged")
	checks = append(checks, statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_gateways.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}
