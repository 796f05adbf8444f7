package provider

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

const cgwAddr = "huaweicloudvpn_customer_gateway.test"

// Route patterns of the emulator's request counters.
const (
	cgwGetRoute        = "GET /v5/{project_id}/customer-gateways/{customer_gateway_id}"
	cgwPutRoute        = "PUT /v5/{project_id}/customer-gateways/{customer_gateway_id}"
	cgwTagCreateRoute  = "POST /v5/{project_id}/customer-gateway/{resource_id}/tags/create"
	cgwTagDeleteRoute  = "POST /v5/{project_id}/customer-gateway/{resource_id}/tags/delete"
	cgwTagListRoute    = "GET /v5/{project_id}/customer-gateway/{resource_id}/tags"
	cgwTagRoutesPrefix = "/v5/{project_id}/customer-gateway/"
)

// cgwConfig renders a provider block and one customer gateway with the given body lines.
func cgwConfig(env *testEnv, providerExtra []string, body ...string) string {
	return env.ProviderConfig(providerExtra...) +
		"resource \"huaweicloudvpn_customer_gateway\" \"test\" {\n  " + strings.Join(body, "\n  ") + "\n}\n"
}

// cgwIDSame compares the id across the steps that add to it.
func cgwIDSame() interface {
	AddStateValue(string, tfjsonpath.Path) statecheck.StateCheck
} {
	return statecheck.CompareValue(compare.ValuesSame())
}

func TestAccCustomerGateway_basic(t *testing.T) {
	env := newTestEnv(t)
	cfg := cgwConfig(env, nil, `name = "cgw-basic"`, `id_value = "203.0.113.10"`, `bgp_asn = 65000`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(cgwAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("name"), knownvalue.StringExact("cgw-basic")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("id_type"), knownvalue.StringExact("ip")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("id_value"), knownvalue.StringExact("203.0.113.10")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("bgp_asn"), knownvalue.Int64Exact(65000)),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("ca_certificate"), knownvalue.Null()),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags"), knownvalue.Null()),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapSizeExact(0)),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("updated_at"), knownvalue.NotNull()),
				},
				Check: func(s *terraform.State) error {
					id := s.RootModule().Resources[cgwAddr].Primary.ID
					cgw, err := env.Client.GetCustomerGateway(context.Background(), id)
					if err != nil {
						return err
					}
					if cgw.Name != "cgw-basic" || cgw.IDValue != "203.0.113.10" || cgw.BgpAsn == nil || *cgw.BgpAsn != 65000 {
						return fmt.Errorf("service has %+v", cgw)
					}
					return nil
				},
			},
			{
				ResourceName:      cgwAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// An import block plans a no-op: after an import nothing changes.
				Config:          cfg,
				ResourceName:    cgwAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// The default id_type written out is no change.
				Config:   cgwConfig(env, nil, `name = "cgw-basic"`, `id_type = "ip"`, `id_value = "203.0.113.10"`, `bgp_asn = 65000`),
				PlanOnly: true,
			},
		},
	})
}

