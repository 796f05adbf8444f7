package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

func TestAccVPNConnectionsDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.ProviderConfig() + dsStackConfig(dsStack{prefix: "conns", connections: 2, connectionTags: `{ idx = "${count.index}" }`}) + `
data "huaweicloudvpn_vpn_connections" "test" {
  vgw_id     = huaweicloudvpn_vpn_gateway.gw.id
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}

data "huaweicloudvpn_vpn_connections" "one" {
  count      = 2
  name       = "conns-conn-${count.index}"
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}
`
	const ds = "data.huaweicloudvpn_vpn_connections.test"
	item := func(i int, attr string) tfjsonpath.Path {
		return tfjsonpath.New("vpn_connections").AtSliceIndex(i).AtMapKey(attr)
	}
	// Each item has the resource's attributes with the same values (the psk
	// excepted). The connections are created in parallel, so their order in
	// the list is not known: one.N picks connection N by name.
	var checks []statecheck.StateCheck
	for i := range 2 {
		one := fmt.Sprintf("data.huaweicloudvpn_vpn_connections.one[%d]", i)
		res := fmt.Sprintf("huaweicloudvpn_vpn_connection.conn[%d]", i)
		for _, attr := range []string{"id", "name", "status", "vgw_id", "vgw_ip", "cgw_id", "style", "peer_subnets", "enable_nqa",
			"ikepolicy", "ipsecpolicy", "ha_role", "enterprise_project_id", "created_at", "tags_all", "tags"} {
			checks = append(checks, statecheck.CompareValuePairs(one, tfjsonpath.New("vpn_connections").AtSliceIndex(0).AtMapKey(attr),
				res, tfjsonpath.New(attr), compare.ValuesSame()))
		}
	}
	checks = append(checks,
		statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
		statecheck.ExpectKnownValue(ds, item(0, "style"), knownvalue.StringExact("static")),
		statecheck.ExpectKnownValue(ds, item(1, "ikepolicy").AtMapKey("dpd").AtMapKey("msg"), knownvalue.StringExact("seq-hash-notify")),
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindConnection),
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}

func TestAccVPNConnectionsDataSource_filter(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.ProviderConfig() + dsStackConfig(dsStack{prefix: "connf", connections: 3, connectionTags: `{ idx = "${count.index}" }`}) + `
data "huaweicloudvpn_vpn_connections" "by_name" {
  name       = "connf-conn-1"
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}

data "huaweicloudvpn_vpn_connections" "by_tag" {
  tags       = { idx = "2" }
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}

data "huaweicloudvpn_vpn_connections" "by_style_and_ip" {
  style      = "STATIC"
  status     = "down"
  vgw_ip     = huaweicloudvpn_vpn_gateway.gw.eip1.id
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}

# No connection uses the gateway's second EIP (sent to the API).
data "huaweicloudvpn_vpn_connections" "other_ip" {
  vgw_ip     = huaweicloudvpn_vpn_gateway.gw.eip2.id
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}

data "huaweicloudvpn_vpn_connections" "bgp" {
  style      = "bgp"
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}
`
	ids := tfjsonpath.New("ids")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindConnection),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.by_name", ids, knownvalue.ListSizeExact(1)),
				statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_connections.by_name", ids.AtSliceIndex(0),
					"huaweicloudvpn_vpn_connection.conn[1]", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.by_tag", ids, knownvalue.ListSizeExact(1)),
				statecheck.CompareValuePairs("data.huaweicloudvpn_vpn_connections.by_tag", ids.AtSliceIndex(0),
					"huaweicloudvpn_vpn_connection.conn[2]", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.by_style_and_ip", ids, knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.other_ip", ids, knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.bgp", ids, knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

func TestAccVPNConnectionsDataSource_noMatch(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + `
data "huaweicloudvpn_vpn_connections" "none" {
  vgw_id = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
  name   = "nothing"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.none", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.none", tfjsonpath.New("vpn_connections"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}
