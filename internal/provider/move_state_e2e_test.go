package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// EnvOfficialProviderDir names the folder holding the official huaweicloud
// provider's binary (terraform-provider-huaweicloud), for the end-to-end
// move test.
const EnvOfficialProviderDir = "HUAWEICLOUD_OFFICIAL_PROVIDER_DIR"

// officialProviderDir returns the folder of the official provider's binary,
// or skips t saying why.
func officialProviderDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(EnvOfficialProviderDir)
	if dir == "" {
		t.Skipf("%s is not set: the end-to-end move test needs the official huaweicloud provider's binary "+
			"(../shared/tools/unpack.sh DIR unpacks it; make test passes it on)", EnvOfficialProviderDir)
	}
	if fi, err := os.Stat(filepath.Join(dir, "terraform-provider-huaweicloud")); err != nil || fi.IsDir() {
		t.Skipf("%s=%s holds no terraform-provider-huaweicloud binary", EnvOfficialProviderDir, dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// officialProviderConfig is the official provider pointed at env's
// emulator (as ../shared/official-provider/provider.tf.example).
func officialProviderConfig(env *testEnv) string {
	o := env.Emu.Options()
	return fmt.Sprintf(`
provider "huaweicloud" {
  region                  = %q
  access_key              = %q
  secret_key              = %q
  project_id              = %q
  skip_check_website_type = true
  skip_check_upgrade      = true
  endpoints = {
    vpn = "%[5]s/"
    iam = "%[5]s/"
  }
}
`, o.Region, o.AccessKey, o.SecretKey, o.ProjectID, env.Server.URL)
}

// moveStackStandby is standby.tf written for this provider.
const moveStackStandby = `
resource "huaweicloudvpn_vpn_gateway" "gw" {
  name           = "off-standby"
  flavor         = "Professional2"
  ha_mode        = "active-standby"
  bgp_asn        = 65010
  vpc_id         = "11111111-2222-4333-8444-555555555555"
  local_subnets  = ["10.10.0.0/16"]
  connect_subnet = "66666666-7777-4888-9999-000000000000"
  availability_zone_ids = [
    data.huaweicloud_vpn_gateway_availability_zones.test.names[0],
    data.huaweicloud_vpn_gateway_availability_zones.test.names[1]
  ]
  eip1 = { id = "aaaaaaaa-1111-4222-8333-444444444444" }
  eip2 = { id = "bbbbbbbb-1111-4222-8333-444444444444" }
}
resource "huaweicloudvpn_customer_gateway" "ip" {
  name     = "off-cgw-bgp"
  id_value = "198.51.100.33"
  bgp_asn  = 65020
}
resource "huaweicloudvpn_customer_gateway" "branch" {
  name     = "off-cgw-branch"
  id_value = "198.51.100.34"
  bgp_asn  = 65000 # the official provider always sets one
}
resource "huaweicloudvpn_vpn_connection" "policy" {
  name         = "off-policy"
  vgw_id       = huaweicloudvpn_vpn_gateway.gw.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.gw.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.branch.id
  peer_subnets = ["172.16.0.0/24", "172.16.1.0/24"]
  style        = "policy"
  psk          = "Test@1234"
  ha_role      = "master"
  policy_rules = [{
    rule_index  = 1
    source      = "10.10.0.0/16"
    destination = ["172.16.0.0/24", "172.16.1.0/24"]
  }]
}
resource "huaweicloudvpn_vpn_connection" "bgp" {
  name                 = "off-bgp"
  vgw_id               = huaweicloudvpn_vpn_gateway.gw.id
  vgw_ip               = huaweicloudvpn_vpn_gateway.gw.eip2.id
  cgw_id               = huaweicloudvpn_customer_gateway.ip.id
  peer_subnets         = ["172.17.0.0/24"]
  style                = "bgp"
  psk                  = "Test@12345"
  ha_role              = "slave"
  tunnel_local_address = "169.254.70.1/30"
  tunnel_peer_address  = "169.254.70.2/30"
}

moved {
  from = huaweicloud_vpn_gateway.gw
  to   = huaweicloudvpn_vpn_gateway.gw
}
moved {
  from = huaweicloud_vpn_customer_gateway.ip
  to   = huaweicloudvpn_customer_gateway.ip
}
moved {
  from = huaweicloud_vpn_customer_gateway.branch
  to   = huaweicloudvpn_customer_gateway.branch
}
moved {
  from = huaweicloud_vpn_connection.policy
  to   = huaweicloudvpn_vpn_connection.policy
}
moved {
  from = huaweicloud_vpn_connection.bgp
  to   = huaweicloudvpn_vpn_connection.bgp
}
`

// moveStackER is er.tf written for this provider.
const moveStackER = `
resource "huaweicloudvpn_vpn_gateway" "er" {
  name                = "off-er"
  network_type        = "private"
  attachment_type     = "er"
  er_id               = "77777777-8888-4999-8aaa-bbbbbbbbbbbb"
  access_vpc_id       = "11111111-2222-4333-8444-555555555555"
  access_subnet_id    = "66666666-7777-4888-9999-000000000000"
  access_private_ip_1 = "192.168.5.10"
  access_private_ip_2 = "192.168.5.11"
  availability_zone_ids = [
    data.huaweicloud_vpn_gateway_availability_zones.test.names[0],
    data.huaweicloud_vpn_gateway_availability_zones.test.names[1]
  ]
}

moved {
  from = huaweicloud_vpn_gateway.er
  to   = huaweicloudvpn_vpn_gateway.er
}
`

// The migration recipe, end to end: a stack applied with the official
// provider against the emulator moves to this provider with moved blocks;
// the plan has moves only, the apply changes nothing, the next plan is
// empty, and destroy leaves nothing in the emulator.
func TestAccMoveState_officialProviderEndToEnd(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	dir := officialProviderDir(t)
	example := func(names ...string) string {
		var b strings.Builder
		for _, n := range names {
			raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "guides", "migration", n))
			if err != nil {
				t.Fatal(err)
			}
			b.Write(raw)
		}
		return b.String()
	}
	noChange := "Plan: 0 to add, 0 to change, 0 to destroy."
	for _, c := range []moveStack{
		// The migration guide's examples: the public stack, and a GM gateway
		// whose certificate block becomes an imported certificate resource.
		{stack: "public", flavor: "professional1", attachment: "vpc", config: example("main.tf"), moves: 4,
			summary: noChange, secrets: []string{"Test@123"}},
		{stack: "gm", flavor: "gm", attachment: "vpc", config: example("gateway_gm.tf", "certificate.tf"), moves: 1,
			summary: "Plan: 1 to import, 0 to add, 1 to change, 0 to destroy.", pki: true,
			warning: `(?s)Warning: Attributes Not Moved.*- certificate: the GM certificate is the resource\s+huaweicloudvpn_vpn_gateway_certificate`},
		{stack: "standby", flavor: "professional2", attachment: "vpc", config: moveStackStandby, moves: 5,
			summary: noChange, secrets: []string{"Test@1234", "Test@12345"}},
		{stack: "er", flavor: "professional1", attachment: "er", config: moveStackER, moves: 1, summary: noChange},
	} {
		t.Run(c.stack, func(t *testing.T) {
			t.Parallel()
			testMoveStack(t, dir, c)
		})
	}
}

