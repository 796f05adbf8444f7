package provider

// Exactly-once writes. The VPN API has no client tokens: a write whose
// answer is lost (a 5xx, a timeout, a connection closed after the request
// was written: client.AmbiguousError) may or may not have been applied, and
// the client never re-sends it. Every resource's Create, Update and Delete
// goes through the helpers below, which look at the service before deciding:
//
//   - createExactlyOnce: after an ambiguous create, list what the request may
//     have made (by the service's natural key where there is one: one monitor
//     per connection, one certificate per gateway; otherwise by name plus the
//     create's immutable fields, created after the request started, and
//     claimed by no other create of this provider process). One candidate is
//     adopted (and logged), none means the request was lost and it is sent
//     again, several stop the apply with an error naming them.
//   - writeVerified: after an ambiguous PUT, update-specification, tag call,
//     EIP unbind or DELETE, read back and send again only when the write did
//     not take effect (a DELETE took effect when the resource is gone or
//     PENDING_DELETE).

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// exactlyOnceMaxSends bounds how often one write is sent when every answer is lost.
const exactlyOnceMaxSends = 5

// exactlyOnceClockSkew is how much earlier than the request's start a
// candidate's created_at may be (the service's clock against ours).
const exactlyOnceClockSkew = 5 * time.Second

// exactlyOnceSettle is the pause before a second look when the first finds
// nothing: a backend behind an API gateway's 504 may still be creating.
var exactlyOnceSettle = 500 * time.Millisecond

// claimedIDs holds the ids this provider process created or adopted, so
// that two creates in one apply never adopt the same resource.
var claimedIDs sync.Map

func claimID(id string) bool {
	_, loaded := claimedIDs.LoadOrStore(id, true)
	return !loaded
}

func isClaimed(id string) bool {
	_, ok := claimedIDs.Load(id)
	return ok
}

// createCandidate is one resource a lost create may have made.
type createCandidate struct {
	ID        string
	Name      string
	CreatedAt string
}

// createOnce describes one create for createExactlyOnce.
type createOnce[T any] struct {
	// What names the resource kind in logs and errors ("VPN gateway").
	What string
	// Key describes how candidates are matched, for the log and errors
	// ("name tf-vpngw-1a2b, vpc ..." or "VPN connection <id>").
	Key string
	// Send sends the create once.
	Send func(ctx context.Context) (*T, error)
	// ID returns the id of a created resource.
	ID func(*T) string
	// Find lists the resources matching the natural key or the name and
	// immutable fields of the create, as candidates with the value to adopt.
	Find func(ctx context.Context) ([]createCandidate, map[string]*T, error)
	// NaturalKey: Find's answer is the resource the create makes (one per
	// parent): no created_at filter applies.
	NaturalKey bool
}

// SeveralCandidatesError is an ambiguous create after which more than one
// resource matches: the provider cannot tell which one it made.
type SeveralCandidatesError struct {
	What, Key  string
	Candidates []createCandidate
	Err        error
}

func (e *SeveralCandidatesError) Error() string {
	var ids []string
	for _, c := range e.Candidates {
		ids = append(ids, fmt.Sprintf("%s (name %q, created %s)", c.ID, c.Name, c.CreatedAt))
	}
	return fmt.Sprintf("the answer to the create of a %s was lost (%v), and %d %ss now match it (%s): %s. "+
		"Nothing more was created. Import the one to keep (terraform import) and delete the others.",
		e.What, e.Err, len(e.Candidates), e.What, e.Key, strings.Join(ids, ", "))
}

func (e *SeveralCandidatesError) Unwrap() error { return e.Err }

// createExactlyOnce sends a create and, when its answer is lost, finds out
// whether it was applied before sending it again (see the file comment).
func createExactlyOnce[T any](ctx context.Context, op createOnce[T]) (*T, error) {
	var lastErr error
	for send := 1; send <= exactlyOnceMaxSends; send++ {
		started := time.Now()
		v, err := op.Send(ctx)
		if err == nil {
			claimID(op.ID(v))
			return v, nil
		}
		if !client.IsAmbiguous(err) {
			return nil, err
		}
		lastErr = err
		tflog.Warn(ctx, "The answer to a create was lost; looking for what it may have created", map[string]any{
			"kind": op.What, "key": op.Key, "error": err.Error(),
		})
		cands, found, ferr := findCreateCandidates(ctx, op, started)
		if ferr == nil && len(cands) == 0 {
			if serr := client.Sleep(ctx, exactlyOnceSettle); serr != nil {
				return nil, fmt.Errorf("%w (then: %w)", err, serr)
			}
			cands, found, ferr = findCreateCandidates(ctx, op, started)
		}
		if ferr != nil {
			return nil, fmt.Errorf("%w; listing %ss to find out whether it was created failed, so it is not sent again: %w", err, op.What, ferr)
		}
		switch len(cands) {
		case 0:
			tflog.Warn(ctx, "The lost create made nothing; sending it again", map[string]any{"kind": op.What, "key": op.Key, "send": send + 1})
			continue
		case 1:
			id := cands[0].ID
			if !claimID(id) {
				return nil, fmt.Errorf("%w; the only matching %s, %s, was claimed by another create meanwhile", err, op.What, id)
			}
			tflog.Info(ctx, "The answer to a create was lost, but the service had created it: adopting it", map[string]any{
				"kind": op.What, "id": id, "key": op.Key,
			})
			return found[id], nil
		default:
			return nil, &SeveralCandidatesError{What: op.What, Key: op.Key, Candidates: cands, Err: err}
		}
	}
	return nil, fmt.Errorf("gave up after %d sends whose answers were all lost: %w", exactlyOnceMaxSends, lastErr)
}

