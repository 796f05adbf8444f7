package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// dsExamplesScaffold declares what the data-source examples refer to but do
// not define themselves.
const dsExamplesScaffold = `
variable "vpc_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "branch_psk" {
  type      = string
  sensitive = true
}

resource "huaweicloudvpn_vpn_gateway" "example" {
  name           = "vpngw-example"
  vpc_id         = var.vpc_id
  connect_subnet = var.subnet_id
  local_subnets  = ["192.168.2.0/24"]
  eip1           = { type = "5_bgp", bandwidth_size = 10 }
  eip2           = { type = "5_bgp", bandwidth_size = 10 }
}

resource "huaweicloudvpn_customer_gateway" "branch" {
  name     = "branch-gw"
  id_value = "203.0.113.30"
}

resource "huaweicloudvpn_vpn_connection" "example" {
  name         = "example"
  vgw_id       = huaweicloudvpn_vpn_gateway.example.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.example.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.branch.id
  peer_subnets = ["172.20.0.0/16"]
  psk_wo       = var.branch_psk
}
`

// dsExpectNoResourceChange is a plan check that passes when no resource
// (managed or data) is planned to change; outputs may (the examples show
// values, such as quotas, that their own resources change).
type dsExpectNoResourceChange struct{}

// CheckPlan implements plancheck.PlanCheck.
func (dsExpectNoResourceChange) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var changed []string
	for _, rc := range req.Plan.ResourceChanges {
		if !rc.Change.Actions.NoOp() && !rc.Change.Actions.Read() {
			changed = append(changed, fmt.Sprintf("%s %v", rc.Address, rc.Change.Actions))
		}
	}
	if len(changed) > 0 {
		resp.Error = fmt.Errorf("resources change after apply: %s", strings.Join(changed, ", "))
	}
}

// TestAccDataSourceExamples applies every data-source example
// (examples/data-sources/*/data-source.tf, one module) against the emulator,
// with the resources and variables they refer to, and a gateway named
// vpngw-hub made beforehand for the huaweicloudvpn_vpn_gateway lookup.
func TestAccDataSourceExamples(t *testing.T) {
	env := newTestEnv(t)
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "data-sources", "*", "data-source.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no data-source examples: %v", err)
	}
	dir := t.TempDir()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(filepath.Dir(f))+".tf"), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range map[string]string{"provider.tf": env.ProviderConfig(), "scaffold.tf": dsExamplesScaffold} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	hub, err := env.Client.CreateVPNGateway(t.Context(), vgwDSCreateRequest("vpngw-hub", 10))
	if err != nil {
		t.Fatalf("creating the hub gateway: %v", err)
	}
	if _, err := env.Client.WaitVPNGatewayActive(t.Context(), hub.ID); err != nil {
		t.Fatalf("waiting for the hub gateway: %v", err)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:           env.CheckDestroy(emulator.KindConnection),
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(dir),
			ConfigVariables: config.Variables{
				"vpc_id":     config.StringVariable(dsTestVPC),
				"subnet_id":  config.StringVariable(dsTestSubnet),
				"branch_psk": config.StringVariable(dsTestPSK),
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("huaweicloudvpn_vpn_gateway.zonal", tfjsonpath.New("availability_zone_ids"), knownvalue.SetSizeExact(2)),
				statecheck.ExpectKnownValue("huaweicloudvpn_vpn_connection.branch", tfjsonpath.New("vgw_id"), knownvalue.StringExact(hub.ID)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_connection_monitors.example", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
				// Read once the gateway exists, maybe before its connection does.
				statecheck.ExpectKnownValue("data.huaweicloudvpn_vpn_connections.down", tfjsonpath.New("ids"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_quotas.connections", tfjsonpath.New("quotas"), knownvalue.ListSizeExact(1)),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{dsExpectNoResourceChange{}},
			},
			// Outputs such as the quotas were read before the examples'
			// own resources existed; only they change after apply.
			ExpectNonEmptyPlan: true,
		}},
	})
}
