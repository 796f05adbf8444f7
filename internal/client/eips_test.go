package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPublicIP_getAndDisassociateOnTheEIPEndpoint(t *testing.T) {
	rec := &ctRecorder{}
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/eip/v3/proj0123/eip/publicips/ip-1":
			_, _ = w.Write([]byte(`{"publicip":{"id":"ip-1","public_ip_address":"203.0.113.9","status":"ACTIVE","associate_instance_type":"VPN","associate_instance_id":"gw-1"}}`))
		case r.Method == http.MethodPost && r.URL.Path == "/eip/v3/proj0123/eip/publicips/ip-1/disassociate-instance":
			if posts.Add(1) == 1 {
				w.WriteHeader(http.StatusConflict) // the gateway is not ready yet
				_, _ = w.Write([]byte(`{"error_code":"EIP.7904","error_msg":"not ready"}`))
				return
			}
			_, _ = w.Write([]byte(`{"publicip":{"id":"ip-1","status":"DOWN"}}`))
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error_code":"EIP.7802","error_msg":"not found"}`))
		}
	}))
	t.Cleanup(srv.Close)
	fast := PollSchedule{Initial: time.Millisecond, Max: time.Millisecond, Factor: 1}
	c, _ := ctNewClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.EIPEndpoint = srv.URL + "/eip/"; cfg.Poll = &fast })
	ip, err := c.GetPublicIP(context.Background(), "ip-1")
	if err != nil || !ip.Bound() || ip.AssociateInstanceID != "gw-1" || ip.PublicIPAddress != "203.0.113.9" {
		t.Fatalf("GetPublicIP = %+v, %v", ip, err)
	}
	if err := c.DisassociatePublicIP(context.Background(), "ip-1"); err != nil {
		t.Fatal(err)
	}
	if posts.Load() != 2 {
		t.Fatalf("disassociate sent %d times, want 2 (once refused as not ready)", posts.Load())
	}
	for _, r := range rec.all() {
		if !r.SignatureOK || r.Header.Get(HeaderProjectID) != "proj0123" {
			t.Errorf("%s %s not signed for the project", r.Method, r.Path)
		}
	}
	if _, err := c.GetPublicIP(context.Background(), "gone"); !IsNotFound(err) {
		t.Fatalf("missing EIP: %v", err)
	}
}

func TestNew_eipEndpointDefaultsFromRegion(t *testing.T) {
	c, _ := ctNewClient(t, "http://127.0.0.1:1", nil)
	if got := c.eipBase.String(); got != "https://vpc.cn-north-4.myhuaweicloud.com" {
		t.Fatalf("default EIP endpoint %q", got)
	}
	if _, err := New(context.Background(), Config{Region: "r", AccessKey: "a", SecretKey: "s", ProjectID: "p", EIPEndpoint: "ftp://x"}); err == nil || !strings.Contains(err.Error(), "eip_endpoint") {
		t.Fatalf("bad EIP endpoint: %v", err)
	}
}

func TestWait_freezedFailsAtOnceNamingTheFreeze(t *testing.T) {
	clk := &pollFakeClock{now: time.Unix(1e9, 0)}
	sched := DefaultPollSchedule()
	sched.clock = clk
	polls := 0
	_, err := Wait(context.Background(), func(context.Context) (string, string, error) {
		polls++
		return "FREEZED", "", nil
	}, Waiter{Target: []string{"ACTIVE"}, Failure: []string{"FAULT", "FREEZED"}, Schedule: &sched})
	var ue *UnexpectedStatusError
	if !errors.As(err, &ue) || polls != 1 || !strings.Contains(err.Error(), "account is frozen") {
		t.Fatalf("after %d polls: %v", polls, err)
	}
}

func TestWait_persistentUnknownFails(t *testing.T) {
	clk := &pollFakeClock{now: time.Unix(1e9, 0)}
	sched := DefaultPollSchedule()
	sched.clock = clk
	statuses := []string{"UNKNOWN", "PENDING_CREATE", "UNKNOWN", "UNKNOWN", "UNKNOWN", "DOWN"}
	polls := 0
	_, err := Wait(context.Background(), func(context.Context) (string, string, error) {
		s := statuses[polls]
		polls++
		return s, "", nil
	}, Waiter{Target: []string{"DOWN"}, Failure: []string{"ERROR"}, Schedule: &sched, Persistent: []string{"UNKNOWN"}})
	if err == nil || polls != 5 || !strings.Contains(err.Error(), "UNKNOWN that persists") {
		t.Fatalf("after %d polls: %v", polls, err)
	}
}