// findCreateCandidates runs op.Find and drops what cannot be the lost
// create's work: ids already claimed and, without a natural key, anything
// created before the request started.
func findCreateCandidates[T any](ctx context.Context, op createOnce[T], started time.Time) ([]createCandidate, map[string]*T, error) {
	all, found, err := op.Find(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []createCandidate
	for _, c := range all {
		if isClaimed(c.ID) || (!op.NaturalKey && createdBefore(c.CreatedAt, started)) {
			continue
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, found, nil
}

// createdBefore reports a created_at clearly before t. An empty or
// unreadable value (a gateway reports created_at only once ACTIVE) cannot
// exclude a candidate.
func createdBefore(createdAt string, t time.Time) bool {
	if createdAt == "" {
		return false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z", "2006-01-02T15:04:05Z", "2006-01-02 15:04:05"} {
		if at, err := time.Parse(layout, createdAt); err == nil {
			return at.Before(t.Add(-exactlyOnceClockSkew))
		}
	}
	return false
}

// writeVerified sends a write (PUT, update-specification, tag call, EIP
// unbind, DELETE). When its answer is lost, applied reads back: true means
// the write took effect (or is under way) and nothing is sent again; false
// sends it again. what names the write in logs.
func writeVerified(ctx context.Context, what string, send func(ctx context.Context) error, applied func(ctx context.Context) (bool, error)) error {
	var lastErr error
	for n := 1; n <= exactlyOnceMaxSends; n++ {
		err := send(ctx)
		if err == nil || !client.IsAmbiguous(err) {
			return err
		}
		lastErr = err
		ok, rerr := applied(ctx)
		if rerr != nil {
			return fmt.Errorf("%w; reading back to find out whether it took effect failed, so it is not sent again: %w", err, rerr)
		}
		if ok {
			tflog.Info(ctx, "The answer to a write was lost, but the read-back shows it took effect", map[string]any{"write": what})
			return nil
		}
		tflog.Warn(ctx, "The answer to a write was lost and the read-back shows it did not take effect; sending it again",
			map[string]any{"write": what, "send": n + 1})
	}
	return fmt.Errorf("gave up after %d sends whose answers were all lost: %w", exactlyOnceMaxSends, lastErr)
}

// deleteExactlyOnce sends a DELETE through writeVerified; its read-back
// (get, and status of what get returns) says the delete took effect when
// the resource is gone or PENDING_DELETE.
func deleteExactlyOnce[T any](ctx context.Context, what string, send func(context.Context) error,
	get func(context.Context) (*T, error), status func(*T) string) error {
	return writeVerified(ctx, what, send, func(ctx context.Context) (bool, error) {
		v, err := get(ctx)
		if client.IsNotFound(err) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		return strings.EqualFold(status(v), "PENDING_DELETE"), nil
	})
}

// updateApplied is the read-back of an update: under way (PENDING_UPDATE),
// or every field sent reads back with the value sent (see jsonCovers).
func updateApplied(status string, sent, got any) bool {
	if strings.EqualFold(status, "PENDING_UPDATE") {
		return true
	}
	return jsonCovers(sent, got)
}

// jsonCovers reports whether every field of want (as JSON) is in got with
// the same value: objects field by field, lists as multisets (each item of
// got covers one item of want), scalars equal.
// Fields of got that want lacks do not matter.
func jsonCovers(want, got any) bool {
	w, err1 := toJSONValue(want)
	g, err2 := toJSONValue(got)
	return err1 == nil && err2 == nil && jsonValueCovers(w, g)
}

func toJSONValue(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	return out, json.Unmarshal(b, &out)
}

func jsonValueCovers(want, got any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, wv := range w {
			if !jsonValueCovers(wv, g[k]) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		used := make([]bool, len(g))
		for _, wv := range w {
			found := false
			for i, gv := range g {
				if !used[i] && jsonValueCovers(wv, gv) {
					used[i], found = true, true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	case nil:
		return true
	default:
		return reflect.DeepEqual(want, got)
	}
}

// generatedName is the name the provider gives a resource whose
// configuration leaves name out: tf-<kind>-<8 hex digits>, for example
// tf-vpngw-1a2b3c4d. A name the provider chose is a reliable key to find the
// resource again when the create's answer is lost.
func generatedName(kind string) string {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("crypto/rand failed: " + err.Error()))
	}
	return "tf-" + kind + "-" + hex.EncodeToString(b)
}

// matchCandidates keeps the items whose JSON covers key (the create's name
// and immutable fields, see jsonCovers), as candidates for createOnce.Find.
func matchCandidates[T any](items []T, key any, describe func(*T) createCandidate) ([]createCandidate, map[string]*T) {
	var out []createCandidate
	found := map[string]*T{}
	for i := range items {
		if !jsonCovers(key, &items[i]) {
			continue
		}
		c := describe(&items[i])
		out = append(out, c)
		found[c.ID] = &items[i]
	}
	return out, found
}

// createKey is the name and immutable fields a create's candidates must
// match (JSON field name to value; empty values are left out).
func createKey(kv ...string) map[string]string {
	out := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			out[kv[i]] = kv[i+1]
		}
	}
	return out
}
