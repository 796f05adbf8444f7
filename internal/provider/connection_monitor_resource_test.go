package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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

const monAddr = "huaweicloudvpn_connection_monitor.test"

// monConfig is the test stack with one monitor per listed connection index
// (resource names test, test1, ...).
func monConfig(env *testEnv, connections int, monitorOn ...int) string {
	cfg := env.ProviderConfig() + dsStackConfig(dsStack{prefix: "mon", connections: connections})
	for i, idx := range monitorOn {
		name := "test"
		if i > 0 {
			name = fmt.Sprintf("test%d", i)
		}
		cfg += fmt.Sprintf(`
resource "huaweicloudvpn_connection_monitor" %q {
  vpn_connection_id = huaweicloudvpn_vpn_connection.conn[%d].id
}
`, name, idx)
	}
	return cfg
}

// monCheckDestroy checks that no monitor and no connection is left.
func monCheckDestroy(env *testEnv) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		env.CheckDestroy(emulator.KindMonitor),
		env.CheckDestroy(emulator.KindConnection),
		env.CheckDestroy(emulator.KindGateway),
	)
}

func TestAccConnectionMonitor_basic(t *testing.T) {
	env := newTestEnv(t)
	cfg := monConfig(env, 1, 0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             monCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("type"), knownvalue.StringExact("gateway")),
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("proto_type"), knownvalue.StringExact("icmp")),
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("destination_ip"), knownvalue.StringExact(dsTestCgwIP)),
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("source_ip"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+\.\d+\.\d+\.\d+$`))),
					statecheck.CompareValuePairs(monAddr, tfjsonpath.New("vpn_connection_id"),
						"huaweicloudvpn_vpn_connection.conn[0]", tfjsonpath.New("id"), compare.ValuesSame()),
					// The source is the gateway address the connection uses (eip1).
					statecheck.CompareValuePairs(monAddr, tfjsonpath.New("source_ip"),
						"huaweicloudvpn_vpn_gateway.gw", tfjsonpath.New("eip1").AtMapKey("ip_address"), compare.ValuesSame()),
				},
			},
			{
				// The connection shows its monitor after a refresh.
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(monAddr, tfjsonpath.New("id"),
						"huaweicloudvpn_vpn_connection.conn[0]", tfjsonpath.New("connection_monitor_id"), compare.ValuesSame()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:            cfg,
				ResourceName:      monAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// Only the timeouts change: an update in place that keeps every value.
				Config: strings.Replace(cfg, "huaweicloudvpn_vpn_connection.conn[0].id\n",
					"huaweicloudvpn_vpn_connection.conn[0].id\n  timeouts {\n    delete = \"3m\"\n  }\n", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(monAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("timeouts").AtMapKey("delete"), knownvalue.StringExact("3m")),
				},
			},
			{
				// Moving the monitor to another connection replaces it.
				Config: monConfig(env, 2, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(monAddr, plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(monAddr, tfjsonpath.New("vpn_connection_id"),
						"huaweicloudvpn_vpn_connection.conn[1]", tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: func(*terraform.State) error {
					if n := len(env.Emu.Resources()[emulator.KindMonitor]); n != 1 {
						return fmt.Errorf("want 1 monitor after the replace, got %d", n)
					}
					return nil
				},
			},
		},
	})
}

func TestAccConnectionMonitor_disappears(t *testing.T) {
	env := newTestEnv(t)
	cfg := monConfig(env, 1, 0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             monCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				Check:              checkDeletedBehindTerraform(env, emulator.KindMonitor, monAddr, "id"),
				ExpectNonEmptyPlan: true,
			},
			{
				// The refresh drops the monitor and the plan creates it again.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(monAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
			},
		},
	})
}

func TestAccConnectionMonitor_duplicate(t *testing.T) {
	env := newTestEnv(t)
	// The second monitor waits for the first, so the failure is deterministic:
	// its plan warns and the service refuses it.
	twice := monConfig(env, 1, 0) + `
resource "huaweicloudvpn_connection_monitor" "second" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.conn[0].id
  depends_on        = [huaweicloudvpn_connection_monitor.test]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             monCheckDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: twice,
				ExpectError: regexp.MustCompile(`(?s)Unable To Create The Connection Monitor.*Error code: VPN\.0001.*` +
					`already has connection\s+monitor.*Request ID: \S+`),
			},
			{
				// The first monitor is in the state and the second is not.
				Config:           monConfig(env, 1, 0),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(monAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
				Check: func(*terraform.State) error {
					if n := len(env.Emu.Resources()[emulator.KindMonitor]); n != 1 {
						return fmt.Errorf("want exactly 1 monitor, got %d", n)
					}
					return nil
				},
			},
		},
	})
}

