package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccConnectionMonitorsDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	cfg := monConfig(env, 2, 0) + `
data "huaweicloudvpn_connection_monitors" "all" {
  depends_on = [huaweicloudvpn_connection_monitor.test]
}
`
	const ds = "data.huaweicloudvpn_connection_monitors.all"
	var checks []statecheck.StateCheck
	for _, attr := range []string{"id", "vpn_connection_id", "status", "type", "source_ip", "destination_ip", "proto_type"} {
		checks = append(checks, statecheck.CompareValuePairs(ds, tfjsonpath.New("connection_monitors").AtSliceIndex(0).AtMapKey(attr),
			monAddr, tfjsonpath.New(attr), compare.ValuesSame()))
	}
	checks = append(checks, statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             monCheckDestroy(env),
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}

func TestAccConnectionMonitorsDataSource_filter(t *testing.T) {
	env, rec := recordingEnv(t, newTestEnv(t), nil)
	cfg := monConfig(env, 3, 0, 2) + `
data "huaweicloudvpn_connection_monitors" "conn2" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.conn[2].id
  depends_on        = [huaweicloudvpn_connection_monitor.test, huaweicloudvpn_connection_monitor.test1]
}

data "huaweicloudvpn_connection_monitors" "active" {
  status                = "active"
  enterprise_project_id = "0"
  depends_on            = [huaweicloudvpn_connection_monitor.test, huaweicloudvpn_connection_monitor.test1]
}

# conn[1] has no monitor.
data "huaweicloudvpn_connection_monitors" "conn1" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.conn[1].id
  depends_on        = [huaweicloudvpn_connection_monitor.test, huaweicloudvpn_connection_monitor.test1]
}

data "huaweicloudvpn_connection_monitors" "deleting" {
  status     = "PENDING_DELETE"
  depends_on = [huaweicloudvpn_connection_monitor.test, huaweicloudvpn_connection_monitor.test1]
}
`
	ids := tfjsonpath.New("ids")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             monCheckDestroy(env),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.huaweicloudvpn_connection_monitors.conn2", ids, knownvalue.ListSizeExact(1)),
				statecheck.CompareValuePairs("data.huaweicloudvpn_connection_monitors.conn2", ids.AtSliceIndex(0),
					"huaweicloudvpn_connection_monitor.test1", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_connection_monitors.active", ids, knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_connection_monitors.conn1", ids, knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.huaweicloudvpn_connection_monitors.deleting", ids, knownvalue.ListSizeExact(0)),
			},
			// vpn_connection_id and enterprise_project_id are sent to the
			// API; status is the provider's.
			Check: resource.ComposeAggregateTestCheckFunc(
				rec.expectQuery("/connection-monitors", func(s *terraform.State) map[string]string {
					return map[string]string{"vpn_connection_id": stateID(s, "huaweicloudvpn_vpn_connection.conn[2]")}
				}, "status"),
				rec.expectQuery("/connection-monitors", func(*terraform.State) map[string]string {
					return map[string]string{"enterprise_project_id": "0"}
				}),
			),
		}},
	})
}

// A monitor exists, but none passes the filters: empty lists, not errors.
func TestAccConnectionMonitorsDataSource_noMatch(t *testing.T) {
	env := newTestEnv(t)
	deps := "depends_on = [huaweicloudvpn_connection_monitor.test]"
	cfg := monConfig(env, 1, 0) + `
data "huaweicloudvpn_connection_monitors" "pending" {
  status = "PENDING_CREATE"
  ` + deps + `
}

data "huaweicloudvpn_connection_monitors" "other_connection" {
  vpn_connection_id = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
  ` + deps + `
}

data "huaweicloudvpn_connection_monitors" "other_project" {
  enterprise_project_id = "6f3d1c2b-0a9e-4b8c-9d7e-5f4a3b2c1d0e"
  ` + deps + `
}

data "huaweicloudvpn_connection_monitors" "all" {
  ` + deps + `
}
`
	checks := dsExpectEmpty("huaweicloudvpn_connection_monitors", "connection_monitors", "pending", "other_connection", "other_project")
	checks = append(checks, statecheck.ExpectKnownValue("data.huaweicloudvpn_connection_monitors.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             monCheckDestroy(env),
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}
