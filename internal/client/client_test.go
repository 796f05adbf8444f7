package client

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ctTestAK and ctTestSK are the credentials of the test clients.
const (
	ctTestAK = "TESTACCESSKEY"
	ctTestSK = "test-secret-key-never-logged"
)

// ctSeen is one request as a test server received it.
type ctSeen struct {
	Method, Path, RawPath, Query string
	Header                       http.Header
	Body                         string
	SignatureOK                  bool
}

// ctRecorder collects requests; safe for concurrent handlers.
type ctRecorder struct {
	mu   sync.Mutex
	reqs []ctSeen
}

// record verifies r's signature with the exported signer pieces and stores it.
func (rec *ctRecorder) record(r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s := ctSeen{Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(body)}
	if ak, signed, sig, err := ParseAuthorization(r.Header.Get("Authorization")); err == nil && ak == ctTestAK {
		canonical := CanonicalRequest(r, body, signed)
		s.SignatureOK = SignatureHex(ctTestSK, StringToSign(r.Header.Get(HeaderSdkDate), canonical)) == sig
	}
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, s)
	rec.mu.Unlock()
}

// all returns a copy of the recorded requests.
func (rec *ctRecorder) all() []ctSeen {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]ctSeen(nil), rec.reqs...)
}

// ctNewClient builds a client for endpoint with a fixed project, ms backoff
// and a recorded, non-sleeping sleep; mutate adjusts the config.
func ctNewClient(t *testing.T, endpoint string, mutate func(*Config)) (*Client, *[]time.Duration) {
	t.Helper()
	cfg := Config{
		Region:      "cn-north-4",
		AccessKey:   ctTestAK,
		SecretKey:   ctTestSK,
		ProjectID:   "proj0123",
		VPNEndpoint: endpoint,
		IAMEndpoint: endpoint,
		MaxRetries:  2,
		Backoff:     &Backoff{Min: time.Millisecond, Max: 4 * time.Millisecond},
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	var mu sync.Mutex
	delays := &[]time.Duration{}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*delays = append(*delays, d)
		mu.Unlock()
		return ctx.Err()
	}
	return c, delays
}

