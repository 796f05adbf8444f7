package client

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestParseAPIError_shapes(t *testing.T) {
	cases := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   APIError
	}{
		{
			name: "error_code shape", status: 404,
			body: `{"error_code":"VPN.0004","error_msg":"vpn gateway not found","request_id":"req-body"}`,
			want: APIError{StatusCode: 404, Code: "VPN.0004", Message: "vpn gateway not found", RequestID: "req-body"},
		},
		{
			name: "code shape, id from header", status: 400, header: http.Header{"X-Request-Id": {"req-hdr"}},
			body: `{"code":"VPN.0001","message":"invalid name"}`,
			want: APIError{StatusCode: 400, Code: "VPN.0001", Message: "invalid name", RequestID: "req-hdr"},
		},
		{
			name: "body id wins over header", status: 500, header: http.Header{"X-Request-Id": {"req-hdr"}},
			body: `{"error_code":"VPN.0002","error_msg":"oops","request_id":"req-body"}`,
			want: APIError{StatusCode: 500, Code: "VPN.0002", Message: "oops", RequestID: "req-body"},
		},
		{
			name: "nested IAM shape with numeric code", status: 401,
			body: `{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}`,
			want: APIError{StatusCode: 401, Code: "401", Message: "The request you have made requires authentication."},
		},
		{
			name: "non-JSON body kept", status: 502, header: http.Header{"X-Request-Id": {"r"}},
			body: "<html>Bad Gateway</html>\n",
			want: APIError{StatusCode: 502, Message: "<html>Bad Gateway</html>", RequestID: "r"},
		},
		{
			name: "empty body", status: 503,
			want: APIError{StatusCode: 503, Message: "Service Unavailable"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := ParseAPIError("GET", "/v5/p/vpn-gateways/x", tc.status, tc.header, []byte(tc.body))
			tc.want.Method, tc.want.Path = "GET", "/v5/p/vpn-gateways/x"
			if *got != tc.want {
				t.Errorf("got %+v\nwant %+v", *got, tc.want)
			}
		})
	}
}

func TestAPIError_messageNamesEverything(t *testing.T) {
	e := &APIError{StatusCode: 409, Code: "VPN.0003", Message: "gateway is not ready", RequestID: "rid-7", Method: "PUT", Path: "/v5/p/vpn-gateways/g"}
	msg := e.Error()
	for _, part := range []string{"409", "VPN.0003", "gateway is not ready", "rid-7", "PUT", "/v5/p/vpn-gateways/g"} {
		if !strings.Contains(msg, part) {
			t.Errorf("%q lacks %q", msg, part)
		}
	}
}

func TestErrorHelpers(t *testing.T) {
	mk := func(status int, code, msg string) error {
		// Wrapped, as callers add context.
		return fmt.Errorf("reading gateway: %w", &APIError{StatusCode: status, Code: code, Message: msg})
	}
	cases := []struct {
		err                                error
		notFound, notReady, throttle, auth bool
	}{
		{mk(404, "", ""), true, false, false, false},
		{mk(400, "VPN.0004", "not found"), true, false, false, false},
		{mk(403, "VPN.0003", "the vpn gateway is Not Ready, currently CREATING"), false, true, false, false},
		{mk(400, "VPN.0003", "resource (type=GATEWAY, ID=gw-1) is not\nready, currently CREATING"), false, true, false, false},
		{mk(403, "VPN.0003", "resource (type=GATEWAY, ID=gw-1) is not ready, currently FAULT"), false, false, false, false},
		{mk(403, "VPN.0003", "resource (type=CONNECTION, ID=c-1) is not ready, currently ERROR"), false, false, false, false},
		{mk(403, "VPN.0003", "authentication failed"), false, false, false, true},
		{mk(401, "APIGW.0301", "incorrect IAM authentication information"), false, false, false, true},
		{mk(409, "", "conflict"), false, true, false, false},
		{mk(409, "EIP.7904", "publicip p-1 cannot be disassociated: vpn gateway gw-1 is PENDING_UPDATE"), false, true, false, false},
		{mk(409, "EIP.7904", "publicip p-1 cannot be disassociated: vpn gateway gw-1 is FREEZED"), false, false, false, false},
		{mk(429, "APIGW.0308", "throttled"), false, false, true, false},
		{mk(400, "VPN.0030", "system busy"), false, false, true, false},
		{mk(400, "VPN.0001", "bad"), false, false, false, false},
		{fmt.Errorf("plain"), false, false, false, false},
		{nil, false, false, false, false},
	}
	for i, tc := range cases {
		if got := IsNotFound(tc.err); got != tc.notFound {
			t.Errorf("%d IsNotFound(%v) = %v", i, tc.err, got)
		}
		if got := IsNotReady(tc.err); got != tc.notReady {
			t.Errorf("%d IsNotReady(%v) = %v", i, tc.err, got)
		}
		if got := IsThrottled(tc.err); got != tc.throttle {
			t.Errorf("%d IsThrottled(%v) = %v", i, tc.err, got)
		}
		if got := IsAuth(tc.err); got != tc.auth {
			t.Errorf("%d IsAuth(%v) = %v", i, tc.err, got)
		}
	}
}
