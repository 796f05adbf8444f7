package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestTags_resourceLifecycle(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, set(gwBody(), "tags", []any{map[string]any{"key": "env", "value": "dev"}}))
	base := projectPath(e, "/vpn-gateway/"+id+"/tags")
	st, body := signedDo(t, srv, e, "GET", base, nil)
	mustStatus(t, st, http.StatusOK, body)
	if tags := body["tags"].([]any); len(tags) != 1 || tags[0].(map[string]any)["value"] != "dev" {
		t.Fatalf("tags %v", body)
	}
	st, body = signedDo(t, srv, e, "POST", base+"/create", map[string]any{"tags": []any{
		map[string]any{"key": "env", "value": "prod"}, map[string]any{"key": "team", "value": "net"}, map[string]any{"key": "empty"},
	}})
	mustStatus(t, st, http.StatusNoContent, body)
	if g := getGW(t, srv, e, id); len(g["tags"].([]any)) != 3 {
		t.Fatalf("gateway tags %v", g["tags"])
	}
	// Delete by key, and by key+value only when the value matches.
	st, body = signedDo(t, srv, e, "POST", base+"/delete", map[string]any{"tags": []any{
		map[string]any{"key": "team"}, map[string]any{"key": "env", "value": "other"}, map[string]any{"key": "absent"},
	}})
	mustStatus(t, st, http.StatusNoContent, body)
	_, body = signedDo(t, srv, e, "GET", base, nil)
	if tags := body["tags"].([]any); len(tags) != 2 || tags[1].(map[string]any)["key"] != "env" {
		t.Fatalf("after delete %v", body)
	}
	// Not found, for each literal resource type.
	for _, rt := range []string{"vpn-gateway", "customer-gateway", "vpn-connection"} {
		st, body = signedDo(t, srv, e, "GET", projectPath(e, "/"+rt+"/nope/tags"), nil)
		mustStatus(t, st, http.StatusNotFound, body)
		mustCode(t, body, "VPN.0004", "nope")
	}
	// The resource type must be one of the three.
	st, _ = signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateways-x/"+id+"/tags"), nil)
	if st != http.StatusNotFound {
		t.Fatalf("unknown resource type: %d", st)
	}
}

func TestTags_validation(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, gwBody())
	path := projectPath(e, "/vpn-gateway/"+id+"/tags/create")
	many := func(n int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = map[string]any{"key": fmt.Sprintf("k%02d", i), "value": "v"}
		}
		return out
	}
	cases := []struct {
		rule           string
		valid, invalid any
		msg            string
	}{
		{"key chars", map[string]any{"tags": []any{map[string]any{"key": "Año:=+-@_. ç", "value": "x"}}}, map[string]any{"tags": []any{map[string]any{"key": "a#b", "value": "x"}}}, "tags[0].key contains"},
		{"key length", map[string]any{"tags": []any{map[string]any{"key": strings.Repeat("a", 128)}}}, map[string]any{"tags": []any{map[string]any{"key": ""}}}, "tags[0].key must be 1-128"},
		{"value length", map[string]any{"tags": []any{map[string]any{"key": "v", "value": strings.Repeat("a", 255)}}}, map[string]any{"tags": []any{map[string]any{"key": "v", "value": strings.Repeat("a", 256)}}}, "tags[0].value must be at most 255"},
		{"value chars", map[string]any{"tags": []any{map[string]any{"key": "w", "value": "中文 ok"}}}, map[string]any{"tags": []any{map[string]any{"key": "w", "value": "a,b"}}}, "tags[0].value contains"},
		{"key required", map[string]any{"tags": []any{map[string]any{"key": "x"}}}, map[string]any{"tags": []any{map[string]any{"value": "x"}}}, "tags[0].key is required"},
		{"tags required", map[string]any{"tags": []any{map[string]any{"key": "y"}}}, map[string]any{}, "tags is required"},
		{"at most 20 per request", map[string]any{"tags": many(20)}, map[string]any{"tags": many(21)}, "at most 20 tags"},
		{"at most 20 per resource", map[string]any{"tags": []any{map[string]any{"key": "k00", "value": "again"}}}, map[string]any{"tags": []any{map[string]any{"key": "one-more"}}}, "at most 20 tags"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			st, body := signedDo(t, srv, e, "POST", path, c.valid)
			mustStatus(t, st, http.StatusNoContent, body)
			st, body = signedDo(t, srv, e, "POST", path, c.invalid)
			mustStatus(t, st, http.StatusBadRequest, body)
			mustCode(t, body, "VPN.0001", c.msg)
		})
		if c.rule == "tags required" {
			// Start the per-resource count from a clean slate.
			e.mu.Lock()
			e.setTags(id, nil)
			e.mu.Unlock()
		}
	}
}