// moveStack is one official stack (testdata/official-provider/STACK.tf)
// and the same stack written for this provider with its moved blocks (the
// availability zones data source, of flavor and attachment, stays with the
// official provider).
type moveStack struct {
	stack, flavor, attachment, config string
	// moves is the number of moves the plan shows, summary its "Plan:" line.
	moves   int
	summary string
	// secrets must never show in a plan.
	secrets []string
	// pki writes a GM certificate set into certs/ (sign, enc, ca; .pem and .key).
	pki bool
	// warning is a regular expression the plan's warnings must match ("" for none).
	warning string
}

// testMoveStack runs the recipe on one stack.
func testMoveStack(t *testing.T, dir string, c moveStack) {
	stack, config, moves, secrets := c.stack, c.config, c.moves, c.secrets
	env := newTestEnv(t, func(o *emulator.Options) { o.Region = "cn-north-4" })
	official, err := os.ReadFile(filepath.Join("testdata", "official-provider", stack+".tf"))
	if err != nil {
		t.Fatal(err)
	}
	cli := newTFCLI(t, fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/huaweicloud/huaweicloud" = %q
  }
  direct {}
}
`, dir))
	versions := `
terraform {
  required_providers {
    huaweicloud    = { source = "huaweicloud/huaweicloud" }
    huaweicloudvpn = { source = "huaweicloudvpn/huaweicloudvpn" }
  }
}
`
	// 1. The official provider builds the stack.
	cli.Write(map[string]string{"versions.tf": versions, "official.tf": officialProviderConfig(env), "main.tf": string(official)})
	if c.pki {
		p := newTestPKI(t, "move")
		certs := filepath.Join(cli.Dir, "certs")
		if err := os.MkdirAll(certs, 0o700); err != nil {
			t.Fatal(err)
		}
		for name, content := range map[string]string{"sign.pem": p.Sign, "sign.key": p.SignKey, "enc.pem": p.Enc, "enc.key": p.EncKey, "ca.pem": p.CA} {
			if err := os.WriteFile(filepath.Join(certs, name), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		secrets = append(secrets, p.SignKey, p.EncKey)
	}
	cli.Must("apply", "-auto-approve", "-input=false", "-no-color")
	counts := map[string]int{}
	for kind, ids := range env.Emu.Resources() {
		counts[kind] = len(ids)
	}
	t.Logf("%s built with the official provider: %v", stack, counts)

	// 2. The configuration switches to this provider with moved blocks.
	cli.Write(map[string]string{
		"versions.tf": versions, "official.tf": officialProviderConfig(env),
		"data.tf": fmt.Sprintf(`
