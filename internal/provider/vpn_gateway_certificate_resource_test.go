package provider

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/emmansun/gmsm/smx509"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert/gmcerttest"
)

const (
	vgwCertAddr = "huaweicloudvpn_vpn_gateway_certificate.test"
	// Route patterns of the emulator's request counters.
	vgwCertPostRoute = "POST /v5/{project_id}/vpn-gateways/{vgw_id}/certificate"
	vgwCertPutRoute  = "PUT /v5/{project_id}/vpn-gateways/{vgw_id}/certificate/{certificate_id}"
)

// vgwCertGateway is the HCL of a private gateway "test" of the given flavor.
func vgwCertGateway(flavor string) string {
	return fmt.Sprintf(`
resource "huaweicloudvpn_vpn_gateway" "test" {
  name           = "gw-cert"
  flavor         = %q
  network_type   = "private"
  vpc_id         = "11111111-2222-3333-4444-555555555555"
  local_subnets  = ["192.168.0.0/24"]
  connect_subnet = "66666666-7777-8888-9999-000000000000"
}
`, flavor)
}

// vgwCertResource is the HCL of the certificate "test" on gateway "test":
// write-only keys unless sensitive, then the extra lines.
func vgwCertResource(p testPKI, sensitive bool, extra ...string) string {
	keys := fmt.Sprintf("  private_key_wo     = %q\n  enc_private_key_wo = %q\n", p.SignKey, p.EncKey)
	if sensitive {
		keys = fmt.Sprintf("  private_key        = %q\n  enc_private_key    = %q\n", p.SignKey, p.EncKey)
	}
	return fmt.Sprintf(`
resource "huaweicloudvpn_vpn_gateway_certificate" "test" {
  vgw_id             = huaweicloudvpn_vpn_gateway.test.id
  certificate        = %q
  certificate_chain  = %q
  enc_certificate    = %q
%s  %s
}
`, p.Sign, p.CA, p.Enc, keys, strings.Join(extra, "\n  "))
}

// vgwCertConfig is provider + GM gateway + certificate.
func vgwCertConfig(env *testEnv, p testPKI, sensitive bool, extra ...string) string {
	return env.ProviderConfig() + vgwCertGateway("GM") + vgwCertResource(p, sensitive, extra...)
}

// vgwCertNoKeyInState fails when any attribute of any resource in the state
// holds a private key.
func vgwCertNoKeyInState(s *terraform.State) error {
	for addr, rs := range s.RootModule().Resources {
		for k, v := range rs.Primary.Attributes {
			if strings.Contains(v, "PRIVATE KEY") {
				return fmt.Errorf("%s.%s holds a private key in the state", addr, k)
			}
		}
	}
	return nil
}

// vgwCertVgwID returns the gateway id of the certificate in the state.
func vgwCertVgwID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[vgwCertAddr]
	if !ok {
		return "", fmt.Errorf("%s not in state", vgwCertAddr)
	}
	return rs.Primary.Attributes["vgw_id"], nil
}

// vgwCertPuts returns the decoded "certificate" objects of the certificate
// PUT requests rec has seen.
func vgwCertPuts(t *testing.T, rec *apiRecorder) []map[string]string {
	var out []map[string]string
	for _, r := range rec.requests(http.MethodPut, "") {
		if !strings.Contains(r.Path, "/certificate/") {
			continue
		}
		var body struct {
			Certificate map[string]string `json:"certificate"`
		}
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Errorf("decoding a PUT body: %v", err)
		}
		out = append(out, body.Certificate)
	}
	return out
}