func TestTags_filterCountAndProjectTags(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	a := createGW(t, srv, e, set(set(gwBody(), "name", "alpha"), "tags", []any{map[string]any{"key": "env", "value": "dev"}, map[string]any{"key": "team", "value": "a"}}))
	b := createGW(t, srv, e, set(set(gwBody(), "name", "beta"), "tags", []any{map[string]any{"key": "env", "value": "prod"}}))
	c := createGW(t, srv, e, set(gwBody(), "name", "alphabet"))
	filter := func(q string, body any) (int, map[string]any) {
		return signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateway/resource-instances/filter"+q), body)
	}
	ids := func(body map[string]any) []string {
		var out []string
		for _, r := range body["resources"].([]any) {
			out = append(out, r.(map[string]any)["resource_id"].(string))
		}
		return out
	}
	cases := []struct {
		name string
		body any
		want []string
	}{
		{"all", map[string]any{}, []string{a, b, c}},
		{"env any value", map[string]any{"tags": []any{map[string]any{"key": "env", "values": []any{}}}}, []string{a, b}},
		{"env or", map[string]any{"tags": []any{map[string]any{"key": "env", "values": []any{"prod", "qa"}}}}, []string{b}},
		{"and across keys", map[string]any{"tags": []any{map[string]any{"key": "env", "values": []any{"dev", "prod"}}, map[string]any{"key": "team", "values": []any{}}}}, []string{a}},
		{"without any tag", map[string]any{"without_any_tag": true, "tags": []any{map[string]any{"key": "env", "values": []any{}}}}, []string{c}},
		{"without any tag false", map[string]any{"without_any_tag": false}, []string{a, b, c}},
		{"matches resource_name", map[string]any{"matches": []any{map[string]any{"key": "resource_name", "value": "alpha"}}}, []string{a, c}},
	}
	for _, tc := range cases {
		st, body := filter("", tc.body)
		mustStatus(t, st, http.StatusOK, body)
		got := ids(body)
		if len(got) != len(tc.want) || body["total_count"] != float64(len(tc.want)) {
			t.Errorf("%s: got %v (total %v), want %d", tc.name, got, body["total_count"], len(tc.want))
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(strings.Join(got, ","), w) {
				t.Errorf("%s: %s missing from %v", tc.name, w, got)
			}
		}
		st, body = signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateway/resource-instances/count"), tc.body)
		mustStatus(t, st, http.StatusOK, body)
		if body["total_count"] != float64(len(tc.want)) {
			t.Errorf("%s: count %v", tc.name, body["total_count"])
		}
	}
	// Paging with limit/offset: total_count stays the full count.
	st, body := filter("?limit=2&offset=0", map[string]any{})
	mustStatus(t, st, http.StatusOK, body)
	p1 := ids(body)
	_, body = filter("?limit=2&offset=2", map[string]any{})
	p2 := ids(body)
	if len(p1) != 2 || len(p2) != 1 || body["total_count"] != 3.0 || p2[0] == p1[0] || p2[0] == p1[1] {
		t.Fatalf("paging %v %v", p1, p2)
	}
	_, body = filter("?offset=9", map[string]any{})
	if r, ok := body["resources"].([]any); !ok || len(r) != 0 {
		t.Fatalf("past the end: %v", body)
	}
	// Validation.
	for _, bad := range []struct {
		q    string
		body any
		msg  string
	}{
		{"?limit=0", map[string]any{}, "limit must be"},
		{"?limit=1001", map[string]any{}, "limit must be"},
		{"?offset=-1", map[string]any{}, "offset must be"},
		{"", `{"without_any_tag": "false"}`, "without_any_tag must be of type boolean"},
		{"", map[string]any{"matches": []any{map[string]any{"key": "name", "value": "x"}}}, "matches[0].key must be resource_name"},
		{"", map[string]any{"tags": []any{map[string]any{"key": "env"}}}, "tags[0].values is required"},
		{"", map[string]any{"tags": []any{map[string]any{"key": strings.Repeat("k", 129), "values": []any{}}}}, "tags[0].key must be 1-128"},
	} {
		st, body := filter(bad.q, bad.body)
		mustStatus(t, st, http.StatusBadRequest, body)
		mustCode(t, body, "VPN.0001", bad.msg)
	}
	// Project tags: every key with its values.
	st, body = signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateway/tags"), nil)
	mustStatus(t, st, http.StatusOK, body)
	tags := body["tags"].([]any)
	if len(tags) != 2 || tags[0].(map[string]any)["key"] != "env" || len(tags[0].(map[string]any)["values"].([]any)) != 2 {
		t.Fatalf("project tags %v", tags)
	}
	// Other resource types have their own (empty) sets.
	st, body = signedDo(t, srv, e, "GET", projectPath(e, "/customer-gateway/tags"), nil)
	mustStatus(t, st, http.StatusOK, body)
	if len(body["tags"].([]any)) != 0 {
		t.Fatalf("customer-gateway tags %v", body)
	}
}
