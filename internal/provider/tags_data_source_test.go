package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

func TestAccTagsDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.ProviderConfig() + dsStackConfig(dsStack{
		prefix: "tags", connections: 2,
		gatewayTags: `{ env = "test", team = "net" }`, connectionTags: `{ env = "conn-${count.index}" }`,
	}) + `
data "huaweicloudvpn_tags" "gw" {
  resource_type = "vpn-gateway"
  depends_on    = [huaweicloudvpn_vpn_gateway.gw]
}

# The Terraform spelling of the type is accepted too.
data "huaweicloudvpn_tags" "conn" {
  resource_type = "vpn_connection"
  depends_on    = [huaweicloudvpn_vpn_connection.conn]
}

# No tagged customer gateway: an empty map.
data "huaweicloudvpn_tags" "cgw" {
  resource_type = "customer-gateway"
  depends_on    = [huaweicloudvpn_customer_gateway.cgw]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindConnection),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_tags.gw", tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"env":  knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("test")}),
					"team": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("net")}),
				})),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_tags.conn", tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"env": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("conn-0"), knownvalue.StringExact("conn-1")}),
				})),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_tags.cgw", tfjsonpath.New("tags"), knownvalue.MapSizeExact(0)),
			},
		}},
	})
}

func TestAccTagsDataSource_invalidType(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.ProviderConfig() + `data "huaweicloudvpn_tags" "x" { resource_type = "vpn-certificate" }`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Invalid Attribute Value Match`),
		}},
	})
}

func TestFlattenProjectTags(t *testing.T) {
	m := flattenProjectTags([]client.ProjectTag{{Key: "a", Values: []string{"z", "y", "z"}}, {Key: "b"}})
	if got := m.String(); got != `{"a":["y","z"],"b":[]}` {
		t.Errorf("got %s", got)
	}
	if tagsAPIResourceType("VPN_Gateway") != "vpn-gateway" {
		t.Error("resource type not normalised")
	}
}
