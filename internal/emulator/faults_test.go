package emulator

import (
	"net/http"
	"reflect"
	"testing"
)

func TestFaults_everyRequestFailsWithoutStateChange(t *testing.T) {
	e, srv := newTestServer(t, Options{FaultRate: 1, FaultSeed: 7})
	kinds := map[string]bool{}
	for i := 0; i < 40; i++ {
		st, body := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(gwBody()))
		code, _ := body["error_code"].(string)
		switch {
		case st == http.StatusInternalServerError && code == "VPN.0002",
			st == http.StatusServiceUnavailable && code == "APIGW.0201",
			st == http.StatusTooManyRequests && code == "APIGW.0308",
			st == http.StatusBadRequest && code == "VPN.0030":
			kinds[code] = true
		default:
			t.Fatalf("request %d: %d %v is not an injected fault", i, st, body)
		}
	}
	if len(kinds) != 4 {
		t.Errorf("fault kinds seen: %v", kinds)
	}
	if n := len(e.Resources()[KindGateway]); n != 0 {
		t.Fatalf("%d gateways created under faults", n)
	}
}

func faultSequence(t *testing.T, seed uint64) []int {
	e, srv := newTestServer(t, Options{FaultRate: 0.5, FaultSeed: seed})
	var out []int
	for i := 0; i < 30; i++ {
		st, _ := signedDo(t, srv, e, "GET", projectPath(e, "/vpn/quotas"), nil)
		out = append(out, st)
	}
	return out
}

func TestFaults_seedRepeats(t *testing.T) {
	a, b := faultSequence(t, 42), faultSequence(t, 42)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("same seed, different sequences:\n%v\n%v", a, b)
	}
	ok, failed := 0, 0
	for _, s := range a {
		if s == http.StatusOK {
			ok++
		} else {
			failed++
		}
	}
	if ok == 0 || failed == 0 {
		t.Fatalf("rate 0.5 gave %d ok, %d failed", ok, failed)
	}
	if c := faultSequence(t, 43); reflect.DeepEqual(a, c) {
		t.Fatalf("different seeds gave the same sequence %v", a)
	}
}

func TestFaults_authBeforeFaults(t *testing.T) {
	e, srv := newTestServer(t, Options{FaultRate: 1})
	req, _ := http.NewRequest("GET", srv.URL+projectPath(e, "/vpn/quotas"), nil)
	st, body := doRequest(t, req)
	mustStatus(t, st, http.StatusUnauthorized, body)
}
