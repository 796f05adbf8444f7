package wirespec

import (
	"reflect"
	"strings"
	"testing"
)

// TestWireModels_refsResolve checks that every object kind names a model.
func TestWireModels_refsResolve(t *testing.T) {
	scalar := map[string]bool{"string": true, "integer": true, "boolean": true, "[]string": true, "any": true}
	for model, fields := range WireModels {
		for name, f := range fields {
			k := strings.TrimPrefix(f.Kind, "[]")
			if !scalar[f.Kind] && WireModels[k] == nil {
				t.Errorf("%s.%s: kind %q names no model", model, name, f.Kind)
			}
		}
	}
}

// TestWireDiff_catches shows the differences WireDiff reports.
func TestWireDiff_catches(t *testing.T) {
	type dpd struct {
		Timeout string `json:"timeout"` // a number sent as a string
		Msg     string `json:"msg"`
	}
	type ike struct {
		IKEVersion string `json:"ike_vers"` // misspelt
		DPD        *dpd   `json:"dpd"`
	}
	type conn struct {
		ID     string `json:"id"`
		IKE    ike    `json:"ikepolicy"`
		Hidden string `json:"-"`
	}
	got := WireDiff(reflect.TypeFor[conn](), "ResponseVpnConnection", WireDiffOptions{})
	joined := strings.Join(got, "\n")
	for _, s := range []string{"ikepolicy.dpd.timeout: is string in Go, integer in Dpd", "ikepolicy.ike_vers: not a key of IkePolicy"} {
		if !strings.Contains(joined, s) {
			t.Errorf("WireDiff misses %q; got:\n%s", s, joined)
		}
	}
	if len(got) != 2 {
		t.Errorf("WireDiff reported %d differences, want 2:\n%s", len(got), joined)
	}
	complete := WireDiff(reflect.TypeFor[conn](), "ResponseVpnConnection", WireDiffOptions{Complete: true})
	if !strings.Contains(strings.Join(complete, "\n"), "vgw_id: key of ResponseVpnConnection missing in Go") {
		t.Errorf("Complete does not report missing keys:\n%s", strings.Join(complete, "\n"))
	}
	if strings.Contains(strings.Join(complete, "\n"), "bgp_peer") {
		t.Error("Complete reports an SDK-only key without SDK set")
	}
}
