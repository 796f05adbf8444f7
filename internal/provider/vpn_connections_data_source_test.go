package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
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
	env, rec := recordingEnv(t, newTestEnv(t), nil)
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
  style                 = "STATIC"
  status                = "down"
  vgw_id                = huaweicloudvpn_vpn_gateway.gw.id
  vgw_ip                = huaweicloudvpn_vpn_gateway.gw.eip1.id
  enterprise_project_id = "0"
  depends_on            = [huaweicloudvpn_vpn_connection.conn]
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
			// vgw_id, vgw_ip and enterprise_project_id are sent to the API;
			// the other filters are the provider's.
			Check: rec.expectQuery("/vpn-connection", func(s *terraform.State) map[string]string {
				gw := s.RootModule().Resources["huaweicloudvpn_vpn_gateway.gw"]
				return map[string]string{"vgw_id": gw.Primary.ID, "vgw_ip": gw.Primary.Attributes["eip1.id"], "enterprise_project_id": "0"}
			}, "name", "status", "style", "tags"),
		}},
	})
}

// Connections exist, but none passes the filters: empty lists, not errors.
func TestAccVPNConnectionsDataSource_noMatch(t *testing.T) {
	env := newTestEnv(t)
	cfg := env.ProviderConfig() + dsStackConfig(dsStack{prefix: "connn", connections: 1, connectionTags: `{ env = "test" }`}) + `
data "huaweicloudvpn_vpn_connections" "name" {
  vgw_id     = huaweicloudvpn_vpn_gateway.gw.id
  name       = "nothing"
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}

# The connection is DOWN until its peer negotiates.
data "huaweicloudvpn_vpn_connections" "active" {
  status     = "ACTIVE"
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}

data "huaweicloudvpn_vpn_connections" "tags" {
  tags       = { env = "prod" }
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}

data "huaweicloudvpn_vpn_connections" "other_gateway" {
  vgw_id     = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
  depends_on = [huaweicloudvpn_vpn_connection.conn]
}

data "huaweicloudvpn_vpn_connections" "other_project" {
  enterprise_project_id = "6f3d1c2b-0a9e-4b8c-9d7e-5f4a3b2c1d0e"
  depends_on            = [huaweicloudvpn_vpn_connection.conn]
}
`
	checks := dsExpectEmpty("huaweicloudvpn_vpn_connections", "vpn_connections", "name", "active", "tags", "other_gateway", "other_project")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindConnection),
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}

// More connections than one page (200): the filters the provider applies
// see every page (the two tagged connections are the first and the last
// created, so one of them is not on the first page), and those sent to the
// API go with every page.
func TestAccVPNConnectionsDataSource_paging(t *testing.T) {
	const n = client.MaxMarkerPageLimit + 5
	base := newTestEnv(t)
	ctx := t.Context()
	gw, err := base.Client.CreateVPNGateway(ctx, vgwDSCreateRequest("paging", 20))
	if err != nil {
		t.Fatalf("creating a gateway: %v", err)
	}
	if gw, err = base.Client.WaitVPNGatewayActive(ctx, gw.ID); err != nil {
		t.Fatalf("waiting for the gateway: %v", err)
	}
	cgw, err := base.Client.CreateCustomerGateway(ctx, &client.CreateCustomerGatewayRequest{Name: "paging", IDType: "ip", IDValue: dsTestCgwIP})
	if err != nil {
		t.Fatalf("creating a customer gateway: %v", err)
	}
	for i := range n {
		req := &client.CreateVPNConnectionRequest{
			Name: fmt.Sprintf("page-%03d", i), VgwID: gw.ID, VgwIP: gw.EIP1.ID, CgwID: cgw.ID,
			PeerSubnets: []string{fmt.Sprintf("10.%d.%d.0/24", i/250, i%250)}, PSK: dsTestPSK,
		}
		if i == 0 || i == n-1 {
			req.Tags = []client.Tag{{Key: "edge", Value: "yes"}}
		}
		if _, err := base.Client.CreateVPNConnection(ctx, req); err != nil {
			t.Fatalf("creating connection %d: %v", i, err)
		}
	}
	env, rec := recordingEnv(t, base, nil)
	cfg := env.ProviderConfig() + fmt.Sprintf(`
data "huaweicloudvpn_vpn_connections" "edges" {
  vgw_id = %[1]q
  tags   = { edge = "yes" }
}
`, gw.ID)
	names := tfjsonpath.New("vpn_connections")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.edges", names, knownvalue.SetPartial([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("page-000")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(fmt.Sprintf("page-%03d", n-1))}),
				})),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.edges", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
			},
			Check: func(*terraform.State) error {
				var pages, withMarker int
				for _, r := range rec.requests(http.MethodGet, "/vpn-connection") {
					if r.Query.Get("vgw_id") != gw.ID {
						return fmt.Errorf("a page was read without vgw_id: %s", r.Query.Encode())
					}
					pages++
					if r.Query.Has("marker") {
						withMarker++
					}
				}
				if withMarker == 0 || pages < 2 {
					return fmt.Errorf("want the second page read with a marker, got %d pages, %d with a marker", pages, withMarker)
				}
				return nil
			},
		}},
	})
}
