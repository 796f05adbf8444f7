package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// ambiguous is a lost answer as the client reports it.
func ambiguous() error {
	return &client.AmbiguousError{Method: http.MethodPost, Path: "/v5/p/things", Err: &client.APIError{StatusCode: 504, Code: "APIGW.0202"}}
}

type thing struct{ ID, Name, CreatedAt string }

// fakeCreate is a service for createExactlyOnce: each send creates a thing
// (or not) and answers (or loses the answer) as told.
type fakeCreate struct {
	sends    int
	store    []thing
	outcomes []struct{ create, lose bool }
}

func (f *fakeCreate) op(name string) createOnce[thing] {
	return createOnce[thing]{
		What: "thing", Key: "name " + name,
		Send: func(context.Context) (*thing, error) {
			o := f.outcomes[f.sends]
			f.sends++
			var v thing
			if o.create {
				v = thing{ID: fmt.Sprintf("%s-%d", name, f.sends), Name: name, CreatedAt: time.Now().UTC().Format(time.RFC3339Nano)}
				f.store = append(f.store, v)
			}
			if o.lose {
				return nil, ambiguous()
			}
			if !o.create {
				return nil, &client.APIError{StatusCode: 400, Code: "VPN.0001", Message: "invalid"}
			}
			return &v, nil
		},
		ID: func(v *thing) string { return v.ID },
		Find: func(context.Context) ([]createCandidate, map[string]*thing, error) {
			cands, found := matchCandidates(f.store, map[string]string{"Name": name}, func(v *thing) createCandidate {
				return createCandidate{ID: v.ID, Name: v.Name, CreatedAt: v.CreatedAt}
			})
			return cands, found, nil
		},
	}
}

func init() { exactlyOnceSettle = time.Millisecond }

func TestCreateExactlyOnce_oneCandidateAdopted(t *testing.T) {
	f := &fakeCreate{outcomes: []struct{ create, lose bool }{{true, true}, {true, false}}}
	v, err := createExactlyOnce(t.Context(), f.op(t.Name()))
	if err != nil || v == nil || v.ID != t.Name()+"-1" {
		t.Fatalf("got %+v, %v; want the first (lost) create adopted", v, err)
	}
	if f.sends != 1 || len(f.store) != 1 {
		t.Fatalf("sends %d, things %d: a create whose answer was lost must not be sent again when it was applied", f.sends, len(f.store))
	}
}

func TestCreateExactlyOnce_noCandidateSendsAgain(t *testing.T) {
	f := &fakeCreate{outcomes: []struct{ create, lose bool }{{false, true}, {true, false}}}
	v, err := createExactlyOnce(t.Context(), f.op(t.Name()))
	if err != nil || v == nil || f.sends != 2 || len(f.store) != 1 {
		t.Fatalf("got %+v, %v after %d sends (%d things); want one thing after a second send", v, err, f.sends, len(f.store))
	}
}

func TestCreateExactlyOnce_severalCandidatesStop(t *testing.T) {
	name := t.Name()
	f := &fakeCreate{outcomes: []struct{ create, lose bool }{{true, true}, {true, false}}}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	f.store = []thing{{ID: name + "-x", Name: name, CreatedAt: now}} // made meanwhile by someone else
	v, err := createExactlyOnce(t.Context(), f.op(name))
	var several *SeveralCandidatesError
	if !errors.As(err, &several) || v != nil {
		t.Fatalf("got %+v, %v; want a SeveralCandidatesError", v, err)
	}
	if f.sends != 1 || !strings.Contains(err.Error(), name+"-x") || !strings.Contains(err.Error(), name+"-1") {
		t.Fatalf("sends %d; the error must name both candidates: %v", f.sends, err)
	}
}

func TestCreateExactlyOnce_olderAndClaimedAreNotCandidates(t *testing.T) {
	name := t.Name()
	f := &fakeCreate{outcomes: []struct{ create, lose bool }{{true, true}}}
	f.store = []thing{
		{ID: name + "-old", Name: name, CreatedAt: time.Now().Add(-time.Hour).UTC().Format("2006-01-02T15:04:05.000Z")},
		{ID: name + "-held", Name: name},
	}
	claimID(name + "-held") // created by another create of this process
	v, err := createExactlyOnce(t.Context(), f.op(name))
	if err != nil || v == nil || v.ID != name+"-1" {
		t.Fatalf("got %+v, %v; want the new thing adopted", v, err)
	}
	// Adopted once, never again.
	if !isClaimed(v.ID) {
		t.Fatal("an adopted id must be claimed")
	}
}

