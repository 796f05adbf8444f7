package client

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Names and formats of the SDK-HMAC-SHA256 (AK/SK) signing scheme.
const (
	// SignAlgorithm is the algorithm name in the Authorization header and the string to sign.
	SignAlgorithm = "SDK-HMAC-SHA256"
	// HeaderSdkDate carries the signing time in SdkDateFormat (UTC).
	HeaderSdkDate = "X-Sdk-Date"
	// HeaderContentSha256, when present, replaces the payload hash in the canonical request.
	HeaderContentSha256 = "X-Sdk-Content-Sha256"
	// HeaderProjectID names the project of a VPN call.
	HeaderProjectID = "X-Project-Id"
	// HeaderSecurityToken carries the token of temporary credentials (signed).
	HeaderSecurityToken = "X-Security-Token"
	// SdkDateFormat is the layout of HeaderSdkDate.
	SdkDateFormat = "20060102T150405Z"
	// UnsignedPayload is the HeaderContentSha256 value that leaves the body unsigned.
	UnsignedPayload = "UNSIGNED-PAYLOAD"
)

// Sign signs req with SDK-HMAC-SHA256: it sets X-Sdk-Date from now (UTC)
// unless the request already has one, then sets the Authorization header.
// body must be the exact bytes that will be sent (nil for none). Every
// header present on req when Sign runs is signed, except Content-Type and
// names containing "_", so set all headers (X-Project-Id, User-Agent,
// X-Security-Token, ...) before calling Sign.
func Sign(req *http.Request, body []byte, accessKey, secretKey string, now time.Time) error {
	if accessKey == "" || secretKey == "" {
		return errors.New("sign request: access key and secret key are required")
	}
	if req.Header == nil {
		req.Header = http.Header{}
	}
	req.Header.Del("Authorization")
	date := req.Header.Get(HeaderSdkDate)
	if date == "" {
		date = now.UTC().Format(SdkDateFormat)
		req.Header.Set(HeaderSdkDate, date)
	} else if _, err := time.Parse(SdkDateFormat, date); err != nil {
		return fmt.Errorf("sign request: invalid %s %q: want %s", HeaderSdkDate, date, SdkDateFormat)
	}
	signed := SignedHeaders(req.Header)
	canonical := CanonicalRequest(req, body, signed)
	signature := SignatureHex(secretKey, StringToSign(date, canonical))
	req.Header.Set("Authorization", AuthorizationHeader(accessKey, signed, signature))
	return nil
}

// SignedHeaders lists the header names to sign: every header in h except
// Authorization and those whose lower-case name starts with "content-type"
// or contains "_"; lower-cased, de-duplicated and sorted.
func SignedHeaders(h http.Header) []string {
	seen := map[string]bool{}
	var out []string
	for name := range h {
		lower := strings.ToLower(name)
		if strings.HasPrefix(lower, "content-type") || strings.Contains(lower, "_") || lower == "authorization" || seen[lower] {
			continue
		}
		seen[lower] = true
		out = append(out, lower)
	}
	sort.Strings(out)
	return out
}

// CanonicalRequest builds the six-line canonical request of req for the
// given signed header names (lower-case, in the order they are listed in
// the Authorization header). A verifier passes the list from the request.
func CanonicalRequest(req *http.Request, body []byte, signedHeaders []string) string {
	return strings.Join([]string{
		req.Method,
		CanonicalURI(req.URL.Path),
		CanonicalQuery(req.URL.Query()),
		CanonicalHeaders(req.Header, signedHeaders),
		strings.Join(signedHeaders, ";"),
		PayloadHash(req.Header, body),
	}, "\n")
}