func TestAccConnectionMonitor_timeouts(t *testing.T) {
	// The monitor takes longer than its create timeout: the apply fails with a
	// timeout naming the last status, and the monitor stays in the state
	// (tainted) so that destroy removes it.
	env := newTestEnv(t, func(o *emulator.Options) {
		o.Delays = map[string]time.Duration{emulator.KindMonitor: 500 * time.Millisecond}
	})
	cfg := monConfig(env, 1) + `
resource "huaweicloudvpn_connection_monitor" "test" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.conn[0].id
  timeouts {
    create = "100ms"
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             monCheckDestroy(env),
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)Error Waiting For The Connection Monitor To Be Created.*Last status: PENDING_CREATE`),
		}},
	})
}

// monServiceStack creates a gateway, a customer gateway and a connection
// through the API and returns the connection id.
func monServiceStack(t *testing.T, env *testEnv) string {
	t.Helper()
	ctx := t.Context()
	c := env.Client
	gw, err := c.CreateVPNGateway(ctx, vgwDSCreateRequest("mon-direct", 10))
	if err != nil {
		t.Fatalf("creating the gateway: %v", err)
	}
	if gw, err = c.WaitVPNGatewayActive(ctx, gw.ID); err != nil {
		t.Fatalf("waiting for the gateway: %v", err)
	}
	cgw, err := c.CreateCustomerGateway(ctx, &client.CreateCustomerGatewayRequest{IDType: "ip", IDValue: dsTestCgwIP})
	if err != nil {
		t.Fatalf("creating the customer gateway: %v", err)
	}
	conn, err := c.CreateVPNConnection(ctx, &client.CreateVPNConnectionRequest{
		VgwID: gw.ID, VgwIP: gw.EIP1.ID, CgwID: cgw.ID, Style: "static", PeerSubnets: []string{"10.0.0.0/24"}, PSK: dsTestPSK,
	})
	if err != nil {
		t.Fatalf("creating the connection: %v", err)
	}
	if _, err := c.WaitVPNConnectionSettled(ctx, conn.ID); err != nil {
		t.Fatalf("waiting for the connection: %v", err)
	}
	return conn.ID
}

// monPlan is a plan of the monitor resource for a connection.
func monPlan(t *testing.T, r fwresource.Resource, connID string) (tfsdk.Plan, tfsdk.State) {
	t.Helper()
	ctx := t.Context()
	var sr fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for k, at := range typ.AttributeTypes {
		vals[k] = tftypes.NewValue(at, tftypes.UnknownValue)
	}
	vals["vpn_connection_id"] = tftypes.NewValue(tftypes.String, connID)
	vals["timeouts"] = tftypes.NewValue(typ.AttributeTypes["timeouts"], nil)
	plan := tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}
	state := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nil)}
	return plan, state
}

