package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

const azAddr = "data.huaweicloudvpn_availability_zones.test"

func TestAccAvailabilityZonesDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	region := env.Emu.Options().Region
	// A gateway placed in the first two zones the data source reports.
	cfg := env.ProviderConfig() + `
data "huaweicloudvpn_availability_zones" "test" {}

resource "huaweicloudvpn_vpn_gateway" "gw" {
  vpc_id                = "` + dsTestVPC + `"
  connect_subnet        = "` + dsTestSubnet + `"
  local_subnets         = ["192.168.0.0/24"]
  availability_zone_ids = slice(data.huaweicloudvpn_availability_zones.test.names, 0, 2)
  eip1                  = { type = "5_bgp", bandwidth_size = 10 }
  eip2                  = { type = "5_bgp", bandwidth_size = 10 }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindGateway),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(azAddr, tfjsonpath.New("flavor"), knownvalue.StringExact("Professional1")),
				statecheck.ExpectKnownValue(azAddr, tfjsonpath.New("attachment_type"), knownvalue.StringExact("vpc")),
				statecheck.ExpectKnownValue(azAddr, tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(region + "a"), knownvalue.StringExact(region + "b"), knownvalue.StringExact(region + "c"),
				})),
				statecheck.ExpectKnownValue(azAddr, tfjsonpath.New("flavors"), knownvalue.MapSizeExact(6)),
				statecheck.ExpectKnownValue(azAddr, tfjsonpath.New("flavors").AtMapKey("gm").AtMapKey("er"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue(azAddr, tfjsonpath.New("flavors").AtMapKey("Professional2-NonFixedIP").AtMapKey("vpc"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("huaweicloudvpn_vpn_gateway.gw", tfjsonpath.New("availability_zone_ids"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact(region + "a"), knownvalue.StringExact(region + "b"),
				})),
			},
		}},
	})
}

func TestAccAvailabilityZonesDataSource_filter(t *testing.T) {
	env := newTestEnv(t)
	region := env.Emu.Options().Region
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Any case is accepted and kept as written.
			Config: env.ProviderConfig() + `
data "huaweicloudvpn_availability_zones" "test" {
  flavor          = "gm"
  attachment_type = "er"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(azAddr, tfjsonpath.New("flavor"), knownvalue.StringExact("gm")),
				statecheck.ExpectKnownValue(azAddr, tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(region + "a"), knownvalue.StringExact(region + "b"),
				})),
				statecheck.CompareValuePairs(azAddr, tfjsonpath.New("names"),
					azAddr, tfjsonpath.New("flavors").AtMapKey("gm").AtMapKey("er"), compare.ValuesSame()),
			},
		}},
	})
}

func TestAccAvailabilityZonesDataSource_unknownFlavor(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + `
data "huaweicloudvpn_availability_zones" "test" {
  flavor = "Professional9"
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Match.*Professional1.*GM.*Professional9`),
		}},
	})
}

func TestFlattenAvailabilityZones(t *testing.T) {
	zones := client.AvailabilityZones{
		"professional1": {VPC: []string{"z1", "z2"}, ER: []string{"z1"}},
		"gm":            {VPC: []string{"z3"}, ER: []string{}},
	}
	m, d := flattenAvailabilityZones(zones, "", "er")
	if d.HasError() {
		t.Fatalf("defaults: %v", d)
	}
	if m.Flavor.ValueString() != "Professional1" || len(m.Names.Elements()) != 1 || len(m.Flavors.Elements()) != 2 {
		t.Errorf("defaults: %+v", m)
	}
	if m, d = flattenAvailabilityZones(zones, "GM", ""); d.HasError() || len(m.Names.Elements()) != 1 {
		t.Errorf("GM/vpc: %+v %v", m, d)
	}
	// A known flavor the service does not report: an error naming what it reports.
	_, d = flattenAvailabilityZones(zones, "Basic", "vpc")
	if !d.HasError() || !strings.Contains(d.Errors()[0].Detail(), "gm, professional1") {
		t.Errorf("Basic: want an error listing gm, professional1, got %v", d)
	}
}