// A name left out of the configuration is generated by the provider
// (tf-cgw-<8 hex>, a key to find the gateway again after a lost answer) and
// never causes a diff; import keeps it.
func TestAccCustomerGateway_generatedName(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{
				Config: cgwConfig(env, nil, `id_value = "203.0.113.11"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("name"), knownvalue.StringRegexp(regexp.MustCompile(`^tf-cgw-[0-9a-f]{8}$`))),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("bgp_asn"), knownvalue.Null()),
				},
			},
			{Config: cgwConfig(env, nil, `id_value = "203.0.113.11"`), PlanOnly: true},
			{ResourceName: cgwAddr, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCustomerGateway_update(t *testing.T) {
	env := newTestEnv(t)
	ids := cgwIDSame()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{
				Config:            cgwConfig(env, nil, `name = "cgw-one"`, `id_value = "203.0.113.20"`, `bgp_asn = 65001`, `tags = { team = "net" }`),
				ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(cgwAddr, tfjsonpath.New("id"))},
			},
			{
				PreConfig: env.Emu.ResetCounts,
				Config:    cgwConfig(env, nil, `name = "cgw-two"`, `id_value = "203.0.113.20"`, `bgp_asn = 65001`, `tags = { team = "net" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(cgwAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(cgwAddr, tfjsonpath.New("updated_at")),
						plancheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(cgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("name"), knownvalue.StringExact("cgw-two")),
				},
				// One PUT, and no tag call: the tags did not change.
				Check: resource.ComposeAggregateTestCheckFunc(
					checkRequestCounts(env, map[string]int{cgwPutRoute: 1}),
					checkNoTagCalls(env, cgwTagRoutesPrefix),
				),
			},
			{
				// Removing name from the configuration keeps the current one.
				Config:   cgwConfig(env, nil, `id_value = "203.0.113.20"`, `bgp_asn = 65001`, `tags = { team = "net" }`),
				PlanOnly: true,
			},
		},
	})
}

func TestAccCustomerGateway_replace(t *testing.T) {
	env := newTestEnv(t)
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	replace := func(body ...string) resource.TestStep {
		return resource.TestStep{
			Config: cgwConfig(env, nil, body...),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(cgwAddr, plancheck.ResourceActionReplace)},
			},
			ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(cgwAddr, tfjsonpath.New("id"))},
		}
	}
	first := replace(`name = "cgw-r"`, `id_value = "203.0.113.30"`, `bgp_asn = 65010`)
	first.ConfigPlanChecks = resource.ConfigPlanChecks{}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			first,
			replace(`name = "cgw-r"`, `id_value = "203.0.113.31"`, `bgp_asn = 65010`),      // id_value
			replace(`name = "cgw-r"`, `id_value = "203.0.113.31"`, `bgp_asn = 65011`),      // bgp_asn
			replace(`name = "cgw-r"`, `id_value = "203.0.113.31"`),                         // bgp_asn removed
			replace(`name = "cgw-r"`, `id_type = "fqdn"`, `id_value = "peer.example.com"`), // id_type
			{Config: cgwConfig(env, nil, `name = "cgw-r"`, `id_type = "fqdn"`, `id_value = "peer.example.com"`), PlanOnly: true},
		},
	})
}

