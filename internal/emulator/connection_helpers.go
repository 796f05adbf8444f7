package emulator

// Helpers shared by the customer gateway, connection, monitor and
// certificate families (owned with those files).

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// cfPageInfo is the PageInfo object of paged lists.
type cfPageInfo struct {
	NextMarker   string `json:"next_marker,omitempty"`
	CurrentCount int    `json:"current_count"`
}

// Paging of customer gateway and connection lists (NOTES.md item 9).
const (
	cfListLimitMax     = 200
	cfListLimitDefault = 200
)

// cfPaging reads limit and marker. The marker is the created_at of the
// last item of the previous page; it must come with limit (reference 4.1.2.3).
func cfPaging(r *request) (limit int, marker time.Time, hasMarker bool, errMsg string) {
	q := r.URL.Query()
	limit = cfListLimitDefault
	ls, hasLimit := q.Get("limit"), q.Has("limit")
	if hasLimit {
		n, err := strconv.Atoi(ls)
		if err != nil || n < 0 || n > cfListLimitMax {
			return 0, time.Time{}, false, fmt.Sprintf("limit must be an integer between 0 and %d, got %q", cfListLimitMax, ls)
		}
		if n > 0 {
			limit = n
		}
	}
	if q.Has("marker") {
		if !hasLimit {
			return 0, time.Time{}, false, "marker must be used together with limit"
		}
		m, err := time.Parse(time.RFC3339Nano, q.Get("marker"))
		if err != nil {
			return 0, time.Time{}, false, fmt.Sprintf("marker must be the created_at of a listed resource, got %q", q.Get("marker"))
		}
		return limit, m, true, ""
	}
	return limit, time.Time{}, false, ""
}

// cfPageItem is what paging needs from a record.
type cfPageItem struct {
	id      string
	created time.Time
}

// cfPage orders items newest first (ties by id), skips those not older than
// the marker and cuts the page. It returns the page's ids and its page_info.
func cfPage(items []cfPageItem, limit int, marker time.Time, hasMarker bool) ([]string, cfPageInfo) {
	sort.Slice(items, func(i, j int) bool {
		if !items[i].created.Equal(items[j].created) {
			return items[i].created.After(items[j].created)
		}
		return items[i].id < items[j].id
	})
	var ids []string
	var last time.Time
	for _, it := range items {
		if hasMarker && !it.created.Before(marker) {
			continue
		}
		if len(ids) == limit {
			break
		}
		ids = append(ids, it.id)
		last = it.created
	}
	pi := cfPageInfo{CurrentCount: len(ids)}
	if len(ids) > 0 {
		pi.NextMarker = timestamp(last)
	}
	return ids, pi
}

// cfCreatedAt returns now (millisecond precision) or, when another record
// of the family already has that time or a later one, 1 ms after the latest,
// so that created_at markers page without ties.
func cfCreatedAt(now time.Time, existing []time.Time) time.Time {
	t := now.UTC().Truncate(time.Millisecond)
	for _, c := range existing {
		if !t.After(c) {
			t = c.Add(time.Millisecond)
		}
	}
	return t
}

// cfIsPending reports whether a status is a transition.
func cfIsPending(status string) bool { return strings.HasPrefix(status, "PENDING_") }

// ---- certificates (PEM / x509) ----

// certInfo is what the service reports about a certificate.
type certInfo struct {
	SerialNumber       string    `json:"serial_number,omitempty"`
	SignatureAlgorithm string    `json:"signature_algorithm,omitempty"`
	Issuer             string    `json:"issuer,omitempty"`
	Subject            string    `json:"subject,omitempty"`
	NotAfter           time.Time `json:"not_after"`
	IsCA               bool      `json:"is_ca"`
	// Opaque is set when the PEM holds a certificate Go cannot parse (SM2):
	// it is accepted, and reported without details.
	Opaque bool `json:"opaque,omitempty"`
	cert   *x509.Certificate
}

