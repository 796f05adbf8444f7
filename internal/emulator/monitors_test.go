package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestMonitor_lifecycle(t *testing.T) {
	v, gw, cg := connSetup(t, Options{})
	cid := v.conn(connBody(gw, cg))
	v.must(http.StatusOK, "GET", "/vpn-connection/"+cid, nil)
	// Reference 5.4 request.
	b := v.must(http.StatusCreated, "POST", "/connection-monitors", map[string]any{"connection_monitor": map[string]any{"vpn_connection_id": cid}})
	m := obj(t, b, "connection_monitor")
	id := m["id"].(string)
	want := map[string]any{"vpn_connection_id": cid, "type": "gateway", "source_ip": gw.Addresses[0], "destination_ip": "88.1.2.164", "proto_type": "icmp"}
	for k, w := range want {
		if m[k] != w {
			t.Errorf("%s = %v, want %v", k, m[k], w)
		}
	}
	if _, has := m["status"]; has {
		t.Errorf("create answer has status")
	}
	got := obj(t, v.must(http.StatusOK, "GET", "/connection-monitors/"+id, nil), "connection_monitor")
	if got["status"] != "ACTIVE" {
		t.Fatalf("status %v", got["status"])
	}
	c := obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+cid, nil), "vpn_connection")
	if c["connection_monitor_id"] != id {
		t.Fatalf("connection_monitor_id %v", c["connection_monitor_id"])
	}

	other := v.conn(connBody(gw, cg))
	v.must(http.StatusOK, "GET", "/vpn-connection/"+other, nil)
	id2 := obj(t, v.must(http.StatusCreated, "POST", "/connection-monitors", map[string]any{"connection_monitor": map[string]any{"vpn_connection_id": other}}), "connection_monitor")["id"]
	list := func(q string) []any {
		return v.must(http.StatusOK, "GET", "/connection-monitors"+q, nil)["connection_monitors"].([]any)
	}
	if n := len(list("")); n != 2 {
		t.Fatalf("list %d", n)
	}
	if l := list("?vpn_connection_id=" + other); len(l) != 1 || l[0].(map[string]any)["id"] != id2 {
		t.Fatalf("filtered list %v", l)
	}
	if n := len(list("?enterprise_project_id=" + newUUID())); n != 0 {
		t.Fatalf("project filter %d", n)
	}

	v.must(http.StatusNoContent, "DELETE", "/connection-monitors/"+id, nil)
	st, body := v.do("GET", "/connection-monitors/"+id, nil)
	mustStatus(t, st, http.StatusNotFound, body)
	mustCode(t, body, "VPN.0004", id)
	c = obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+cid, nil), "vpn_connection")
	if _, has := c["connection_monitor_id"]; has {
		t.Fatal("connection still names the deleted monitor")
	}

	// Deleting a connection removes its monitor.
	v.must(http.StatusNoContent, "DELETE", "/vpn-connection/"+other, nil)
	v.must(http.StatusNotFound, "GET", "/vpn-connection/"+other, nil)
	if n := len(list("")); n != 0 {
		t.Fatalf("monitor survived its connection: %d", n)
	}
}

func TestMonitor_errors(t *testing.T) {
	v, gw, cg := connSetup(t, Options{Delays: map[string]time.Duration{KindMonitor: time.Minute, KindConnection: time.Minute}})
	cid := v.conn(connBody(gw, cg))
	create := func(body any) (int, map[string]any) { return v.do("POST", "/connection-monitors", body) }

	st, b := create(map[string]any{"connection_monitor": map[string]any{"vpn_connection_id": cid}})
	mustStatus(t, st, http.StatusForbidden, b)
	mustCode(t, b, "VPN.0003", "CREATING")
	v.clock.Advance(time.Minute)

	for _, tc := range []struct {
		name string
		body any
		want int
		msg  string
	}{
		{"no wrapper", map[string]any{"vpn_connection_id": cid}, 400, "connection_monitor is required"},
		{"no connection id", map[string]any{"connection_monitor": map[string]any{}}, 400, "vpn_connection_id is required"},
		{"bad uuid", map[string]any{"connection_monitor": map[string]any{"vpn_connection_id": "abc"}}, 400, "vpn_connection_id"},
		{"unknown connection", map[string]any{"connection_monitor": map[string]any{"vpn_connection_id": newUUID()}}, 404, "not found"},
		{"valid", map[string]any{"connection_monitor": map[string]any{"vpn_connection_id": cid}}, 201, ""},
		{"twice", map[string]any{"connection_monitor": map[string]any{"vpn_connection_id": cid}}, 400, "already has connection monitor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, b := create(tc.body)
			mustStatus(t, st, tc.want, b)
			if m, _ := b["error_msg"].(string); !strings.Contains(m, tc.msg) {
				t.Fatalf("error_msg %q lacks %q", m, tc.msg)
			}
		})
	}
	mid := v.must(http.StatusOK, "GET", "/connection-monitors?vpn_connection_id="+cid, nil)["connection_monitors"].([]any)[0].(map[string]any)["id"].(string)
	st, b = v.do("DELETE", "/connection-monitors/"+mid, nil)
	mustStatus(t, st, http.StatusForbidden, b)
	mustCode(t, b, "VPN.0003", "CREATING")
	v.clock.Advance(time.Minute)
	v.must(http.StatusNoContent, "DELETE", "/connection-monitors/"+mid, nil)
	if s := obj(t, v.must(http.StatusOK, "GET", "/connection-monitors/"+mid, nil), "connection_monitor")["status"]; s != "PENDING_DELETE" {
		t.Fatalf("status %v", s)
	}
	st, b = v.do("DELETE", "/connection-monitors/"+mid, nil)
	mustStatus(t, st, http.StatusForbidden, b)
	mustCode(t, b, "VPN.0003", "DELETING")
	v.clock.Advance(time.Minute)
	st, b = v.do("DELETE", "/connection-monitors/"+mid, nil)
	mustStatus(t, st, http.StatusNotFound, b)
}
