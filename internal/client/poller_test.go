package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// pollFakeClock advances only when slept on, recording each sleep.
type pollFakeClock struct {
	now    time.Time
	sleeps []time.Duration
}

// Now returns the fake time.
func (f *pollFakeClock) Now() time.Time { return f.now }

// Sleep advances the fake time by d unless ctx has ended.
func (f *pollFakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.sleeps = append(f.sleeps, d)
	f.now = f.now.Add(d)
	return nil
}

// pollSettlingRefresh reports PENDING_CREATE until settle has passed on clk, then ACTIVE.
func pollSettlingRefresh(clk *pollFakeClock, settle time.Duration, polls *[]time.Duration) RefreshFunc {
	start := clk.now
	return func(context.Context) (string, string, error) {
		elapsed := clk.now.Sub(start)
		*polls = append(*polls, elapsed)
		if elapsed < settle {
			return "PENDING_CREATE", "", nil
		}
		return "ACTIVE", "", nil
	}
}

func TestWait_seesSettledStateWithinBound(t *testing.T) {
	for _, d := range []time.Duration{0, 300 * time.Millisecond, 2 * time.Second, 37 * time.Second, 300 * time.Second, 3600 * time.Second} {
		t.Run(d.String(), func(t *testing.T) {
			clk := &pollFakeClock{now: time.Unix(1e9, 0)}
			sched := DefaultPollSchedule()
			sched.clock = clk
			var polls []time.Duration
			status, err := Wait(context.Background(), pollSettlingRefresh(clk, d, &polls), Waiter{
				Target: []string{"ACTIVE"}, Failure: []string{"FAULT"}, Schedule: &sched,
			})
			if err != nil || status != "ACTIVE" {
				t.Fatalf("Wait = %q, %v", status, err)
			}
			seen := polls[len(polls)-1]
			bound := time.Duration(1.25*float64(d)) + time.Second
			if seen > bound {
				t.Errorf("settled at %v, seen at %v > bound %v", d, seen, bound)
			}
			if polls[0] != 0 {
				t.Errorf("first poll after %v, want immediate", polls[0])
			}
			for i, s := range clk.sleeps {
				if s > 10*time.Second {
					t.Errorf("sleep %d = %v > 10s", i, s)
				}
				if i > 0 && float64(s) > 1.5*float64(clk.sleeps[i-1])+1 {
					t.Errorf("sleep %d grew %v -> %v (> 1.5x)", i, clk.sleeps[i-1], s)
				}
			}
			// Not wasteful either: at 10 s per poll an hour is ~360 polls.
			if d >= time.Hour && len(polls) > 400 {
				t.Errorf("%d polls for %v", len(polls), d)
			}
		})
	}
}

func TestWait_boundHoldsForEverySettleTime(t *testing.T) {
	// A sweep in 100 ms steps: the bound is tightest just after a poll. The
	// slowest schedule a caller can configure (clamped) keeps the bound too.
	slowest := PollSchedule{Initial: time.Hour, Max: time.Hour, Factor: 10}
	for d := time.Duration(0); d <= 120*time.Second; d += 100 * time.Millisecond {
		clk := &pollFakeClock{now: time.Unix(1e9, 0)}
		sched := DefaultPollSchedule()
		if d%(200*time.Millisecond) != 0 {
			sched = slowest
		}
		sched.clock = clk
		var polls []time.Duration
		if _, err := Wait(context.Background(), pollSettlingRefresh(clk, d, &polls), Waiter{Target: []string{"ACTIVE"}, Schedule: &sched}); err != nil {
			t.Fatal(err)
		}
		if seen, bound := polls[len(polls)-1], time.Duration(1.25*float64(d))+time.Second; seen > bound {
			t.Errorf("settled at %v, seen at %v > bound %v", d, seen, bound)
		}
	}
}

