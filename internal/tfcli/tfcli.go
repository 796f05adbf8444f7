// Package tfcli runs the Terraform CLI against a local build of the
// provider, for tests and tools (the module tests, the logging tests, the
// benchmark harness): the terraform binary to use, building the provider,
// a dev_overrides CLI configuration (no `terraform init`, no registry) and a
// clean process environment.
package tfcli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ProviderBinary is the executable name dev_overrides looks for.
const ProviderBinary = "terraform-provider-huaweicloudvpn"

// TerraformPath is TF_ACC_TERRAFORM_PATH when set (CI runs the suites under
// a second Terraform version that way), else terraform on PATH.
func TerraformPath() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p, nil
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		return "", fmt.Errorf("terraform is not on PATH and TF_ACC_TERRAFORM_PATH is not set: %w", err)
	}
	return p, nil
}

// BuildProvider builds the provider of the module at root into
// dir/ProviderBinary as goreleaser does (CGO_ENABLED=0, -trimpath), with the
// given -ldflags, and returns the binary's path.
func BuildProvider(root, dir, ldflags string) (string, error) {
	out := filepath.Join(dir, ProviderBinary)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", out, ".")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the provider: %w\n%s", err, b)
	}
	return out, nil
}

// WriteCLIConfig writes at path a Terraform CLI configuration that takes the
// provider from pluginDir, for Terraform and OpenTofu.
func WriteCLIConfig(path, pluginDir string) error {
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/huaweicloudvpn/huaweicloudvpn" = %[1]q
    "registry.opentofu.org/huaweicloudvpn/huaweicloudvpn" = %[1]q
  }
  direct {}
}
`, pluginDir)
	return os.WriteFile(path, []byte(cfg), 0o600)
}

// IsLogVar reports whether name is a variable that sets Terraform's or the
// provider's logging: TF_LOG, TF_LOG_* or TF_ACC_LOG_PATH.
func IsLogVar(name string) bool {
	return name == "TF_LOG" || strings.HasPrefix(name, "TF_LOG_") || name == "TF_ACC_LOG_PATH"
}

// Env is the process environment without the variables that would change
// what Terraform or the provider does (HW_*, TF_VAR_*, TF_CLI_CONFIG_FILE,
// TF_WORKSPACE, TF_DATA_DIR, TF_CLI_ARGS*) nor those drop reports (nil:
// none), plus the CLI configuration, no upgrade check, no prompts, and
// extra (name/value pairs, such as emulator.ProviderEnv's).
func Env(cliConfig string, drop func(name string) bool, extra [][2]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "HW_") || strings.HasPrefix(name, "TF_VAR_") ||
			name == "TF_CLI_CONFIG_FILE" || name == "TF_WORKSPACE" || name == "TF_DATA_DIR" || name == "TF_CLI_ARGS" ||
			strings.HasPrefix(name, "TF_CLI_ARGS_") || (drop != nil && drop(name)) {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0")
	for _, kv := range extra {
		env = append(env, kv[0]+"="+kv[1])
	}
	return env
}
