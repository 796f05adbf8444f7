package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

const (
	riFilterRoute = "POST /v5/{project_id}/customer-gateway/resource-instances/filter"
	riCountRoute  = "POST /v5/{project_id}/customer-gateway/resource-instances/count"
)

// TestAccResourceInstancesDataSource_customerGateways finds three customer
// gateways by tag values, any value of a key with a name match, no tag at
// all, and counts, each with the expected resources and tags.
func TestAccResourceInstancesDataSource_customerGateways(t *testing.T) {
	env := newTestEnv(t)
	cgws := `
resource "huaweicloudvpn_customer_gateway" "a" {
  name     = "ri-alpha"
  id_value = "203.0.113.71"
  tags     = { env = "prod", team = "net" }
}

resource "huaweicloudvpn_customer_gateway" "b" {
  name     = "ri-beta"
  id_value = "203.0.113.72"
  tags     = { env = "test" }
}

resource "huaweicloudvpn_customer_gateway" "c" {
  name     = "ri-gamma"
  id_value = "203.0.113.73"
}
`
	queries := `
data "huaweicloudvpn_resource_instances" "env" {
  resource_type = "customer_gateway"
  tags {
    key    = "env"
    values = ["prod", "test"]
  }
  depends_on = [huaweicloudvpn_customer_gateway.a, huaweicloudvpn_customer_gateway.b, huaweicloudvpn_customer_gateway.c]
}

data "huaweicloudvpn_resource_instances" "any_env_alpha" {
  resource_type = "customer-gateway"
  tags {
    key    = "env"
    values = []
  }
  matches {
    key   = "resource_name"
    value = "alpha"
  }
  depends_on = [huaweicloudvpn_customer_gateway.a, huaweicloudvpn_customer_gateway.b, huaweicloudvpn_customer_gateway.c]
}

data "huaweicloudvpn_resource_instances" "untagged" {
  resource_type   = "customer-gateway"
  without_any_tag = true
  depends_on      = [huaweicloudvpn_customer_gateway.a, huaweicloudvpn_customer_gateway.b, huaweicloudvpn_customer_gateway.c]
}

data "huaweicloudvpn_resource_instances" "count_prod" {
  resource_type = "customer-gateway"
  count_only    = true
  tags {
    key    = "env"
    values = ["prod"]
  }
  depends_on = [huaweicloudvpn_customer_gateway.a, huaweicloudvpn_customer_gateway.b, huaweicloudvpn_customer_gateway.c]
}

output "env_ids_ok" {
  value = (sort(data.huaweicloudvpn_resource_instances.env.resources[*].resource_id) ==
  sort([huaweicloudvpn_customer_gateway.a.id, huaweicloudvpn_customer_gateway.b.id]))
}

output "untagged_id" {
  value = data.huaweicloudvpn_resource_instances.untagged.resources[0].resource_id == huaweicloudvpn_customer_gateway.c.id
}
`
	ds := func(name string) string { return "data.huaweicloudvpn_resource_instances." + name }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{Config: env.ProviderConfig() + cgws},
			{
				PreConfig: env.Emu.ResetCounts,
				Config:    env.ProviderConfig() + cgws + queries,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds("env"), tfjsonpath.New("total_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(ds("env"), tfjsonpath.New("resources"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownOutputValue("env_ids_ok", knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds("any_env_alpha"), tfjsonpath.New("resources"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"resource_id":   knownvalue.NotNull(),
							"resource_name": knownvalue.StringExact("ri-alpha"),
							"tags": knownvalue.MapExact(map[string]knownvalue.Check{
								"env": knownvalue.StringExact("prod"), "team": knownvalue.StringExact("net"),
							}),
						}),
					})),
					statecheck.ExpectKnownValue(ds("untagged"), tfjsonpath.New("resources"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"resource_id": knownvalue.NotNull(), "resource_name": knownvalue.StringExact("ri-gamma"),
							"tags": knownvalue.MapSizeExact(0),
						}),
					})),
					statecheck.ExpectKnownOutputValue("untagged_id", knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds("count_prod"), tfjsonpath.New("total_count"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(ds("count_prod"), tfjsonpath.New("resources"), knownvalue.ListSizeExact(0)),
				},
				// Three filters (one page each) and one count.
				Check: checkRequestCounts(env, map[string]int{riFilterRoute: 3, riCountRoute: 1}),
			},
		},
	})
}

func TestAccResourceInstancesDataSource_validation(t *testing.T) {
	env := newTestEnv(t)
	cases := []struct{ body, want string }{
		{`resource_type = "vpn-certificate"`, `Invalid Attribute Value Match`},
		{"resource_type = \"vpn-gateway\"\n  without_any_tag = true\n  tags {\n    key = \"env\"\n    values = []\n  }", `(?s)Invalid Attribute Combination.*without_any_tag = true`},
		{"resource_type = \"vpn-gateway\"\n  matches {\n    key = \"name\"\n    value = \"x\"\n  }", `(?s)matches\[0\].key.*resource_name`},
		{"resource_type = \"vpn-gateway\"\n  tags {\n    key = \"\"\n    values = []\n  }", `(?s)tags\[0\].key.*length`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      env.ProviderConfig() + "data \"huaweicloudvpn_resource_instances\" \"x\" {\n  " + c.body + "\n}\n",
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}