// CanonicalURI escapes each segment of the decoded path and makes sure the
// result ends in "/": "/v5/p/vpn-gateways" -> "/v5/p/vpn-gateways/".
func CanonicalURI(decodedPath string) string {
	segments := strings.Split(decodedPath, "/")
	for i, s := range segments {
		segments[i] = Escape(s)
	}
	uri := strings.Join(segments, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

// CanonicalQuery sorts keys, sorts the values of each key, and joins
// escape(key)=escape(value) pairs with "&". No query gives "".
func CanonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pairs []string
	for _, k := range keys {
		values := append([]string(nil), q[k]...)
		sort.Strings(values)
		for _, v := range values {
			pairs = append(pairs, Escape(k)+"="+Escape(v))
		}
	}
	return strings.Join(pairs, "&")
}

// CanonicalHeaders writes "name:trimmed value\n" for each signed header
// name (a header with several values gives one line per value, sorted).
// Header names in h are matched case-insensitively.
func CanonicalHeaders(h http.Header, signedHeaders []string) string {
	byLower := map[string][]string{}
	for name, values := range h {
		lower := strings.ToLower(name)
		byLower[lower] = append(byLower[lower], values...)
	}
	var b strings.Builder
	for _, name := range signedHeaders {
		values := append([]string(nil), byLower[name]...)
		sort.Strings(values)
		if len(values) == 0 {
			values = []string{""}
		}
		for _, v := range values {
			b.WriteString(name)
			b.WriteByte(':')
			b.WriteString(strings.TrimSpace(v))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// PayloadHash is the value of X-Sdk-Content-Sha256 when that header is
// present (e.g. UNSIGNED-PAYLOAD), else the lower-case hex SHA-256 of body.
func PayloadHash(h http.Header, body []byte) string {
	if v := h.Get(HeaderContentSha256); v != "" {
		return v
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// StringToSign is "SDK-HMAC-SHA256\n{sdkDate}\n{hex(sha256(canonicalRequest))}".
func StringToSign(sdkDate, canonicalRequest string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	return SignAlgorithm + "\n" + sdkDate + "\n" + hex.EncodeToString(sum[:])
}

// SignatureHex is hex(HMAC-SHA256(key = secretKey, data = stringToSign)).
func SignatureHex(secretKey, stringToSign string) string {
	m := hmac.New(sha256.New, []byte(secretKey))
	m.Write([]byte(stringToSign))
	return hex.EncodeToString(m.Sum(nil))
}

// AuthorizationHeader formats the Authorization header value.
func AuthorizationHeader(accessKey string, signedHeaders []string, signature string) string {
	return fmt.Sprintf("%s Access=%s, SignedHeaders=%s, Signature=%s",
		SignAlgorithm, accessKey, strings.Join(signedHeaders, ";"), signature)
}

// ParseAuthorization splits an Authorization header produced by
// AuthorizationHeader into its access key, signed header list and signature.
func ParseAuthorization(value string) (accessKey string, signedHeaders []string, signature string, err error) {
	rest, ok := strings.CutPrefix(value, SignAlgorithm+" ")
	if !ok {
		return "", nil, "", fmt.Errorf("authorization header does not start with %q", SignAlgorithm)
	}
	var haveSigned bool
	for _, part := range strings.Split(rest, ",") {
		k, v, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found {
			return "", nil, "", fmt.Errorf("malformed authorization header part %q", part)
		}
		switch k {
		case "Access":
			accessKey = v
		case "SignedHeaders":
			haveSigned = true
			if v != "" {
				signedHeaders = strings.Split(v, ";")
			}
		case "Signature":
			signature = v
		}
	}
	if accessKey == "" || !haveSigned || signature == "" {
		return "", nil, "", errors.New("authorization header lacks Access, SignedHeaders or Signature")
	}
	return accessKey, signedHeaders, signature, nil
}

// Escape percent-encodes every byte of s except A-Z a-z 0-9 _ - ~ . using
// upper-case hex (a space becomes %20; UTF-8 is encoded byte by byte).
func Escape(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if sigIsUnreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// sigIsUnreserved reports whether c is left as is by Escape.
func sigIsUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == '-' || c == '~' || c == '.'
}