func TestAccCustomerGateway_disappears(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{
				Config:             cgwConfig(env, nil, `name = "cgw-gone"`, `id_value = "203.0.113.40"`),
				Check:              checkDeletedBehindTerraform(env, emulator.KindCustomerGateway, cgwAddr, "id"),
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(cgwAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// Delete of a customer gateway already gone succeeds.
func TestCustomerGatewayResource_deleteMissing(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	err := env.Client.DeleteCustomerGateway(t.Context(), "00000000-0000-0000-0000-000000000000")
	if !client.IsNotFound(err) {
		t.Fatalf("emulator: want not found, got %v", err)
	}
	r := &customerGatewayResource{data: &ProviderData{Client: env.Client}}
	st := stateWithID(t, r, "00000000-0000-0000-0000-000000000000")
	resp := fwresource.DeleteResponse{State: st}
	r.Delete(t.Context(), fwresource.DeleteRequest{State: st}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("delete of a missing customer gateway: %v", resp.Diagnostics)
	}
}

func TestAccCustomerGateway_tags(t *testing.T) {
	env := newTestEnv(t)
	ids := cgwIDSame()
	base := []string{`name = "cgw-tags"`, `id_value = "203.0.113.50"`}
	with := func(extra ...string) []string { return append(append([]string{}, base...), extra...) }
	update := []plancheck.PlanCheck{plancheck.ExpectResourceAction(cgwAddr, plancheck.ResourceActionUpdate)}
	defaultTags := []string{`default_tags {`, `  tags = { env = "test", team = "default" }`, `}`}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{
				// Tags on create go in the create body: no tag call.
				PreConfig: env.Emu.ResetCounts,
				Config:    cgwConfig(env, nil, with(`tags = { a = "1", b = "2" }`)...),
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(cgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"a": knownvalue.StringExact("1"), "b": knownvalue.StringExact("2"),
					})),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapSizeExact(2)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(checkNoTagCalls(env, cgwTagRoutesPrefix), checkServiceTags(env, cgwAddr, client.ResourceTypeCustomerGateway, map[string]string{"a": "1", "b": "2"})),
			},
			{
				// One refresh is one GET of the customer gateway, and no tag call.
				PreConfig:    env.Emu.ResetCounts,
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkRequestCounts(env, map[string]int{cgwGetRoute: 1, cgwTagListRoute: 0}),
					checkNoTagCalls(env, cgwTagRoutesPrefix),
				),
			},
			{
				// Change b, remove a, add c: one delete (a) and one create (b, c).
				PreConfig:        env.Emu.ResetCounts,
				Config:           cgwConfig(env, nil, with(`tags = { b = "3", c = "4" }`)...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: update},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(cgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{
						"b": knownvalue.StringExact("3"), "c": knownvalue.StringExact("4"),
					})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkRequestCounts(env, map[string]int{cgwTagDeleteRoute: 1, cgwTagCreateRoute: 1, cgwPutRoute: 0}),
					checkServiceTags(env, cgwAddr, client.ResourceTypeCustomerGateway, map[string]string{"b": "3", "c": "4"}),
				),
			},
			{
				// Remove every tag: one delete, no create.
				PreConfig:        env.Emu.ResetCounts,
				Config:           cgwConfig(env, nil, base...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: update},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(cgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags"), knownvalue.Null()),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapSizeExact(0)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkRequestCounts(env, map[string]int{cgwTagDeleteRoute: 1, cgwTagCreateRoute: 0}),
					checkServiceTags(env, cgwAddr, client.ResourceTypeCustomerGateway, map[string]string{}),
				),
			},
			{
				// default_tags plan an in-place update; resource tags win on a shared key.
				Config:           cgwConfig(env, defaultTags, with(`tags = { team = "own", x = "y" }`)...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: update},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(cgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"team": knownvalue.StringExact("own"), "x": knownvalue.StringExact("y"),
					})),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{
						"env": knownvalue.StringExact("test"), "team": knownvalue.StringExact("own"), "x": knownvalue.StringExact("y"),
					})),
				},
				Check: checkServiceTags(env, cgwAddr, client.ResourceTypeCustomerGateway, map[string]string{"env": "test", "team": "own", "x": "y"}),
			},
			{
				// A change of default_tags alone is an in-place update of tags_all.
				Config: cgwConfig(env, []string{`default_tags {`, `  tags = { env = "prod" }`, `}`}, with(`tags = { team = "own", x = "y" }`)...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(update,
					plancheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{
						"env": knownvalue.StringExact("prod"), "team": knownvalue.StringExact("own"), "x": knownvalue.StringExact("y"),
					})),
				)},
				Check: checkServiceTags(env, cgwAddr, client.ResourceTypeCustomerGateway, map[string]string{"env": "prod", "team": "own", "x": "y"}),
			},
			{
				ResourceName:      cgwAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccCustomerGateway_fqdn(t *testing.T) {
	env := newTestEnv(t)
	cfg := cgwConfig(env, nil, `name = "cgw-fqdn"`, `id_type = "fqdn"`, `id_value = "branch-01.vpn.example.com"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("id_type"), knownvalue.StringExact("fqdn")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("id_value"), knownvalue.StringExact("branch-01.vpn.example.com")),
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("bgp_asn"), knownvalue.Null()),
				},
			},
			{ResourceName: cgwAddr, ImportState: true, ImportStateVerify: true},
			{Config: cfg, ResourceName: cgwAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}

func TestAccCustomerGateway_caCertificate(t *testing.T) {
	env := newTestEnv(t)
	certA := newTestCgwCert(t, "Example Root A", true)
	certB := newTestCgwCert(t, "Example Root B", true)
	ids := cgwIDSame()
	cfg := func(content string) string {
		return cgwConfig(env, nil, `name = "cgw-ca"`, `id_type = "fqdn"`, `id_value = "gm-peer.example.com"`,
			fmt.Sprintf("ca_certificate = {\n    content = %q\n  }", content))
	}
	// The same certificate with CRLF line endings and extra trailing blank lines.
	certACRLF := strings.ReplaceAll(certA.PEM, "\n", "\r\n") + "\r\n\r\n"
	caPath := func(name string) tfjsonpath.Path { return tfjsonpath.New("ca_certificate").AtMapKey(name) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{
				Config: cfg(certA.PEM),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectSensitiveValue(cgwAddr, caPath("content"))},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(cgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(cgwAddr, caPath("serial_number"), knownvalue.StringExact(certA.Serial)),
					statecheck.ExpectKnownValue(cgwAddr, caPath("subject"), knownvalue.StringRegexp(regexp.MustCompile(`Example Root A`))),
					statecheck.ExpectKnownValue(cgwAddr, caPath("issuer"), knownvalue.StringRegexp(regexp.MustCompile(`Example Root A`))),
					statecheck.ExpectKnownValue(cgwAddr, caPath("signature_algorithm"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(cgwAddr, caPath("expire_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(cgwAddr, caPath("is_updatable"), knownvalue.Bool(true)),
				},
			},
			{
				// Line endings and trailing whitespace never diff.
				Config: cfg(certACRLF),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig: env.Emu.ResetCounts,
				Config:    cfg(certB.PEM),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(cgwAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(cgwAddr, caPath("serial_number")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(cgwAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(cgwAddr, caPath("serial_number"), knownvalue.StringExact(certB.Serial)),
					statecheck.ExpectKnownValue(cgwAddr, caPath("subject"), knownvalue.StringRegexp(regexp.MustCompile(`Example Root B`))),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkRequestCounts(env, map[string]int{cgwPutRoute: 1}),
					checkNoTagCalls(env, cgwTagRoutesPrefix),
				),
			},
			{
				// The service never returns the content: the documented exception.
				ResourceName:            cgwAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"ca_certificate.content"},
			},
			{
				// The service cannot unbind a certificate: removing it replaces.
				Config: cgwConfig(env, nil, `name = "cgw-ca"`, `id_type = "fqdn"`, `id_value = "gm-peer.example.com"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(cgwAddr, plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("ca_certificate"), knownvalue.Null()),
				},
			},
			{
				// Adding a certificate to a gateway without one is in place.
				Config: cfg(certA.PEM),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(cgwAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cgwAddr, caPath("serial_number"), knownvalue.StringExact(certA.Serial)),
				},
			},
		},
	})
}