// parseCertificatePEM decodes the first CERTIFICATE block of a PEM text.
// Certificates crypto/x509 cannot parse (GM/SM2) are accepted as opaque.
func parseCertificatePEM(text string) (certInfo, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(text)))
	if block == nil || block.Type != "CERTIFICATE" {
		return certInfo{}, fmt.Errorf("must be a PEM-encoded certificate (-----BEGIN CERTIFICATE-----)")
	}
	if c, err := x509.ParseCertificate(block.Bytes); err == nil {
		return certInfo{
			SerialNumber:       c.SerialNumber.String(),
			SignatureAlgorithm: signatureAlgorithmName(c.SignatureAlgorithm),
			Issuer:             distinguishedName(c.RawIssuer),
			Subject:            distinguishedName(c.RawSubject),
			NotAfter:           c.NotAfter.UTC(),
			IsCA:               c.IsCA,
			cert:               c,
		}, nil
	}
	return certInfo{Opaque: true}, nil
}

// parsePrivateKeyPEM decodes a private key (PKCS#8, SEC 1 or PKCS#1). A PEM
// key block Go cannot parse (SM2) is accepted as opaque (nil key, nil error).
func parsePrivateKeyPEM(text string) (crypto.Signer, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(text)))
	if block == nil || !strings.HasSuffix(block.Type, "PRIVATE KEY") {
		return nil, fmt.Errorf("must be a PEM-encoded private key (-----BEGIN ... PRIVATE KEY-----)")
	}
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
	}
	if k, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	return nil, nil
}

// keyMatches reports whether key is the private half of the certificate's
// public key; unknown (opaque) halves match.
func keyMatches(info certInfo, key crypto.Signer) bool {
	if info.cert == nil || key == nil {
		return true
	}
	switch pub := key.Public().(type) {
	case *ecdsa.PublicKey:
		return pub.Equal(info.cert.PublicKey)
	case *rsa.PublicKey:
		return pub.Equal(info.cert.PublicKey)
	case ed25519.PublicKey:
		return pub.Equal(info.cert.PublicKey)
	}
	return true
}

// signatureAlgorithmName names algorithms the way the service does (SM3WITHSM2, SHA256WITHECDSA).
func signatureAlgorithmName(a x509.SignatureAlgorithm) string {
	switch a {
	case x509.SHA256WithRSA:
		return "SHA256WITHRSA"
	case x509.SHA384WithRSA:
		return "SHA384WITHRSA"
	case x509.SHA512WithRSA:
		return "SHA512WITHRSA"
	case x509.SHA1WithRSA:
		return "SHA1WITHRSA"
	case x509.ECDSAWithSHA256:
		return "SHA256WITHECDSA"
	case x509.ECDSAWithSHA384:
		return "SHA384WITHECDSA"
	case x509.ECDSAWithSHA512:
		return "SHA512WITHECDSA"
	case x509.ECDSAWithSHA1:
		return "SHA1WITHECDSA"
	case x509.PureEd25519:
		return "ED25519"
	}
	return strings.ToUpper(strings.ReplaceAll(a.String(), "-", "WITH"))
}

var dnShortNames = map[string]string{
	"2.5.4.6": "C", "2.5.4.8": "ST", "2.5.4.7": "L", "2.5.4.10": "O", "2.5.4.11": "OU",
	"2.5.4.3": "CN", "2.5.4.5": "SERIALNUMBER", "2.5.4.9": "STREET", "2.5.4.17": "POSTALCODE",
	"1.2.840.113549.1.9.1": "EMAILADDRESS",
}

// distinguishedName formats a raw DER name in certificate order, the way the
// reference shows it: "C=CN,ST=Beijing,O=...,CN=...".
func distinguishedName(raw []byte) string {
	var seq pkix.RDNSequence
	if _, err := asn1.Unmarshal(raw, &seq); err != nil {
		return ""
	}
	var parts []string
	for _, rdn := range seq {
		for _, atv := range rdn {
			k := dnShortNames[atv.Type.String()]
			if k == "" {
				k = atv.Type.String()
			}
			parts = append(parts, fmt.Sprintf("%s=%v", k, atv.Value))
		}
	}
	return strings.Join(parts, ",")
}

// certTime formats a certificate validity time (UTC, seconds).
func certTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
