package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// cgwsDataConfig is three customer gateways and the given data sources,
// which depend on them so they are read after the gateways exist.
func cgwsDataConfig(env *testEnv, cert string, dataSources string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "huaweicloudvpn_customer_gateway" "a" {
  name     = "ds-a"
  id_value = "198.51.100.1"
  bgp_asn  = 65100
  tags     = { env = "dev", team = "net" }
}

resource "huaweicloudvpn_customer_gateway" "b" {
  name     = "ds-b"
  id_value = "198.51.100.2"
  tags     = { env = "dev" }
}

resource "huaweicloudvpn_customer_gateway" "c" {
  name     = "ds-c"
  id_type  = "fqdn"
  id_value = "ds-c.example.com"
  tags     = { env = "prod" }
  ca_certificate = {
    content = %q
  }
}

locals {
  all_cgws = [huaweicloudvpn_customer_gateway.a.id, huaweicloudvpn_customer_gateway.b.id, huaweicloudvpn_customer_gateway.c.id]
}
`, cert) + dataSources
}

func TestAccCustomerGatewaysDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	cert := newTestCgwCert(t, "DS Root", true)
	ds := `
data "huaweicloudvpn_customer_gateways" "all" {
  depends_on = [huaweicloudvpn_customer_gateway.a, huaweicloudvpn_customer_gateway.b, huaweicloudvpn_customer_gateway.c]
}

data "huaweicloudvpn_customer_gateways" "by_name" {
  name       = "ds-c"
  depends_on = [huaweicloudvpn_customer_gateway.a, huaweicloudvpn_customer_gateway.b, huaweicloudvpn_customer_gateway.c]
}
`
	item := func(name string) tfjsonpath.Path {
		return tfjsonpath.New("customer_gateways").AtSliceIndex(0).AtMapKey(name)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{{
			Config: cgwsDataConfig(env, cert.PEM, ds),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.all", tfjsonpath.New("customer_gateways"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.by_name", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				statecheck.CompareValuePairs(
					"data.huaweicloudvpn_customer_gateways.by_name", tfjsonpath.New("ids").AtSliceIndex(0),
					"huaweicloudvpn_customer_gateway.c", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.by_name", item("name"), knownvalue.StringExact("ds-c")),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.by_name", item("id_type"), knownvalue.StringExact("fqdn")),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.by_name", item("id_value"), knownvalue.StringExact("ds-c.example.com")),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.by_name", item("bgp_asn"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.by_name", item("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"env": knownvalue.StringExact("prod"),
				})),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.by_name", item("ca_certificate").AtMapKey("serial_number"), knownvalue.StringExact(cert.Serial)),
				statecheck.CompareValuePairs(
					"data.huaweicloudvpn_customer_gateways.by_name", item("tags_all"),
					"huaweicloudvpn_customer_gateway.c", tfjsonpath.New("tags_all"), compare.ValuesSame()),
				statecheck.CompareValuePairs(
					"data.huaweicloudvpn_customer_gateways.by_name", item("created_at"),
					"huaweicloudvpn_customer_gateway.c", tfjsonpath.New("created_at"), compare.ValuesSame()),
			},
		}},
	})
}

func TestAccCustomerGatewaysDataSource_filters(t *testing.T) {
	env := newTestEnv(t)
	cert := newTestCgwCert(t, "DS Root", true)
	deps := `depends_on = [huaweicloudvpn_customer_gateway.a, huaweicloudvpn_customer_gateway.b, huaweicloudvpn_customer_gateway.c]`
	ds := fmt.Sprintf(`
data "huaweicloudvpn_customer_gateways" "dev" {
  tags = { env = "dev" }
  %[1]s
}

data "huaweicloudvpn_customer_gateways" "dev_net" {
  tags = { env = "dev", team = "net" }
  %[1]s
}

data "huaweicloudvpn_customer_gateways" "fqdn" {
  id_type = "fqdn"
  %[1]s
}

data "huaweicloudvpn_customer_gateways" "none" {
  name = "no-such-gateway"
  %[1]s
}

data "huaweicloudvpn_customer_gateways" "none_tags" {
  tags = { env = "dev", team = "other" }
  %[1]s
}
`, deps)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{{
			Config: cgwsDataConfig(env, cert.PEM, ds),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.dev", tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.dev_net", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				statecheck.CompareValuePairs(
					"data.huaweicloudvpn_customer_gateways.dev_net", tfjsonpath.New("ids").AtSliceIndex(0),
					"huaweicloudvpn_customer_gateway.a", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.dev_net",
					tfjsonpath.New("customer_gateways").AtSliceIndex(0).AtMapKey("bgp_asn"), knownvalue.Int64Exact(65100)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.fqdn", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.none", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.none", tfjsonpath.New("customer_gateways"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.none_tags", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

// More customer gateways than one page (200): the data source reads every page.
func TestAccCustomerGatewaysDataSource_paging(t *testing.T) {
	const n = 205
	env := newTestEnv(t, func(o *emulator.Options) {
		o.Quotas = map[string]int{emulator.KindCustomerGateway: n}
	})
	for i := range n {
		req := &client.CreateCustomerGatewayRequest{Name: fmt.Sprintf("page-%03d", i), IDType: "ip", IDValue: fmt.Sprintf("192.0.2.%d", i%250+1)}
		if i == n-1 {
			req.Tags = []client.Tag{{Key: "last", Value: "yes"}}
		}
		if _, err := env.Client.CreateCustomerGateway(t.Context(), req); err != nil {
			t.Fatalf("creating customer gateway %d: %v", i, err)
		}
	}
	cfg := env.ProviderConfig() + `
data "huaweicloudvpn_customer_gateways" "all" {}

data "huaweicloudvpn_customer_gateways" "last" {
  tags = { last = "yes" }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_customer_gateways.last",
					tfjsonpath.New("customer_gateways").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact(fmt.Sprintf("page-%03d", n-1))),
			},
		}},
	})
}
