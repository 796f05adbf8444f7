package emulator

// Helpers shared by the customer gateway, connection, monitor and
// certificate families (owned with those files).

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert"
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
	cert               *gmcert.Certificate
}

// parseGMCertificatePEM parses the first CERTIFICATE block of a PEM text,
// which must be a GM certificate (SM2 key, SM3WITHSM2 signature): the
// service takes only GM certificates, for GM gateways (reference 4.1.1.8,
// "必须是国密型非CA证书" / "国密型CA证书") and GM customer gateways' CAs
// (4.1.2.1, "创建国密型对端网关时需上传"), and reports SM3WITHSM2 for them.
func parseGMCertificatePEM(text string) (certInfo, error) {
	c, err := gmcert.ParseCertificate(text)
	if err != nil {
		return certInfo{}, err
	}
	if !gmcert.IsGM(c) {
		return certInfo{}, gmcert.NotGMError(c)
	}
	return certInfo{
		SerialNumber:       c.SerialNumber.String(),
		SignatureAlgorithm: gmcert.Algorithm(c),
		Issuer:             distinguishedName(c.RawIssuer),
		Subject:            distinguishedName(c.RawSubject),
		NotAfter:           c.NotAfter.UTC(),
		IsCA:               c.IsCA,
		cert:               c,
	}, nil
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