func TestAccVPNGatewayCertificate_basic(t *testing.T) {
	env := newTestEnv(t)
	p := newTestPKI(t, "basic")
	cfg := vgwCertConfig(env, p, false, `name = "cert-basic"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             env.CheckDestroy(emulator.KindCertificate),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("name"), knownvalue.StringExact("cert-basic")),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_serial_number"), knownvalue.StringExact(p.SignSerial)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_chain_serial_number"), knownvalue.StringExact(p.CASerial)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("enc_certificate_serial_number"), knownvalue.StringExact(p.EncSerial)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("issuer"), knownvalue.StringRegexp(regexp.MustCompile(`CN=basic CA`))),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_subject"), knownvalue.StringRegexp(regexp.MustCompile(`CN=basic sign`))),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("enc_certificate_subject"), knownvalue.StringRegexp(regexp.MustCompile(`CN=basic enc`))),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("signature_algorithm"), knownvalue.StringExact("SM3WITHSM2")),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("project_id"), knownvalue.StringExact(env.Emu.Options().ProjectID)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_expire_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("updated_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("private_key_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("private_key"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					vgwCertNoKeyInState,
					resource.TestCheckResourceAttrPair(vgwCertAddr, "vgw_id", "huaweicloudvpn_vpn_gateway.test", "id"),
					func(s *terraform.State) error {
						vgwID, err := vgwCertVgwID(s)
						if err != nil {
							return err
						}
						got, err := env.Client.GetVPNGatewayCertificate(context.Background(), vgwID)
						if err != nil {
							return err
						}
						if want := s.RootModule().Resources[vgwCertAddr].Primary.ID; got.ID != want || got.Status != "BOUND" {
							return fmt.Errorf("service has certificate %s (%s), state has %s", got.ID, got.Status, want)
						}
						return nil
					},
				),
			},
			{
				ResourceName: vgwCertAddr,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return vgwCertVgwID(s)
				},
				ImportStateVerify: true,
				// The service never returns the certificates' PEM.
				ImportStateVerifyIgnore: []string{"certificate", "certificate_chain", "enc_certificate"},
			},
			{
				// Forget the certificate (no API call)...
				Config: env.ProviderConfig() + vgwCertGateway("GM") + `
removed {
  from = huaweicloudvpn_vpn_gateway_certificate.test
  lifecycle {
    destroy = false
  }
}
`,
			},
			{
				// ... and import it with an import block: the plan only
				// records the PEM texts, and the apply sends nothing.
				PreConfig: env.Emu.ResetCounts,
				Config: cfg + `
import {
  to = huaweicloudvpn_vpn_gateway_certificate.test
  id = huaweicloudvpn_vpn_gateway.test.id
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_serial_number"), knownvalue.StringExact(p.SignSerial)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkRequestCounts(env, map[string]int{vgwCertPutRoute: 0}),
					checkRequestCounts(env, map[string]int{vgwCertPostRoute: 0}),
				),
			},
		},
	})
}

func TestAccVPNGatewayCertificate_update(t *testing.T) {
	env := newTestEnv(t)
	a, b := newTestPKI(t, "first"), newTestPKI(t, "second")
	crlf := a
	crlf.Sign = strings.ReplaceAll(a.Sign, "\n", "\r\n") + "\r\n"
	crlf.CA = "\n" + a.CA
	same := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             env.CheckDestroy(emulator.KindCertificate),
		Steps: []resource.TestStep{
			{
				Config: vgwCertConfig(env, a, false),
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(vgwCertAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("name"), knownvalue.StringRegexp(regexp.MustCompile(`^cert-`))),
				},
			},
			{
				// The same certificates with other line endings: no diff.
				Config: vgwCertConfig(env, crlf, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// A name change alone sends the name alone and does not re-bind.
				PreConfig: env.Emu.ResetCounts,
				Config:    vgwCertConfig(env, a, false, `name = "cert-renamed"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_serial_number"), knownvalue.StringExact(a.SignSerial)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(vgwCertAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("name"), knownvalue.StringExact("cert-renamed")),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
				},
				Check: checkRequestCounts(env, map[string]int{vgwCertPutRoute: 1}),
			},
			{
				// New certificates, chain and keys: updated in place, id kept.
				PreConfig: env.Emu.ResetCounts,
				Config:    vgwCertConfig(env, b, false, `name = "cert-renamed"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(vgwCertAddr, tfjsonpath.New("certificate_serial_number")),
						plancheck.ExpectUnknownValue(vgwCertAddr, tfjsonpath.New("certificate_chain_serial_number")),
						plancheck.ExpectUnknownValue(vgwCertAddr, tfjsonpath.New("enc_certificate_serial_number")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					same.AddStateValue(vgwCertAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_serial_number"), knownvalue.StringExact(b.SignSerial)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_chain_serial_number"), knownvalue.StringExact(b.CASerial)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("enc_certificate_serial_number"), knownvalue.StringExact(b.EncSerial)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("issuer"), knownvalue.StringRegexp(regexp.MustCompile(`CN=second CA`))),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkRequestCounts(env, map[string]int{vgwCertPutRoute: 1}),
					checkRequestCounts(env, map[string]int{vgwCertPostRoute: 0}),
				),
			},
		},
	})
}

