package client

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// MaxMarkerPageLimit is the largest page the marker-paged lists (customer
// gateways, VPN connections) accept; the client always asks for it.
const MaxMarkerPageLimit = 200

// MaxOffsetPageLimit is the largest page of the tag filter
// (resource-instances/filter), which pages with limit and offset.
const MaxOffsetPageLimit = 1000

// PageInfo is the paging block of the marker-paged lists. NextMarker is the
// created_at of the last item of the page; CurrentCount is the page's size.
type PageInfo struct {
	NextMarker   string `json:"next_marker,omitempty"`
	CurrentCount int    `json:"current_count,omitempty"`
}

// ErrRepeatedMarker is returned (wrapped) when a server answers with a
// next_marker it has already given, which would otherwise page forever.
var ErrRepeatedMarker = errors.New("server repeated a paging marker")

// markerPageFunc fetches one page with the given query (limit and marker set)
// and returns its items and paging block.
type markerPageFunc[T any] func(ctx context.Context, query url.Values) ([]T, *PageInfo, error)

// listAllByMarker reads every page of a marker-paged list: it asks for
// MaxMarkerPageLimit items, follows page_info.next_marker, and stops at an
// empty page or when there is no next marker. A marker seen before is an
// error wrapping ErrRepeatedMarker, not an endless loop.
func listAllByMarker[T any](ctx context.Context, base url.Values, fetch markerPageFunc[T]) ([]T, error) {
	var all []T
	seen := map[string]bool{}
	marker := ""
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q := cloneValues(base)
		q.Set("limit", strconv.Itoa(MaxMarkerPageLimit))
		if marker != "" {
			q.Set("marker", marker)
		}
		items, info, err := fetch(ctx, q)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(items) == 0 || info == nil || info.NextMarker == "" {
			return all, nil
		}
		if info.NextMarker == marker || seen[info.NextMarker] {
			return nil, fmt.Errorf("listing after %d items: %w: %q", len(all), ErrRepeatedMarker, info.NextMarker)
		}
		seen[info.NextMarker] = true
		marker = info.NextMarker
	}
}

// offsetPageFunc fetches one page with the given query (limit and offset set)
// and returns its items and the total count the server reports.
type offsetPageFunc[T any] func(ctx context.Context, query url.Values) ([]T, int, error)

// listAllByOffset reads every page of a limit/offset list: it stops at an
// empty or short page, or once total items have been read.
func listAllByOffset[T any](ctx context.Context, base url.Values, fetch offsetPageFunc[T]) ([]T, error) {
	var all []T
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q := cloneValues(base)
		q.Set("limit", strconv.Itoa(MaxOffsetPageLimit))
		q.Set("offset", strconv.Itoa(len(all)))
		items, total, err := fetch(ctx, q)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(items) == 0 || len(items) < MaxOffsetPageLimit || len(all) >= total {
			return all, nil
		}
	}
}

// cloneValues copies a query so a page loop never mutates the caller's values.
func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
