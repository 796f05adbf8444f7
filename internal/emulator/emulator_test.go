package emulator

import (
	"bytes"
	"encoding/json"
	"log"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestEmulator_defaults(t *testing.T) {
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := e.Options()
	if o.AccessKey != DefaultAccessKey || o.SecretKey != DefaultSecretKey || o.ProjectID != DefaultProjectID || o.Region != DefaultRegion || o.Now == nil {
		t.Fatalf("defaults not filled: %+v", o)
	}
}

func TestEmulator_adminAndCounts(t *testing.T) {
	var logs bytes.Buffer
	e, srv := newTestServer(t, Options{Logger: log.New(&logs, "", 0)})
	id := createGW(t, srv, e, gwBody())
	getGW(t, srv, e, id)
	getGW(t, srv, e, id)

	resp, err := http.Get(srv.URL + "/_emulator/resources")
	if err != nil {
		t.Fatal(err)
	}
	var res map[string][]string
	_ = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if len(res[KindGateway]) != 1 || res[KindGateway][0] != id {
		t.Fatalf("resources %v", res)
	}
	resp, err = http.Get(srv.URL + "/_emulator/requests")
	if err != nil {
		t.Fatal(err)
	}
	var counts map[string]int
	_ = json.NewDecoder(resp.Body).Decode(&counts)
	resp.Body.Close()
	if counts["GET /v5/{project_id}/vpn-gateways/{vgw_id}"] != 2 || counts["POST /v5/{project_id}/vpn-gateways"] != 1 {
		t.Fatalf("counts %v", counts)
	}
	e.ResetCounts()
	if len(e.RequestCounts()) != 0 {
		t.Fatal("ResetCounts kept counts")
	}
	resp, err = http.Post(srv.URL+"/_emulator/reset", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || len(e.Resources()[KindGateway]) != 0 {
		t.Fatalf("reset: %d %v", resp.StatusCode, e.Resources())
	}
	if !strings.Contains(logs.String(), "POST /v5/") {
		t.Fatalf("no request log: %q", logs.String())
	}
}

func TestEmulator_unknownRouteAndRequestID(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	req := newSignedRequest(t, srv, e, "GET", projectPath(e, "/no-such-thing"), nil, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != http.StatusNotFound || body["error_code"] != "APIGW.0101" {
		t.Fatalf("%d %v", resp.StatusCode, body)
	}
	// API answers carry the request id in the header and the body.
	req = newSignedRequest(t, srv, e, "GET", projectPath(e, "/vpn/quotas"), nil, nil)
	resp2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp2.Body.Close()
	_ = json.NewDecoder(resp2.Body).Decode(&body)
	if rid := resp2.Header.Get("X-Request-Id"); rid == "" || body["request_id"] != rid {
		t.Fatalf("request id header %q body %v", rid, body["request_id"])
	}
}

func TestEmulator_latency(t *testing.T) {
	e, srv := newTestServer(t, Options{Latency: 20 * time.Millisecond})
	start := time.Now()
	st, body := signedDo(t, srv, e, "GET", projectPath(e, "/vpn/quotas"), nil)
	mustStatus(t, st, http.StatusOK, body)
	if d := time.Since(start); d < 20*time.Millisecond {
		t.Fatalf("answered in %v despite 20ms latency", d)
	}
}

func TestIAM_projects(t *testing.T) {
	e, srv := newTestServer(t, Options{Region: "ap-test-1", ProjectID: "aaaabbbbccccddddeeeeffff00001111"})
	st, body := signedDo(t, srv, e, "GET", "/v3/projects?name=ap-test-1", nil)
	mustStatus(t, st, http.StatusOK, body)
	ps := body["projects"].([]any)
	if len(ps) != 1 || ps[0].(map[string]any)["id"] != "aaaabbbbccccddddeeeeffff00001111" || ps[0].(map[string]any)["name"] != "ap-test-1" {
		t.Fatalf("projects %v", ps)
	}
	st, body = signedDo(t, srv, e, "GET", "/v3/projects?name=elsewhere", nil)
	mustStatus(t, st, http.StatusOK, body)
	if len(body["projects"].([]any)) != 0 {
		t.Fatalf("other region: %v", body)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/v3/projects?name=ap-test-1", nil)
	st, body = doRequest(t, req)
	mustStatus(t, st, http.StatusUnauthorized, body)
}