func TestAccVPNGatewayCertificate_privateKeysWoVersion(t *testing.T) {
	base := newTestEnv(t)
	env, rec := recordingEnv(t, base, nil)
	p := newTestPKI(t, "wo")
	cfg := func(extra ...string) string { return vgwCertConfig(env, p, false, extra...) }
	// wantPut checks the PUT bodies since the last reset: n of them, the
	// last one with (or without) both keys.
	wantPut := func(n int, keys bool) resource.TestCheckFunc {
		return func(*terraform.State) error {
			puts := vgwCertPuts(t, rec)
			if len(puts) != n {
				return fmt.Errorf("want %d PUT requests, got %d", n, len(puts))
			}
			if n == 0 {
				return nil
			}
			last := puts[n-1]
			if !keys {
				if _, ok := last["private_key"]; ok {
					return fmt.Errorf("the private key was sent again: %v", len(last))
				}
				return nil
			}
			if last["private_key"] != p.SignKey || last["enc_private_key"] != p.EncKey {
				return fmt.Errorf("the PUT did not carry both private keys")
			}
			if last["certificate"] != p.Sign || last["enc_certificate"] != p.Enc || last["certificate_chain"] != p.CA {
				return fmt.Errorf("the PUT did not carry the three certificates")
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             env.CheckDestroy(emulator.KindCertificate),
		Steps: []resource.TestStep{
			{
				Config: cfg("private_keys_wo_version = 1"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("private_keys_wo_version"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("private_key_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("enc_private_key_wo"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(vgwCertNoKeyInState, wantPut(0, false)),
			},
			{
				// Same version: nothing to do.
				Config:           cfg("private_keys_wo_version = 1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: rec.reset,
				Config:    cfg("private_keys_wo_version = 2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("private_keys_wo_version"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(vgwCertNoKeyInState, wantPut(1, true)),
			},
			{
				// A name change does not send the keys.
				PreConfig: rec.reset,
				Config:    cfg("private_keys_wo_version = 2", `name = "cert-wo"`),
				Check:     resource.ComposeAggregateTestCheckFunc(vgwCertNoKeyInState, wantPut(1, false)),
			},
		},
	})
}

func TestAccVPNGatewayCertificate_sensitiveVariant(t *testing.T) {
	env := newTestEnv(t)
	a, b := newTestPKI(t, "sens"), newTestPKI(t, "sens2")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.CheckDestroy(emulator.KindCertificate),
		Steps: []resource.TestStep{
			{
				Config: vgwCertConfig(env, a, true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("private_key"), knownvalue.StringExact(a.SignKey)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("enc_private_key"), knownvalue.StringExact(a.EncKey)),
					statecheck.ExpectSensitiveValue(vgwCertAddr, tfjsonpath.New("private_key")),
					statecheck.ExpectSensitiveValue(vgwCertAddr, tfjsonpath.New("enc_private_key")),
				},
			},
			{
				ResourceName: vgwCertAddr,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return vgwCertVgwID(s)
				},
				ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"certificate", "certificate_chain", "enc_certificate",
					"private_key", "enc_private_key"},
			},
			{
				PreConfig: env.Emu.ResetCounts,
				Config:    vgwCertConfig(env, b, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_serial_number"), knownvalue.StringExact(b.SignSerial)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("private_key"), knownvalue.StringExact(b.SignKey)),
				},
				Check: checkRequestCounts(env, map[string]int{vgwCertPutRoute: 1}),
			},
		},
	})
}

func TestAccVPNGatewayCertificate_validation(t *testing.T) {
	env := newTestEnv(t)
	p, other := newTestPKI(t, "val"), newTestPKI(t, "other")
	ecLeaf, ecCA := newTestECDSACert(t, "ecdsa leaf", false), newTestECDSACert(t, "ecdsa CA", true)
	gw := env.ProviderConfig() + vgwCertGateway("GM")
	raw := func(body string) string {
		return gw + `
resource "huaweicloudvpn_vpn_gateway_certificate" "test" {
  vgw_id = huaweicloudvpn_vpn_gateway.test.id
` + body + "\n}\n"
	}
	certs := func(sign, ca, enc string) string {
		return fmt.Sprintf("  certificate = %q\n  certificate_chain = %q\n  enc_certificate = %q\n", sign, ca, enc)
	}
	wo := fmt.Sprintf("  private_key_wo = %q\n  enc_private_key_wo = %q\n", p.SignKey, p.EncKey)
	cases := []struct {
		name, config, want string
	}{
		{"no keys", raw(certs(p.Sign, p.CA, p.Enc)), `(?s)Missing Attribute Configuration.*private_key,private_key_wo`},
		{"both forms", raw(certs(p.Sign, p.CA, p.Enc) + wo + fmt.Sprintf("  private_key = %q\n", p.SignKey)), `Invalid Attribute Combination`},
		{"mixed forms", raw(certs(p.Sign, p.CA, p.Enc) + fmt.Sprintf("  private_key_wo = %q\n  enc_private_key = %q\n", p.SignKey, p.EncKey)), `Invalid Attribute Combination`},
		{"certificate not PEM", raw(certs("not a certificate", p.CA, p.Enc) + wo), `(?s)Invalid Certificate.*not PEM`},
		{"CA as certificate", raw(certs(p.CA, p.CA, p.Enc) + wo), `(?s)Invalid Certificate.*is a\s+CA certificate`},
		{"leaf as chain", raw(certs(p.Sign, p.Enc, p.Enc) + wo), `(?s)Invalid CA Certificate.*not a CA`},
		{"key not PEM", raw(certs(p.Sign, p.CA, p.Enc) + "  private_key_wo = \"secret\"\n" + fmt.Sprintf("  enc_private_key_wo = %q\n", p.EncKey)), `(?s)Invalid Private Key.*not PEM`},
		{"certificate as key", raw(certs(p.Sign, p.CA, p.Enc) + fmt.Sprintf("  private_key_wo = %q\n  enc_private_key_wo = %q\n", p.Sign, p.EncKey)), `(?s)Invalid Private Key.*not a PRIVATE KEY`},
		{"wrong key", raw(certs(p.Sign, p.CA, p.Enc) + fmt.Sprintf("  private_key_wo = %q\n  enc_private_key_wo = %q\n", p.EncKey, p.EncKey)), `(?s)Private Key Does Not Match Certificate.*private_key_wo`},
		{"other chain", raw(certs(p.Sign, other.CA, p.Enc) + wo), `(?s)Certificate Not Issued By The Chain`},
		{"ECDSA certificate", raw(certs(ecLeaf.PEM, p.CA, p.Enc) + fmt.Sprintf("  private_key_wo = %q\n  enc_private_key_wo = %q\n", ecLeaf.KeyPEM, p.EncKey)),
			`(?s)Not A GM Certificate.*certificate in certificate \(subject.*ECDSA P-256.*SM3WITHSM2`},
		{"ECDSA enc certificate", raw(certs(p.Sign, p.CA, ecLeaf.PEM) + fmt.Sprintf("  private_key_wo = %q\n  enc_private_key_wo = %q\n", p.SignKey, ecLeaf.KeyPEM)),
			`(?s)Not A GM Certificate.*certificate in enc_certificate \(subject`},
		{"ECDSA chain", raw(certs(p.Sign, ecCA.PEM, p.Enc) + wo), `(?s)Not A GM Certificate.*certificate in certificate_chain \(subject`},
		{"wrong enc key", raw(certs(p.Sign, p.CA, p.Enc) + fmt.Sprintf("  private_key_wo = %q\n  enc_private_key_wo = %q\n", p.SignKey, other.EncKey)), `(?s)Private Key Does Not Match Certificate.*enc_private_key_wo`},
		{"bad name", raw(certs(p.Sign, p.CA, p.Enc) + wo + `  name = "ab"`), `(?s)Invalid Name.*3-63`},
		{"version without wo", raw(certs(p.Sign, p.CA, p.Enc) + fmt.Sprintf("  private_key = %q\n  enc_private_key = %q\n  private_keys_wo_version = 1\n", p.SignKey, p.EncKey)), `(?s)Invalid Attribute Combination.*private_key_wo`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: regexp.MustCompile(c.want)})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps:                    steps,
	})
}

