package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"
)

// rawDo sends a signed request and returns the response (nil on a
// transport error, returned as err) without failing the test.
func rawDo(t *testing.T, req *http.Request) (*http.Response, []byte, error) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func TestFaults_lost504_serviceActsAnswerIs504(t *testing.T) {
	e, srv := newTestServer(t, Options{FaultRate: 1, FaultModes: []string{FaultLost504}})
	req := newSignedRequest(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(gwBody()), nil)
	resp, body, err := rawDo(t, req)
	if err != nil {
		t.Fatal(err)
	}
	var apiErr apiError
	if resp.StatusCode != http.StatusGatewayTimeout || json.Unmarshal(body, &apiErr) != nil || apiErr.ErrorCode != "APIGW.0202" || apiErr.RequestID == "" {
		t.Fatalf("want 504 APIGW.0202 with a request id, got %d %s", resp.StatusCode, body)
	}
	if n := len(e.Resources()[KindGateway]); n != 1 {
		t.Fatalf("the service must have created the gateway before losing the answer; gateways: %d", n)
	}
	if n := e.LostAnswers()["POST /v5/{project_id}/vpn-gateways"]; n != 1 {
		t.Fatalf("lost answers %v", e.LostAnswers())
	}
}

func TestFaults_lostClose_connectionClosedWithoutAnswer(t *testing.T) {
	e, srv := newTestServer(t, Options{FaultRate: 1, FaultModes: []string{FaultLostClose}})
	req := newSignedRequest(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(gwBody()), nil)
	if resp, body, err := rawDo(t, req); err == nil {
		t.Fatalf("want a transport error, got %d %s", resp.StatusCode, body)
	}
	if n := len(e.Resources()[KindGateway]); n != 1 {
		t.Fatalf("gateways after a closed connection: %d, want 1", n)
	}
	// The admin endpoint reports the lost answer.
	resp, err := http.Get(srv.URL + "/_emulator/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var counts map[string]int
	if err := json.NewDecoder(resp.Body).Decode(&counts); err != nil {
		t.Fatal(err)
	}
	if counts["lost POST /v5/{project_id}/vpn-gateways"] != 1 || counts["POST /v5/{project_id}/vpn-gateways"] != 1 {
		t.Fatalf("admin requests %v", counts)
	}
}

func TestFaults_slow_answerOutlivesClientTimeout(t *testing.T) {
	e, srv := newTestServer(t, Options{FaultRate: 1, FaultModes: []string{FaultSlow}, SlowAnswer: 2 * time.Second})
	req := newSignedRequest(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(gwBody()), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, _, err := rawDo(t, req.WithContext(ctx))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the client's timeout, got %v", err)
	}
	if n := len(e.Resources()[KindGateway]); n != 1 {
		t.Fatalf("gateways: %d, want 1", n)
	}
	deadline := time.Now().Add(time.Second)
	for e.LostAnswers()["POST /v5/{project_id}/vpn-gateways"] != 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := e.LostAnswers()["POST /v5/{project_id}/vpn-gateways"]; n != 1 {
		t.Fatalf("lost answers %v", e.LostAnswers())
	}
}

func TestFaults_writesOnlyLeavesReadsAlone(t *testing.T) {
	e, srv := newTestServer(t, Options{FaultRate: 1, FaultWritesOnly: true, FaultModes: []string{FaultLost504}})
	for i := 0; i < 5; i++ {
		st, body := signedDo(t, srv, e, "GET", projectPath(e, "/vpn/quotas"), nil)
		mustStatus(t, st, http.StatusOK, body)
	}
	st, _ := signedDo(t, srv, e, "POST", projectPath(e, "/customer-gateways"), map[string]any{"customer_gateway": map[string]any{"id_value": "10.1.1.1"}})
	if st != http.StatusGatewayTimeout {
		t.Fatalf("write status %d, want 504", st)
	}
}

func lostSequence(t *testing.T, seed uint64) []string {
	e, srv := newTestServer(t, Options{FaultRate: 0.5, FaultSeed: seed, FaultModes: []string{FaultReject, FaultLost504}})
	var out []string
	for i := 0; i < 20; i++ {
		st, body := signedDo(t, srv, e, "POST", projectPath(e, "/customer-gateways"), map[string]any{"customer_gateway": map[string]any{"id_value": "10.1.1." + string(rune('1'+i%9))}})
		code, _ := body["error_code"].(string)
		out = append(out, http.StatusText(st)+code)
	}
	return out
}

func TestFaults_lostModesAreDeterministicBySeed(t *testing.T) {
	a, b, c := lostSequence(t, 11), lostSequence(t, 11), lostSequence(t, 12)
	if !equalStrings(a, b) {
		t.Fatalf("same seed, different faults:\n%v\n%v", a, b)
	}
	if equalStrings(a, c) {
		t.Fatalf("different seeds, same faults: %v", a)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseFaultModes(t *testing.T) {
	got, err := ParseFaultModes("lost-504, lost-close,slow")
	if err != nil || len(got) != 3 || got[1] != FaultLostClose {
		t.Fatalf("%v %v", got, err)
	}
	if _, err := ParseFaultModes("lost-503"); err == nil {
		t.Fatal("an unknown mode must be refused")
	}
}

func TestFreeze_gatewayAndConnection(t *testing.T) {
	e, srv := newTestServer(t, Options{FreezeNew: map[string]string{KindGateway: "FREEZED"}})
	id := createGW(t, srv, e, gwBody())
	if g := getGW(t, srv, e, id); g["status"] != "FREEZED" {
		t.Fatalf("FreezeNew: status %v", g["status"])
	}
	// A frozen gateway refuses changes.
	st, body := signedDo(t, srv, e, "DELETE", projectPath(e, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusForbidden, body)
	// The admin endpoint lets it come back, to the status it had.
	resp, err := http.Post(srv.URL+"/_emulator/freeze", "application/json", bytes.NewBufferString(`{"id":"`+id+`","status":""}`))
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("unfreeze: %v %v", resp, err)
	}
	resp.Body.Close()
	if g := getGW(t, srv, e, id); g["status"] != "ACTIVE" {
		t.Fatalf("after unfreeze: status %v", g["status"])
	}
	if err := e.Freeze(id, "UNKNOWN"); err == nil {
		t.Fatal("UNKNOWN is not a gateway status")
	}
	if err := e.Freeze("nope", "FREEZED"); err == nil {
		t.Fatal("freezing an unknown id must fail")
	}
}

func TestEIP_deleteReleasesBoundKeepsDisassociated(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	keep, release := e.CreateEIP(), e.CreateEIP()
	body := gwBody()
	body["eip1"] = map[string]any{"id": keep}
	body["eip2"] = map[string]any{"id": release}
	id := createGW(t, srv, e, body)
	getGW(t, srv, e, id)
	if h := e.EIPs(); h[keep] != id || h[release] != id {
		t.Fatalf("holders %v", h)
	}
	// GET through the EIP service.
	st, b := signedDo(t, srv, e, "GET", "/v3/"+e.Options().ProjectID+"/eip/publicips/"+keep, nil)
	mustStatus(t, st, http.StatusOK, b)
	if p := obj(t, b, "publicip"); p["associate_instance_id"] != id || p["status"] != "ACTIVE" {
		t.Fatalf("publicip %v", p)
	}
	st, b = signedDo(t, srv, e, "POST", "/v3/"+e.Options().ProjectID+"/eip/publicips/"+keep+"/disassociate-instance", map[string]any{})
	mustStatus(t, st, http.StatusOK, b)
	// Disassociating twice is refused: it is not bound any more.
	st, b = signedDo(t, srv, e, "POST", "/v3/"+e.Options().ProjectID+"/eip/publicips/"+keep+"/disassociate-instance", map[string]any{})
	mustStatus(t, st, http.StatusBadRequest, b)
	st, b = signedDo(t, srv, e, "DELETE", projectPath(e, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusNoContent, b)
	e.Resources() // settles the delete
	h := e.EIPs()
	if holder, ok := h[keep]; !ok || holder != "" {
		t.Fatalf("the disassociated EIP must survive unbound: %v", h)
	}
	if _, ok := h[release]; ok {
		t.Fatalf("the EIP still bound must be released with the gateway: %v", h)
	}
	st, b = signedDo(t, srv, e, "GET", "/v3/"+e.Options().ProjectID+"/eip/publicips/"+release, nil)
	mustStatus(t, st, http.StatusNotFound, b)
}

func TestEIP_swapNeedsUnbindFirst(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, gwBody())
	g := getGW(t, srv, e, id)
	old := obj(t, g, "eip1")["id"].(string)
	fresh := e.CreateEIP()
	put := func() (int, map[string]any) {
		return signedDo(t, srv, e, "PUT", projectPath(e, "/vpn-gateways/"+id), wrap(map[string]any{"eip_id_1": fresh}))
	}
	st, b := put()
	mustStatus(t, st, http.StatusBadRequest, b)
	mustCode(t, b, "VPN.0001", "unbind it first")
	st, b = signedDo(t, srv, e, "POST", "/v3/"+e.Options().ProjectID+"/eip/publicips/"+old+"/disassociate-instance", map[string]any{})
	mustStatus(t, st, http.StatusOK, b)
	st, b = put()
	mustStatus(t, st, http.StatusOK, b)
	if g := getGW(t, srv, e, id); obj(t, g, "eip1")["id"] != fresh {
		t.Fatalf("eip1 after the swap: %v", g["eip1"])
	}
	if h := e.EIPs(); h[old] != "" || h[fresh] != id {
		t.Fatalf("holders %v", h)
	}
}
