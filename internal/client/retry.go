package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// DefaultMaxRetries is the number of retries when Config.MaxRetries is negative.
const DefaultMaxRetries = 5

// Defaults of the retry backoff.
const (
	DefaultBackoffMin    = 500 * time.Millisecond
	DefaultBackoffMax    = 20 * time.Second
	DefaultMaxRetryAfter = 60 * time.Second
)

// retryNormalizeBackoff fills the zero fields of b with the defaults.
func retryNormalizeBackoff(b *Backoff) Backoff {
	out := Backoff{Min: DefaultBackoffMin, Max: DefaultBackoffMax, MaxRetryAfter: DefaultMaxRetryAfter}
	if b != nil {
		if b.Min > 0 {
			out.Min = b.Min
		}
		if b.Max > 0 {
			out.Max = b.Max
		}
		if b.MaxRetryAfter > 0 {
			out.MaxRetryAfter = b.MaxRetryAfter
		}
	}
	if out.Max < out.Min {
		out.Max = out.Min
	}
	return out
}

// retryJitterDelay is the full-jitter delay before retry number retry (0-based):
// uniform in [0, min(Max, Min*2^retry)].
func retryJitterDelay(b Backoff, retry int) time.Duration {
	ceiling := b.Min
	for i := 0; i < retry && ceiling < b.Max; i++ {
		ceiling *= 2
	}
	if ceiling > b.Max {
		ceiling = b.Max
	}
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling + 1)
}

// retryableStatus reports answers that are retried for every method:
// 429, 500, 502, 503, 504 and the "system busy" code VPN.0030.
func retryableStatus(e *APIError) bool {
	switch e.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden:
		return false
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return e.Code == CodeSystemBusy
}

// retryableTransportError reports whether a request that got no response
// may be sent again: always for GET, HEAD, PUT and DELETE (idempotent), and
// for other methods only when the connection was never made, so the server
// cannot have seen the request.
func retryableTransportError(method string, err error) bool {
	return retryIsIdempotent(method) || retryIsDialError(err)
}

// retryIsWrite reports the methods that change state. A write whose answer
// is lost is never re-sent by the client (see AmbiguousError).
func retryIsWrite(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch:
		return true
	}
	return false
}

// retryAnswerAmbiguous reports answers after which a write may or may not
// have been applied: 5xx (an API gateway answers 502/504 while the backend
// goes on, and a 500 may come after the change). 429 and VPN.0030 (system
// busy) are refusals before anything changed, so they stay retryable.
func retryAnswerAmbiguous(e *APIError) bool {
	return e.StatusCode >= 500
}

// retryIsIdempotent reports methods that may be sent twice without harm.
func retryIsIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// retryIsDialError reports a failure to open the connection (refused,
// unreachable, DNS), as opposed to a failure after the request was sent.
func retryIsDialError(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

// retryAfterDelay parses a Retry-After header (seconds or HTTP date,
// relative to now), capped at limit. ok is false when absent or invalid.
func retryAfterDelay(h http.Header, now time.Time, limit time.Duration) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(limit/time.Second)+1 {
			return limit, true
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
		if d < 0 {
			d = 0
		}
	} else {
		return 0, false
	}
	if d > limit {
		d = limit
	}
	return d, true
}

// Sleep waits d or until ctx ends, whichever is first (ctx's error then).
func Sleep(ctx context.Context, d time.Duration) error { return retrySleep(ctx, d) }

// retrySleep waits d or until ctx ends, whichever is first.
func retrySleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
