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
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/emulator"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/tfcli"
)

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

// terraformPath is tfcli.TerraformPath or a fatal error.
func terraformPath(t *testing.T) string {
	t.Helper()
	p, err := tfcli.TerraformPath()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// buildProvider builds the provider into a temporary folder and returns it.
func buildProvider(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	start := time.Now()
	if _, err := tfcli.BuildProvider(root, dir, "-X main.version=moduletest"); err != nil {
		t.Fatal(err)
	}
	t.Logf("built the provider in %s", time.Since(start).Round(time.Millisecond))
	return dir
}

// writeCLIConfig writes a Terraform CLI configuration that takes the
// provider from pluginDir (for Terraform and OpenTofu) and returns its path.
func writeCLIConfig(t *testing.T, pluginDir string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "terraformrc")
	if err := tfcli.WriteCLIConfig(path, pluginDir); err != nil {
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
	cmd.Env = tfcli.Env(cliConfig, nil, emu.ProviderEnv(srv.URL))
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
