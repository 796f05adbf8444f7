// Package apispec holds the VPN v5 API's enumerations, numeric ranges and pure
// value checks, written from shared/api (the reference, NOTES.md and the SDK
// field list). Both the emulator and the provider's plan-time validators read
// it, so the two agree on what the service accepts. It has no dependencies
// beyond the standard library.
//
// Check* functions return nil for a valid value, else an error whose message
// completes a sentence starting with the field name, e.g. "name " + err.Error().
package apispec

import (
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Name rules shared by gateways, customer gateways, connections and EIP bandwidths.
const (
	NameMinLen = 1
	NameMaxLen = 64
)

// Tag rules (VpnResourceTag / ResourceTag).
const (
	TagKeyMinLen   = 1
	TagKeyMaxLen   = 128
	TagValueMaxLen = 255
	// MaxTags is the most tags a resource (or one request) may carry.
	MaxTags = 20
	// MaxTagFilterValues is the most values one filter tag may list.
	MaxTagFilterValues = 20
)

// Tag resource types of the tag APIs (NOTES.md item 8).
const (
	ResourceTypeGateway         = "vpn-gateway"
	ResourceTypeCustomerGateway = "customer-gateway"
	ResourceTypeConnection      = "vpn-connection"
)

// ResourceTypes lists the tag resource types.
var ResourceTypes = []string{ResourceTypeGateway, ResourceTypeCustomerGateway, ResourceTypeConnection}

// MatchKeyResourceName is the only key of a resource-instances "matches" entry.
const MatchKeyResourceName = "resource_name"

// Resource-instances filter paging (query limit/offset).
const (
	FilterLimitMin     = 1
	FilterLimitMax     = 1000
	FilterLimitDefault = 1000
)

// EnterpriseProjectDefault is the id of the default enterprise project.
const EnterpriseProjectDefault = "0"

// uuidRe accepts the reference's 36-character UUID shape. It allows any
// alphanumerics, not only hex, because the reference's own examples use ids
// such as "cb4a631d-demo-a8df-va86-ca3fa348c36c" and the service takes them.
var uuidRe = regexp.MustCompile(`^[0-9A-Za-z]{8}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{12}$`)

// CheckUUID checks the reference's "36位UUID" constraint.
func CheckUUID(s string) error {
	if !uuidRe.MatchString(s) {
		return fmt.Errorf("must be a 36-character UUID, got %q", s)
	}
	return nil
}

// CheckEnterpriseProjectID accepts a UUID or "0".
func CheckEnterpriseProjectID(s string) error {
	if s == EnterpriseProjectDefault || uuidRe.MatchString(s) {
		return nil
	}
	return fmt.Errorf("must be a 36-character UUID or \"0\", got %q", s)
}

// isNameRune reports whether r may appear in a resource name: digits, ASCII
// letters, Chinese (\u4e00-\u9fa5), '_', '-' and '.'.
func isNameRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r >= 0x4e00 && r <= 0x9fa5 || r == '_' || r == '-' || r == '.'
}

// CheckName checks a resource name: 1-64 characters of digits, letters,
// Chinese, '_', '-' and '.'.
func CheckName(s string) error {
	n := utf8.RuneCountInString(s)
	if n < NameMinLen || n > NameMaxLen {
		return fmt.Errorf("must be %d-%d characters long, got %d", NameMinLen, NameMaxLen, n)
	}
	for _, r := range s {
		if !isNameRune(r) {
			return fmt.Errorf("contains %q; only digits, letters, Chinese characters, '_', '-' and '.' are allowed", r)
		}
	}
	return nil
}

// isTagRune reports whether r may appear in a tag key or value: digits,
// letters (ASCII, Chinese, and the accented letters of Spanish and
// Portuguese), space, and _ . : = + - @.
func isTagRune(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return true
	case r >= 0x4e00 && r <= 0x9fa5:
		return true
	case r >= 0xC0 && r <= 0xFF && r != 0xD7 && r != 0xF7: // Latin-1 letters: á é í ó ú ñ ç ã õ ...
		return true
	case strings.ContainsRune(" _.:=+-@", r):
		return true
	}
	return false
}

// CheckTagKey checks a tag key: 1-128 allowed characters.
func CheckTagKey(s string) error {
	n := utf8.RuneCountInString(s)
	if n < TagKeyMinLen || n > TagKeyMaxLen {
		return fmt.Errorf("must be %d-%d characters long, got %d", TagKeyMinLen, TagKeyMaxLen, n)
	}
	return checkTagRunes(s)
}

// CheckTagValue checks a tag value: 0-255 allowed characters.
func CheckTagValue(s string) error {
	if n := utf8.RuneCountInString(s); n > TagValueMaxLen {
		return fmt.Errorf("must be at most %d characters long, got %d", TagValueMaxLen, n)
	}
	return checkTagRunes(s)
}

func checkTagRunes(s string) error {
	for _, r := range s {
		if !isTagRune(r) {
			return fmt.Errorf("contains %q; only digits, letters, spaces and _ . : = + - @ are allowed", r)
		}
	}
	return nil
}

// CheckOneOf checks that s is one of allowed (case-sensitive).
func CheckOneOf(s string, allowed []string) error {
	if slices.Contains(allowed, s) {
		return nil
	}
	return fmt.Errorf("must be one of %s, got %q", strings.Join(allowed, ", "), s)
}

// CheckRange checks lo <= v <= hi.
func CheckRange(v, lo, hi int64) error {
	if v < lo || v > hi {
		return fmt.Errorf("must be between %d and %d, got %d", lo, hi, v)
	}
	return nil
}

// CheckIPv4CIDR checks an IPv4 network in CIDR notation whose address is the
// network address (192.168.52.0/24, not 192.168.52.1/24).
func CheckIPv4CIDR(s string) error {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return fmt.Errorf("must be an IPv4 CIDR such as 192.168.52.0/24, got %q", s)
	}
	if p.Masked() != p {
		return fmt.Errorf("must be a network address: %q is not, %q is", s, p.Masked().String())
	}
	return nil
}

// CheckIPv6CIDR checks an IPv6 network in CIDR notation (network address).
func CheckIPv6CIDR(s string) error {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is6() || p.Addr().Is4In6() {
		return fmt.Errorf("must be an IPv6 CIDR such as 2001:db8::/64, got %q", s)
	}
	if p.Masked() != p {
		return fmt.Errorf("must be a network address: %q is not, %q is", s, p.Masked().String())
	}
	return nil
}

// CheckIPv4 checks a dotted-quad IPv4 address.
func CheckIPv4(s string) error {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return fmt.Errorf("must be an IPv4 address, got %q", s)
	}
	return nil
}

// CheckCIDRList checks a list of IPv4 CIDRs: 1..maxEntries entries, each valid, no duplicates.
func CheckCIDRList(list []string, maxEntries int) error {
	if len(list) == 0 {
		return errors.New("must not be empty")
	}
	if len(list) > maxEntries {
		return fmt.Errorf("must have at most %d entries, got %d", maxEntries, len(list))
	}
	seen := map[string]bool{}
	for _, s := range list {
		if err := CheckIPv4CIDR(s); err != nil {
			return err
		}
		if seen[s] {
			return fmt.Errorf("lists %q twice", s)
		}
		seen[s] = true
	}
	return nil
}
