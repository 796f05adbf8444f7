package provider

// A harness for tests that drive the terraform binary themselves, for the
// commands plugin-testing does not run (`terraform query
// -generate-config-out`, a configuration that switches providers): the
// provider under test is served in process and reached through
// TF_REATTACH_PROVIDERS; the binary (TF_ACC_TERRAFORM_PATH when set, else
// terraform on PATH) and the clean environment are internal/tfcli's, the CLI
// configuration is the test's own.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/tfcli"
)

// tfCLI runs terraform in one working directory.
type tfCLI struct {
	t   *testing.T
	Dir string
	bin string
	env []string
}

// tfBinary is the terraform binary the tests use: tfcli.TerraformPath, or a
// fatal error.
func tfBinary(t *testing.T) string {
	t.Helper()
	p, err := tfcli.TerraformPath()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// skipUnlessTF skips t unless TF_ACC is set and the terraform binary is at
// least min (such as "1.14.0").
func skipUnlessTF(t *testing.T, minVersion string) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	bin := tfBinary(t)
	out, err := exec.Command(bin, "version", "-json").Output()
	if err != nil {
		t.Fatalf("running %s version: %v", bin, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("terraform version -json: %v", err)
	}
	have, err := version.NewVersion(v.Version)
	if err != nil {
		t.Fatalf("terraform version %q: %v", v.Version, err)
	}
	if have.LessThan(version.Must(version.NewVersion(minVersion))) {
		t.Skipf("Terraform %s is older than %s (set TF_ACC_TERRAFORM_PATH to a newer binary)", have, minVersion)
	}
}

// newTFCLI serves the provider under test in process and returns a runner
// in a new temporary directory. cliConfig is the content of the CLI
// configuration file (empty for none).
func newTFCLI(t *testing.T, cliConfig string) *tfCLI {
	t.Helper()
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, ".terraformrc")
	if err := os.WriteFile(cfgFile, []byte(cliConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	reattachCh := make(chan *plugin.ReattachConfig)
	closeCh := make(chan struct{})
	go func() {
		err := tf6server.Serve("registry.terraform.io/huaweicloudvpn/huaweicloudvpn",
			providerserver.NewProtocol6(newTestProvider()),
			tf6server.WithDebug(ctx, reattachCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t))
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	var rc *plugin.ReattachConfig
	select {
	case rc = <-reattachCh:
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("timeout waiting for the provider's reattach configuration")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-closeCh:
		case <-time.After(10 * time.Second):
		}
	})
	type addr struct{ Network, String string }
	type reattach struct {
		Protocol        string
		ProtocolVersion int
		Pid             int
		Test            bool
		Addr            addr
	}
	r := reattach{Protocol: string(rc.Protocol), ProtocolVersion: rc.ProtocolVersion, Pid: rc.Pid, Test: true,
		Addr: addr{Network: rc.Addr.Network(), String: rc.Addr.String()}}
	all := map[string]reattach{
		"registry.terraform.io/huaweicloudvpn/huaweicloudvpn": r,
		"registry.terraform.io/hashicorp/huaweicloudvpn":      r,
	}
	js, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	// The process environment without TF_LOG (the provider's logs go to the
	// test's log sink), with this test's CLI configuration and reattach
	// configuration.
	env := tfcli.Env(cfgFile, func(name string) bool { return name == "TF_REATTACH_PROVIDERS" || name == "TF_LOG" },
		[][2]string{{"TF_REATTACH_PROVIDERS", string(js)}})
	return &tfCLI{t: t, Dir: filepath.Join(dir, "work"), bin: tfBinary(t), env: env}
}

// Write replaces the working directory's *.tf and *.tfquery.hcl files with files.
func (c *tfCLI) Write(files map[string]string) {
	c.t.Helper()
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		c.t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(c.Dir, "*.tf"))
	oldQ, _ := filepath.Glob(filepath.Join(c.Dir, "*.tfquery.hcl"))
	for _, f := range append(old, oldQ...) {
		if err := os.Remove(f); err != nil {
			c.t.Fatal(err)
		}
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(c.Dir, name), []byte(content), 0o600); err != nil {
			c.t.Fatal(err)
		}
	}
}

// Run runs terraform with args and returns its combined output.
func (c *tfCLI) Run(args ...string) (string, error) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.bin, args...)
	cmd.Dir = c.Dir
	cmd.Env = c.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// Must runs terraform with args and fails the test on an error.
func (c *tfCLI) Must(args ...string) string {
	c.t.Helper()
	out, err := c.Run(args...)
	if err != nil {
		c.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// PlanChanges runs `terraform plan -detailed-exitcode` with args and returns
// whether it has changes, with its output.
func (c *tfCLI) PlanChanges(args ...string) (bool, string) {
	c.t.Helper()
	out, err := c.Run(append([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, args...)...)
	var ee *exec.ExitError
	switch {
	case err == nil:
		return false, out
	case errors.As(err, &ee) && ee.ExitCode() == 2:
		return true, out
	}
	c.t.Fatalf("terraform plan: %v\n%s", err, out)
	return false, ""
}

// planSummary is the "Plan: ..." line of a plan's output ("" when none).
func planSummary(out string) string {
	return regexp.MustCompile(`(?m)^Plan: .*$`).FindString(out)
}

// ReadFile returns a file of the working directory.
func (c *tfCLI) ReadFile(name string) string {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.Dir, name))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

// String is for messages.
func (c *tfCLI) String() string { return fmt.Sprintf("terraform (%s) in %s", c.bin, c.Dir) }
