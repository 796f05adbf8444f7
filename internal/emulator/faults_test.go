package emulator

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"
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

// stateJSON snapshots everything the emulator stores.
func stateJSON(t *testing.T, e *Emulator) string {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	b, err := json.Marshal(e.st)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every changing request of every family, answered with an injected fault,
// leaves the stored state exactly as it was; 429 answers carry Retry-After.
func TestFaults_changingRequestsLeaveStateUntouched(t *testing.T) {
	clk := newTestClock()
	// Gateways and connections settle at once, monitors stay pending.
	v := newCFEnv(t, Options{Now: clk.Now, Delay: time.Minute, Delays: map[string]time.Duration{KindGateway: 0, KindConnection: 0}, FaultSeed: 3})
	gw := v.gateway(gwOpts{})
	cg := v.cgw(map[string]any{"id_value": "10.0.0.1"})
	conn := v.conn(connBody(gw, cg))
	v.must(http.StatusCreated, "POST", "/connection-monitors", map[string]any{"connection_monitor": map[string]any{"vpn_connection_id": conn}})
	before := stateJSON(t, v.e)

	v.e.mu.Lock()
	v.e.opts.FaultRate = 1
	v.e.mu.Unlock()
	requests := []struct {
		method, path string
		body         any
	}{
		{"POST", "/vpn-gateways", wrap(gwBody())},
		{"PUT", "/vpn-gateways/" + gw.ID, wrap(map[string]any{"name": "renamed"})},
		{"POST", "/vpn-gateways/" + gw.ID + "/update-specification", wrap(map[string]any{"flavor": "Professional2"})},
		{"POST", "/customer-gateways", map[string]any{"customer_gateway": map[string]any{"id_value": "10.0.0.2"}}},
		{"PUT", "/customer-gateways/" + cg, map[string]any{"customer_gateway": map[string]any{"name": "renamed"}}},
		{"POST", "/vpn-connection", map[string]any{"vpn_connection": connBody(gw, cg)}},
		{"PUT", "/vpn-connection/" + conn, map[string]any{"vpn_connection": map[string]any{"name": "renamed"}}},
		{"DELETE", "/vpn-connection/" + conn, nil},
		{"POST", "/vpn-gateway/" + gw.ID + "/tags/create", map[string]any{"tags": []any{map[string]any{"key": "k", "value": "v"}}}},
		{"DELETE", "/vpn-gateways/" + gw.ID, nil},
		{"DELETE", "/customer-gateways/" + cg, nil},
	}
	clk.Advance(time.Hour) // the monitor's creation is due: a faulted request must not settle it either
	retryAfter := 0
	for round := 0; round < 4; round++ {
		for _, r := range requests {
			req := newSignedRequest(t, v.srv, v.e, r.method, projectPath(v.e, r.path), r.body, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			switch resp.StatusCode {
			case http.StatusTooManyRequests:
				if resp.Header.Get("Retry-After") == "" {
					t.Errorf("429 without Retry-After")
				}
				retryAfter++
			case http.StatusInternalServerError, http.StatusServiceUnavailable, http.StatusBadRequest:
			default:
				t.Fatalf("%s %s answered %d under fault rate 1", r.method, r.path, resp.StatusCode)
			}
			if resp.Header.Get("X-Request-Id") == "" {
				t.Errorf("fault without X-Request-Id")
			}
		}
	}
	if retryAfter == 0 {
		t.Errorf("no 429 among %d faults", 4*len(requests))
	}
	if after := stateJSON(t, v.e); after != before {
		t.Fatalf("state changed under faults:\nbefore %s\nafter  %s", before, after)
	}
}
