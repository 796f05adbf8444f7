package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Reference 4.1.2.1 response (valid JSON as printed).
const refCreateCustomerGatewayResponse = `{
  "customer_gateway": {
    "id": "03c0aa3d-demo-a8df-va86-9d82473765d4",
    "name": "cgw-2abf",
    "id_type": "ip",
    "id_value": "10.***.***.21",
    "bgp_asn": 65000,
    "ca_certificate": {
        "serial_number": "14257156674311863338",
        "signature_algorithm": "SM3WITHSM2",
        "issuer": "C=CN,O=a0002,CN=XXX",
        "subject": "C=CN,O=a0002,CN=XXXX",
        "expire_time": "2024-05-22T07:34:22Z",
        "is_updatable": true
    },
    "created_at": "2021-12-21T16:49:28.108+08:00",
    "updated_at": "2021-12-21T16:49:28.108+08:00"
},
    "request_id": "7e0383bf-a7fb-461b-a926-baa8a795bf1a"
}`

// Reference 4.1.2.3 response, second item (fqdn, "ca_certificate": null); the
// first item was cut off by the extraction.
const refListCustomerGatewaysResponse = `{
  "customer_gateways": [{
    "id": "312067bb-demo-a8df-va86-09dc941bbffc",
    "name": "cgw-21a3",
    "id_value": "123*****456",
    "ca_certificate": null,
    "created_at": "2022-11-28T06:25:01.937Z",
    "updated_at": "2022-11-28T06:25:01.937Z"
  }],
  "total_count": 2,
  "page_info": {
    "next_marker": "",
    "current_count": 1
  },
  "request_id": "82a108d9-0929-42e9-adb7-e146c04c587c"
}`

func TestCreateCustomerGateway_wireAndResponse(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusCreated, refCreateCustomerGatewayResponse))
	cgw, err := c.CreateCustomerGateway(context.Background(), &CreateCustomerGatewayRequest{
		Name: "cgw-2abf", IDType: "ip", IDValue: "10.1.2.21", BgpAsn: mtPtr(int64(65000)),
		CACertificate: &CACertificateRequest{Content: "PEM"},
		Tags:          []Tag{{Key: "k", Value: ""}},
	})
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("customer-gateways"), nil)
	mtExpectKeys(t, call.Body, "customer_gateway", "customer_gateway.name", "customer_gateway.id_type",
		"customer_gateway.id_value", "customer_gateway.bgp_asn", "customer_gateway.ca_certificate",
		"customer_gateway.ca_certificate.content", "customer_gateway.tags", "customer_gateway.tags[].key",
		"customer_gateway.tags[].value")
	mtEqual(t, "ID", cgw.ID, "03c0aa3d-demo-a8df-va86-9d82473765d4")
	mtEqual(t, "IDValue", cgw.IDValue, "10.***.***.21")
	if cgw.BgpAsn == nil || *cgw.BgpAsn != 65000 {
		t.Errorf("BgpAsn = %v", cgw.BgpAsn)
	}
	ca := cgw.CACertificate
	if ca == nil || ca.IsUpdatable == nil || !*ca.IsUpdatable {
		t.Fatalf("ca_certificate not decoded: %s", mtJSON(cgw))
	}
	mtEqual(t, "CA.SerialNumber", ca.SerialNumber, "14257156674311863338")
	mtEqual(t, "CA.ExpireTime", ca.ExpireTime, "2024-05-22T07:34:22Z")
}

func TestCreateCustomerGateway_minimal(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusCreated, refCreateCustomerGatewayResponse))
	if _, err := c.CreateCustomerGateway(context.Background(), &CreateCustomerGatewayRequest{IDValue: "peer.example.com", IDType: "fqdn"}); err != nil {
		t.Fatal(err)
	}
	mtExpectKeys(t, s.only().Body, "customer_gateway", "customer_gateway.id_type", "customer_gateway.id_value")
}

