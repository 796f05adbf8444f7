package main

import (
	"slices"
	"testing"
)

func TestLogsRead(t *testing.T) {
	cases := []struct {
		name    string
		environ []string
		want    bool
	}{
		{"nothing set", []string{"PATH=/bin", "HOME=/root"}, false},
		{"empty TF_LOG", []string{"TF_LOG="}, false},
		{"unrelated TF_ variables", []string{"TF_IN_AUTOMATION=1", "TF_CLI_CONFIG_FILE=/x", "TF_LOGGING=1"}, false},
		{"TF_LOG", []string{"TF_LOG=trace"}, true},
		{"TF_LOG off is still the user's choice", []string{"TF_LOG=off"}, true},
		{"TF_LOG_PATH", []string{"TF_LOG_PATH=/tmp/tf.log"}, true},
		{"TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER=DEBUG"}, true},
		{"TF_LOG_CORE", []string{"TF_LOG_CORE=DEBUG"}, true},
		{"TF_LOG_SDK", []string{"TF_LOG_SDK=DEBUG"}, true},
		{"TF_LOG_SDK_PROTO", []string{"TF_LOG_SDK_PROTO=TRACE"}, true},
		{"TF_LOG_SDK_FRAMEWORK", []string{"TF_LOG_SDK_FRAMEWORK=TRACE"}, true},
		{"provider root", []string{"TF_LOG_PROVIDER_HUAWEICLOUDVPN=INFO"}, true},
		{"provider http subsystem", []string{"TF_LOG_PROVIDER_HUAWEICLOUDVPN_HTTP=TRACE"}, true},
		{"plugin-testing log file", []string{"TF_ACC_LOG_PATH=/tmp/acc.log"}, true},
		{"protocol data dir", []string{"TF_LOG_SDK_PROTO_DATA_DIR=/tmp/proto"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := logsRead(tc.environ); got != tc.want {
				t.Errorf("logsRead(%q) = %v, want %v", tc.environ, got, tc.want)
			}
		})
	}
}

func TestQuietLogs(t *testing.T) {
	record := func() (map[string]string, func(string, string) error) {
		set := map[string]string{}
		return set, func(k, v string) error { set[k] = v; return nil }
	}

	set, setenv := record()
	got := quietLogs(false, []string{"PATH=/bin"}, setenv)
	want := []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
		"TF_LOG_PROVIDER_HUAWEICLOUDVPN", "TF_LOG_PROVIDER_HUAWEICLOUDVPN_HTTP"}
	if !slices.Equal(got, want) {
		t.Fatalf("nobody reads the logs: set %q, want %q", got, want)
	}
	for _, name := range want {
		if set[name] != "OFF" {
			t.Errorf("%s = %q, want OFF", name, set[name])
		}
	}

	for _, tc := range []struct {
		name    string
		debug   bool
		environ []string
	}{
		{"TF_LOG set", false, []string{"TF_LOG=TRACE"}},
		{"http subsystem only", false, []string{"TF_LOG_PROVIDER_HUAWEICLOUDVPN_HTTP=TRACE"}},
		{"debug mode", true, nil},
	} {
		set, setenv := record()
		if got := quietLogs(tc.debug, tc.environ, setenv); got != nil || len(set) != 0 {
			t.Errorf("%s: set %q (%v), want nothing", tc.name, got, set)
		}
	}
}
