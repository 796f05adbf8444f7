package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// newTestServer starts an emulator behind an httptest server, closed at test end.
func newTestServer(t *testing.T, opts Options) (*Emulator, *httptest.Server) {
	t.Helper()
	e, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return e, srv
}

// signedDo sends a request signed with the emulator's credentials and returns
// the status and the decoded JSON body (nil when the body is empty or not an object).
// body may be nil, a []byte / string sent verbatim, or any value sent as JSON.
// path may carry a query string.
func signedDo(t *testing.T, srv *httptest.Server, e *Emulator, method, path string, body any) (int, map[string]any) {
	t.Helper()
	req := newSignedRequest(t, srv, e, method, path, body, nil)
	return doRequest(t, req)
}

// newSignedRequest builds a signed request; mutate (optional) runs before signing.
func newSignedRequest(t *testing.T, srv *httptest.Server, e *Emulator, method, path string, body any, mutate func(*http.Request)) *http.Request {
	t.Helper()
	var b []byte
	switch v := body.(type) {
	case nil:
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			t.Fatalf("marshal body: %v", err)
		}
	}
	req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(b))
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Project-Id", e.Options().ProjectID)
	if mutate != nil {
		mutate(req)
	}
	o := e.Options()
	now := time.Now()
	if o.Now != nil {
		now = o.Now()
	}
	signRequest(req, b, o.AccessKey, o.SecretKey, now)
	return req
}

// doRequest sends req and decodes the JSON object answer.
func doRequest(t *testing.T, req *http.Request) (int, map[string]any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	var m map[string]any
	if len(bytes.TrimSpace(raw)) > 0 {
		_ = json.Unmarshal(raw, &m)
	}
	return resp.StatusCode, m
}

// mustStatus fails the test when got != want, showing the body.
func mustStatus(t *testing.T, got, want int, body map[string]any) {
	t.Helper()
	if got != want {
		b, _ := json.Marshal(body)
		t.Fatalf("status %d, want %d; body %s", got, want, b)
	}
}

// projectPath prefixes p with /v5/{project_id}.
func projectPath(e *Emulator, p string) string {
	return "/v5/" + e.Options().ProjectID + p
}

// testClock is a settable clock for Options.Now.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock {
	return &testClock{t: time.Date(2024, 3, 15, 8, 9, 10, 0, time.UTC)}
}

// Now returns the clock's time.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// mustCode fails unless the body's error_code is code and error_msg contains msg.
func mustCode(t *testing.T, body map[string]any, code, msg string) {
	t.Helper()
	if body["error_code"] != code {
		t.Fatalf("error_code %v, want %s; body %v", body["error_code"], code, body)
	}
	if m, _ := body["error_msg"].(string); !strings.Contains(m, msg) {
		t.Fatalf("error_msg %q does not contain %q", m, msg)
	}
}

// obj returns body[key] as an object (fails when it is not one).
func obj(t *testing.T, body map[string]any, key string) map[string]any {
	t.Helper()
	m, ok := body[key].(map[string]any)
	if !ok {
		t.Fatalf("%s is not an object in %v", key, body)
	}
	return m
}

// clone deep-copies a JSON-like map.
func clone(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

// setPath sets a dotted path ("ikepolicy.dpd.timeout") in m; value nil deletes it.
func setPath(m map[string]any, path string, value any) {
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	if value == nil {
		delete(m, parts[len(parts)-1])
		return
	}
	m[parts[len(parts)-1]] = value
}