// TestConnectionMonitorResource_serviceDuplicate drives Create directly for a
// connection that already has a monitor (as when the monitor appears between
// plan and apply): the service's error is reported with its code and message.
func TestConnectionMonitorResource_serviceDuplicate(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	connID := monServiceStack(t, env)
	first, err := env.Client.CreateConnectionMonitor(t.Context(), &client.CreateConnectionMonitorRequest{VPNConnectionID: connID})
	if err != nil {
		t.Fatalf("first monitor: %v", err)
	}

	r := &connectionMonitorResource{data: &ProviderData{Client: env.Client}}
	plan, state := monPlan(t, r, connID)
	resp := &fwresource.CreateResponse{State: state}
	r.Create(t.Context(), fwresource.CreateRequest{Plan: plan}, resp)
	if !resp.Diagnostics.HasError() {
		t.Fatal("want an error for a second monitor")
	}
	detail := resp.Diagnostics.Errors()[0].Detail()
	for _, want := range []string{"VPN.0001", "already has connection monitor " + first.ID, "Request ID:"} {
		if !strings.Contains(detail, want) {
			t.Errorf("error detail lacks %q:\n%s", want, detail)
		}
	}
	if !resp.State.Raw.IsNull() {
		t.Error("a failed create must not store state")
	}
	if n := len(env.Emu.Resources()[emulator.KindMonitor]); n != 1 {
		t.Errorf("want 1 monitor, got %d", n)
	}

	// The plan-time check warns, naming the existing monitor.
	mresp := &fwresource.ModifyPlanResponse{Plan: plan}
	r.ModifyPlan(t.Context(), fwresource.ModifyPlanRequest{Plan: plan, State: state}, mresp)
	if mresp.Diagnostics.HasError() || mresp.Diagnostics.WarningsCount() != 1 ||
		!strings.Contains(mresp.Diagnostics.Warnings()[0].Detail(), first.ID) {
		t.Errorf("ModifyPlan: want one warning naming %s, got %v", first.ID, mresp.Diagnostics)
	}
	// No warning for a connection without a monitor.
	other := &fwresource.ModifyPlanResponse{Plan: plan}
	if !env.Emu.DeleteResource(emulator.KindMonitor, first.ID) {
		t.Fatal("DeleteResource")
	}
	r.ModifyPlan(t.Context(), fwresource.ModifyPlanRequest{Plan: plan, State: state}, other)
	if len(other.Diagnostics) != 0 {
		t.Errorf("ModifyPlan without a monitor: %v", other.Diagnostics)
	}
}

// TestAccConnectionMonitor_examples applies the monitor example together
// with the data-source examples that build on it (one module) against the
// emulator.
func TestAccConnectionMonitor_examples(t *testing.T) {
	env := newTestEnv(t)
	dir := t.TempDir()
	sources := []string{
		filepath.Join("resources", "huaweicloudvpn_connection_monitor", "resource.tf"),
		filepath.Join("data-sources", "huaweicloudvpn_availability_zones", "data-source.tf"),
		filepath.Join("data-sources", "huaweicloudvpn_quotas", "data-source.tf"),
		filepath.Join("data-sources", "huaweicloudvpn_vpn_gateways", "data-source.tf"),
		filepath.Join("data-sources", "huaweicloudvpn_vpn_connections", "data-source.tf"),
		filepath.Join("data-sources", "huaweicloudvpn_connection_monitors", "data-source.tf"),
		filepath.Join("data-sources", "huaweicloudvpn_tags", "data-source.tf"),
	}
	for i, src := range sources {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", src))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("example%d.tf", i)), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "provider.tf"), []byte(env.ProviderConfig()), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := config.Variables{
		"vpc_id":    config.StringVariable(dsTestVPC),
		"subnet_id": config.StringVariable(dsTestSubnet),
		"vpn_psk":   config.StringVariable(dsTestPSK),
	}
	resource.ParallelTest(t, resource.TestCase{
		CheckDestroy: monCheckDestroy(env),
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(dir),
			ConfigVariables:          vars,
			// Data sources that do not depend on the new resources were read
			// before they existed: the next plan updates those outputs only.
			ExpectNonEmptyPlan: true,
		}, {
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			ConfigDirectory:          config.StaticDirectory(dir),
			ConfigVariables:          vars,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("monitored", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("connections_available", knownvalue.Int64Exact(499)),
				statecheck.ExpectKnownValue("huaweicloudvpn_connection_monitor.example", tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				statecheck.ExpectKnownValue("huaweicloudvpn_connection_monitor.example", tfjsonpath.New("destination_ip"), knownvalue.StringExact("203.0.113.20")),
			},
			Check: func(*terraform.State) error {
				if n := len(env.Emu.Resources()[emulator.KindGateway]); n != 2 {
					return fmt.Errorf("want 2 gateways from the examples, got %d", n)
				}
				return nil
			},
		}},
	})
}
