package emulator

import (
	"net/http"
	"testing"
)

// TestGateway_legacyFlavor: a gateway of a retired flavor (v300, v1g) reads
// as such; no gateway is created with or changed to one.
func TestGateway_legacyFlavor(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, gwBody())
	getGW(t, srv, e, id)
	if err := e.SetGatewayFlavor(id, "v300"); err != nil {
		t.Fatal(err)
	}
	if f := getGW(t, srv, e, id)["flavor"]; f != "v300" {
		t.Fatalf("flavor %v", f)
	}
	st, b := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(set(gwBody(), "flavor", "v1g")))
	mustStatus(t, st, http.StatusBadRequest, b)
	mustCode(t, b, "VPN.0001", "flavor")
	if err := e.SetGatewayFlavor(id, "v2000"); err == nil {
		t.Error("unknown flavor accepted")
	}
}
