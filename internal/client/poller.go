package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Bounds every PollSchedule is clamped to.
const (
	// PollMaxInterval is the longest wait between two polls.
	PollMaxInterval = 10 * time.Second
	// PollMaxFactor is the largest growth of the interval from one poll to the next.
	PollMaxFactor = 1.5
	// PollMaxInitial is the longest first interval ("polling starts within 500 ms").
	PollMaxInitial = 500 * time.Millisecond
)

// PollSchedule spaces the polls of a waiter. The first poll is immediate;
// the next comes after Initial, and each interval is the previous one times
// Factor, capped at Max and at Initial + a quarter of the time elapsed since
// the wait began. So a resource that settles after D is seen by about
// 1.25*D + Initial (+ request latency). Out-of-range fields are clamped:
// Initial to (0, 500 ms], Max to [Initial, 10 s], Factor to [1, 1.5].
type PollSchedule struct {
	Initial time.Duration
	Max     time.Duration
	Factor  float64

	// clock replaces the real clock (tests).
	clock pollClock
}

// DefaultPollSchedule is 500 ms, growing 1.5x per poll, at most 10 s.
func DefaultPollSchedule() PollSchedule {
	return PollSchedule{Initial: 500 * time.Millisecond, Max: PollMaxInterval, Factor: PollMaxFactor}
}

// pollClock is the time source of a waiter.
type pollClock interface {
	Now() time.Time
	Sleep(ctx context.Context, d time.Duration) error
}

// pollRealClock is the wall clock.
type pollRealClock struct{}

// Now returns time.Now().
func (pollRealClock) Now() time.Time { return time.Now() }

// Sleep waits d or until ctx ends.
func (pollRealClock) Sleep(ctx context.Context, d time.Duration) error { return retrySleep(ctx, d) }

// pollNormalize returns s (or the default when nil) with every field in range.
func pollNormalize(s *PollSchedule) PollSchedule {
	out := DefaultPollSchedule()
	if s != nil {
		out = *s
	}
	def := DefaultPollSchedule()
	if out.Initial <= 0 {
		out.Initial = def.Initial
	}
	if out.Initial > PollMaxInitial {
		out.Initial = PollMaxInitial
	}
	if out.Max <= 0 || out.Max > PollMaxInterval {
		out.Max = PollMaxInterval
	}
	if out.Max < out.Initial {
		out.Max = out.Initial
	}
	if out.Factor < 1 {
		out.Factor = 1
	}
	if out.Factor > PollMaxFactor {
		out.Factor = PollMaxFactor
	}
	if out.clock == nil {
		out.clock = pollRealClock{}
	}
	return out
}

// pollNextDelay is the wait after a poll: prev*Factor (Initial for the
// first), capped at Max and at Initial + elapsed/4.
func pollNextDelay(s PollSchedule, prev, elapsed time.Duration) time.Duration {
	d := s.Initial
	if prev > 0 {
		d = time.Duration(float64(prev) * s.Factor)
	}
	d = min(d, s.Max, s.Initial+elapsed/4)
	return max(d, time.Millisecond)
}

// PollSchedule returns the client's polling schedule (Config.Poll or the default).
func (c *Client) PollSchedule() PollSchedule {
	return pollNormalize(c.cfg.Poll)
}

// RefreshFunc reads a resource's current status and the service's message
// about it (e.g. a fault reason; may be empty).
type RefreshFunc func(ctx context.Context) (status string, message string, err error)

// Waiter says what Wait waits for. Statuses compare case-insensitively.
type Waiter struct {
	// Target statuses end the wait successfully.
	Target []string
	// Failure statuses end the wait at once with an *UnexpectedStatusError.
	Failure []string
	// GoneOK makes a not-found answer a success (waiting for a delete);
	// otherwise not found is an error. Any other status keeps polling.
	GoneOK bool
	// Persistent statuses end the wait with an *UnexpectedStatusError when
	// PersistentPolls polls in a row (default 3) report them: a status that
	// may flicker (a connection's UNKNOWN) but must not last.
	Persistent      []string
	PersistentPolls int
	// Schedule spaces the polls; nil = DefaultPollSchedule().
	Schedule *PollSchedule
}

// UnexpectedStatusError is a failure status seen while waiting.
type UnexpectedStatusError struct {
	Status  string
	Message string
	Target  []string
}

