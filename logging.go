package main

import (
	"os"
	"strings"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/tfcli"
)

// How logging works when Terraform runs this provider, and why main turns
// it off when nobody can read it:
//
//   - terraform-plugin-go creates, for every RPC, the SDK root logger with
//     the level of TF_LOG_SDK, the "sdk.proto" subsystem with TF_LOG_SDK_PROTO
//     and the provider root logger with TF_LOG_PROVIDER_HUAWEICLOUDVPN;
//     terraform-plugin-framework adds "sdk.framework" with TF_LOG_SDK_FRAMEWORK,
//     and internal/client the "http" subsystem with
//     TF_LOG_PROVIDER_HUAWEICLOUDVPN_HTTP. An unset root variable means TRACE,
//     an unset subsystem variable means the root's level. So by default every
//     TRACE line (one per RPC, validator, plan modifier and API call) is
//     formatted as JSON and written to stderr.
//   - Terraform reads that stderr through go-plugin and keeps the lines only
//     when TF_LOG_PROVIDER or TF_LOG sets a level (TF_LOG_PATH only says
//     where they go); it passes its environment to the provider.
//
// So when no TF_LOG* variable is set (and TF_ACC_LOG_PATH, which
// terraform-plugin-testing reads, is not either), Terraform throws every
// line away; main then sets the SDK and provider levels to OFF before
// serving, and the loggers skip the work. Any TF_LOG* variable with a value
// (TF_LOG, TF_LOG_PATH, TF_LOG_PROVIDER, TF_LOG_PROVIDER_HUAWEICLOUDVPN*,
// TF_LOG_SDK, TF_LOG_SDK_PROTO, TF_LOG_SDK_FRAMEWORK, TF_LOG_CORE, ...)
// leaves everything exactly as terraform-plugin-log documents it, and so
// does -debug, where the provider's stderr is a developer's terminal.

// quietLogLevels are the variables main sets to OFF when nobody reads the
// logs: the SDK root, its two subsystems, and the provider root and its
// "http" subsystem.
var quietLogLevels = []string{
	"TF_LOG_SDK",
	"TF_LOG_SDK_PROTO",
	"TF_LOG_SDK_FRAMEWORK",
	client.LogEnvProvider,
	client.LogEnvHTTP,
}

// logsRead reports whether environ (os.Environ form) has a variable that
// makes Terraform, terraform-plugin-log or terraform-plugin-testing keep
// provider log lines: TF_LOG or any TF_LOG_* one, or TF_ACC_LOG_PATH, with
// a non-empty value. The names are tfcli.IsLogVar's, the same rule by which
// the logging tests and the benchmark clear the caller's logging variables.
func logsRead(environ []string) bool {
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || value == "" {
			continue
		}
		if tfcli.IsLogVar(name) {
			return true
		}
	}
	return false
}

// quietLogs sets the log levels of quietLogLevels to OFF when nobody reads
// the logs (see logsRead) and the provider does not run with -debug. It
// returns the variables it set.
func quietLogs(debug bool, environ []string, setenv func(string, string) error) []string {
	if debug || logsRead(environ) {
		return nil
	}
	var set []string
	for _, name := range quietLogLevels {
		if setenv(name, "OFF") == nil {
			set = append(set, name)
		}
	}
	return set
}

// quietLogsFromEnv applies quietLogs to the process environment.
func quietLogsFromEnv(debug bool) []string {
	return quietLogs(debug, os.Environ(), os.Setenv)
}
