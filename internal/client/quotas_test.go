package client

import (
	"context"
	"net/http"
	"testing"
)

func TestGetQuotas(t *testing.T) {
	// The reference prints no sample; this follows tables 4-162..4-164.
	c, s := mtNew(t, mtAlways(http.StatusOK, `{"quotas":{"resources":[
		{"type":"customer_gateway","quota":100,"used":3},
		{"type":"vpn_connection","quota":500,"used":0},
		{"type":"vpn_gateway","quota":50,"used":2}]},"request_id":"r"}`))
	qs, err := c.GetQuotas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	mtExpectCall(t, s.only(), http.MethodGet, mtPath("vpn", "quotas"), nil)
	mtEqual(t, "count", len(qs), 3)
	mtEqual(t, "first", qs[0], Quota{Type: QuotaTypeCustomerGateway, Quota: 100, Used: 3})
	mtEqual(t, "last", qs[2], Quota{Type: QuotaTypeVPNGateway, Quota: 50, Used: 2})
}

func TestGetQuotas_missing(t *testing.T) {
	c, _ := mtNew(t, mtAlways(http.StatusOK, `{"request_id":"r"}`))
	if _, err := c.GetQuotas(context.Background()); err == nil {
		t.Fatal("no error for a response without quotas")
	}
}