func TestNew_discoversProjectID(t *testing.T) {
	rec := &ctRecorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		fmt.Fprint(w, `{"projects":[{"id":"other","name":"cn-north-4_sub"},{"id":"p-42","name":"cn-north-4"}]}`)
	}))
	defer srv.Close()
	c, err := New(context.Background(), Config{
		Region: "cn-north-4", AccessKey: ctTestAK, SecretKey: ctTestSK,
		IAMEndpoint: srv.URL + "//", VPNEndpoint: "https://vpn.example.com/",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.ProjectID() != "p-42" || c.Region() != "cn-north-4" {
		t.Errorf("ProjectID = %q, Region = %q", c.ProjectID(), c.Region())
	}
	reqs := rec.all()
	if len(reqs) != 1 {
		t.Fatalf("%d IAM calls", len(reqs))
	}
	got := reqs[0]
	if got.Method != "GET" || got.Path != "/v3/projects" || got.Query != "name=cn-north-4" {
		t.Errorf("IAM call = %s %s?%s", got.Method, got.Path, got.Query)
	}
	if got.Header.Get(HeaderProjectID) != "" {
		t.Error("the IAM discovery call carries X-Project-Id")
	}
	if !got.SignatureOK {
		t.Error("the IAM discovery call is not correctly signed")
	}
	if got.Header.Get("User-Agent") != DefaultUserAgent {
		t.Errorf("User-Agent = %q", got.Header.Get("User-Agent"))
	}
}

func TestNew_projectDiscoveryNoneOrSeveral(t *testing.T) {
	for name, body := range map[string]string{
		"none":    `{"projects":[]}`,
		"several": `{"projects":[{"id":"a","name":"cn-north-4"},{"id":"b","name":"cn-north-4"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) }))
			defer srv.Close()
			_, err := New(context.Background(), Config{Region: "cn-north-4", AccessKey: "a", SecretKey: "s", IAMEndpoint: srv.URL})
			if err == nil {
				t.Fatal("New succeeded")
			}
			if !strings.Contains(err.Error(), "cn-north-4") || !strings.Contains(err.Error(), "project_id") {
				t.Errorf("unclear error: %v", err)
			}
			if name == "several" && !strings.Contains(err.Error(), "a, b") {
				t.Errorf("error does not list the candidates: %v", err)
			}
		})
	}
}

func TestNew_validatesConfig(t *testing.T) {
	ctx := context.Background()
	bad := []Config{
		{AccessKey: "a", SecretKey: "s", ProjectID: "p"},
		{Region: "r", SecretKey: "s", ProjectID: "p"},
		{Region: "r", AccessKey: "a", ProjectID: "p", VPNEndpoint: "ftp://x"},
		{Region: "r", AccessKey: "a", SecretKey: "s", ProjectID: "p", IAMEndpoint: "not a url"},
	}
	for i, cfg := range bad {
		if _, err := New(ctx, cfg); err == nil {
			t.Errorf("config %d accepted", i)
		}
	}
	c, err := New(ctx, Config{Region: "ap-southeast-1", AccessKey: "a", SecretKey: "s", ProjectID: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if c.vpnBase.String() != "https://vpn.ap-southeast-1.myhuaweicloud.com" || c.iamBase.String() != "https://iam.ap-southeast-1.myhuaweicloud.com" {
		t.Errorf("default endpoints %s %s", c.vpnBase, c.iamBase)
	}
	if c.maxRetries != 0 || c.userAgent != DefaultUserAgent {
		t.Errorf("maxRetries %d, userAgent %q", c.maxRetries, c.userAgent)
	}
	c, _ = New(ctx, Config{Region: "r", AccessKey: "a", SecretKey: "s", ProjectID: "p", MaxRetries: -1})
	if c.maxRetries != DefaultMaxRetries {
		t.Errorf("MaxRetries -1 gives %d", c.maxRetries)
	}
}

func TestPath_escapesElements(t *testing.T) {
	c, _ := ctNewClient(t, "http://127.0.0.1:1", nil)
	cases := map[string][]string{
		"/v5/proj0123/vpn-gateways":                  {"vpn-gateways"},
		"/v5/proj0123/vpn-gateways/gw-1":             {"vpn-gateways", "gw-1"},
		"/v5/proj0123/vpn-gateways/a%2Fb%20c":        {"vpn-gateways", "a/b c"},
		"/v5/proj0123/vpn-gateways/..%2F..%2Fetc%3F": {"vpn-gateways", "../../etc?"},
	}
	for want, elems := range cases {
		if got := c.Path(elems...); got != want {
			t.Errorf("Path(%q) = %q, want %q", elems, got, want)
		}
	}
}

func TestDo_headersSigningAndJSON(t *testing.T) {
	rec := &ctRecorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"vpn_gateway":{"id":"gw-1","status":"PENDING_CREATE"}}`)
	}))
	defer srv.Close()
	c, _ := ctNewClient(t, srv.URL+"/prefix/", func(cfg *Config) {
		cfg.SecurityToken = "temp-security-token"
		cfg.UserAgent = "custom-agent/1.0"
	})
	var out struct {
		VPNGateway struct{ ID, Status string } `json:"vpn_gateway"`
	}
	in := map[string]any{"vpn_gateway": map[string]any{"name": "gw a/b"}}
	err := c.Do(context.Background(), http.MethodPost, c.Path("vpn-gateways", "a/b"), map[string][]string{"limit": {"1"}, "q": {"x y"}}, in, &out)
	if err != nil {
		t.Fatal(err)
	}
	if out.VPNGateway.ID != "gw-1" || out.VPNGateway.Status != "PENDING_CREATE" {
		t.Errorf("decoded %+v", out)
	}
	got := rec.all()[0]
	if got.Path != "/prefix/v5/proj0123/vpn-gateways/a/b" || got.RawPath != "/prefix/v5/proj0123/vpn-gateways/a%2Fb" {
		t.Errorf("path %q raw %q", got.Path, got.RawPath)
	}
	if got.Query != "limit=1&q=x+y" {
		t.Errorf("query %q", got.Query)
	}
	if got.Body != `{"vpn_gateway":{"name":"gw a/b"}}` {
		t.Errorf("body %q", got.Body)
	}
	for name, want := range map[string]string{
		"X-Project-Id": "proj0123", "X-Security-Token": "temp-security-token",
		"User-Agent": "custom-agent/1.0", "Content-Type": "application/json",
	} {
		if got.Header.Get(name) != want {
			t.Errorf("%s = %q, want %q", name, got.Header.Get(name), want)
		}
	}
	if !got.SignatureOK {
		t.Error("signature does not verify")
	}
	_, signed, _, _ := ParseAuthorization(got.Header.Get("Authorization"))
	if s := strings.Join(signed, ";"); !strings.Contains(s, "x-project-id") || !strings.Contains(s, "x-security-token") || strings.Contains(s, "content-type") {
		t.Errorf("signed headers %s", s)
	}
}

func TestDo_decodeErrorAndEmptyBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		fmt.Fprint(w, `not json`)
	}))
	defer srv.Close()
	c, _ := ctNewClient(t, srv.URL, nil)
	var out map[string]any
	if err := c.Do(context.Background(), http.MethodDelete, c.Path("x"), nil, nil, &out); err != nil {
		t.Errorf("204: %v", err)
	}
	if err := c.Do(context.Background(), http.MethodGet, c.Path("x"), nil, nil, &out); err == nil || !strings.Contains(err.Error(), "decoding") {
		t.Errorf("bad JSON: %v", err)
	}
}

func TestNew_tlsVerification(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{}`) }))
	defer srv.Close()
	secure, _ := ctNewClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 0 })
	if err := secure.Do(context.Background(), http.MethodGet, secure.Path("x"), nil, nil, nil); err == nil {
		t.Error("self-signed certificate accepted without Insecure")
	}
	insecure, _ := ctNewClient(t, srv.URL, func(cfg *Config) { cfg.Insecure = true })
	if err := insecure.Do(context.Background(), http.MethodGet, insecure.Path("x"), nil, nil, nil); err != nil {
		t.Errorf("Insecure: %v", err)
	}
}

func TestDo_contextHonoured(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	c, _ := ctNewClient(t, srv.URL, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Do(ctx, http.MethodGet, c.Path("slow"), nil, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "deadline") {
		t.Errorf("err = %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("Do ignored the deadline for %v", time.Since(start))
	}
}

// Terraform plans and applies up to 10 resources at once: the client keeps
// enough idle connections that rounds of 10 concurrent calls reuse them
// instead of opening new ones (a TLS handshake each against the service).
func TestClient_reusesConnectionsAtTerraformParallelism(t *testing.T) {
	var newConns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2 * time.Millisecond)
		fmt.Fprint(w, `{}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			newConns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c, err := New(context.Background(), Config{
		Region: "cn-north-4", AccessKey: ctTestAK, SecretKey: ctTestSK, ProjectID: "p",
		VPNEndpoint: srv.URL, IAMEndpoint: srv.URL,
	})
	if err != nil {
		t.Fatal(err)
	}
	const parallelism, rounds = 10, 5
	for range rounds {
		var wg sync.WaitGroup
		for range parallelism {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := c.Do(context.Background(), http.MethodGet, "/v5/p/vpn-gateways", nil, nil, nil); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	if n := newConns.Load(); n > parallelism {
		t.Errorf("%d rounds of %d concurrent calls opened %d connections, want at most %d", rounds, parallelism, n, parallelism)
	}
}