func TestGetUpdateDeleteCustomerGateway_wire(t *testing.T) {
	c, s := mtNew(t, func(i int, call mtCall) mtReply {
		if call.Method == http.MethodDelete {
			return mtReply{Status: http.StatusNoContent}
		}
		return mtReply{Body: refCreateCustomerGatewayResponse}
	})
	ctx := context.Background()
	if _, err := c.GetCustomerGateway(ctx, "cgw-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateCustomerGateway(ctx, "cgw-1", &UpdateCustomerGatewayRequest{Name: "cgw-f846",
		CACertificate: &CACertificateRequest{ID: "ca-1", Content: "PEM"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteCustomerGateway(ctx, "cgw-1"); err != nil {
		t.Fatal(err)
	}
	calls := s.Calls()
	mtEqual(t, "calls", len(calls), 3)
	mtExpectCall(t, calls[0], http.MethodGet, mtPath("customer-gateways", "cgw-1"), nil)
	mtExpectCall(t, calls[1], http.MethodPut, mtPath("customer-gateways", "cgw-1"), nil)
	mtExpectKeys(t, calls[1].Body, "customer_gateway", "customer_gateway.name", "customer_gateway.ca_certificate",
		"customer_gateway.ca_certificate.id", "customer_gateway.ca_certificate.content")
	mtExpectCall(t, calls[2], http.MethodDelete, mtPath("customer-gateways", "cgw-1"), nil)
}

func TestDeleteCustomerGateway_hasConnection(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusBadRequest, `{"error_code":"VPN.0001","error_msg":"invalid request: customer gateway 575c1722-demo-a8df-va86-dd7f41876332 has connection","request_id":"c923ac44-1890-48d5-a004-5be6432cf361"}`))
	err := c.DeleteCustomerGateway(context.Background(), "575c1722-demo-a8df-va86-dd7f41876332")
	e, ok := AsAPIError(err)
	if !ok || e.Code != CodeInvalidRequest || !strings.Contains(e.Message, "has connection") {
		t.Fatalf("err = %v", err)
	}
	mtEqual(t, "calls", len(s.Calls()), 1)
}

// mtCgwPage is one page of customer gateways named by ids, with next marker.
func mtCgwPage(next string, ids ...string) mtReply {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = fmt.Sprintf(`{"id":%q,"name":"n-%s","id_type":"ip","id_value":"10.0.0.%d","created_at":"t-%s"}`, id, id, i+1, id)
	}
	return mtReply{Body: fmt.Sprintf(`{"customer_gateways":[%s],"total_count":9,"page_info":{"next_marker":%q,"current_count":%d}}`,
		strings.Join(items, ","), next, len(ids))}
}

func TestListCustomerGateways_threePages(t *testing.T) {
	c, s := mtNew(t, mtSeq(
		mtCgwPage("t-b", "a", "b"),
		mtCgwPage("t-d", "c", "d"),
		mtCgwPage("t-e", "e"),
		mtCgwPage("t-e2"), // empty page ends the list even with a marker
	))
	got, err := c.ListCustomerGateways(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, g := range got {
		ids = append(ids, g.ID)
	}
	mtEqual(t, "ids", strings.Join(ids, ","), "a,b,c,d,e")
	calls := s.Calls()
	mtEqual(t, "pages", len(calls), 4)
	wantMarkers := []string{"", "t-b", "t-d", "t-e"}
	for i, call := range calls {
		q := url.Values{"limit": {"200"}}
		if wantMarkers[i] != "" {
			q.Set("marker", wantMarkers[i])
		}
		mtExpectCall(t, call, http.MethodGet, mtPath("customer-gateways"), q)
	}
}

func TestListCustomerGateways_stopsWithoutMarker(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtCgwPage("t-a", "a"), mtReply{Body: refListCustomerGatewaysResponse}, mtCgwPage("x", "never")))
	got, err := c.ListCustomerGateways(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "items", len(got), 2)
	mtEqual(t, "pages", len(s.Calls()), 2)
	if got[1].CACertificate != nil || got[1].BgpAsn != nil {
		t.Errorf("null ca_certificate / absent bgp_asn decoded as %s", mtJSON(got[1]))
	}
	mtEqual(t, "second id", got[1].ID, "312067bb-demo-a8df-va86-09dc941bbffc")
}

func TestListCustomerGateways_repeatedMarker(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtCgwPage("m1", "a"), mtCgwPage("m2", "b"), mtCgwPage("m1", "a")))
	_, err := c.ListCustomerGateways(context.Background())
	if !errors.Is(err, ErrRepeatedMarker) {
		t.Fatalf("err = %v, want ErrRepeatedMarker", err)
	}
	mtEqual(t, "pages", len(s.Calls()), 3)
}

func TestListCustomerGateways_sameMarkerTwice(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, mtCgwPage("stuck", "a").Body))
	_, err := c.ListCustomerGateways(context.Background())
	if !errors.Is(err, ErrRepeatedMarker) {
		t.Fatalf("err = %v, want ErrRepeatedMarker", err)
	}
	mtEqual(t, "pages", len(s.Calls()), 2)
}

func TestListCustomerGateways_errorMidway(t *testing.T) {
	c, _ := mtNew(t, mtSeq(mtCgwPage("m1", "a"), mtReply{Status: http.StatusBadRequest, Body: `{"code":"VPN.0001","message":"bad marker"}`}))
	got, err := c.ListCustomerGateways(context.Background())
	if e, ok := AsAPIError(err); !ok || e.Message != "bad marker" || got != nil {
		t.Fatalf("got %v, %v", got, err)
	}
}