// Plan-time validation: each bad configuration fails before any API call.
func TestAccCustomerGateway_validation(t *testing.T) {
	env := newTestEnv(t)
	var manyTags []string
	for i := range 21 {
		manyTags = append(manyTags, fmt.Sprintf("k%02d = \"v\"", i))
	}
	notCA := newTestCgwCert(t, "Leaf", false)
	cases := []struct {
		name string
		body []string
		want string
	}{
		{"bgp_asn with fqdn", []string{`id_type = "fqdn"`, `id_value = "peer.example.com"`, `bgp_asn = 65000`}, `(?s)Invalid Attribute Combination.*bgp_asn can only be set when id_type is "ip"`},
		{"bad ip", []string{`id_value = "10.0.0.256"`}, `(?s)Invalid Customer Gateway Identifier.*must be an IPv4 address`},
		{"fqdn with space", []string{`id_type = "fqdn"`, `id_value = "bad host"`}, `Invalid Customer Gateway Identifier`},
		{"bad id_type", []string{`id_type = "dns"`, `id_value = "peer.example.com"`}, `(?s)id_type.*value must be one of`},
		{"bad name", []string{`name = "bad name!"`, `id_value = "203.0.113.60"`}, `Invalid Name`},
		{"long name", []string{`name = "` + strings.Repeat("n", 65) + `"`, `id_value = "203.0.113.60"`}, `Invalid Name`},
		{"bad asn", []string{`id_value = "203.0.113.60"`, `bgp_asn = 0`}, `Invalid BGP AS Number`},
		{"too many tags", []string{`id_value = "203.0.113.60"`, "tags = {" + strings.Join(manyTags, ", ") + "}"}, `(?s)tags.*at most 20`},
		{"bad tag key", []string{`id_value = "203.0.113.60"`, `tags = { "bad/key" = "v" }`}, `Invalid Tag Key`},
		{"bad tag value", []string{`id_value = "203.0.113.60"`, `tags = { k = "a<b" }`}, `Invalid Tag Value`},
		{"not PEM", []string{`id_value = "203.0.113.60"`, `ca_certificate = { content = "not a certificate" }`}, `(?s)Invalid CA Certificate.*not PEM`},
		{"private key PEM", []string{`id_value = "203.0.113.60"`, `ca_certificate = { content = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }`}, `(?s)Invalid CA Certificate.*not a CERTIFICATE`},
		{"garbage DER", []string{`id_value = "203.0.113.60"`, `ca_certificate = { content = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" }`}, `(?s)Invalid CA Certificate.*DER`},
		{"not a CA", []string{`id_value = "203.0.113.60"`, fmt.Sprintf("ca_certificate = { content = %q }", notCA.PEM)}, `(?s)Invalid CA Certificate.*not a CA certificate`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      cgwConfig(env, nil, c.body...),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy: func(s *terraform.State) error {
			for route, n := range env.Emu.RequestCounts() {
				if strings.Contains(route, "customer-gateway") && n > 0 {
					return fmt.Errorf("a customer gateway API call was made during validation: %s x%d", route, n)
				}
			}
			return nil
		},
	})
}

