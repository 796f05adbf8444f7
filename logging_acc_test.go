package main

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/tfcli"
)

// The built provider, run by a real `terraform plan` through dev_overrides,
// as users run it. With capture, a wrapper in front of the binary keeps
// everything the provider writes to its stderr (the stream terraform-plugin-log
// writes to and Terraform reads), so the tests see the provider's logging
// work whether or not Terraform keeps the lines; without, Terraform gets the
// stream and its TF_LOG_PATH file shows what a user sees.

var (
	builtProviderOnce sync.Once
	builtProviderDir  string
	builtProvider     string
	builtProviderErr  error
)

// TestMain removes the provider build the tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtProviderDir != "" {
		_ = os.RemoveAll(builtProviderDir)
	}
	os.Exit(code)
}

// buildProvider builds this module's provider once per test binary.
func buildProvider(t *testing.T) string {
	t.Helper()
	builtProviderOnce.Do(func() {
		// Not t.TempDir: the build outlives the first test that asks for it.
		dir, err := os.MkdirTemp("", "huaweicloudvpn-logging-") //nolint:usetesting // shared by the tests, removed by TestMain
		if err != nil {
			builtProviderErr = err
			return
		}
		builtProviderDir = dir
		builtProvider, builtProviderErr = tfcli.BuildProvider(".", dir, "-X main.version=logging-test")
	})
	if builtProviderErr != nil {
		t.Fatal(builtProviderErr)
	}
	return builtProvider
}

// loggingRun is one terraform plan of the provider against an emulator.
type loggingRun struct {
	providerStderr string // everything the provider wrote to stderr
	terraformLog   string // Terraform's TF_LOG_PATH file ("" when not asked)
	requests       int    // API requests the emulator answered
}

// planWithLogEnv runs `terraform plan` of a customer gateway and the
// availability zones data source (one API call) with the given extra
// environment; every TF_LOG* variable of the test's own environment is
// dropped first. capture: keep the provider's stderr (Terraform gets none).
func planWithLogEnv(t *testing.T, capture bool, extra ...string) loggingRun {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run terraform against the built provider")
	}
	tf, err := tfcli.TerraformPath()
	if err != nil {
		t.Fatal(err)
	}
	providerBin := buildProvider(t)

	emu, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	o := emu.Options()

	dir := t.TempDir()
	wrapDir := filepath.Join(dir, "plugins")
	stderrFile := filepath.Join(dir, "provider-stderr.log")
	if err := os.Mkdir(wrapDir, 0o755); err != nil {
		t.Fatal(err)
	}
	wrapper := fmt.Sprintf("#!/bin/sh\nexec %q \"$@\"\n", providerBin)
	if capture {
		wrapper = fmt.Sprintf("#!/bin/sh\nexec %q \"$@\" 2>>%q\n", providerBin, stderrFile)
	}
	if err := os.WriteFile(filepath.Join(wrapDir, tfcli.ProviderBinary), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(dir, "terraformrc")
	if err := tfcli.WriteCLIConfig(rc, wrapDir); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf(`terraform {
  required_providers {
    huaweicloudvpn = { source = "huaweicloudvpn/huaweicloudvpn" }
  }
}

provider "huaweicloudvpn" {
  region     = %q
  access_key = %q
  secret_key = %q
  project_id = %q
  endpoints {
    vpn = %q
    iam = %q
  }
  default_tags {
    tags = { managed_by = "terraform" }
  }
}

data "huaweicloudvpn_availability_zones" "this" {}

resource "huaweicloudvpn_customer_gateway" "this" {
  name     = "logging-test"
  id_value = "203.0.113.10"
  tags     = { zones = length(data.huaweicloudvpn_availability_zones.this.names) }
}
`, o.Region, o.AccessKey, o.SecretKey, o.ProjectID, srv.URL, srv.URL)
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}

	var pairs [][2]string
	tfLog := ""
	for _, kv := range extra {
		name, value, _ := strings.Cut(kv, "=")
		pairs = append(pairs, [2]string{name, value})
		if name == "TF_LOG_PATH" {
			tfLog = value
		}
	}

	cmd := exec.Command(tf, "plan", "-refresh=false", "-input=false", "-no-color")
	cmd.Dir = work
	cmd.Env = tfcli.Env(rc, tfcli.IsLogVar, pairs)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("terraform plan: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "1 to add") {
		t.Fatalf("terraform plan does not add the customer gateway:\n%s", out)
	}
	run := loggingRun{}
	if b, err := os.ReadFile(stderrFile); err == nil {
		run.providerStderr = string(b)
	}
	if tfLog != "" {
		b, err := os.ReadFile(tfLog)
		if err != nil {
			t.Fatalf("Terraform log: %v", err)
		}
		run.terraformLog = string(b)
	}
	for _, n := range emu.RequestCounts() {
		run.requests += n
	}
	if run.requests == 0 {
		t.Fatal("the plan made no API call: the HTTP client's logging was not exercised")
	}
	if strings.Contains(run.providerStderr, o.SecretKey) || strings.Contains(run.terraformLog, o.SecretKey) {
		t.Error("the secret key reached the logs")
	}
	return run
}

