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

const quotasAddr = "data.huaweicloudvpn_quotas.test"

func quotaCheck(typ string, quota, used, available int64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"type": knownvalue.StringExact(typ), "quota": knownvalue.Int64Exact(quota),
		"used": knownvalue.Int64Exact(used), "available": knownvalue.Int64Exact(available),
	})
}

func TestAccQuotasDataSource_basic(t *testing.T) {
	env := newTestEnv(t, func(o *emulator.Options) {
		o.Quotas = map[string]int{emulator.KindCustomerGateway: 3}
	})
	cfg := env.ProviderConfig() + `
resource "huaweicloudvpn_customer_gateway" "cgw" {
  count    = 2
  id_value = "203.0.113.${count.index + 1}"
}

data "huaweicloudvpn_quotas" "test" {
  depends_on = [huaweicloudvpn_customer_gateway.cgw]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(quotasAddr, tfjsonpath.New("quotas"), knownvalue.ListExact([]knownvalue.Check{
					quotaCheck("vpn_gateway", 50, 0, 50),
					quotaCheck("customer_gateway", 3, 2, 1),
					quotaCheck("vpn_connection", 500, 0, 500),
				})),
			},
		}},
	})
}

func TestAccQuotasDataSource_filter(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.ProviderConfig() + `
data "huaweicloudvpn_quotas" "test" {
  type = "vpn-connection"
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Match.*vpn_gateway`),
			},
			{
				Config: env.ProviderConfig() + `
data "huaweicloudvpn_quotas" "test" {
  type = "vpn_connection"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(quotasAddr, tfjsonpath.New("quotas"), knownvalue.ListExact([]knownvalue.Check{
						quotaCheck("vpn_connection", 500, 0, 500),
					})),
				},
			},
		},
	})
}

func TestFlattenQuotas(t *testing.T) {
	quotas := []client.Quota{{Type: "vpn_gateway", Quota: 2, Used: 5}, {Type: "customer_gateway", Quota: 9, Used: 1}}
	all := flattenQuotas(quotas, "")
	if len(all.Elements()) != 2 {
		t.Fatalf("want 2 entries, got %v", all)
	}
	// Over quota (the quota was lowered): nothing available, never negative.
	if got := all.Elements()[0].String(); !regexp.MustCompile(`"available":0\b`).MatchString(got) {
		t.Errorf("over quota: %s", got)
	}
	// No match: an empty list, not null.
	none := flattenQuotas(quotas, "vpn_connection")
	if none.IsNull() || len(none.Elements()) != 0 {
		t.Errorf("no match: %v", none)
	}
}