func TestCgwPEMEquivalent(t *testing.T) {
	t.Parallel()
	a := newTestCgwCert(t, "A", true).PEM
	b := newTestCgwCert(t, "B", true).PEM
	cases := []struct {
		x, y string
		want bool
	}{
		{a, a, true},
		{a, strings.TrimRight(a, "\n"), true},
		{a, strings.ReplaceAll(a, "\n", "\r\n"), true},
		{a, "\n  " + a + "\n\n", true},
		{a, b, false},
		{a, a + b, false},
		{a + b, strings.ReplaceAll(a+b, "\n", "\r\n"), true},
		{"not pem", "not pem\r\n", true},
		{"not pem", "other", false},
		{a, "not pem", false},
	}
	for i, c := range cases {
		if got := pemEquivalent(c.x, c.y); got != c.want {
			t.Errorf("case %d: pemEquivalent = %v, want %v", i, got, c.want)
		}
		if got := pemEquivalent(c.y, c.x); got != c.want {
			t.Errorf("case %d (swapped): pemEquivalent = %v, want %v", i, got, c.want)
		}
	}
	eq, _ := pemValue{StringValue: types.StringValue(a)}.StringSemanticEquals(context.Background(),
		pemValue{StringValue: types.StringValue(strings.ReplaceAll(a, "\n", "\r\n"))})
	if !eq {
		t.Error("StringSemanticEquals: CRLF variant should be equal")
	}
}

