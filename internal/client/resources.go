package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// waitStatus waits with the client's poll schedule until refresh reports one
// of target, failing fast on one of failure (*UnexpectedStatusError) and
// on a connection's UNKNOWN that lasts three polls.
func (c *Client) waitStatus(ctx context.Context, refresh RefreshFunc, target, failure []string) (string, error) {
	s := c.PollSchedule()
	return Wait(ctx, refresh, Waiter{Target: target, Failure: failure, Schedule: &s, Persistent: []string{ConnectionStatusUnknown}})
}

// waitGone polls get with the client's poll schedule until it answers 404.
// FAULT and ERROR do not fail the wait (a resource in FAULT or ERROR can
// still be deleted); FREEZED that lasts three polls does: a frozen account
// deletes nothing until the freeze is lifted, so waiting longer is useless.
func waitGone[T any](ctx context.Context, c *Client, get func(context.Context) (*T, error), status func(*T) string) error {
	refresh := func(ctx context.Context) (string, string, error) {
		v, err := get(ctx)
		if err != nil {
			return "", "", err
		}
		return status(v), "", nil
	}
	s := c.PollSchedule()
	_, err := Wait(ctx, refresh, Waiter{GoneOK: true, Schedule: &s, Persistent: []string{GatewayStatusFreezed}})
	return err
}

// resourceLabel names a resource in a waiter's failure message. The v5 API
// has no status-reason field, so the kind and id are what we can add to the
// status the service reports.
func resourceLabel(kind, id string) string {
	return kind + " " + id
}

// errMissing reports a 2xx answer that lacks the object it must wrap.
func errMissing(key string) error {
	return errors.New("malformed response: no " + key + " object")
}

// doSettled is Do for calls that change state. The service rejects them
// with a "not ready" error (VPN.0003 ... is not ready, or 409) while the
// resource or its gateway is in a PENDING_* state; such a rejection changes
// nothing, so doSettled sends the call again on the client's poll schedule
// until it is accepted, fails otherwise, or ctx ends.
func (c *Client) doSettled(ctx context.Context, method, path string, in, out any) error {
	s := c.PollSchedule()
	return RetryNotReady(ctx, &s, func() error {
		return c.Do(ctx, method, path, nil, in, out)
	})
}

// doEnveloped sends one call whose request and response wrap the resource
// in an object under key ({"vpn_gateway": {...}}). in (nil for none) is sent
// as {key: in}; the answer's key object is decoded into a new T. Calls
// other than GET go through doSettled.
func doEnveloped[T any](ctx context.Context, c *Client, method, path, key string, in any) (*T, error) {
	var body any
	if in != nil {
		body = map[string]any{key: in}
	}
	var out map[string]json.RawMessage
	var err error
	if method == http.MethodGet {
		err = c.Do(ctx, method, path, nil, body, &out)
	} else {
		err = c.doSettled(ctx, method, path, body, &out)
	}
	if err != nil {
		return nil, err
	}
	raw, ok := out[key]
	if !ok || string(raw) == "null" {
		return nil, errMissing(key)
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, fmt.Errorf("%s %s: decoding %s: %w", method, path, key, err)
	}
	return v, nil
}

// waitFor polls get until status(resource) is one of target and returns the
// resource as last read (also on error). A status in failure ends the wait
// with an *UnexpectedStatusError whose message is label.
func waitFor[T any](ctx context.Context, c *Client, label string, get func(context.Context) (*T, error),
	status func(*T) string, target, failure []string) (*T, error) {
	var last *T
	refresh := func(ctx context.Context) (string, string, error) {
		v, err := get(ctx)
		if err != nil {
			return "", "", err
		}
		last = v
		return status(v), label, nil
	}
	_, err := c.waitStatus(ctx, refresh, target, failure)
	return last, err
}
