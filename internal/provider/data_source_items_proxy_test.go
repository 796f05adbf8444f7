package provider

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// apiRequest is one request that a recording proxy passed to the emulator.
type apiRequest struct {
	Method, Path string
	Query        url.Values
	Body         []byte
}

// apiRecorder keeps the requests seen by the proxy of recordingEnv.
type apiRecorder struct {
	mu   sync.Mutex
	reqs []apiRequest
}

// requests returns the requests seen so far with this method whose path
// ends in pathSuffix.
func (rec *apiRecorder) requests(method, pathSuffix string) []apiRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var out []apiRequest
	for _, r := range rec.reqs {
		if r.Method == method && strings.HasSuffix(r.Path, pathSuffix) {
			out = append(out, r)
		}
	}
	return out
}

// reset forgets the requests seen so far.
func (rec *apiRecorder) reset() {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.reqs = nil
}

// expectQuery checks the GET requests of the list at pathSuffix: at least
// one carried every query parameter of want (computed from the state, for
// ids known only after apply) with that value, and none carried any of
// notSent (filters the provider must apply itself).
func (rec *apiRecorder) expectQuery(pathSuffix string, want func(*terraform.State) map[string]string, notSent ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		w := map[string]string{}
		if want != nil {
			w = want(s)
		}
		reqs := rec.requests(http.MethodGet, pathSuffix)
		if len(reqs) == 0 {
			return fmt.Errorf("no GET ...%s was sent", pathSuffix)
		}
		found := false
		var sent []string
		for _, r := range reqs {
			sent = append(sent, r.Query.Encode())
			for _, k := range notSent {
				if r.Query.Has(k) {
					return fmt.Errorf("filter %s was sent to the API: GET %s?%s", k, r.Path, r.Query.Encode())
				}
			}
			all := true
			for k, v := range w {
				if r.Query.Get(k) != v {
					all = false
				}
			}
			found = found || all
		}
		if !found {
			return fmt.Errorf("no GET ...%s carried %v; queries sent: %q", pathSuffix, w, sent)
		}
		return nil
	}
}

// dsExpectEmpty checks that each named data source of type typ (such as
// huaweicloudvpn_vpn_gateways) found nothing: `ids` and listAttr are empty
// lists, not null.
func dsExpectEmpty(typ, listAttr string, names ...string) []statecheck.StateCheck {
	empty := knownvalue.ListExact([]knownvalue.Check{})
	var checks []statecheck.StateCheck
	for _, name := range names {
		addr := "data." + typ + "." + name
		checks = append(checks,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("ids"), empty),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New(listAttr), empty))
	}
	return checks
}

// stateID returns the id of the resource at addr in s ("" when absent).
func stateID(s *terraform.State, addr string) string {
	if rs, ok := s.RootModule().Resources[addr]; ok {
		return rs.Primary.ID
	}
	return ""
}

// recordingEnv serves env's emulator through a proxy (hookServer) that
// records every request (method, path, query, body) and calls after (when
// not nil) once the emulator has answered, before the answer is sent on.
// Configurations built from the returned env go through the proxy.
func recordingEnv(t *testing.T, env *testEnv, after func(r *http.Request, code int)) (*testEnv, *apiRecorder) {
	t.Helper()
	rec := &apiRecorder{}
	proxied := hookServer(t, env, func(_ http.ResponseWriter, r *http.Request, out *httptest.ResponseRecorder) bool {
		body, _ := io.ReadAll(r.Body) // a bytes.Reader: never fails
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, apiRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: body})
		rec.mu.Unlock()
		if after != nil {
			after(r, out.Code)
		}
		return false
	})
	return proxied, rec
}

func TestAPIRecorder_expectQuery(t *testing.T) {
	t.Parallel()
	rec := &apiRecorder{reqs: []apiRequest{
		{Method: http.MethodGet, Path: "/v5/p/vpn-gateways", Query: url.Values{"vgw_id": {"g1"}}},
		{Method: http.MethodGet, Path: "/v5/p/vpn-gateways", Query: url.Values{}},
		{Method: http.MethodGet, Path: "/v5/p/vpn-gateways/g1", Query: url.Values{"name": {"x"}}},
	}}
	want := func(v string) func(*terraform.State) map[string]string {
		return func(*terraform.State) map[string]string { return map[string]string{"vgw_id": v} }
	}
	if err := rec.expectQuery("/vpn-gateways", want("g1"), "name")(nil); err != nil {
		t.Errorf("g1 was sent and name only to another path: %v", err)
	}
	if err := rec.expectQuery("/vpn-gateways", want("g2"))(nil); err == nil {
		t.Error("g2 was never sent: want an error")
	}
	if err := rec.expectQuery("/g1", nil, "name")(nil); err == nil {
		t.Error("name was sent: want an error")
	}
	if err := rec.expectQuery("/connection-monitors", nil)(nil); err == nil {
		t.Error("no request: want an error")
	}
}
