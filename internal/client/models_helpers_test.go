package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Helpers for the typed model/method tests (prefix mt). Each test runs the
// client against an httptest server that records every request and answers
// from a handler, so the tests see exactly what goes on the wire.

const mtProject = "0123456789abcdef0123456789abcdef"

// mtMaxCalls bounds the requests of one test.
const mtMaxCalls = 100

// mtCall is one request as the server received it.
type mtCall struct {
	Method string
	Path   string // escaped path, as on the wire
	Query  url.Values
	Raw    []byte
	Body   map[string]any // Raw decoded, nil when empty
}

// mtReply is a canned answer.
type mtReply struct {
	Status int
	Body   string
}

// mtServer records calls and answers with handle (called with the call index).
type mtServer struct {
	t      *testing.T
	mu     sync.Mutex
	calls  []mtCall
	handle func(i int, c mtCall) mtReply
}

// mtNew starts a server and a client with fast polling and no transport retries.
func mtNew(t *testing.T, handle func(i int, c mtCall) mtReply) (*Client, *mtServer) {
	t.Helper()
	s := &mtServer{t: t, handle: handle}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		c := mtCall{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Raw: raw}
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, &c.Body); err != nil {
				t.Errorf("request body is not a JSON object: %v: %s", err, raw)
			}
		}
		s.mu.Lock()
		i := len(s.calls)
		s.calls = append(s.calls, c)
		s.mu.Unlock()
		if i >= mtMaxCalls {
			// A runaway loop (paging, polling) fails the test instead of hanging it.
			t.Errorf("more than %d requests: %s %s", mtMaxCalls, c.Method, c.Path)
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"error_code":"VPN.0001","error_msg":"test: too many requests"}`)
			return
		}
		rep := handle(i, c)
		if rep.Status == 0 {
			rep.Status = http.StatusOK
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.Status)
		_, _ = io.WriteString(w, rep.Body)
	}))
	t.Cleanup(srv.Close)
	c, err := New(context.Background(), Config{
		Region:      "cn-north-4",
		AccessKey:   "AK",
		SecretKey:   "SK",
		ProjectID:   mtProject,
		VPNEndpoint: srv.URL,
		HTTPClient:  srv.Client(),
		MaxRetries:  0,
		Poll:        &PollSchedule{Initial: time.Millisecond, Max: time.Millisecond, Factor: 1},
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, s
}

// mtAlways answers every call with the same reply.
func mtAlways(status int, body string) func(int, mtCall) mtReply {
	return func(int, mtCall) mtReply { return mtReply{Status: status, Body: body} }
}

// mtSeq answers call i with replies[i] (the last one repeats).
func mtSeq(replies ...mtReply) func(int, mtCall) mtReply {
	return func(i int, _ mtCall) mtReply {
		if i >= len(replies) {
			i = len(replies) - 1
		}
		return replies[i]
	}
}

// Calls returns the recorded calls.
func (s *mtServer) Calls() []mtCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]mtCall(nil), s.calls...)
}

// only asserts exactly one call was made and returns it.
func (s *mtServer) only() mtCall {
	s.t.Helper()
	calls := s.Calls()
	if len(calls) != 1 {
		s.t.Fatalf("got %d calls, want 1: %+v", len(calls), calls)
	}
	return calls[0]
}

// mtPath is the expected wire path under /v5/{project}.
func mtPath(elem ...string) string {
	return "/v5/" + mtProject + "/" + strings.Join(elem, "/")
}

// mtExpectCall checks method, path and query (nil query = none).
func mtExpectCall(t *testing.T, c mtCall, method, path string, query url.Values) {
	t.Helper()
	if c.Method != method || c.Path != path {
		t.Errorf("request = %s %s, want %s %s", c.Method, c.Path, method, path)
	}
	if len(query) == 0 && len(c.Query) == 0 {
		return
	}
	if !reflect.DeepEqual(c.Query, query) {
		t.Errorf("query = %v, want %v", c.Query, query)
	}
}

// mtKeyPaths flattens the keys of a decoded JSON value: nested objects as
// "a.b", array elements as "a[].b". Leaves and containers are both listed.
func mtKeyPaths(v any) []string {
	set := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				set[p] = true
				walk(p, child)
			}
		case []any:
			for _, child := range x {
				walk(prefix+"[]", child)
			}
		}
	}
	walk("", v)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// mtExpectKeys compares the body's flattened keys with want (any order).
func mtExpectKeys(t *testing.T, body map[string]any, want ...string) {
	t.Helper()
	got := mtKeyPaths(body)
	w := append([]string(nil), want...)
	sort.Strings(w)
	if !reflect.DeepEqual(got, w) {
		t.Errorf("body keys differ\n got: %v\nwant: %v\nmissing: %v\n  extra: %v", got, w, mtMinus(w, got), mtMinus(got, w))
	}
}

// mtMinus returns the items of a not in b.
func mtMinus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

// mtAt digs a value out of a decoded body by dotted path ("a.b.c").
func mtAt(t *testing.T, body map[string]any, path string) any {
	t.Helper()
	var cur any = body
	for _, k := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("%s: %q is not an object in %v", path, k, body)
		}
		if cur, ok = m[k]; !ok {
			t.Fatalf("%s: no key %q in %v", path, k, m)
		}
	}
	return cur
}

// mtEqual fails when got != want.
func mtEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// mtJSON is a compact JSON of v (for error messages).
func mtJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// mtPtr returns a pointer to v.
func mtPtr[T any](v T) *T { return &v }

// mtNotFound is the service's 404 body.
const mtNotFound = `{"error_code":"VPN.0004","error_msg":"resource not found","request_id":"r-404"}`

// mtNotReady is the reference's "not ready" answer (VPN.0003, HTTP 403).
const mtNotReady = `{"error_code":"VPN.0003","error_msg":"resource (type=GATEWAY, ID=ff9bdca6-demo-a8df-va86-e4bcc1ea52bc) is not ready, currently CREATING","request_id":"abafe41c-7744-41af-bf3d-4452872af799"}`