data "huaweicloud_vpn_gateway_availability_zones" "test" {
  flavor          = %q
  attachment_type = %q
}
`, c.flavor, c.attachment),
		"provider.tf": env.ProviderConfig(), "main.tf": config,
	})
	_, plan := cli.PlanChanges()
	if got := strings.Count(plan, " has moved to "); got != moves {
		t.Errorf("plan shows %d moves, want %d:\n%s", got, moves, plan)
	}
	if c.warning != "" && !regexp.MustCompile(c.warning).MatchString(plan) {
		t.Errorf("the plan has no warning matching %s:\n%s", c.warning, plan)
	}
	if got, want := planSummary(plan), c.summary; got != want {
		t.Fatalf("plan after the switch: %q, want %q\n%s", got, want, plan)
	}
	for _, s := range secrets {
		if strings.Contains(plan, s) {
			t.Errorf("the plan shows the pre-shared key %q", s)
		}
	}
	cli.Must("apply", "-auto-approve", "-input=false", "-no-color")
	if changes, plan := cli.PlanChanges(); changes {
		t.Fatalf("plan after the move is not empty:\n%s", plan)
	}
	state := cli.Must("state", "pull")
	if len(c.secrets) > 0 && !strings.Contains(state, `"value": "psk"`) {
		t.Errorf("the moved connections' psk is not marked sensitive in the state")
	}
	if strings.Contains(state, "PRIVATE KEY") {
		t.Errorf("the state holds a private key")
	}

	// 3. Destroy leaves nothing.
	cli.Must("destroy", "-auto-approve", "-input=false", "-no-color")
	for _, kind := range []string{emulator.KindMonitor, emulator.KindConnection, emulator.KindCustomerGateway, emulator.KindGateway, emulator.KindCertificate} {
		if err := env.CheckDestroy(kind)(nil); err != nil {
			t.Error(err)
		}
	}
}
