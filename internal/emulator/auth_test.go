package emulator

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

type authVector struct {
	name, ak, sk, method, target, date, body, auth string
	headers                                        map[string]string
}

// The three public vectors of NOTES.md.
var authVectors = []authVector{
	{
		name: "sdk GET", ak: "AccessKey", sk: "SecretKey", method: "GET", target: "/path?limit=1",
		date:    "20060102T150405Z",
		headers: map[string]string{"X-Sdk-Date": "20060102T150405Z", "TEST_UNDERSCORE": "TEST_VALUE"},
		auth:    "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
	},
	{
		name: "sdk POST", ak: "AccessKey", sk: "SecretKey", method: "POST", target: "/path?key=value",
		date:    "20060102T150405Z",
		headers: map[string]string{"X-Sdk-Date": "20060102T150405Z", "TEST_UNDERSCORE": "TEST_VALUE", "Content-Type": "application/json"},
		body:    "{\"Name\":\"test\",\"Id\":1}\n",
		auth:    "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
	},
	{
		name: "anchor", ak: "HPUAEXAMPLEAK0000001", sk: "exampleSecretKey0000000000000000000000001", method: "POST",
		target: "/v5/0123456789abcdef0123456789abcdef/vpn-gateways", date: "20240315T080910Z",
		headers: map[string]string{
			"Content-Type": "application/json", "User-Agent": "huaweicloud-usdk-go/3.0; anchor-test",
			"X-Project-Id": "0123456789abcdef0123456789abcdef", "X-Sdk-Date": "20240315T080910Z",
		},
		body: `{"vpn_gateway":{"name":"vpngw-anchor","vpc_id":"11111111-2222-3333-4444-555555555555","local_subnets":["192.168.0.0/24","192.168.1.0/24"],"connect_subnet":"66666666-7777-8888-9999-000000000000","bgp_asn":64512,"flavor":"Professional1"}}` + "\n",
		auth: "SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, SignedHeaders=user-agent;x-project-id;x-sdk-date, Signature=e23877712843f4124589bf5a2724465c7999a9f8df75a9a6ebee6396f9450af9",
	},
}

func (v authVector) request() *http.Request {
	r := httptest.NewRequest(v.method, "http://vpn.example.com"+v.target, strings.NewReader(v.body))
	for k, val := range v.headers {
		r.Header[k] = []string{val} // keep the exact name, as a raw client would
	}
	r.Header.Set("Authorization", v.auth)
	return r
}

