package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

func TestAccVPNGatewayDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.ProviderConfig() + dsStackConfig(dsStack{prefix: "vgw1", gatewayTags: `{ env = "test" }`, private: true}) + `
data "huaweicloudvpn_vpn_gateway" "by_id" {
  id = huaweicloudvpn_vpn_gateway.gw.id
}

data "huaweicloudvpn_vpn_gateway" "by_name" {
  name       = "vgw1-gw2"
  depends_on = [huaweicloudvpn_vpn_gateway.gw2]
}
`
	const gw, gw2 = "huaweicloudvpn_vpn_gateway.gw", "huaweicloudvpn_vpn_gateway.gw2"
	same := func(ds, res, attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_gateway."+ds, tfjsonpath.New(attr), res, tfjsonpath.New(attr), compare.ValuesSame())
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				same("by_id", gw, "name"), same("by_id", gw, "eip1"), same("by_id", gw, "eip2"), same("by_id", gw, "flavor"),
				same("by_id", gw, "availability_zone_ids"), same("by_id", gw, "policy_template"), same("by_id", gw, "tags_all"),
				same("by_id", gw, "created_at"), same("by_id", gw, "connection_number"),
				same("by_name", gw2, "id"), same("by_name", gw2, "network_type"), same("by_name", gw2, "access_private_ip_2"),
				same("by_name", gw2, "local_subnets"),
			},
		}},
	})
}

func TestAccVPNGatewayDataSource_errors(t *testing.T) {
	env := newTestEnv(t)
	// Two gateways with the same name, made outside Terraform.
	var ids []string
	for range 2 {
		gw, err := env.Client.CreateVPNGateway(context.Background(), vgwDSCreateRequest("twin", 10))
		if err != nil {
			t.Fatalf("creating a gateway: %v", err)
		}
		ids = append(ids, gw.ID)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderConfig() + `data "huaweicloudvpn_vpn_gateway" "x" { name = "twin" }`,
				ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Several VPN Gateways Found.*2 VPN gateways are named "twin":.*(%[1]s.*%[2]s|%[2]s.*%[1]s)`, ids[0], ids[1])),
			},
			{
				Config:      env.ProviderConfig() + `data "huaweicloudvpn_vpn_gateway" "x" { name = "nobody" }`,
				ExpectError: regexp.MustCompile(`(?s)VPN Gateway Not Found.*No VPN gateway is named "nobody"`),
			},
			{
				Config:      env.ProviderConfig() + `data "huaweicloudvpn_vpn_gateway" "x" { id = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e" }`,
				ExpectError: regexp.MustCompile(`(?s)VPN Gateway Not Found.*No VPN gateway has id 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e`),
			},
			{
				Config:      env.ProviderConfig() + `data "huaweicloudvpn_vpn_gateway" "x" {}`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*No attribute specified`),
			},
			{
				Config: env.ProviderConfig() + fmt.Sprintf(`data "huaweicloudvpn_vpn_gateway" "x" {
  id   = %q
  name = "twin"
}`, ids[0]),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Invalid Attribute Combination`),
			},
			{
				// The lookup by id of one of the twins works.
				Config: env.ProviderConfig() + fmt.Sprintf(`data "huaweicloudvpn_vpn_gateway" "x" { id = %q }`, ids[1]),
				Check:  resource.TestCheckResourceAttr("data.huaweicloudvpn_vpn_gateway.x", "name", "twin"),
			},
		},
		CheckDestroy: func(*terraform.State) error { return nil },
	})
}
