package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// rtStatusServer answers every request with status and body, counting attempts.
func rtStatusServer(t *testing.T, status int, body string, header map[string]string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestDo_retryByStatus(t *testing.T) {
	cases := []struct {
		status  int
		body    string
		retried bool
	}{
		{429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`, true},
		{500, `{"error_code":"VPN.0002","error_msg":"server error"}`, false},
		{502, `bad gateway`, false},
		{503, ``, false},
		{504, `gateway timeout`, false},
		{400, `{"error_code":"VPN.0030","error_msg":"system busy"}`, true},
		{400, `{"error_code":"VPN.0001","error_msg":"invalid"}`, false},
		{401, `{"error_code":"APIGW.0301","error_msg":"bad signature"}`, false},
		{403, `{"error_code":"VPN.0003","error_msg":"authentication failed"}`, false},
		{403, `{"error_code":"VPN.0003","error_msg":"vpn gateway is not ready, currently CREATING"}`, false},
		{404, `{"error_code":"VPN.0004","error_msg":"not found"}`, false},
		{409, `{"code":"VPN.0003","message":"conflict"}`, false},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%d %s", tc.status, tc.body), func(t *testing.T) {
			srv, n := rtStatusServer(t, tc.status, tc.body, nil)
			c, delays := ctNewClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
			err := c.Do(context.Background(), http.MethodPost, c.Path("vpn-gateways"), nil, map[string]string{"a": "b"}, nil)
			apiErr, ok := AsAPIError(err)
			if !ok || apiErr.StatusCode != tc.status {
				t.Fatalf("err = %v", err)
			}
			// A write answered 5xx may have been applied: it is ambiguous, never re-sent.
			if got := IsAmbiguous(err); got != (tc.status >= 500) {
				t.Errorf("IsAmbiguous = %v for HTTP %d", got, tc.status)
			}
			want := int32(1)
			if tc.retried {
				want = 3
			}
			if got := n.Load(); got != want {
				t.Errorf("attempts = %d, want %d", got, want)
			}
			if len(*delays) != int(want-1) {
				t.Errorf("slept %d times, want %d", len(*delays), want-1)
			}
		})
	}
}

func TestDo_retryResendsBodyAndResigns(t *testing.T) {
	rec := &ctRecorder{}
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		if n.Add(1) < 3 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests) // refused before anything changed: retried
			return
		}
		fmt.Fprint(w, `{"id":"ok"}`)
	}))
	defer srv.Close()
	var clock atomic.Int64
	c, _ := ctNewClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetries = 5
		cfg.Now = func() time.Time { return time.Unix(1700000000+clock.Add(1), 0) }
	})
	var out struct{ ID string }
	if err := c.Do(context.Background(), http.MethodPost, c.Path("vpn-connection"), nil, map[string]string{"psk": "x"}, &out); err != nil {
		t.Fatal(err)
	}
	reqs := rec.all()
	if len(reqs) != 3 || out.ID != "ok" {
		t.Fatalf("%d attempts, out %+v", len(reqs), out)
	}
	dates := map[string]bool{}
	for i, r := range reqs {
		if r.Body != `{"psk":"x"}` {
			t.Errorf("attempt %d body %q", i, r.Body)
		}
		if !r.SignatureOK {
			t.Errorf("attempt %d not correctly signed", i)
		}
		dates[r.Header.Get(HeaderSdkDate)] = true
	}
	if len(dates) != 3 {
		t.Errorf("X-Sdk-Date reused across attempts: %v", dates)
	}
}

func TestDo_maxRetriesBound(t *testing.T) {
	for _, tc := range []struct{ max, attempts int32 }{{0, 1}, {1, 2}, {4, 5}, {-1, DefaultMaxRetries + 1}} {
		srv, n := rtStatusServer(t, 500, `{"code":"VPN.0002","message":"boom"}`, nil)
		c, _ := ctNewClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = int(tc.max) })
		err := c.Do(context.Background(), http.MethodGet, c.Path("vpn-gateways"), nil, nil, nil)
		if apiErr, ok := AsAPIError(err); !ok || apiErr.Code != "VPN.0002" {
			t.Errorf("MaxRetries %d: err %v", tc.max, err)
		}
		if n.Load() != tc.attempts {
			t.Errorf("MaxRetries %d: %d attempts, want %d", tc.max, n.Load(), tc.attempts)
		}
	}
}

func TestDo_retryAfterHonoured(t *testing.T) {
	now := time.Date(2024, 3, 15, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		name, value string
		want        time.Duration
	}{
		{"seconds", "7", 7 * time.Second},
		{"http date", now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second},
		{"past date", now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"capped", "86400", 45 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := rtStatusServer(t, 429, `{"error_code":"APIGW.0308","error_msg":"slow down"}`, map[string]string{"Retry-After": tc.value})
			c, delays := ctNewClient(t, srv.URL, func(cfg *Config) {
				cfg.MaxRetries = 1
				cfg.Now = func() time.Time { return now }
				cfg.Backoff = &Backoff{Min: time.Millisecond, Max: 2 * time.Millisecond, MaxRetryAfter: 45 * time.Second}
			})
			err := c.Do(context.Background(), http.MethodGet, c.Path("x"), nil, nil, nil)
			if !IsThrottled(err) || n.Load() != 2 {
				t.Fatalf("err %v after %d attempts", err, n.Load())
			}
			if len(*delays) != 1 || (*delays)[0] != tc.want {
				t.Errorf("delays %v, want [%v]", *delays, tc.want)
			}
		})
	}
	t.Run("no header uses jitter", func(t *testing.T) {
		srv, _ := rtStatusServer(t, 503, ``, nil)
		c, delays := ctNewClient(t, srv.URL, func(cfg *Config) {
			cfg.MaxRetries = 3
			cfg.Backoff = &Backoff{Min: time.Second, Max: 3 * time.Second}
		})
		_ = c.Do(context.Background(), http.MethodGet, c.Path("x"), nil, nil, nil)
		ceilings := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}
		if len(*delays) != 3 {
			t.Fatalf("delays %v", *delays)
		}
		for i, d := range *delays {
			if d < 0 || d > ceilings[i] {
				t.Errorf("delay %d = %v, want within [0, %v]", i, d, ceilings[i])
			}
		}
	})
}

func TestRetryJitterDelay_fullJitterBounds(t *testing.T) {
	b := Backoff{Min: 100 * time.Millisecond, Max: time.Second}
	var maxSeen [6]time.Duration
	for i := 0; i < 2000; i++ {
		for retry := range maxSeen {
			d := retryJitterDelay(b, retry)
			ceiling := min(b.Min<<retry, b.Max)
			if d < 0 || d > ceiling {
				t.Fatalf("retry %d: delay %v outside [0, %v]", retry, d, ceiling)
			}
			maxSeen[retry] = max(maxSeen[retry], d)
		}
	}
	// Full jitter spreads over the whole range: the largest draw of 2000 is near the ceiling.
	if maxSeen[5] < 900*time.Millisecond || maxSeen[0] < 90*time.Millisecond {
		t.Errorf("jitter does not reach its ceiling: %v", maxSeen)
	}
}

// rtHijackServer reads each request and closes the connection without answering.
func rtHijackServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0) // RST instead of FIN
		}
		conn.Close()
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// rtLostRequestCases: how often each method reaches the server, with
// MaxRetries 2, when every attempt is lost after the server got it.
var rtLostRequestCases = []struct {
	method   string
	attempts int32
}{
	{http.MethodPost, 1},
	{http.MethodGet, 3},
	{http.MethodPut, 1},
	{http.MethodDelete, 1},
}

func TestDo_connectionResetRetryByMethod(t *testing.T) {
	for _, tc := range rtLostRequestCases {
		t.Run(tc.method, func(t *testing.T) {
			srv, n := rtHijackServer(t)
			c, _ := ctNewClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
			var in any
			if tc.method != http.MethodGet && tc.method != http.MethodDelete {
				in = map[string]string{"name": "x"}
			}
			err := c.Do(context.Background(), tc.method, c.Path("vpn-gateways"), nil, in, nil)
			if err == nil {
				t.Fatal("no error")
			}
			if _, isAPI := AsAPIError(err); isAPI {
				t.Errorf("transport failure reported as API error: %v", err)
			}
			if got := n.Load(); got != tc.attempts {
				t.Errorf("%s reached the server %d times, want %d", tc.method, got, tc.attempts)
			}
		})
	}
}

func TestDo_dialErrorRetriedEvenForPost(t *testing.T) {
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		fmt.Fprint(w, `{"customer_gateway":{"id":"cgw-1"}}`)
	}))
	defer srv.Close()
	// A port with nothing listening: dialing it is refused.
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := closed.Addr().String()
	closed.Close()

	// rtTransport refuses the first failures dials, then dials the real server.
	rtTransport := func(failures int32, dials *atomic.Int32) *http.Client {
		return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			var d net.Dialer
			if dials.Add(1) <= failures {
				return d.DialContext(ctx, network, deadAddr)
			}
			return d.DialContext(ctx, network, addr)
		}}}
	}
	var dials atomic.Int32
	c, _ := ctNewClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetries = 3
		cfg.HTTPClient = rtTransport(2, &dials)
	})
	var out map[string]any
	if err := c.Do(context.Background(), http.MethodPost, c.Path("customer-gateways"), nil, map[string]string{"name": "c"}, &out); err != nil {
		t.Fatalf("POST after refused dials: %v", err)
	}
	if dials.Load() != 3 || served.Load() != 1 {
		t.Errorf("dials %d, served %d; want 3 and 1", dials.Load(), served.Load())
	}

	// With the bound reached, the dial error is returned.
	var dials2 atomic.Int32
	c2, _ := ctNewClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetries = 1
		cfg.HTTPClient = rtTransport(10, &dials2)
	})
	err = c2.Do(context.Background(), http.MethodPost, c2.Path("customer-gateways"), nil, map[string]string{"name": "c"}, nil)
	if err == nil || !retryIsDialError(err) {
		t.Errorf("err = %v, want a dial error", err)
	}
	if dials2.Load() != 2 || served.Load() != 1 {
		t.Errorf("dials %d, served %d; want 2 and 1", dials2.Load(), served.Load())
	}
}

func TestDo_contextCancelStopsRetries(t *testing.T) {
	srv, n := rtStatusServer(t, 503, ``, nil)
	c, _ := ctNewClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetries = 5
		cfg.Backoff = &Backoff{Min: 10 * time.Second, Max: 10 * time.Second}
	})
	// The real 10 s sleep, which the cancel must cut short.
	sleeping := make(chan struct{})
	c.sleep = func(ctx context.Context, d time.Duration) error {
		close(sleeping)
		return retrySleep(ctx, d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-sleeping
		cancel()
	}()
	start := time.Now()
	err := c.Do(ctx, http.MethodGet, c.Path("x"), nil, nil, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if _, ok := AsAPIError(err); !ok {
		t.Errorf("the last API error is not kept in %v", err)
	}
	if n.Load() != 1 || time.Since(start) > 2*time.Second {
		t.Errorf("%d attempts in %v after cancel", n.Load(), time.Since(start))
	}
	if !strings.Contains(err.Error(), "HTTP 503") {
		t.Errorf("error does not name the last answer: %v", err)
	}
}

// TestDo_timedOutMidFlightPostNotRetried: a request that reached the server
// and then timed out (no response headers in time) may have been carried
// out, so a POST is never sent again; idempotent methods are.
func TestDo_timedOutMidFlightPostNotRetried(t *testing.T) {
	for _, tc := range rtLostRequestCases {
		t.Run(tc.method, func(t *testing.T) {
			release := make(chan struct{})
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				select { // hold the answer until the client has given up
				case <-release:
				case <-r.Context().Done():
				}
			}))
			t.Cleanup(srv.Close)
			t.Cleanup(func() { close(release) })
			c, delays := ctNewClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
			// The client's own transport, with its header timeout shortened.
			tr, ok := c.httpClient.Transport.(*http.Transport)
			if !ok {
				t.Fatalf("transport is a %T", c.httpClient.Transport)
			}
			tr.ResponseHeaderTimeout = 20 * time.Millisecond
			var in any
			if tc.method == http.MethodPost || tc.method == http.MethodPut {
				in = map[string]string{"name": "x"}
			}
			err := c.Do(context.Background(), tc.method, c.Path("vpn-gateways"), nil, in, nil)
			if err == nil || !strings.Contains(err.Error(), "timeout awaiting response headers") {
				t.Fatalf("err = %v, want a response header timeout", err)
			}
			if got := n.Load(); got != tc.attempts {
				t.Errorf("%s reached the server %d times, want %d", tc.method, got, tc.attempts)
			}
			if len(*delays) != int(tc.attempts-1) {
				t.Errorf("slept %d times, want %d", len(*delays), tc.attempts-1)
			}
		})
	}
}

// TestDo_writeNotResentAfterGatewayStatuses: after 500, 502 or 504 a
// write may have been applied (an API gateway answers 504 while the backend
// goes on), so the client never re-sends it: it returns an *AmbiguousError
// and the caller reconciles. A GET is still retried.
func TestDo_writeNotResentAfterGatewayStatuses(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout} {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodGet} {
			t.Run(strconv.Itoa(status)+" "+method, func(t *testing.T) {
				var n atomic.Int32
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if n.Add(1) == 1 {
						w.WriteHeader(status)
						return
					}
					fmt.Fprint(w, `{"customer_gateway":{"id":"cgw-1"}}`)
				}))
				t.Cleanup(srv.Close)
				c, _ := ctNewClient(t, srv.URL, nil)
				err := c.Do(context.Background(), method, c.Path("customer-gateways"), nil, map[string]string{"name": "c"}, nil)
				if method == http.MethodGet {
					if err != nil || n.Load() != 2 {
						t.Fatalf("GET: err %v after %d attempts, want success after 2", err, n.Load())
					}
					return
				}
				var amb *AmbiguousError
				if !errors.As(err, &amb) || amb.Method != method {
					t.Fatalf("err = %v, want an *AmbiguousError", err)
				}
				if n.Load() != 1 {
					t.Fatalf("%d attempts, want 1", n.Load())
				}
			})
		}
	}
}

// TestDo_requestTimeoutMakesWritesAmbiguous: an attempt that outlives
// RequestTimeout is retried for a GET and ambiguous for a POST.
func TestDo_requestTimeoutMakesWritesAmbiguous(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
			return
		}
		fmt.Fprint(w, `{}`)
	}))
	t.Cleanup(srv.Close)
	c, _ := ctNewClient(t, srv.URL, func(cfg *Config) { cfg.RequestTimeout = 50 * time.Millisecond; cfg.MaxRetries = 2 })
	err := c.Do(context.Background(), http.MethodPost, c.Path("customer-gateways"), nil, map[string]string{"name": "c"}, nil)
	if !IsAmbiguous(err) || n.Load() != 1 {
		t.Fatalf("POST: err %v after %d attempts, want ambiguous after 1", err, n.Load())
	}
	n.Store(0)
	if err := c.Do(context.Background(), http.MethodGet, c.Path("customer-gateways"), nil, nil, nil); err != nil || n.Load() != 2 {
		t.Fatalf("GET: err %v after %d attempts, want success after 2", err, n.Load())
	}
}

// TestQuery_readOnlyPostRetried: the resource-instances filter and count are
// POSTs that only read (Query): after a 5xx or a lost connection they are
// sent again like a GET, never reported as an ambiguous write.
func TestQuery_readOnlyPostRetried(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusGatewayTimeout} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/resource-instances/count") {
					t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
				}
				if n.Add(1) == 1 {
					w.WriteHeader(status)
					return
				}
				fmt.Fprint(w, `{"total_count":3}`)
			}))
			t.Cleanup(srv.Close)
			c, _ := ctNewClient(t, srv.URL, nil)
			got, err := c.CountResourceInstances(context.Background(), "vpn-gateway", &ResourceInstancesFilter{})
			if err != nil || got != 3 || n.Load() != 2 {
				t.Fatalf("count = %d, err %v after %d attempts, want 3 after 2", got, err, n.Load())
			}
		})
	}
	t.Run("connection reset", func(t *testing.T) {
		srv, n := rtHijackServer(t)
		c, _ := ctNewClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
		_, err := c.FilterResourceInstances(context.Background(), "vpn-gateway", &ResourceInstancesFilter{})
		if err == nil || IsAmbiguous(err) {
			t.Fatalf("err = %v, want a plain transport error", err)
		}
		if got := n.Load(); got != 3 {
			t.Errorf("filter reached the server %d times, want 3", got)
		}
	})
}