func (v authVector) emulator(t *testing.T, skew time.Duration) *Emulator {
	t.Helper()
	at, err := time.Parse(sdkDateFormat, v.date)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(Options{AccessKey: v.ak, SecretKey: v.sk, Now: func() time.Time { return at.Add(skew) }})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestVerify_vectors(t *testing.T) {
	for _, v := range authVectors {
		t.Run(v.name, func(t *testing.T) {
			e := v.emulator(t, 0)
			if st, code, msg := e.verify(v.request(), []byte(v.body)); st != 0 {
				t.Fatalf("vector rejected: %d %s %s", st, code, msg)
			}
			// Our own signer produces the same Authorization for the same signed headers.
			r := v.request()
			r.Header.Del("Authorization")
			delete(r.Header, "User-Agent")
			delete(r.Header, "X-Project-Id")
			if v.name == "anchor" {
				r.Header.Set("User-Agent", v.headers["User-Agent"])
				r.Header.Set("X-Project-Id", v.headers["X-Project-Id"])
			}
			signRequest(r, []byte(v.body), v.ak, v.sk, time.Time{})
			if got := r.Header.Get("Authorization"); got != v.auth {
				t.Fatalf("signRequest:\n got %s\nwant %s", got, v.auth)
			}
		})
	}
}

func TestVerify_tampering(t *testing.T) {
	v := authVectors[2]
	tamper := []struct {
		name string
		mod  func(r *http.Request, body *string)
		code string
	}{
		{"signed header user-agent", func(r *http.Request, _ *string) { r.Header.Set("User-Agent", "other") }, codeBadSign},
		{"signed header x-project-id", func(r *http.Request, _ *string) { r.Header.Set("X-Project-Id", "ffff") }, codeBadSign},
		{"signed header removed", func(r *http.Request, _ *string) { r.Header.Del("User-Agent") }, codeBadSign},
		{"date within window but changed", func(r *http.Request, _ *string) { r.Header.Set("X-Sdk-Date", "20240315T080911Z") }, codeBadSign},
		{"body", func(_ *http.Request, b *string) { *b = strings.Replace(*b, "64512", "64513", 1) }, codeBadSign},
		{"query", func(r *http.Request, _ *string) { r.URL.RawQuery = "limit=1" }, codeBadSign},
		{"path", func(r *http.Request, _ *string) { r.URL.Path += "/x" }, codeBadSign},
		{"method", func(r *http.Request, _ *string) { r.Method = "PUT" }, codeBadSign},
		{"signature", func(r *http.Request, _ *string) {
			r.Header.Set("Authorization", strings.Replace(v.auth, "Signature=e", "Signature=f", 1))
		}, codeBadSign},
		{"access key", func(r *http.Request, _ *string) {
			r.Header.Set("Authorization", strings.Replace(v.auth, "HPUAEXAMPLEAK0000001", "HPUAEXAMPLEAK0000002", 1))
		}, codeBadSign},
		{"signed header list shortened", func(r *http.Request, _ *string) {
			r.Header.Set("Authorization", strings.Replace(v.auth, "user-agent;", "", 1))
		}, codeBadSign},
		{"missing authorization", func(r *http.Request, _ *string) { r.Header.Del("Authorization") }, codeBadSign},
		{"malformed authorization", func(r *http.Request, _ *string) { r.Header.Set("Authorization", "Bearer abc") }, codeBadSign},
		{"missing date", func(r *http.Request, _ *string) { delete(r.Header, "X-Sdk-Date") }, codeBadDate},
		{"unsigned security token", func(r *http.Request, _ *string) { r.Header.Set("X-Security-Token", "tok") }, codeBadSign},
		{"payload hash header", func(r *http.Request, _ *string) { r.Header.Set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD") }, codeBadSign},
	}
	for _, tc := range tamper {
		t.Run(tc.name, func(t *testing.T) {
			e := v.emulator(t, 0)
			r := v.request()
			body := v.body
			tc.mod(r, &body)
			st, code, _ := e.verify(r, []byte(body))
			if st != http.StatusUnauthorized || code != tc.code {
				t.Fatalf("got %d %s, want 401 %s", st, code, tc.code)
			}
		})
	}
	t.Run("unsigned extra header is fine", func(t *testing.T) {
		e := v.emulator(t, 0)
		r := v.request()
		r.Header.Set("X-Extra", "whatever")
		r.Host = "elsewhere.example.com" // unsigned Host
		if st, code, msg := e.verify(r, []byte(v.body)); st != 0 {
			t.Fatalf("rejected: %d %s %s", st, code, msg)
		}
	})
}

func TestVerify_clockSkew(t *testing.T) {
	v := authVectors[0]
	for _, tc := range []struct {
		skew time.Duration
		ok   bool
	}{
		{14 * time.Minute, true}, {-14 * time.Minute, true},
		{16 * time.Minute, false}, {-16 * time.Minute, false},
	} {
		e := v.emulator(t, tc.skew)
		st, code, _ := e.verify(v.request(), nil)
		if tc.ok && st != 0 {
			t.Errorf("skew %v rejected: %d %s", tc.skew, st, code)
		}
		if !tc.ok && (st != http.StatusUnauthorized || code != codeBadDate) {
			t.Errorf("skew %v: got %d %s, want 401 %s", tc.skew, st, code, codeBadDate)
		}
	}
}

func TestVerify_features(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	t.Run("security token signed", func(t *testing.T) {
		req := newSignedRequest(t, srv, e, "GET", projectPath(e, "/vpn/quotas"), nil, func(r *http.Request) {
			r.Header.Set("X-Security-Token", "temporary-token")
		})
		st, body := doRequest(t, req)
		mustStatus(t, st, http.StatusOK, body)
	})
	t.Run("unsigned payload", func(t *testing.T) {
		req := newSignedRequest(t, srv, e, "GET", projectPath(e, "/vpn/quotas"), nil, func(r *http.Request) {
			r.Header.Set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
		})
		st, body := doRequest(t, req)
		mustStatus(t, st, http.StatusOK, body)
	})
	t.Run("query with escapes", func(t *testing.T) {
		q := url.Values{"enterprise_project_id": {"0"}, "x": {"一 (&=?!#%.*)"}, "m": {"3", "1"}}
		st, body := signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateways?"+q.Encode()), nil)
		mustStatus(t, st, http.StatusOK, body)
	})
	t.Run("unsigned request", func(t *testing.T) {
		req, _ := http.NewRequest("GET", srv.URL+projectPath(e, "/vpn-gateways"), nil)
		st, body := doRequest(t, req)
		mustStatus(t, st, http.StatusUnauthorized, body)
		if body["error_code"] != codeBadSign {
			t.Fatalf("error_code %v", body["error_code"])
		}
	})
	t.Run("wrong project", func(t *testing.T) {
		st, body := signedDo(t, srv, e, "GET", "/v5/ffffffffffffffffffffffffffffffff/vpn-gateways", nil)
		mustStatus(t, st, http.StatusForbidden, body)
	})
}

func TestCanonicalQuery_notesExample(t *testing.T) {
	q := url.Values{"limit": {"1"}, "enable": {"true"}, "test": {"一 (&=?!#%.*)"}, "path": {"/tmp/123"}, "multi": {"3", "1", "2"}}
	want := "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29"
	if got := canonicalQuery(q); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if got := canonicalURI("/v5/p/vpn-gateways"); got != "/v5/p/vpn-gateways/" {
		t.Fatalf("canonicalURI: %s", got)
	}
}
