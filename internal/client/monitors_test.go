package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
)

// Reference 4.1.4.1 response (create; valid JSON as printed).
const refCreateMonitorResponse = `{
  "connection_monitor":{
     "id":"76f64229-demo-a8df-va86-3907e2815b6d",
     "vpn_connection_id":"cae286f2-demo-a8df-va86-e22416ca1220",
     "type":"gateway",
     "source_ip":"88.****.***.60",
     "destination_ip":"88.***.32",
     "proto_type":"icmp"
  },
   "request_id": "bd37d16d-387c-41ab-a180-01b649f73590"
}`

// Reference 4.1.4.3 response a (list; valid JSON as printed).
const refListMonitorsResponse = `{
    "connection_monitors":[
    {
        "id":"76f64229-demo-a8df-va86-3907e2815b6d",
        "status":"ACTIVE",
        "vpn_connection_id":"2342adf2-demo-a8df-va86-12aq511s0917",
        "type":"gateway",
        "source_ip":"88.*******.60",
        "destination_ip":"88.****.**32",
        "proto_type":"icmp"
    },
    {
        "id":"85t53318-demo-a8df-va86-zq9312525f6t",
        "status":"ACTIVE",
        "vpn_connection_id":"cae286f2-demo-a8df-va86-e22416ca1220",
        "type":"gateway",
        "source_ip":"89.******.21",
        "destination_ip":"88.****.***.12",
        "proto_type":"icmp"
    }
],
    "request_id": "531f8b2c-ec55-45d8-90a3-ede922f7d63c"
}`

func TestCreateConnectionMonitor_wireAndResponse(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusCreated, refCreateMonitorResponse))
	m, err := c.CreateConnectionMonitor(context.Background(), &CreateConnectionMonitorRequest{VPNConnectionID: "cae286f2-demo-a8df-va86-e22416ca1220"})
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("connection-monitors"), nil)
	mtExpectKeys(t, call.Body, "connection_monitor", "connection_monitor.vpn_connection_id")
	mtEqual(t, "vpn_connection_id", mtAt(t, call.Body, "connection_monitor.vpn_connection_id"), any("cae286f2-demo-a8df-va86-e22416ca1220"))
	mtEqual(t, "Monitor", *m, ConnectionMonitor{ID: "76f64229-demo-a8df-va86-3907e2815b6d",
		VPNConnectionID: "cae286f2-demo-a8df-va86-e22416ca1220", Type: "gateway",
		SourceIP: "88.****.***.60", DestinationIP: "88.***.32", ProtoType: "icmp"})
}

func TestGetDeleteConnectionMonitor_wire(t *testing.T) {
	// Reference 4.1.4.2 response.
	const get = `{"connection_monitor": {"id": "76f64229-demo-a8df-va86-3907e2815b6d","status": "ACTIVE",
		"vpn_connection_id": "cae286f2-demo-a8df-va86-e22416ca1220","type": "gateway",
		"source_ip": "88.***.***.60","destination_ip": "88.***.***.32","proto_type": "icmp"},
		"request_id": "6d212bc0-ecb1-457b-977b-5e815fce658d"}`
	c, s := mtNew(t, mtSeq(mtReply{Body: get}, mtReply{Status: http.StatusNoContent}))
	m, err := c.GetConnectionMonitor(context.Background(), "m-1")
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "Status", m.Status, MonitorStatusActive)
	if err := c.DeleteConnectionMonitor(context.Background(), "m-1"); err != nil {
		t.Fatal(err)
	}
	calls := s.Calls()
	mtExpectCall(t, calls[0], http.MethodGet, mtPath("connection-monitors", "m-1"), nil)
	mtExpectCall(t, calls[1], http.MethodDelete, mtPath("connection-monitors", "m-1"), nil)
}

func TestListConnectionMonitors(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refListMonitorsResponse))
	ms, err := c.ListConnectionMonitors(context.Background(), &ListConnectionMonitorsOptions{VPNConnectionID: "cae286f2", EnterpriseProjectID: "0"})
	if err != nil {
		t.Fatal(err)
	}
	mtExpectCall(t, s.only(), http.MethodGet, mtPath("connection-monitors"),
		url.Values{"vpn_connection_id": {"cae286f2"}, "enterprise_project_id": {"0"}})
	mtEqual(t, "count", len(ms), 2)
	mtEqual(t, "second connection", ms[1].VPNConnectionID, "cae286f2-demo-a8df-va86-e22416ca1220")
	mtEqual(t, "second dst", ms[1].DestinationIP, "88.****.***.12")
}

func TestListConnectionMonitors_noOptions(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refListMonitorsResponse))
	if _, err := c.ListConnectionMonitors(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	mtExpectCall(t, s.only(), http.MethodGet, mtPath("connection-monitors"), nil)
}

func mtMonitorStatus(status string) mtReply {
	return mtReply{Body: `{"connection_monitor":{"id":"m-1","status":"` + status + `"}}`}
}

func TestWaitConnectionMonitorActive(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtMonitorStatus("PENDING_CREATE"), mtMonitorStatus("PENDING_CREATE"), mtMonitorStatus("ACTIVE")))
	m, err := c.WaitConnectionMonitorActive(context.Background(), "m-1")
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "Status", m.Status, "ACTIVE")
	mtEqual(t, "polls", len(s.Calls()), 3)
}

func TestWaitConnectionMonitorActive_vanished(t *testing.T) {
	c, _ := mtNew(t, mtSeq(mtMonitorStatus("PENDING_CREATE"), mtReply{Status: http.StatusNotFound, Body: mtNotFound}))
	_, err := c.WaitConnectionMonitorActive(context.Background(), "m-1")
	if !IsNotFound(err) {
		t.Fatalf("err = %v, want not found", err)
	}
}

func TestWaitConnectionMonitorDeleted(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtMonitorStatus("PENDING_DELETE"), mtReply{Status: http.StatusNotFound, Body: mtNotFound}))
	if err := c.WaitConnectionMonitorDeleted(context.Background(), "m-1"); err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "polls", len(s.Calls()), 2)
}

func TestWaitConnectionMonitorDeleted_timeout(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := mtNew(t, func(i int, _ mtCall) mtReply {
		if i == 1 {
			cancel()
		}
		return mtMonitorStatus("PENDING_DELETE")
	})
	var wte *WaitTimeoutError
	if err := c.WaitConnectionMonitorDeleted(ctx, "m-1"); !errors.As(err, &wte) {
		t.Fatalf("err = %v, want *WaitTimeoutError", err)
	}
}