// Error names the status, the service's message and the awaited statuses.
func (e *UnexpectedStatusError) Error() string {
	msg := fmt.Sprintf("resource entered status %s while waiting for %s", e.Status, strings.Join(e.Target, " or "))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	switch strings.ToUpper(e.Status) {
	case GatewayStatusFreezed:
		msg += ". FREEZED means the account is frozen (for example in arrears or by an administrator): " +
			"nothing can be created, changed or deleted until the freeze is lifted; then run the apply again"
	case ConnectionStatusUnknown:
		msg += ". UNKNOWN that persists means the service has lost track of the connection " +
			"(often a frozen account): nothing will change by waiting; check the account and the console"
	}
	return msg
}

// WaitTimeoutError is a wait ended by its context (deadline or cancel).
type WaitTimeoutError struct {
	LastStatus string
	Target     []string
	Err        error
}

// Error names the last status seen and the awaited statuses.
func (e *WaitTimeoutError) Error() string {
	last := e.LastStatus
	if last == "" {
		last = "unknown"
	}
	target := strings.Join(e.Target, " or ")
	if target == "" {
		target = "deletion"
	}
	return fmt.Sprintf("gave up waiting for %s (last status: %s): %v", target, last, e.Err)
}

// Unwrap returns the context's error.
func (e *WaitTimeoutError) Unwrap() error { return e.Err }

// pollStatusIn reports whether status is one of list, ignoring case.
func pollStatusIn(status string, list []string) bool {
	for _, s := range list {
		if strings.EqualFold(status, s) {
			return true
		}
	}
	return false
}

// Wait polls refresh until it reports a Target status (returned), a Failure
// status (*UnexpectedStatusError, at first sight), not found (success with
// status "" when GoneOK, else the not-found error), another error (returned
// as is) or ctx ends (*WaitTimeoutError wrapping ctx.Err()). Polls follow
// w.Schedule; the first is immediate.
func Wait(ctx context.Context, refresh RefreshFunc, w Waiter) (string, error) {
	if len(w.Target) == 0 && !w.GoneOK {
		return "", errors.New("wait: no target status and GoneOK unset")
	}
	s := pollNormalize(w.Schedule)
	start := s.clock.Now()
	var last string
	var delay time.Duration
	persistPolls, persisted := w.PersistentPolls, 0
	if persistPolls <= 0 {
		persistPolls = 3
	}
	for {
		if err := ctx.Err(); err != nil {
			return last, &WaitTimeoutError{LastStatus: last, Target: w.Target, Err: err}
		}
		status, message, err := refresh(ctx)
		switch {
		case err != nil && IsNotFound(err):
			if w.GoneOK {
				return "", nil
			}
			return last, fmt.Errorf("resource disappeared while waiting for %s: %w", strings.Join(w.Target, " or "), err)
		case err != nil && ctx.Err() != nil:
			return last, &WaitTimeoutError{LastStatus: last, Target: w.Target, Err: ctx.Err()}
		case err != nil:
			return last, err
		}
		last = status
		if pollStatusIn(status, w.Target) {
			return status, nil
		}
		if pollStatusIn(status, w.Failure) {
			return status, &UnexpectedStatusError{Status: status, Message: message, Target: w.Target}
		}
		if persisted = persisted + 1; !pollStatusIn(status, w.Persistent) {
			persisted = 0
		} else if persisted >= persistPolls {
			return status, &UnexpectedStatusError{Status: status, Message: message, Target: w.Target}
		}
		delay = pollNextDelay(s, delay, s.clock.Now().Sub(start))
		if err := s.clock.Sleep(ctx, delay); err != nil {
			return last, &WaitTimeoutError{LastStatus: last, Target: w.Target, Err: err}
		}
	}
}

// RetryNotReady runs fn, and runs it again on the schedule s (nil = default)
// while it fails with IsNotReady, until it succeeds, fails otherwise, or
// ctx ends. In the last case the error wraps both fn's last error and
// ctx.Err().
func RetryNotReady(ctx context.Context, s *PollSchedule, fn func() error) error {
	sched := pollNormalize(s)
	start := sched.clock.Now()
	var delay time.Duration
	for {
		err := fn()
		if err == nil || !IsNotReady(err) {
			return err
		}
		if ctx.Err() == nil {
			delay = pollNextDelay(sched, delay, sched.clock.Now().Sub(start))
			if sleepErr := sched.clock.Sleep(ctx, delay); sleepErr == nil {
				continue
			}
		}
		return fmt.Errorf("resource still not ready when the wait ended: %w (%w)", err, ctx.Err())
	}
}
