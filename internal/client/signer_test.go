package client

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// signerTestRequest builds a request with headers set verbatim (no canonicalisation).
func signerTestRequest(t *testing.T, method, rawURL string, headers [][2]string, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range headers {
		req.Header[h[0]] = append(req.Header[h[0]], h[1])
	}
	return req
}

func TestSign_vectors(t *testing.T) {
	vector3Body := `{"vpn_gateway":{"name":"vpngw-anchor","vpc_id":"11111111-2222-3333-4444-555555555555","local_subnets":["192.168.0.0/24","192.168.1.0/24"],"connect_subnet":"66666666-7777-8888-9999-000000000000","bgp_asn":64512,"flavor":"Professional1"}}` + "\n"
	cases := []struct {
		name, ak, sk, method, url, body string
		headers                         [][2]string
		want                            string
	}{
		{
			name: "1 GET with underscore header", ak: "AccessKey", sk: "SecretKey",
			method: "GET", url: "https://example.com/path?limit=1",
			headers: [][2]string{{"X-Sdk-Date", "20060102T150405Z"}, {"TEST_UNDERSCORE", "TEST_VALUE"}},
			want:    "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
		},
		{
			name: "2 POST with content type", ak: "AccessKey", sk: "SecretKey",
			method: "POST", url: "https://example.com/path?key=value",
			headers: [][2]string{{"X-Sdk-Date", "20060102T150405Z"}, {"TEST_UNDERSCORE", "TEST_VALUE"}, {"Content-Type", "application/json"}},
			body:    `{"Name":"test","Id":1}` + "\n",
			want:    "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
		},
		{
			name: "3 VPN gateway create", ak: "HPUAEXAMPLEAK0000001", sk: "exampleSecretKey0000000000000000000000001",
			method: "POST", url: "https://vpn.cn-north-4.myhuaweicloud.com/v5/0123456789abcdef0123456789abcdef/vpn-gateways",
			headers: [][2]string{
				{"Content-Type", "application/json"},
				{"User-Agent", "huaweicloud-usdk-go/3.0; anchor-test"},
				{"X-Project-Id", "0123456789abcdef0123456789abcdef"},
				{"X-Sdk-Date", "20240315T080910Z"},
			},
			body: vector3Body,
			want: "SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, SignedHeaders=user-agent;x-project-id;x-sdk-date, Signature=e23877712843f4124589bf5a2724465c7999a9f8df75a9a6ebee6396f9450af9",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := signerTestRequest(t, tc.method, tc.url, tc.headers, tc.body)
			// The date header is present, so the clock must not matter.
			if err := Sign(req, []byte(tc.body), tc.ak, tc.sk, time.Unix(0, 0)); err != nil {
				t.Fatal(err)
			}
			if got := req.Header.Get("Authorization"); got != tc.want {
				t.Errorf("Authorization:\n got %s\nwant %s", got, tc.want)
			}
			ak, signed, sig, err := ParseAuthorization(req.Header.Get("Authorization"))
			if err != nil || ak != tc.ak || len(signed) == 0 || len(sig) != 64 {
				t.Errorf("ParseAuthorization = %q %v %q %v", ak, signed, sig, err)
			}
		})
	}
}

func TestSign_setsDateWhenAbsent(t *testing.T) {
	req := signerTestRequest(t, "GET", "https://example.com/v5/p/vpn-gateways", nil, "")
	now := time.Date(2024, 3, 15, 9, 9, 10, 0, time.FixedZone("CET", 3600))
	if err := Sign(req, nil, "ak", "sk", now); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get(HeaderSdkDate); got != "20240315T080910Z" {
		t.Errorf("X-Sdk-Date = %q, want UTC 20240315T080910Z", got)
	}
	canonical := CanonicalRequest(req, nil, []string{"x-sdk-date"})
	want := "SDK-HMAC-SHA256 Access=ak, SignedHeaders=x-sdk-date, Signature=" +
		SignatureHex("sk", StringToSign("20240315T080910Z", canonical))
	if got := req.Header.Get("Authorization"); got != want {
		t.Errorf("Authorization = %q, want %q", got, want)
	}
	bad := signerTestRequest(t, "GET", "https://example.com/", [][2]string{{"X-Sdk-Date", "yesterday"}}, "")
	if err := Sign(bad, nil, "ak", "sk", now); err == nil {
		t.Error("Sign accepted a malformed X-Sdk-Date")
	}
	if err := Sign(req, nil, "", "sk", now); err == nil {
		t.Error("Sign accepted an empty access key")
	}
}

