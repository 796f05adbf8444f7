// Package moduletest runs the `terraform test` suites of the modules under
// examples/modules/ against the VPN emulator, the way a module author runs
// them (docs/guides/testing-modules.md): the provider binary is built and
// installed through dev_overrides (no `terraform init`), the emulator serves
// on a free loopback port, and the provider finds it through the HW_*
// environment variables.
//
// Like the acceptance tests it runs only with TF_ACC=1, with the Terraform
// CLI named by TF_ACC_TERRAFORM_PATH, else `terraform` on PATH.
package moduletest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
)

// providerBinary is the executable name dev_overrides looks for.
const providerBinary = "terraform-provider-huaweicloudvpn"

// suiteTimeout bounds one module's `terraform test` run.
const suiteTimeout = 10 * time.Minute

// summary is the last line of a `terraform test` (or `tofu test`) run.
var summary = regexp.MustCompile(`(Success|Failure)! (\d+) passed, (\d+) failed`)

func TestAccModules_terraformTest(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	modules, err := filepath.Glob(filepath.Join(root, "examples", "modules", "*", "tests", "*.tftest.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]bool{}
	for _, f := range modules {
		dirs[filepath.Dir(filepath.Dir(f))] = true
	}
	if len(dirs) == 0 {
		t.Fatalf("no examples/modules/*/tests/*.tftest.hcl under %s", root)
	}

	tf := terraformPath(t)
	pluginDir := buildProvider(t, root)
	cliConfig := writeCLIConfig(t, pluginDir)

	for dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			runModuleTests(t, tf, cliConfig, dir)
		})
	}
}

// terraformPath is TF_ACC_TERRAFORM_PATH when set (CI runs the suites under
// a second Terraform version that way), else terraform on PATH.
func terraformPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("terraform is not on PATH and TF_ACC_TERRAFORM_PATH is not set: %v", err)
	}
	return p
}

// buildProvider builds the provider into a temporary folder and returns it.
func buildProvider(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	start := time.Now()
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-X main.version=moduletest",
		"-o", filepath.Join(dir, providerBinary), ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	t.Logf("built the provider in %s", time.Since(start).Round(time.Millisecond))
	return dir
}

// writeCLIConfig writes a Terraform CLI configuration that takes the
// provider from pluginDir (for Terraform and OpenTofu) and returns its path.
func writeCLIConfig(t *testing.T, pluginDir string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "terraformrc")
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/huaweicloudvpn/huaweicloudvpn" = %[1]q
    "registry.opentofu.org/huaweicloudvpn/huaweicloudvpn" = %[1]q
  }
  direct {}
}
`, pluginDir)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// runModuleTests starts an emulator and runs `terraform test` on a copy of
// the module (so nothing is written into the source tree), failing with the
// command's output when a test fails or none ran.
func runModuleTests(t *testing.T, tf, cliConfig, module string) {
	emu, err := emulator.New(emulator.Options{Delay: 0})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)

	work := filepath.Join(t.TempDir(), filepath.Base(module))
	if err := os.CopyFS(work, os.DirFS(module)); err != nil {
		t.Fatalf("copying %s: %v", module, err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), suiteTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tf, "test", "-no-color")
	cmd.Dir = work
	cmd.Env = terraformEnv(cliConfig, emu.ProviderEnv(srv.URL))
	start := time.Now()
	out, err := cmd.CombinedOutput()
	elapsed := time.Since(start).Round(time.Millisecond)
	m := summary.FindSubmatch(out)
	switch {
	case err != nil:
		t.Fatalf("%s test in %s failed after %s: %v\n%s", tf, module, elapsed, err, out)
	case m == nil || string(m[1]) != "Success" || string(m[3]) != "0":
		t.Fatalf("%s test in %s: no success summary\n%s", tf, module, out)
	}
	if n, _ := strconv.Atoi(string(m[2])); n == 0 {
		t.Fatalf("%s test in %s ran no test\n%s", tf, module, out)
	}
	t.Logf("%s (%s, %s)", m[0], tf, elapsed)
}

// terraformEnv is the process environment without the variables that would
// change what Terraform or the provider does, plus the CLI configuration
// and the provider's emulator settings.
func terraformEnv(cliConfig string, providerEnv [][2]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "HW_") || strings.HasPrefix(name, "TF_VAR_") ||
			name == "TF_CLI_CONFIG_FILE" || name == "TF_WORKSPACE" || name == "TF_DATA_DIR" || name == "TF_CLI_ARGS" ||
			strings.HasPrefix(name, "TF_CLI_ARGS_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0")
	for _, kv := range providerEnv {
		env = append(env, kv[0]+"="+kv[1])
	}
	return env
}