// logLines returns the provider's JSON log lines of the given @module
// prefix and @level ("" for any).
func logLines(stderr, module, level string) []string {
	var out []string
	for _, line := range strings.Split(stderr, "\n") {
		if !strings.Contains(line, `"@module":"`+module) {
			continue
		}
		if level != "" && !strings.Contains(line, `"@level":"`+level+`"`) {
			continue
		}
		out = append(out, line)
	}
	return out
}

func TestAccProviderLogging_silentWhenNobodyReads(t *testing.T) {
	run := planWithLogEnv(t, true)
	for _, module := range []string{"sdk", "huaweicloudvpn", "provider"} {
		if lines := logLines(run.providerStderr, module, ""); len(lines) > 0 {
			t.Errorf("with no TF_LOG* variable the provider still writes %d %s* log lines, e.g.:\n%s",
				len(lines), module, lines[0])
		}
	}
	if strings.Contains(run.providerStderr, "Sending HTTP request") {
		t.Error("with no TF_LOG* variable the provider still logs HTTP requests")
	}
}

func TestAccProviderLogging_traceWhenAsked(t *testing.T) {
	tfLog := filepath.Join(t.TempDir(), "terraform.log")
	run := planWithLogEnv(t, false, "TF_LOG=trace", "TF_LOG_PATH="+tfLog)
	// Terraform's log has the provider's lines of every logger, TRACE included.
	for _, want := range []struct{ level, module, message string }{
		{"TRACE", "sdk.proto", "Received request"},
		{"TRACE", "sdk.framework", "Calling provider defined Resource ModifyPlan"},
		{"TRACE", "sdk.framework", "Calling provider defined validator.String"},
		{"DEBUG", "huaweicloudvpn.http", "HTTP response"},
		{"TRACE", "huaweicloudvpn.http", "Sending HTTP request"},
		{"TRACE", "huaweicloudvpn.http", "HTTP response body"},
		{"DEBUG", "huaweicloudvpn", "Configuring Huawei Cloud VPN client"},
	} {
		found := false
		for _, line := range strings.Split(run.terraformLog, "\n") {
			if strings.Contains(line, "["+want.level+"] provider.terraform-provider-huaweicloudvpn") &&
				strings.Contains(line, ": "+want.message+":") && strings.Contains(line, "@module="+want.module+" ") {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("TF_LOG=trace: Terraform's log has no %s line %q of @module=%s from the provider", want.level, want.message, want.module)
		}
	}
}

func TestAccProviderLogging_httpSubsystemAlone(t *testing.T) {
	run := planWithLogEnv(t, true, "TF_LOG_PROVIDER_HUAWEICLOUDVPN_HTTP=TRACE")
	if len(logLines(run.providerStderr, "huaweicloudvpn.http", "trace")) == 0 {
		t.Errorf("TF_LOG_PROVIDER_HUAWEICLOUDVPN_HTTP=TRACE: no TRACE line of the http subsystem:\n%s", run.providerStderr)
	}
}

func TestAccProviderLogging_sdkProtoAlone(t *testing.T) {
	run := planWithLogEnv(t, true, "TF_LOG_SDK_PROTO=TRACE", "TF_LOG_SDK=OFF", "TF_LOG_SDK_FRAMEWORK=OFF")
	if len(logLines(run.providerStderr, "sdk.proto", "trace")) == 0 {
		t.Error("TF_LOG_SDK_PROTO=TRACE: no TRACE line of sdk.proto")
	}
	if lines := logLines(run.providerStderr, "sdk.framework", ""); len(lines) > 0 {
		t.Errorf("TF_LOG_SDK_FRAMEWORK=OFF: %d sdk.framework lines", len(lines))
	}
}