func TestCgwPEMValidator(t *testing.T) {
	t.Parallel()
	expired := func() string {
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Old"},
			NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour),
			IsCA: true, BasicConstraintsValid: true,
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			t.Fatal(err)
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	}()
	// A well-formed DER SEQUENCE that crypto/x509 cannot parse (as with SM2 certificates).
	opaque := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{0x30, 0x03, 0x02, 0x01, 0x01}}))
	cases := []struct {
		name          string
		value         string
		errs, warning bool
	}{
		{"ca", newTestCgwCert(t, "CA", true).PEM, false, false},
		{"leaf", newTestCgwCert(t, "Leaf", false).PEM, true, false},
		{"expired", expired, false, true},
		{"opaque", opaque, false, false},
		{"empty", "", true, false},
		{"too long", strings.Repeat("x", 8193), true, false},
		{"text", "hello", true, false},
	}
	for _, c := range cases {
		var resp validator.StringResponse
		pemCACertificateValidator().ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("content"), ConfigValue: types.StringValue(c.value),
		}, &resp)
		if got := resp.Diagnostics.ErrorsCount() > 0; got != c.errs {
			t.Errorf("%s: errors = %v, want %v (%v)", c.name, got, c.errs, resp.Diagnostics)
		}
		if got := resp.Diagnostics.WarningsCount() > 0; got != c.warning {
			t.Errorf("%s: warning = %v, want %v (%v)", c.name, got, c.warning, resp.Diagnostics)
		}
	}
}

// TestAccCustomerGateway_examples applies the documentation examples (every
// .tf file of examples/resources/huaweicloudvpn_customer_gateway, one module,
// with a generated peer-ca.pem) against the emulator.
func TestAccCustomerGateway_examples(t *testing.T) {
	env := newTestEnv(t)
	dir, files := copyExamples(t, env, "huaweicloudvpn_customer_gateway")
	ca := newTestCgwCert(t, "Example Peer CA", true)
	if err := os.WriteFile(filepath.Join(dir, "peer-ca.pem"), []byte(ca.PEM), 0o600); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		CheckDestroy: env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{{
			// The directory has its own provider block, so the factories go on the step.
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(dir),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("huaweicloudvpn_customer_gateway.with_ca", tfjsonpath.New("ca_certificate").AtMapKey("serial_number"),
					knownvalue.StringExact(ca.Serial)),
			},
			Check: func(*terraform.State) error {
				if n := len(env.Emu.Resources()[emulator.KindCustomerGateway]); n != files {
					return fmt.Errorf("want %d customer gateways from the examples, got %d", files, n)
				}
				return nil
			},
		}},
	})
}

// A certificate the service reports as not updatable cannot change in place:
// the plan says so before any call.
func TestAccCustomerGateway_caNotUpdatable(t *testing.T) {
	env := newTestEnv(t)
	// The service answers is_updatable = false for every certificate.
	hooked := hookServer(t, env, func(w http.ResponseWriter, _ *http.Request, rec *httptest.ResponseRecorder) bool {
		body := bytes.ReplaceAll(rec.Body.Bytes(), []byte(`"is_updatable":true`), []byte(`"is_updatable":false`))
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
		return true
	})
	certA := newTestCgwCert(t, "Example Root A", true)
	certB := newTestCgwCert(t, "Example Root B", true)
	cfg := func(content string) string {
		return cgwConfig(hooked, nil, `id_type = "fqdn"`, `id_value = "gm-peer.example.com"`,
			fmt.Sprintf("ca_certificate = {\n    content = %q\n  }", content))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCustomerGateway),
		Steps: []resource.TestStep{
			{
				Config: cfg(certA.PEM),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cgwAddr, tfjsonpath.New("ca_certificate").AtMapKey("is_updatable"), knownvalue.Bool(false)),
				},
			},
			{
				PreConfig:   env.Emu.ResetCounts,
				Config:      cfg(certB.PEM),
				ExpectError: regexp.MustCompile(`(?s)CA Certificate Cannot Be Changed.*is_updatable = false`),
			},
			{
				// Nothing was sent: the rejection came from the plan.
				Config: cfg(certA.PEM),
				Check:  checkRequestCounts(env, map[string]int{cgwPutRoute: 0}),
			},
		},
	})
}
