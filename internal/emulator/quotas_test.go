package emulator

import (
	"net/http"
	"testing"
)

func quotaMap(t *testing.T, body map[string]any) map[string][2]float64 {
	t.Helper()
	out := map[string][2]float64{}
	for _, r := range obj(t, body, "quotas")["resources"].([]any) {
		m := r.(map[string]any)
		out[m["type"].(string)] = [2]float64{m["quota"].(float64), m["used"].(float64)}
	}
	return out
}

func TestQuotas_defaultsAndUsed(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	createGW(t, srv, e, gwBody())
	e.mu.Lock()
	e.st.CustomerGateways["cg1"] = &customerGatewayRecord{ID: "cg1"}
	e.mu.Unlock()
	st, body := signedDo(t, srv, e, "GET", projectPath(e, "/vpn/quotas"), nil)
	mustStatus(t, st, http.StatusOK, body)
	got := quotaMap(t, body)
	want := map[string][2]float64{"vpn_gateway": {50, 1}, "customer_gateway": {100, 1}, "vpn_connection": {500, 0}}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
}

func TestQuotas_createPastQuotaFails(t *testing.T) {
	e, srv := newTestServer(t, Options{Quotas: map[string]int{KindGateway: 2, KindConnection: 7}})
	createGW(t, srv, e, gwBody())
	createGW(t, srv, e, gwBody())
	st, body := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(gwBody()))
	mustStatus(t, st, http.StatusBadRequest, body)
	mustCode(t, body, "VPN.0001", "quota exceeded")
	if n := len(e.Resources()[KindGateway]); n != 2 {
		t.Fatalf("%d gateways after the refused create", n)
	}
	_, body = signedDo(t, srv, e, "GET", projectPath(e, "/vpn/quotas"), nil)
	if q := quotaMap(t, body); q["vpn_gateway"] != [2]float64{2, 2} || q["vpn_connection"][0] != 7 {
		t.Fatalf("quotas %v", q)
	}
	e.mu.Lock()
	exceeded := e.quotaExceeded(KindGateway)
	cg := e.quotaExceeded(KindCustomerGateway)
	e.mu.Unlock()
	if !exceeded || cg {
		t.Fatalf("quotaExceeded: gateway %v, customer gateway %v", exceeded, cg)
	}
}
