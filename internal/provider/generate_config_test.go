package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// genConfigStack is one of each kind of resource the list blocks cover, in
// several shapes: a public gateway with new EIPs, a private gateway, a
// customer gateway, a static connection with fqdn ids and explicit
// policies, a policy connection with rules, and a monitor.
func genConfigStack(env *testEnv) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "huaweicloudvpn_vpn_gateway" "gw" {
  name           = "gen-gw"
  vpc_id         = %[1]q
  connect_subnet = %[2]q
  local_subnets  = ["192.168.0.0/24"]
  eip1           = { type = "5_bgp", bandwidth_size = 10, charge_mode = "traffic" }
  eip2           = { type = "5_bgp", bandwidth_size = 10 }
  tags           = { env = "gen" }
}
resource "huaweicloudvpn_vpn_gateway" "private" {
  name                = "gen-private"
  network_type        = "private"
  vpc_id              = %[1]q
  connect_subnet      = %[2]q
  local_subnets       = ["192.168.10.0/24"]
  access_private_ip_1 = "192.168.200.10"
  access_private_ip_2 = "192.168.200.11"
}
resource "huaweicloudvpn_customer_gateway" "cgw" {
  name     = "gen-cgw"
  id_value = %[3]q
  bgp_asn  = 65001
}
resource "huaweicloudvpn_vpn_connection" "static" {
  name         = "gen-static"
  vgw_id       = huaweicloudvpn_vpn_gateway.gw.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.gw.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.cgw.id
  peer_subnets = ["10.0.0.0/24"]
  psk          = %[4]q
  enable_nqa   = true
  ikepolicy = {
    local_id_type = "fqdn"
    local_id      = "cloud.example.com"
    dh_group      = "group14"
  }
  ipsecpolicy = { pfs = "group14" }
}
resource "huaweicloudvpn_vpn_connection" "policy" {
  name         = "gen-policy"
  vgw_id       = huaweicloudvpn_vpn_gateway.gw.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.gw.eip2.id
  cgw_id       = huaweicloudvpn_customer_gateway.cgw.id
  style        = "policy"
  peer_subnets = ["10.1.0.0/24", "10.2.0.0/24"]
  psk          = %[4]q
  policy_rules = [{ source = "192.168.0.0/24", destination = ["10.1.0.0/24", "10.2.0.0/24"] }]
}
resource "huaweicloudvpn_connection_monitor" "mon" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.static.id
}
`, dsTestVPC, dsTestSubnet, dsTestCgwIP, dsTestPSK)
}

// An account with one of each resource, built outside this configuration:
// `terraform query -generate-config-out` writes configuration that passes
// validate, imports every object with a plan of imports only, and plans no
// change after the apply; destroying it leaves nothing in the emulator.
func TestAccListResources_queryGenerateConfig(t *testing.T) {
	skipUnlessTF(t, "1.14.0")
	t.Parallel()
	env := newTestEnv(t)

	// The existing VPNs, made by another configuration.
	setup := newTFCLI(t, "")
	setup.Write(map[string]string{"main.tf": genConfigStack(env)})
	setup.Must("apply", "-auto-approve", "-input=false", "-no-color")

	// The query of the guide "Bring existing VPNs under Terraform".
	query, err := os.ReadFile(filepath.Join("..", "..", "examples", "guides", "bring-existing-vpns", "query.tfquery.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	cli := newTFCLI(t, "")
	cli.Write(map[string]string{"provider.tf": env.ProviderConfig(), "query.tfquery.hcl": string(query)})
	out := cli.Must("query", "-no-color", "-generate-config-out=generated.tf")
	gen := cli.ReadFile("generated.tf")
	t.Logf("query output:\n%s\ngenerated.tf:\n%s", out, gen)
	for _, want := range []string{"gen-gw", "gen-private", "gen-cgw", "gen-static", "gen-policy", "huaweicloudvpn_connection_monitor"} {
		if !strings.Contains(gen, want) {
			t.Errorf("generated.tf has no %s", want)
		}
	}
	if n := strings.Count(gen, "import {"); n != 6 {
		t.Errorf("generated.tf has %d import blocks, want 6", n)
	}
	cli.Must("validate", "-no-color")
	changes, plan := cli.PlanChanges()
	if got, want := planSummary(plan), "Plan: 6 to import, 0 to add, 0 to change, 0 to destroy."; !changes || got != want {
		t.Fatalf("plan of the generated configuration: %q, want %q\n%s", got, want, plan)
	}
	cli.Must("apply", "-auto-approve", "-input=false", "-no-color")
	if changes, plan := cli.PlanChanges(); changes {
		t.Fatalf("plan after the import is not empty:\n%s", plan)
	}
	// Once imported, the import blocks have done their work; keep the resources.
	cli.Write(map[string]string{"provider.tf": env.ProviderConfig(), "generated.tf": regexp.MustCompile(`(?s)import \{.*?\n\}\n`).ReplaceAllString(gen, "")})
	if changes, plan := cli.PlanChanges(); changes {
		t.Fatalf("plan without the import blocks is not empty:\n%s", plan)
	}
	// The generated configuration names other objects by literal ids, so
	// Terraform does not know the order: destroy the dependents first.
	cli.Must("destroy", "-auto-approve", "-input=false", "-no-color", "-target=huaweicloudvpn_connection_monitor.monitors_0")
	t.Logf("state after the monitor: %s", cli.Must("state", "list"))
	cli.Must("destroy", "-auto-approve", "-input=false", "-no-color",
		"-target=huaweicloudvpn_vpn_connection.connections_0", "-target=huaweicloudvpn_vpn_connection.connections_1")
	cli.Must("destroy", "-auto-approve", "-input=false", "-no-color")
	for _, kind := range []string{emulator.KindMonitor, emulator.KindConnection, emulator.KindCustomerGateway, emulator.KindGateway} {
		if err := env.CheckDestroy(kind)(nil); err != nil {
			t.Error(err)
		}
	}
}

// `terraform plan -generate-config-out` after an import block (Terraform
// 1.5+, so on the oldest supported Terraform too): for each kind and shape
// of resource, the generated configuration passes validation and the
// import plans no change.
func TestAccGenerateConfig_importBlocks(t *testing.T) {
	env := newTestEnv(t)
	cfg := genConfigStack(env)
	steps := []resource.TestStep{{Config: cfg}}
	for _, addr := range []string{
		"huaweicloudvpn_vpn_gateway.gw", "huaweicloudvpn_vpn_gateway.private", "huaweicloudvpn_customer_gateway.cgw",
		"huaweicloudvpn_vpn_connection.static", "huaweicloudvpn_vpn_connection.policy", "huaweicloudvpn_connection_monitor.mon",
	} {
		steps = append(steps, resource.TestStep{
			Config: cfg, ResourceName: addr, ImportState: true,
			ImportStateKind: resource.ImportBlockWithID, GenerateConfig: true,
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		CheckDestroy:             monCheckDestroy(env),
		Steps:                    steps,
	})
}
