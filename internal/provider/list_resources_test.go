package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// listIdentity is the identity check of a list result: a UUID id in the
// emulator's region and project.
func listIdentity(env *testEnv) map[string]knownvalue.Check {
	o := env.Emu.Options()
	return map[string]knownvalue.Check{
		"id":         knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`)),
		"region":     knownvalue.StringExact(o.Region),
		"project_id": knownvalue.StringExact(o.ProjectID),
	}
}

func TestAccListResources_query(t *testing.T) {
	env := newTestEnv(t)
	cfg := identityStackConfig(env, "list") + `
resource "huaweicloudvpn_customer_gateway" "other" {
  name     = "list-other"
  id_value = "203.0.113.77"
  tags     = { site = "b" }
}
`
	byName := func(name string) queryfilter.QueryFilter {
		return queryfilter.ByDisplayName(knownvalue.StringRegexp(regexp.MustCompile(`^` + regexp.QuoteMeta(name) + ` \(`)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		CheckDestroy:             monCheckDestroy(env),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Query: true,
				Config: `
list "huaweicloudvpn_vpn_gateway" "by_name" {
  provider         = huaweicloudvpn
  include_resource = true
  config {
    name         = "list-gw"
    network_type = "public"
  }
}
list "huaweicloudvpn_vpn_gateway" "none" {
  provider = huaweicloudvpn
  config {
    name = "no-such-gateway"
  }
}
list "huaweicloudvpn_customer_gateway" "all" {
  provider = huaweicloudvpn
}
list "huaweicloudvpn_customer_gateway" "tagged" {
  provider         = huaweicloudvpn
  include_resource = true
  config {
    tags = { site = "b" }
  }
}
list "huaweicloudvpn_vpn_connection" "static" {
  provider         = huaweicloudvpn
  include_resource = true
  config {
    style = "STATIC"
  }
}
list "huaweicloudvpn_connection_monitor" "all" {
  provider         = huaweicloudvpn
  include_resource = true
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("huaweicloudvpn_vpn_gateway.by_name", 1),
					querycheck.ExpectLength("huaweicloudvpn_vpn_gateway.none", 0),
					querycheck.ExpectLength("huaweicloudvpn_customer_gateway.all", 2),
					querycheck.ExpectLength("huaweicloudvpn_customer_gateway.tagged", 1),
					querycheck.ExpectLength("huaweicloudvpn_vpn_connection.static", 1),
					querycheck.ExpectLength("huaweicloudvpn_connection_monitor.all", 1),
					querycheck.ExpectIdentity("huaweicloudvpn_vpn_gateway.by_name", listIdentity(env)),
					querycheck.ExpectIdentity("huaweicloudvpn_customer_gateway.tagged", listIdentity(env)),
					querycheck.ExpectIdentity("huaweicloudvpn_vpn_connection.static", listIdentity(env)),
					querycheck.ExpectIdentity("huaweicloudvpn_connection_monitor.all", listIdentity(env)),
					querycheck.ExpectResourceDisplayName("huaweicloudvpn_customer_gateway.tagged", byName("list-other"),
						knownvalue.StringRegexp(regexp.MustCompile(`^list-other \([0-9a-f-]{36}\)$`))),
					querycheck.ExpectResourceKnownValues("huaweicloudvpn_vpn_gateway.by_name", byName("list-gw"), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("list-gw")},
						{Path: tfjsonpath.New("eip1").AtMapKey("type"), KnownValue: knownvalue.StringExact("5_bgp")},
						{Path: tfjsonpath.New("local_subnets"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("192.168.0.0/24")})},
					}),
					querycheck.ExpectResourceKnownValues("huaweicloudvpn_customer_gateway.tagged", byName("list-other"), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id_value"), KnownValue: knownvalue.StringExact("203.0.113.77")},
						{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{"site": knownvalue.StringExact("b")})},
					}),
					querycheck.ExpectResourceKnownValues("huaweicloudvpn_vpn_connection.static", byName("list-conn"), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("peer_subnets"), KnownValue: knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("10.0.0.0/24")})},
						{Path: tfjsonpath.New("psk"), KnownValue: knownvalue.Null()},
					}),
					querycheck.ExpectResourceKnownValues("huaweicloudvpn_connection_monitor.all",
						queryfilter.ByDisplayName(knownvalue.StringRegexp(regexp.MustCompile(`^monitor of connection `))),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("destination_ip"), KnownValue: knownvalue.StringExact(dsTestCgwIP)},
						}),
				},
			},
		},
	})
}

// More customer gateways than one page (200): the list reads every page.
func TestAccListResources_paging(t *testing.T) {
	const n = client.MaxMarkerPageLimit + 3
	env := newTestEnv(t, func(o *emulator.Options) {
		o.Quotas = map[string]int{emulator.KindCustomerGateway: n}
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		PreCheck: func() {
			for i := range n {
				_, err := env.Client.CreateCustomerGateway(t.Context(), &client.CreateCustomerGatewayRequest{
					Name: fmt.Sprintf("page-%03d", i), IDType: "ip", IDValue: fmt.Sprintf("192.0.2.%d", i%250+1),
				})
				if err != nil {
					t.Fatalf("creating customer gateway %d: %v", i, err)
				}
			}
		},
		Steps: []resource.TestStep{
			{Config: env.ProviderConfig()},
			{
				Query: true,
				Config: `
list "huaweicloudvpn_customer_gateway" "all" {
  provider = huaweicloudvpn
  limit    = 1000 # Terraform stops at 100 results by default
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("huaweicloudvpn_customer_gateway.all", n),
					querycheck.ExpectResourceDisplayName("huaweicloudvpn_customer_gateway.all",
						queryfilter.ByDisplayName(knownvalue.StringRegexp(regexp.MustCompile(fmt.Sprintf(`^page-%03d `, n-1)))),
						knownvalue.StringRegexp(regexp.MustCompile(`^page-\d+ \(`))),
				},
			},
		},
	})
}
