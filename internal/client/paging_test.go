package client

import (
	"context"
	"errors"
	"net/url"
	"testing"
)

func TestListAllByMarker_keepsBaseQueryAndStops(t *testing.T) {
	base := url.Values{"vgw_id": {"g"}}
	var seen []url.Values
	pages := []struct {
		items []int
		next  string
	}{{[]int{1, 2}, "m1"}, {[]int{3}, ""}}
	got, err := listAllByMarker(context.Background(), base, func(_ context.Context, q url.Values) ([]int, *PageInfo, error) {
		seen = append(seen, q)
		p := pages[len(seen)-1]
		return p.items, &PageInfo{NextMarker: p.next}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "items", mtJSON(got), "[1,2,3]")
	mtEqual(t, "base untouched", mtJSON(base), `{"vgw_id":["g"]}`)
	mtEqual(t, "second query", seen[1].Encode(), "limit=200&marker=m1&vgw_id=g")
}

func TestListAllByMarker_nilPageInfoEnds(t *testing.T) {
	calls := 0
	got, err := listAllByMarker(context.Background(), nil, func(context.Context, url.Values) ([]int, *PageInfo, error) {
		calls++
		return []int{1}, nil, nil
	})
	if err != nil || len(got) != 1 || calls != 1 {
		t.Fatalf("got %v, %v after %d calls", got, err, calls)
	}
}

func TestListAllByMarker_canceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	_, err := listAllByMarker(ctx, nil, func(_ context.Context, q url.Values) ([]int, *PageInfo, error) {
		cancel()
		return []int{1}, &PageInfo{NextMarker: "m" + q.Get("marker")}, nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestListAllByOffset_shortPageEnds(t *testing.T) {
	calls := 0
	got, err := listAllByOffset(context.Background(), nil, func(context.Context, url.Values) ([]int, int, error) {
		calls++
		return []int{1, 2}, 0, nil // no total_count: a short page is the last
	})
	if err != nil || len(got) != 2 || calls != 1 {
		t.Fatalf("got %v, %v after %d calls", got, err, calls)
	}
}
