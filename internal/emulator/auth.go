package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SDK-HMAC-SHA256 verification, rebuilt from shared/api/NOTES.md ("Request signing").

const (
	signAlgorithm  = "SDK-HMAC-SHA256"
	sdkDateFormat  = "20060102T150405Z"
	headerSdkDate  = "X-Sdk-Date"
	headerSdkHash  = "X-Sdk-Content-Sha256"
	maxClockSkew   = 15 * time.Minute
	codeBadSign    = "APIGW.0301"
	codeBadDate    = "APIGW.0303"
	msgBadSign     = "Incorrect IAM authentication information: verify aksk signature fail"
	msgBadAuthHead = "Incorrect IAM authentication information: Authorization header is missing or malformed"
)

// authHeader is a parsed Authorization header.
type authHeader struct {
	AccessKey     string
	SignedHeaders []string
	Signature     string
}

// parseAuthorization parses "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex".
func parseAuthorization(v string) (authHeader, bool) {
	var a authHeader
	rest, ok := strings.CutPrefix(strings.TrimSpace(v), signAlgorithm+" ")
	if !ok {
		return a, false
	}
	var haveSH bool
	for _, part := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, false
		}
		switch k {
		case "Access":
			a.AccessKey = val
		case "SignedHeaders":
			haveSH = true
			if val != "" {
				a.SignedHeaders = strings.Split(val, ";")
			}
		case "Signature":
			a.Signature = val
		default:
			return a, false
		}
	}
	if a.AccessKey == "" || a.Signature == "" || !haveSH {
		return a, false
	}
	return a, true
}

// sdkEscape escapes everything but A-Z a-z 0-9 _ - ~ . as upper-case %XX.
func sdkEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '~' || c == '.' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// canonicalURI escapes each segment of the decoded path and appends a trailing slash.
func canonicalURI(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = sdkEscape(s)
	}
	out := strings.Join(segs, "/")
	if !strings.HasSuffix(out, "/") {
		out += "/"
	}
	return out
}

// canonicalQuery sorts keys and the values of each key, escaping both.
func canonicalQuery(q url.Values) string {
	ks := make([]string, 0, len(q))
	for k := range q {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var parts []string
	for _, k := range ks {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			parts = append(parts, sdkEscape(k)+"="+sdkEscape(v))
		}
	}
	return strings.Join(parts, "&")
}

// headerValue returns the value a signer saw for a (lower-case) header name.
// Go moves Host and Content-Length out of r.Header, so those are rebuilt.
func headerValue(r *http.Request, name string) (string, bool) {
	switch name {
	case "host":
		return r.Host, r.Host != ""
	case "content-length":
		if v := r.Header.Get("Content-Length"); v != "" {
			return v, true
		}
		if r.ContentLength >= 0 {
			return strconv.FormatInt(r.ContentLength, 10), true
		}
		return "", false
	}
	vs := r.Header.Values(name)
	if len(vs) == 0 {
		return "", false
	}
	for i, v := range vs {
		vs[i] = strings.TrimSpace(v)
	}
	return strings.Join(vs, ","), true
}

// canonicalRequest builds the six-line canonical request for the given signed headers.
// It reports false when a signed header is absent from the request.
func canonicalRequest(r *http.Request, body []byte, signed []string) (string, bool) {
	var hdrs strings.Builder
	for _, h := range signed {
		v, ok := headerValue(r, h)
		if !ok {
			return "", false
		}
		hdrs.WriteString(h + ":" + strings.TrimSpace(v) + "\n")
	}
	payload := r.Header.Get(headerSdkHash)
	if payload == "" {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	return strings.Join([]string{
		r.Method,
		canonicalURI(r.URL.Path),
		canonicalQuery(r.URL.Query()),
		hdrs.String(),
		strings.Join(signed, ";"),
		payload,
	}, "\n"), true
}

// signatureFor computes the hex signature of a canonical request.
func signatureFor(secret, date, canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	sts := signAlgorithm + "\n" + date + "\n" + hex.EncodeToString(sum[:])
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(sts))
	return hex.EncodeToString(m.Sum(nil))
}

// signRequest signs r (used by the emulator's own tests and tools): it sets
// X-Sdk-Date (when absent) and Authorization over every header the NOTES.md
// rule selects (no content-type*, nothing with '_').
func signRequest(r *http.Request, body []byte, ak, sk string, now time.Time) {
	if r.Header.Get(headerSdkDate) == "" {
		r.Header.Set(headerSdkDate, now.UTC().Format(sdkDateFormat))
	}
	var signed []string
	for k := range r.Header {
		l := strings.ToLower(k)
		if strings.HasPrefix(l, "content-type") || strings.Contains(l, "_") || l == "authorization" {
			continue
		}
		signed = append(signed, l)
	}
	sort.Strings(signed)
	canon, _ := canonicalRequest(r, body, signed)
	sig := signatureFor(sk, r.Header.Get(headerSdkDate), canon)
	r.Header.Set("Authorization", fmt.Sprintf("%s Access=%s, SignedHeaders=%s, Signature=%s", signAlgorithm, ak, strings.Join(signed, ";"), sig))
}

// verify checks the request's signature and date. It returns status 0 when
// the request is authentic, else the HTTP status, error code and message.
func (e *Emulator) verify(r *http.Request, body []byte) (int, string, string) {
	a, ok := parseAuthorization(r.Header.Get("Authorization"))
	if !ok {
		return http.StatusUnauthorized, codeBadSign, msgBadAuthHead
	}
	date := r.Header.Get(headerSdkDate)
	t, err := time.Parse(sdkDateFormat, date)
	if err != nil {
		return http.StatusUnauthorized, codeBadDate, "Incorrect IAM authentication information: X-Sdk-Date is missing or malformed"
	}
	if skew := e.now().Sub(t); skew > maxClockSkew || skew < -maxClockSkew {
		return http.StatusUnauthorized, codeBadDate, "Incorrect IAM authentication information: the request date is more than 15 minutes off the server time"
	}
	// The date must itself be signed, or it could be replayed with any date.
	signedDate := false
	for i, h := range a.SignedHeaders {
		if h != strings.ToLower(h) || (i > 0 && a.SignedHeaders[i-1] >= h) {
			return http.StatusUnauthorized, codeBadSign, msgBadAuthHead
		}
		if h == "x-sdk-date" {
			signedDate = true
		}
	}
	if !signedDate {
		return http.StatusUnauthorized, codeBadSign, msgBadSign
	}
	if r.Header.Get("X-Security-Token") != "" && !contains(a.SignedHeaders, "x-security-token") {
		return http.StatusUnauthorized, codeBadSign, msgBadSign
	}
	canon, ok := canonicalRequest(r, body, a.SignedHeaders)
	if !ok {
		return http.StatusUnauthorized, codeBadSign, msgBadSign
	}
	want := signatureFor(e.opts.SecretKey, date, canon)
	// Compare both the access key and the signature in constant time.
	akOK := hmac.Equal([]byte(a.AccessKey), []byte(e.opts.AccessKey))
	sigOK := hmac.Equal([]byte(strings.ToLower(a.Signature)), []byte(want))
	if !akOK || !sigOK {
		return http.StatusUnauthorized, codeBadSign, msgBadSign
	}
	return 0, "", ""
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