func TestCanonicalQuery_example(t *testing.T) {
	q := url.Values{
		"limit":  {"1"},
		"enable": {"true"},
		"test":   {"一 (&=?!#%.*)"},
		"path":   {"/tmp/123"},
		"multi":  {"3", "1", "2"},
	}
	want := "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29"
	if got := CanonicalQuery(q); got != want {
		t.Errorf("CanonicalQuery:\n got %s\nwant %s", got, want)
	}
	if got := CanonicalQuery(nil); got != "" {
		t.Errorf("empty query gives %q", got)
	}
	// The same query parsed from a URL (as a verifier sees it) gives the same line.
	req := signerTestRequest(t, "GET", "https://h/p?test=%E4%B8%80+%28%26%3D%3F%21%23%25.%2A%29&multi=2&multi=1&multi=3&limit=1&enable=true&path=%2Ftmp%2F123", nil, "")
	if got := CanonicalQuery(req.URL.Query()); got != want {
		t.Errorf("from URL:\n got %s\nwant %s", got, want)
	}
}

func TestEscape_rules(t *testing.T) {
	cases := map[string]string{
		"AZaz09_-~.": "AZaz09_-~.",
		"a b":        "a%20b",
		"+":          "%2B",
		"/":          "%2F",
		"*":          "%2A",
		"\x7f\xff":   "%7F%FF",
		"é":          "%C3%A9",
		"一":          "%E4%B8%80",
		"!'()":       "%21%27%28%29",
	}
	for in, want := range cases {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonicalURI_trailingSlash(t *testing.T) {
	cases := map[string]string{
		"/v5/p/vpn-gateways":   "/v5/p/vpn-gateways/",
		"/v5/p/vpn-gateways/":  "/v5/p/vpn-gateways/",
		"":                     "/",
		"/":                    "/",
		"/v5/p/a b/ü":          "/v5/p/a%20b/%C3%BC/",
		"/v5.1/p/availability": "/v5.1/p/availability/",
	}
	for in, want := range cases {
		if got := CanonicalURI(in); got != want {
			t.Errorf("CanonicalURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSignedHeaders_exclusions(t *testing.T) {
	h := http.Header{}
	h["X-Sdk-Date"] = []string{"20240315T080910Z"}
	h["Content-Type"] = []string{"application/json"}
	h["Content-Type-Extra"] = []string{"x"}
	h["X_Custom"] = []string{"1"}
	h["TEST_UNDERSCORE"] = []string{"v"}
	h["X-Project-Id"] = []string{"p"}
	h["x-security-token"] = []string{"tok"}
	h["Authorization"] = []string{"old"}
	h["Content-Length"] = []string{"12"}
	got := strings.Join(SignedHeaders(h), ";")
	want := "content-length;x-project-id;x-sdk-date;x-security-token"
	if got != want {
		t.Errorf("SignedHeaders = %s, want %s", got, want)
	}
	canon := CanonicalHeaders(http.Header{"X-A": {"  spaced  "}, "X-B": {"2", "1"}}, []string{"x-a", "x-b"})
	if canon != "x-a:spaced\nx-b:1\nx-b:2\n" {
		t.Errorf("CanonicalHeaders = %q", canon)
	}
}

func TestSign_unsignedPayloadAndToken(t *testing.T) {
	headers := [][2]string{
		{"X-Sdk-Date", "20240315T080910Z"},
		{"X-Sdk-Content-Sha256", UnsignedPayload},
		{"X-Security-Token", "temporary-token"},
	}
	req := signerTestRequest(t, "PUT", "https://h/v5/p/vpn-gateways/g", headers, `{"a":1}`)
	if err := Sign(req, []byte(`{"a":1}`), "ak", "sk", time.Now()); err != nil {
		t.Fatal(err)
	}
	_, signed, sig, err := ParseAuthorization(req.Header.Get("Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(signed, ";") != "x-sdk-content-sha256;x-sdk-date;x-security-token" {
		t.Errorf("signed headers = %v", signed)
	}
	canonical := CanonicalRequest(req, []byte("a different body"), signed)
	if !strings.HasSuffix(canonical, "\n"+UnsignedPayload) {
		t.Errorf("canonical request does not end in UNSIGNED-PAYLOAD:\n%s", canonical)
	}
	// With UNSIGNED-PAYLOAD the body does not change the signature.
	if SignatureHex("sk", StringToSign("20240315T080910Z", canonical)) != sig {
		t.Error("signature depends on the body despite UNSIGNED-PAYLOAD")
	}
	// Without it, the body is hashed: the empty body has the well-known hash.
	if got := PayloadHash(http.Header{}, nil); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("empty payload hash = %s", got)
	}
}

func TestParseAuthorization_rejects(t *testing.T) {
	for _, v := range []string{"", "Bearer x", "SDK-HMAC-SHA256 Access=a, Signature=b", "SDK-HMAC-SHA256 garbage"} {
		if _, _, _, err := ParseAuthorization(v); err == nil {
			t.Errorf("ParseAuthorization(%q) accepted", v)
		}
	}
}