func TestPollSchedule_clampedAndConfigurable(t *testing.T) {
	got := pollNormalize(&PollSchedule{Initial: time.Hour, Max: time.Hour, Factor: 9})
	if got.Initial != 500*time.Millisecond || got.Max != 10*time.Second || got.Factor != 1.5 {
		t.Errorf("clamped to %+v", got)
	}
	got = pollNormalize(&PollSchedule{Initial: 2 * time.Millisecond, Max: time.Millisecond, Factor: 0.5})
	if got.Initial != 2*time.Millisecond || got.Max != 2*time.Millisecond || got.Factor != 1 {
		t.Errorf("clamped to %+v", got)
	}
	c, _ := ctNewClient(t, "http://127.0.0.1:1", func(cfg *Config) {
		cfg.Poll = &PollSchedule{Initial: time.Millisecond, Max: 3 * time.Millisecond, Factor: 1.2}
	})
	if s := c.PollSchedule(); s.Initial != time.Millisecond || s.Max != 3*time.Millisecond || s.Factor != 1.2 {
		t.Errorf("client schedule %+v", s)
	}
	c2, _ := ctNewClient(t, "http://127.0.0.1:1", nil)
	if s := c2.PollSchedule(); s.Initial != DefaultPollSchedule().Initial || s.Max != PollMaxInterval {
		t.Errorf("default client schedule %+v", s)
	}
}

func TestWait_failureStatusFailsAtFirstSight(t *testing.T) {
	var calls int
	refresh := func(context.Context) (string, string, error) {
		calls++
		if calls < 3 {
			return "PENDING_CREATE", "", nil
		}
		return "FAULT", "insufficient EIP quota in az1", nil
	}
	sched := PollSchedule{Initial: time.Millisecond, Max: time.Millisecond, Factor: 1}
	status, err := Wait(context.Background(), refresh, Waiter{Target: []string{"ACTIVE"}, Failure: []string{"FAULT", "ERROR"}, Schedule: &sched})
	var use *UnexpectedStatusError
	if !errors.As(err, &use) || status != "FAULT" || calls != 3 {
		t.Fatalf("status %q err %v after %d calls", status, err, calls)
	}
	if use.Message != "insufficient EIP quota in az1" || !strings.Contains(err.Error(), "insufficient EIP quota") || !strings.Contains(err.Error(), "ACTIVE") {
		t.Errorf("error %q lacks the service message or target", err)
	}
}

func TestWait_caseInsensitiveAndPendingStatuses(t *testing.T) {
	seq := []string{"PENDING_CREATE", "pending_update", "down"}
	i := 0
	refresh := func(context.Context) (string, string, error) { s := seq[i]; i++; return s, "", nil }
	sched := PollSchedule{Initial: time.Millisecond, Max: time.Millisecond, Factor: 1}
	status, err := Wait(context.Background(), refresh, Waiter{Target: []string{"ACTIVE", "DOWN"}, Failure: []string{"ERROR"}, Schedule: &sched})
	if err != nil || status != "down" || i != 3 {
		t.Errorf("status %q err %v after %d polls", status, err, i)
	}
}

func TestWait_goneOKAndNotFound(t *testing.T) {
	notFound := &APIError{StatusCode: 404, Code: "VPN.0004", Message: "not found"}
	var calls int
	refresh := func(context.Context) (string, string, error) {
		calls++
		if calls < 3 {
			return "PENDING_DELETE", "", nil
		}
		return "", "", fmt.Errorf("get gateway: %w", notFound)
	}
	sched := PollSchedule{Initial: time.Millisecond, Max: time.Millisecond, Factor: 1}
	status, err := Wait(context.Background(), refresh, Waiter{GoneOK: true, Schedule: &sched})
	if err != nil || status != "" || calls != 3 {
		t.Errorf("GoneOK: status %q err %v after %d calls", status, err, calls)
	}
	calls = 0
	_, err = Wait(context.Background(), refresh, Waiter{Target: []string{"ACTIVE"}, Schedule: &sched})
	if !IsNotFound(err) {
		t.Errorf("without GoneOK: err %v, want a not-found error", err)
	}
	if _, err := Wait(context.Background(), refresh, Waiter{}); err == nil {
		t.Error("a waiter without target nor GoneOK was accepted")
	}
	other := errors.New("boom")
	_, err = Wait(context.Background(), func(context.Context) (string, string, error) { return "", "", other }, Waiter{Target: []string{"ACTIVE"}, Schedule: &sched})
	if !errors.Is(err, other) {
		t.Errorf("refresh error not returned: %v", err)
	}
}