func TestCreateExactlyOnce_definiteErrorReturned(t *testing.T) {
	f := &fakeCreate{outcomes: []struct{ create, lose bool }{{false, false}}}
	_, err := createExactlyOnce(t.Context(), f.op(t.Name()))
	if _, ok := client.AsAPIError(err); !ok || client.IsAmbiguous(err) || f.sends != 1 {
		t.Fatalf("err %v after %d sends", err, f.sends)
	}
}

func TestWriteVerified(t *testing.T) {
	for _, tc := range []struct {
		name      string
		applied   bool
		wantSends int
	}{{"applied: not sent again", true, 1}, {"not applied: sent again", false, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			sends := 0
			err := writeVerified(t.Context(), "w", func(context.Context) error {
				sends++
				if sends == 1 {
					return ambiguous()
				}
				return nil
			}, func(context.Context) (bool, error) { return tc.applied, nil })
			if err != nil || sends != tc.wantSends {
				t.Fatalf("err %v, sends %d, want %d", err, sends, tc.wantSends)
			}
		})
	}
	// A read-back that fails stops without sending again.
	sends := 0
	err := writeVerified(t.Context(), "w", func(context.Context) error { sends++; return ambiguous() },
		func(context.Context) (bool, error) { return false, errors.New("read failed") })
	if err == nil || sends != 1 || !strings.Contains(err.Error(), "not sent again") {
		t.Fatalf("err %v after %d sends", err, sends)
	}
}

func TestDeleteExactlyOnce_readBack(t *testing.T) {
	notFound := &client.APIError{StatusCode: 404, Code: client.CodeNotFound}
	for _, tc := range []struct {
		status    string
		err       error
		wantSends int
	}{{"", notFound, 1}, {"PENDING_DELETE", nil, 1}, {"ACTIVE", nil, 2}} {
		sends := 0
		err := deleteExactlyOnce(t.Context(), "delete", func(context.Context) error {
			sends++
			if sends == 1 {
				return ambiguous()
			}
			return nil
		}, func(context.Context) (*thing, error) { return &thing{}, tc.err }, func(*thing) string { return tc.status })
		if err != nil || sends != tc.wantSends {
			t.Errorf("%s %v: err %v, %d sends, want %d", tc.status, tc.err, err, sends, tc.wantSends)
		}
	}
}

func TestJSONCovers(t *testing.T) {
	got := map[string]any{"name": "a", "subnets": []string{"10.0.0.0/16", "10.1.0.0/16"}, "ike": map[string]any{"dh": "g14", "life": 86400}}
	for _, tc := range []struct {
		want any
		ok   bool
	}{
		{map[string]any{"name": "a"}, true},
		{map[string]any{"subnets": []string{"10.1.0.0/16", "10.0.0.0/16"}}, true},
		{map[string]any{"ike": map[string]any{"dh": "g14"}}, true},
		{map[string]any{"name": "b"}, false},
		{map[string]any{"subnets": []string{"10.1.0.0/16"}}, false},
		{map[string]any{"subnets": []string{"10.1.0.0/16", "10.1.0.0/16"}}, false},
		{map[string]any{"ike": map[string]any{"life": 3600}}, false},
		{map[string]any{"missing": "x"}, false},
	} {
		if jsonCovers(tc.want, got) != tc.ok {
			t.Errorf("jsonCovers(%v) != %v", tc.want, tc.ok)
		}
	}
}

func TestGeneratedName(t *testing.T) {
	a, b := generatedName("vpngw"), generatedName("vpngw")
	if a == b || !strings.HasPrefix(a, "tf-vpngw-") || len(a) != len("tf-vpngw-")+8 {
		t.Fatalf("%q %q", a, b)
	}
	if err := apispec.CheckName(a); err != nil {
		t.Fatalf("generated name %q is not a valid name: %v", a, err)
	}
}
