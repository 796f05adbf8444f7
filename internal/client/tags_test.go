package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestCreateResourceTags_wire(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusNoContent, ""))
	err := c.CreateResourceTags(context.Background(), ResourceTypeVPNGateway, "g-1",
		[]Tag{{Key: "key1", Value: "value1"}, {Key: "empty", Value: ""}})
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("vpn-gateway", "g-1", "tags", "create"), nil)
	mtExpectKeys(t, call.Body, "tags", "tags[].key", "tags[].value")
	mtEqual(t, "body", string(call.Raw), `{"tags":[{"key":"key1","value":"value1"},{"key":"empty","value":""}]}`)
}

func TestDeleteResourceTags_wire(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusNoContent, ""))
	err := c.DeleteResourceTags(context.Background(), ResourceTypeCustomerGateway, "cgw-1",
		[]Tag{{Key: "key1", Value: "value1"}, {Key: "byKey"}})
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("customer-gateway", "cgw-1", "tags", "delete"), nil)
	mtEqual(t, "body", string(call.Raw), `{"tags":[{"key":"key1","value":"value1"},{"key":"byKey"}]}`)
}

func TestGetResourceTags(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, `{"tags":[{"key":"key1","value":"value1"},{"key":"key2","value":""}]}`))
	tags, err := c.GetResourceTags(context.Background(), ResourceTypeVPNConnection, "conn-1")
	if err != nil {
		t.Fatal(err)
	}
	mtExpectCall(t, s.only(), http.MethodGet, mtPath("vpn-connection", "conn-1", "tags"), nil)
	mtEqual(t, "tags", mtJSON(tags), `[{"key":"key1","value":"value1"},{"key":"key2","value":""}]`)
}

func TestListProjectTags(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, `{"tags":[{"key":"env","values":["dev","prod"]},{"key":"team","values":[]}]}`))
	tags, err := c.ListProjectTags(context.Background(), ResourceTypeVPNGateway)
	if err != nil {
		t.Fatal(err)
	}
	mtExpectCall(t, s.only(), http.MethodGet, mtPath("vpn-gateway", "tags"), nil)
	mtEqual(t, "count", len(tags), 2)
	mtEqual(t, "env values", strings.Join(tags[0].Values, ","), "dev,prod")
	mtEqual(t, "team key", tags[1].Key, "team")
}

// Reference 4.2.2.1 response (valid JSON as printed).
const refFilterResponse = `{
    "resources": [{
        "resource_id": "134f9fb1-demo-a8df-va86-2040a5c13325",
        "resource_name": "resouece1",
        "tags": [{
            "key": "key1",
            "value": "value1"
        }]
    }],
    "total_count": 1
}`

func TestFilterResourceInstances_wireAndSample(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refFilterResponse))
	got, err := c.FilterResourceInstances(context.Background(), ResourceTypeVPNGateway, &ResourceInstancesFilter{
		WithoutAnyTag: mtPtr(false),
		Tags:          []ProjectTag{{Key: "key1", Values: []string{"value1", "value2"}}, {Key: "key2"}},
		Matches:       []Match{{Key: "resource_name", Value: "resource1"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("vpn-gateway", "resource-instances", "filter"),
		url.Values{"limit": {"1000"}, "offset": {"0"}})
	mtExpectKeys(t, call.Body, "without_any_tag", "tags", "tags[].key", "tags[].values", "matches", "matches[].key", "matches[].value")
	// without_any_tag is a boolean (NOTES.md item 8); a nil Values is sent as [] (any value).
	mtEqual(t, "body", string(call.Raw),
		`{"without_any_tag":false,"tags":[{"key":"key1","values":["value1","value2"]},{"key":"key2","values":[]}],"matches":[{"key":"resource_name","value":"resource1"}]}`)
	mtEqual(t, "count", len(got), 1)
	mtEqual(t, "id", got[0].ResourceID, "134f9fb1-demo-a8df-va86-2040a5c13325")
	mtEqual(t, "name", got[0].ResourceName, "resouece1")
	mtEqual(t, "tags", mtJSON(got[0].Tags), `[{"key":"key1","value":"value1"}]`)
}

func TestFilterResourceInstances_nilFilter(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, `{"resources":[],"total_count":0}`))
	if _, err := c.FilterResourceInstances(context.Background(), ResourceTypeVPNConnection, nil); err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "body", string(s.only().Raw), `{}`)
}

func TestFilterResourceInstances_pagesByOffset(t *testing.T) {
	const total = 2*MaxOffsetPageLimit + 5
	c, s := mtNew(t, func(_ int, call mtCall) mtReply {
		off, _ := strconv.Atoi(call.Query.Get("offset"))
		lim, _ := strconv.Atoi(call.Query.Get("limit"))
		var items []string
		for i := off; i < min(off+lim, total); i++ {
			items = append(items, fmt.Sprintf(`{"resource_id":"r%d","tags":[]}`, i))
		}
		return mtReply{Body: fmt.Sprintf(`{"resources":[%s],"total_count":%d}`, strings.Join(items, ","), total)}
	})
	got, err := c.FilterResourceInstances(context.Background(), ResourceTypeVPNGateway, &ResourceInstancesFilter{WithoutAnyTag: mtPtr(true)})
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "items", len(got), total)
	mtEqual(t, "last", got[total-1].ResourceID, fmt.Sprintf("r%d", total-1))
	calls := s.Calls()
	mtEqual(t, "pages", len(calls), 3)
	for i, call := range calls {
		mtEqual(t, "offset", call.Query.Get("offset"), strconv.Itoa(i*MaxOffsetPageLimit))
		mtEqual(t, "body", string(call.Raw), `{"without_any_tag":true}`)
	}
}

func TestCountResourceInstances(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, `{"total_count": 1000}`))
	n, err := c.CountResourceInstances(context.Background(), ResourceTypeCustomerGateway,
		&ResourceInstancesFilter{Matches: []Match{{Key: "resource_name", Value: "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "count", n, 1000)
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("customer-gateway", "resource-instances", "count"), nil)
	mtExpectKeys(t, call.Body, "matches", "matches[].key", "matches[].value")
}

func TestCountResourceInstances_missing(t *testing.T) {
	c, _ := mtNew(t, mtAlways(http.StatusOK, `{}`))
	if _, err := c.CountResourceInstances(context.Background(), ResourceTypeVPNGateway, nil); err == nil {
		t.Fatal("no error for a response without total_count")
	}
}
