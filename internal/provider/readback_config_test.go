package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// eipN with id may repeat the service's values of that EIP (as generated
// configuration does), but not other values, and not when the gateway is
// created or the EIP swapped.
func TestAccVPNGateway_eipIDWithServiceValues(t *testing.T) {
	env := newTestEnv(t)
	subnets := `  local_subnets = ["192.168.0.0/24"]`
	eips := func(eip1 string) string {
		return fmt.Sprintf("  eip1 = { id = %q %s }\n  eip2 = { id = %q }", vgwTestEIP1, eip1, vgwTestEIP2)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{
			{
				Config:      vgwPublicConfig(env, nil, subnets, eips(`, type = "5_bgp"`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Conflicting EIP Arguments.*eip1.type must not be set together with eip1.id\s+when the gateway is created`),
			},
			{Config: vgwPublicConfig(env, nil, subnets, eips(""))},
			{
				// The service's values of the EIP: no change.
				Config:           vgwPublicConfig(env, nil, subnets, eips(`, type = "5_bgp", charge_mode = "bandwidth"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:      vgwPublicConfig(env, nil, subnets, eips(`, charge_mode = "traffic"`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Conflicting EIP Arguments.*eip1.charge_mode is "traffic" but EIP\s+` + vgwTestEIP1 + `\s+has\s+"bandwidth"`),
			},
			{
				// A swap to another EIP cannot carry values of the old one.
				Config: vgwPublicConfig(env, nil, subnets,
					fmt.Sprintf("  eip1 = { id = %q, type = \"5_bgp\" }\n  eip2 = { id = %q }", vgwTestEIP3, vgwTestEIP2)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)eip1.type must not be set together with eip1.id\s+when\s+the\s+gateway\s+is\s+created\s+or\s+the\s+EIP\s+changes`),
			},
		},
	})
}

// local_id and peer_id of id type ip may repeat the addresses the service
// fills in: a configuration that does so creates, and then plans no change.
func TestAccVPNConnection_ipIDsEqualToService(t *testing.T) {
	env := newTestEnv(t)
	base := env.ProviderConfig() + connGateway()
	cfg := base + connResource("test", append([]string{"vgw_ip = huaweicloudvpn_vpn_gateway.test.access_private_ip_1"},
		connBasicBody(`ikepolicy = { local_id = huaweicloudvpn_vpn_gateway.test.access_private_ip_1, peer_id = "203.0.113.10" }`)...)...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             connCheckDestroy(env),
		Steps: []resource.TestStep{
			{Config: cfg},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