func TestAccVPNGatewayCertificate_notGM(t *testing.T) {
	env := newTestEnv(t)
	p := newTestPKI(t, "notgm")
	cfg := env.ProviderConfig() + vgwCertGateway("Professional1") + vgwCertResource(p, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				// The gateway id is unknown at plan time: the apply fails.
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)VPN Gateway Is Not GM.*flavor "Professional1".*flavor = "GM"`),
			},
			{
				// The gateway now exists: the plan fails.
				Config:      cfg,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)VPN Gateway Is Not GM.*flavor "Professional1"`),
			},
		},
	})
	if n := env.Emu.RequestCounts()[vgwCertPostRoute]; n != 0 {
		t.Errorf("the certificate was uploaded %d times to a non-GM gateway", n)
	}
}

func TestAccVPNGatewayCertificate_fault(t *testing.T) {
	base := newTestEnv(t)
	var once sync.Once
	env, _ := recordingEnv(t, base, func(r *http.Request, code int) {
		if r.Method != http.MethodPost || code != http.StatusCreated || !strings.HasSuffix(r.URL.Path, "/certificate") {
			return
		}
		once.Do(func() {
			vgwID := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path[strings.Index(r.URL.Path, "/vpn-gateways/"):], "/vpn-gateways/"), "/certificate")
			if err := base.Emu.SetCertificateStatus(vgwID, "FAULT"); err != nil {
				t.Errorf("SetCertificateStatus: %v", err)
			}
		})
	})
	p := newTestPKI(t, "fault")
	cfg := vgwCertConfig(env, p, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             env.CheckDestroy(emulator.KindCertificate),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Error Waiting For The VPN Gateway Certificate To Be Bound.*Last status: FAULT`),
			},
			{
				// The tainted certificate is replaced: the new resource takes
				// the existing certificate over and binds it.
				PreConfig: env.Emu.ResetCounts,
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkRequestCounts(env, map[string]int{vgwCertPostRoute: 0}),
					checkRequestCounts(env, map[string]int{vgwCertPutRoute: 1}),
				),
			},
		},
	})
}

func TestAccVPNGatewayCertificate_disappears(t *testing.T) {
	env := newTestEnv(t)
	p := newTestPKI(t, "gone")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             env.CheckDestroy(emulator.KindCertificate),
		Steps: []resource.TestStep{
			{
				Config: vgwCertConfig(env, p, false),
				// The emulator knows a gateway's certificate by the gateway id.
				Check: checkDeletedBehindTerraform(env, emulator.KindCertificate, vgwCertAddr, "vgw_id"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionCreate)},
				},
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// Destroying the certificate alone only forgets it: it stays on the
// gateway, and a new resource takes it over without uploading another one.
func TestAccVPNGatewayCertificate_destroyStateOnly(t *testing.T) {
	env := newTestEnv(t)
	p := newTestPKI(t, "stays")
	var vgwID, certID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             env.CheckDestroy(emulator.KindCertificate),
		Steps: []resource.TestStep{
			{
				Config: vgwCertConfig(env, p, false),
				Check: func(s *terraform.State) error {
					var err error
					vgwID, err = vgwCertVgwID(s)
					certID = stateID(s, vgwCertAddr)
					return err
				},
			},
			{
				// The certificate leaves the configuration: destroyed in
				// Terraform, still bound on the service.
				PreConfig: env.Emu.ResetCounts,
				Config:    env.ProviderConfig() + vgwCertGateway("GM"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionDestroy)},
				},
				Check: func(s *terraform.State) error {
					if _, ok := s.RootModule().Resources[vgwCertAddr]; ok {
						return fmt.Errorf("%s is still in the state", vgwCertAddr)
					}
					got, err := env.Client.GetVPNGatewayCertificate(context.Background(), vgwID)
					if err != nil {
						return fmt.Errorf("the certificate is gone from the service: %w", err)
					}
					if got.ID != certID || got.Status != "BOUND" {
						return fmt.Errorf("service has certificate %s (%s), want %s (BOUND)", got.ID, got.Status, certID)
					}
					for route, n := range env.Emu.RequestCounts() {
						if strings.Contains(route, "/certificate") && !strings.HasPrefix(route, "GET ") {
							return fmt.Errorf("destroy sent %d %s", n, route)
						}
					}
					return nil
				},
			},
			{
				// Back in the configuration: the existing certificate is
				// taken over (updated), not uploaded again.
				PreConfig: env.Emu.ResetCounts,
				Config:    vgwCertConfig(env, p, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(s *terraform.State) error {
						if got := stateID(s, vgwCertAddr); got != certID {
							return fmt.Errorf("id %s, want the existing certificate %s", got, certID)
						}
						return nil
					},
					checkRequestCounts(env, map[string]int{vgwCertPostRoute: 0}),
					checkRequestCounts(env, map[string]int{vgwCertPutRoute: 1}),
				),
			},
		},
	})
}

func TestVGWCertDelete_warns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := NewVPNGatewayCertificateResource()
	const certID, vgwID = "5b2f7c1e-8d3a-4e6b-9f0c-1a2b3c4d5e6f", "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
	st := stateWithID(t, r, certID)
	if d := st.SetAttribute(ctx, path.Root("vgw_id"), vgwID); d.HasError() {
		t.Fatalf("state: %v", d)
	}
	resp := fwresource.DeleteResponse{State: st}
	r.Delete(ctx, fwresource.DeleteRequest{State: st}, &resp)
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("want one warning and no error, got %v", resp.Diagnostics)
	}
	w := resp.Diagnostics.Warnings()[0]
	if w.Summary() != "VPN Gateway Certificate Removed From State Only" ||
		!strings.Contains(w.Detail(), certID) || !strings.Contains(w.Detail(), vgwID) ||
		!strings.Contains(w.Detail(), "no call to delete") {
		t.Errorf("warning: %s: %s", w.Summary(), w.Detail())
	}
}

func TestAccVPNGatewayCertificate_changedOutside(t *testing.T) {
	env := newTestEnv(t)
	a, b := newTestPKI(t, "mine"), newTestPKI(t, "theirs")
	cfg := vgwCertConfig(env, a, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             env.CheckDestroy(emulator.KindCertificate),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				// Someone uploads other certificates outside Terraform.
				Check: func(s *terraform.State) error {
					vgwID, err := vgwCertVgwID(s)
					if err != nil {
						return err
					}
					ctx := context.Background()
					_, err = env.Client.UpdateVPNGatewayCertificate(ctx, vgwID, s.RootModule().Resources[vgwCertAddr].Primary.ID,
						&client.UpdateVPNGatewayCertificateRequest{
							Certificate: b.Sign, PrivateKey: b.SignKey, CertificateChain: b.CA,
							EncCertificate: b.Enc, EncPrivateKey: b.EncKey,
						})
					if err != nil {
						return err
					}
					_, err = env.Client.WaitVPNGatewayCertificateBound(ctx, vgwID)
					return err
				},
				ExpectNonEmptyPlan: true,
			},
			{
				// The next apply sends the configured certificates again.
				PreConfig: env.Emu.ResetCounts,
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(vgwCertAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(vgwCertAddr, tfjsonpath.New("certificate_serial_number")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("certificate_serial_number"), knownvalue.StringExact(a.SignSerial)),
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("enc_certificate_serial_number"), knownvalue.StringExact(a.EncSerial)),
				},
				Check: checkRequestCounts(env, map[string]int{vgwCertPutRoute: 1}),
			},
		},
	})
}

func TestAccVPNGatewayCertificate_gmConnection(t *testing.T) {
	env := newTestEnv(t)
	p := newTestPKI(t, "gmconn")
	cgw := fmt.Sprintf(`
resource "huaweicloudvpn_customer_gateway" "test" {
  name           = "cgw-gm"
  id_value       = "203.0.113.40"
  ca_certificate = { content = %q }
}
`, p.CA)
	conn := func(dependsOn string) string {
		return fmt.Sprintf(`
resource "huaweicloudvpn_vpn_connection" "test" {
  name         = "conn-gm"
  vgw_id       = huaweicloudvpn_vpn_gateway.test.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.test.access_private_ip_1
  cgw_id       = huaweicloudvpn_customer_gateway.test.id
  peer_subnets = ["10.40.0.0/16"]
  %s
}
`, dependsOn)
	}
	base := env.ProviderConfig() + vgwCertGateway("GM") + cgw
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			env.CheckDestroy(emulator.KindConnection),
			env.CheckDestroy(emulator.KindCertificate),
		),
		Steps: []resource.TestStep{
			{
				// No certificate yet: the service refuses the connection.
				Config:      base + conn(""),
				ExpectError: regexp.MustCompile(`(?s)has no certificate: upload one before creating connections`),
			},
			{
				// phase1_negotiation_mode with ike_version left to the GM default (v1).
				Config: base + vgwCertResource(p, false) + conn("depends_on = [huaweicloudvpn_vpn_gateway_certificate.test]\n"+
					"  ikepolicy = { phase1_negotiation_mode = \"main\" }"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vgwCertAddr, tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
					statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.test", tfjsonpath.New("id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.test", tfjsonpath.New("ikepolicy").AtMapKey("ike_version"), knownvalue.StringExact("v1")),
					statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.test", tfjsonpath.New("ikepolicy").AtMapKey("phase1_negotiation_mode"), knownvalue.StringExact("main")),
				},
			},
		},
	})
}

// TestAccVPNGatewayCertificate_examples applies the documentation examples
// (every .tf file of examples/resources/huaweicloudvpn_vpn_gateway_certificate,
// one module, with generated certificates and keys in the files they read)
// against the emulator: the write-only example with its GM connection, and
// the sensitive one on a GM gateway made beforehand.
func TestAccVPNGatewayCertificate_examples(t *testing.T) {
	env := newTestEnv(t)
	dir, _ := copyExamples(t, env, "huaweicloudvpn_vpn_gateway_certificate")
	p := newTestPKI(t, "example")
	for name, content := range map[string]string{
		"sign.crt": p.Sign, "ca.crt": p.CA, "enc.crt": p.Enc, "sign.key": p.SignKey, "enc.key": p.EncKey, "peer-ca.crt": p.CA,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx := t.Context()
	legacy, err := env.Client.CreateVPNGateway(ctx, &client.CreateVPNGatewayRequest{
		Name: "gm-legacy", Flavor: "GM", NetworkType: "private", VpcID: dsTestVPC, ConnectSubnet: dsTestSubnet,
		LocalSubnets: []string{"192.168.20.0/24"},
	})
	if err != nil {
		t.Fatalf("creating a GM gateway: %v", err)
	}
	if _, err := env.Client.WaitVPNGatewayActive(ctx, legacy.ID); err != nil {
		t.Fatalf("waiting for the GM gateway: %v", err)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		// Only the certificate of the gateway made outside Terraform stays.
		CheckDestroy: func(*terraform.State) error {
			if got := env.Emu.Resources()[emulator.KindCertificate]; len(got) != 1 || got[0] != legacy.ID {
				return fmt.Errorf("certificates left: %v, want only the one of %s", got, legacy.ID)
			}
			return env.CheckDestroy(emulator.KindConnection)(nil)
		},
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(dir),
			ConfigVariables: config.Variables{
				"vpc_id":        config.StringVariable(dsTestVPC),
				"subnet_id":     config.StringVariable(dsTestSubnet),
				"gm_gateway_id": config.StringVariable(legacy.ID),
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("huaweicloudvpn_vpn_gateway_certificate.example", tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
				statecheck.ExpectKnownValue("huaweicloudvpn_vpn_gateway_certificate.legacy", tfjsonpath.New("status"), knownvalue.StringExact("BOUND")),
				statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.gm", tfjsonpath.New("id"), knownvalue.NotNull()),
			},
		}},
	})
}

// ---- unit tests ----

func TestVGWCertChanges(t *testing.T) {
	t.Parallel()
	a, b := newTestPKI(t, "ua"), newTestPKI(t, "ub")
	pemV := func(s string) pemValue { return pemValue{StringValue: types.StringValue(s)} }
	model := func(p testPKI) vgwCertificateModel {
		return vgwCertificateModel{
			Certificate: pemV(p.Sign), CertificateChain: pemV(p.CA), EncCertificate: pemV(p.Enc),
			PrivateKey: pemNull(), EncPrivateKey: pemNull(), PrivateKeysWOVersion: types.Int64Null(),
			CertificateSerialNumber: types.StringValue(p.SignSerial), CertificateChainSerialNumber: types.StringValue(p.CASerial),
			EncCertificateSerialNumber: types.StringValue(p.EncSerial),
		}
	}
	imported := model(a)
	imported.Certificate, imported.CertificateChain, imported.EncCertificate = pemNull(), pemNull(), pemNull()
	crlf := model(a)
	crlf.Certificate = pemV(strings.ReplaceAll(a.Sign, "\n", "\r\n"))
	v1, v2 := model(a), model(a)
	v1.PrivateKeysWOVersion, v2.PrivateKeysWOVersion = types.Int64Value(1), types.Int64Value(2)
	sensA, sensB := model(a), model(a)
	sensA.PrivateKey, sensB.PrivateKey = pemV(a.SignKey), pemV(b.SignKey)
	signOnly := model(a)
	signOnly.Certificate = pemV(b.Sign)
	cases := []struct {
		name         string
		state, plan  vgwCertificateModel
		want         vgwCertChange
		wantMaterial bool
	}{
		{"same", model(a), model(a), vgwCertChange{}, false},
		{"line endings", model(a), crlf, vgwCertChange{}, false},
		{"all new", model(a), model(b), vgwCertChange{true, true, true}, true},
		{"sign only", model(a), signOnly, vgwCertChange{sign: true}, true},
		{"after import, same certificates", imported, model(a), vgwCertChange{}, false},
		{"after import, other certificates", imported, model(b), vgwCertChange{true, true, true}, true},
		{"version set first", model(a), v1, vgwCertChange{}, false},
		{"version changed", v1, v2, vgwCertChange{true, true, true}, true},
		{"version removed", v1, model(a), vgwCertChange{}, false},
		{"sensitive key adopted", model(a), sensA, vgwCertChange{}, false},
		{"sensitive key changed", sensA, sensB, vgwCertChange{sign: true}, true},
	}
	for _, c := range cases {
		got := vgwCertChanges(&c.state, &c.plan)
		if got != c.want || got.material() != c.wantMaterial {
			t.Errorf("%s: got %+v (material %v), want %+v (material %v)", c.name, got, got.material(), c.want, c.wantMaterial)
		}
	}
}

func TestVGWCertSerialDiffers(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t, "serial")
	serial, _ := new(big.Int).SetString(p.SignSerial, 10)
	hexColons := func(n *big.Int) string {
		h := fmt.Sprintf("%X", n)
		if len(h)%2 == 1 {
			h = "0" + h
		}
		var parts []string
		for i := 0; i < len(h); i += 2 {
			parts = append(parts, h[i:i+2])
		}
		return strings.Join(parts, ":")
	}
	v := types.StringValue(p.Sign)
	cases := []struct {
		pem    types.String
		serial string
		want   bool
	}{
		{v, p.SignSerial, false},
		{v, fmt.Sprintf("%x", serial), false},
		{v, hexColons(serial), false},
		{v, p.EncSerial, true},
		{v, "", false},
		{types.StringNull(), p.SignSerial, false},
		{types.StringValue("not pem"), p.SignSerial, false},
	}
	for i, c := range cases {
		if got := certSerialDiffers(c.pem, c.serial); got != c.want {
			t.Errorf("case %d (serial %q): got %v, want %v", i, c.serial, got, c.want)
		}
	}
}

func TestVGWCertKeyProblem(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t, "keys")
	key := gmcerttest.Key(t)
	pkcs8, err := smx509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		key, want string
	}{
		{p.SignKey, ""},
		{strings.ReplaceAll(p.SignKey, "\n", "\r\n"), ""},
		{string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})), ""},
		{string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{0x30, 0x03, 0x02, 0x01, 0x01}})), "does not hold"},
		{"", "1-4096"},
		{"secret", "not PEM"},
		{p.Sign, "not a PRIVATE KEY"},
		{string(pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: pkcs8})), "encrypted"},
		{string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte("junk")})), "does not hold"},
		{p.SignKey + p.EncKey, "more than one"},
		{strings.Repeat("A", 5000), "4096"},
	}
	for i, c := range cases {
		got := privateKeyProblem(c.key)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("case %d: got %q, want %q", i, got, c.want)
		}
		if strings.Contains(got, "MHcC") || (c.key != "" && strings.Contains(got, strings.TrimSpace(c.key))) {
			t.Errorf("case %d: the message shows the key: %q", i, got)
		}
	}
}