func TestWait_cancellation(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
	defer cancel()
	sched := PollSchedule{Initial: 5 * time.Millisecond, Max: 5 * time.Millisecond, Factor: 1}
	start := time.Now()
	status, err := Wait(ctx, func(context.Context) (string, string, error) { return "PENDING_UPDATE", "", nil },
		Waiter{Target: []string{"ACTIVE"}, Schedule: &sched})
	var wte *WaitTimeoutError
	if !errors.As(err, &wte) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if status != "PENDING_UPDATE" || wte.LastStatus != "PENDING_UPDATE" || !strings.Contains(err.Error(), "PENDING_UPDATE") {
		t.Errorf("status %q, error %q", status, err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("Wait outlived its deadline: %v", time.Since(start))
	}
	cancelled, cancelNow := context.WithCancel(context.Background())
	cancelNow()
	if _, err := Wait(cancelled, func(context.Context) (string, string, error) { return "ACTIVE", "", nil }, Waiter{Target: []string{"ACTIVE"}}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before start: %v", err)
	}
}

func TestWait_againstFakeServer(t *testing.T) {
	// A server whose resource settles 50 ms after the first read, polled through Do.
	var first atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := time.Now().UnixNano()
		first.CompareAndSwap(0, now)
		status := "PENDING_CREATE"
		if time.Duration(now-first.Load()) >= 50*time.Millisecond {
			status = "ACTIVE"
		}
		fmt.Fprintf(w, `{"vpn_gateway":{"id":"g","status":%q}}`, status)
	}))
	defer srv.Close()
	c, _ := ctNewClient(t, srv.URL, func(cfg *Config) {
		cfg.Poll = &PollSchedule{Initial: 2 * time.Millisecond, Max: 10 * time.Millisecond, Factor: 1.5}
	})
	sched := c.PollSchedule()
	refresh := func(ctx context.Context) (string, string, error) {
		var out struct {
			VPNGateway struct{ Status string } `json:"vpn_gateway"`
		}
		err := c.Do(ctx, http.MethodGet, c.Path("vpn-gateways", "g"), nil, nil, &out)
		return out.VPNGateway.Status, "", err
	}
	start := time.Now()
	status, err := Wait(context.Background(), refresh, Waiter{Target: []string{"ACTIVE"}, Schedule: &sched})
	if err != nil || status != "ACTIVE" {
		t.Fatalf("%q %v", status, err)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("took %v for a 50 ms settle", el)
	}
}

func TestRetryNotReady(t *testing.T) {
	notReady := &APIError{StatusCode: 403, Code: "VPN.0003", Message: "vpn gateway is not ready, currently PENDING_UPDATE"}
	sched := PollSchedule{Initial: time.Millisecond, Max: 2 * time.Millisecond, Factor: 1.5}
	calls := 0
	err := RetryNotReady(context.Background(), &sched, func() error {
		calls++
		if calls < 4 {
			return notReady
		}
		return nil
	})
	if err != nil || calls != 4 {
		t.Errorf("err %v after %d calls", err, calls)
	}

	calls = 0
	other := &APIError{StatusCode: 400, Code: "VPN.0001", Message: "has connection"}
	if err := RetryNotReady(context.Background(), &sched, func() error { calls++; return other }); !errors.Is(err, other) || calls != 1 {
		t.Errorf("other error: %v after %d calls", err, calls)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err = RetryNotReady(ctx, &sched, func() error { return notReady })
	if !errors.Is(err, context.DeadlineExceeded) || !IsNotReady(err) {
		t.Errorf("at deadline: %v (want both the deadline and the API error)", err)
	}
}
