package apispec

// Enumerations, ranges, defaults and pure value checks for VPN connections,
// customer gateways, connection monitors and GM gateway certificates
// (reference sections 4.1.1.8-10, 4.1.2, 4.1.3, 4.1.4 and NOTES.md).
// The emulator validates requests with these functions and the provider's
// plan-time validators read the same values, so the two cannot drift apart.
// Check functions return an error whose text completes a sentence that starts
// with the field name, e.g. "psk " + err.Error().

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"unicode/utf8"
)

// Connection styles as sent in requests (lower case). Responses use the upper-case form.
const (
	ConnectionStyleStatic         = "static"
	ConnectionStylePolicy         = "policy"
	ConnectionStyleBGP            = "bgp"
	ConnectionStylePolicyTemplate = "policy-template"
)

// ConnectionStyles are the request values of a connection's style.
var ConnectionStyles = []string{ConnectionStyleStatic, ConnectionStylePolicy, ConnectionStyleBGP, ConnectionStylePolicyTemplate}

// Connection statuses (reference 4.1.3.2).
const (
	ConnectionStatusPendingCreate = "PENDING_CREATE"
	ConnectionStatusPendingUpdate = "PENDING_UPDATE"
	ConnectionStatusPendingDelete = "PENDING_DELETE"
	ConnectionStatusActive        = "ACTIVE"
	ConnectionStatusDown          = "DOWN"
	ConnectionStatusError         = "ERROR"
	ConnectionStatusFreezed       = "FREEZED"
	ConnectionStatusUnknown       = "UNKNOWN"
)

// ConnectionStatuses lists every connection status.
var ConnectionStatuses = []string{
	ConnectionStatusPendingCreate, ConnectionStatusPendingUpdate, ConnectionStatusPendingDelete,
	ConnectionStatusActive, ConnectionStatusDown, ConnectionStatusError, ConnectionStatusFreezed, ConnectionStatusUnknown,
}

// Connection monitor statuses (reference 4.1.4.2).
const (
	MonitorStatusPendingCreate = "PENDING_CREATE"
	MonitorStatusActive        = "ACTIVE"
	MonitorStatusPendingDelete = "PENDING_DELETE"
)

// Gateway certificate statuses (reference 4.1.1.9).
const (
	CertificateStatusBinding = "BINDING"
	CertificateStatusBound   = "BOUND"
	CertificateStatusFault   = "FAULT"
)

// CertificateStatuses lists every gateway certificate status.
var CertificateStatuses = []string{CertificateStatusBinding, CertificateStatusBound, CertificateStatusFault}

// Enumeration values of connections and customer gateways.
const (
	IKEVersion1  = "v1"
	IKEVersion2  = "v2"
	IDTypeIP     = "ip"
	IDTypeFQDN   = "fqdn"
	HARoleMaster = "master"
	HARoleSlave  = "slave"
)

// Enumerations of IKE and IPsec policies. The *GM lists apply to gateways of
// flavor GM, the others to every other flavor.
var (
	IKEVersions                = []string{IKEVersion1, IKEVersion2}
	IKEVersionsGM              = []string{IKEVersion1}
	Phase1NegotiationModes     = []string{"main", "aggressive"}
	Phase1NegotiationModesGM   = []string{"main"}
	AuthenticationAlgorithms   = []string{"sha2-512", "sha2-384", "sha2-256", "sha1", "md5"}
	AuthenticationAlgorithmsGM = []string{"sm3"}
	// EncryptionAlgorithms is the reference's list plus the two -gcm-128
	// variants the SDK accepts (NOTES.md: accept both forms).
	EncryptionAlgorithms         = []string{"aes-256-gcm-16", "aes-128-gcm-16", "aes-256", "aes-192", "aes-128", "3des", "aes-128-gcm-128", "aes-256-gcm-128"}
	EncryptionAlgorithmsGM       = []string{"sm4"}
	DHGroups                     = []string{"group1", "group2", "group5", "group14", "group15", "group16", "group19", "group20", "group21"}
	PFSGroups                    = []string{"group1", "group2", "group5", "group14", "group15", "group16", "group19", "group20", "group21", "disable"}
	IKEAuthenticationMethods     = []string{"pre-share", "digital-envelope-v2"}
	ConnectionIDTypes            = []string{IDTypeIP, IDTypeFQDN}
	DPDMessageFormats            = []string{"seq-hash-notify", "seq-notify-hash"}
	IPsecTransformProtocols      = []string{"esp"}
	IPsecEncapsulationModes      = []string{"tunnel"}
	ConnectionHARoles            = []string{HARoleMaster, HARoleSlave}
	CustomerGatewayIDTypes       = []string{IDTypeIP, IDTypeFQDN}
	WeakAuthenticationAlgorithms = []string{"sha1", "md5"}
	WeakEncryptionAlgorithms     = []string{"3des"}
	WeakDHGroups                 = []string{"group1", "group2", "group5", "group14"}
)

// Defaults the service fills in (NOTES.md item 13 and reference 4.1.3.1).
const (
	DefaultConnectionStyle           = ConnectionStyleStatic
	DefaultIKEVersion                = IKEVersion2
	DefaultIKEVersionGM              = IKEVersion1
	DefaultPhase1NegotiationMode     = "main"
	DefaultAuthenticationAlgorithm   = "sha2-256"
	DefaultAuthenticationAlgorithmGM = "sm3"
	DefaultEncryptionAlgorithm       = "aes-128"
	DefaultEncryptionAlgorithmGM     = "sm4"
	DefaultDHGroup                   = "group15"
	DefaultPFS                       = "group15"
	DefaultIKEAuthenticationMethod   = "pre-share"
	DefaultIKELifetimeSeconds        = 86400
	DefaultIPsecLifetimeSeconds      = 3600
	DefaultConnectionIDType          = IDTypeIP
	DefaultDPDTimeout                = 15
	DefaultDPDInterval               = 30
	DefaultDPDMessageFormat          = "seq-hash-notify"
	DefaultIPsecTransformProtocol    = "esp"
	DefaultIPsecEncapsulationMode    = "tunnel"
	DefaultConnectionHARole          = HARoleMaster
	DefaultCustomerGatewayIDType     = IDTypeIP
)

// Ranges and limits.
const (
	CertificateNameMinLength        = 3
	CertificateNameMaxLength        = 63
	IKELifetimeMin                  = 60
	IKELifetimeMax                  = 604800
	IPsecLifetimeMin                = 30
	IPsecLifetimeMax                = 604800
	DPDTimeoutMin                   = 2
	DPDTimeoutMax                   = 60
	DPDIntervalMin                  = 10
	DPDIntervalMax                  = 3600
	PSKMinLength                    = 8
	PSKMaxLength                    = 128
	MaxPeerSubnets                  = 50
	MaxPolicyRules                  = 5
	MaxPolicyRuleDestinations       = 50
	PolicyRuleIndexMin              = 0
	PolicyRuleIndexMax              = 50
	ConnectionIDMaxLength           = 255
	CustomerGatewayIDValueMaxLength = 128
	CACertificateMaxLength          = 8192
	CertificateMaxLength            = 4096
	CertificateChainMaxLength       = 8192
	PrivateKeyMaxLength             = 4096
)

// PSKSpecialCharacters are the special characters a psk may contain.
const PSKSpecialCharacters = "~!@#$%^()+={},./:;"

// ConnectionIDForbiddenCharacters may not appear in local_id, peer_id or a
// customer gateway's fqdn id_value.
const ConnectionIDForbiddenCharacters = "&<>[]\\ ?"

// TunnelAddressRange is where tunnel interface addresses live, and
// TunnelAddressForbidden the part of it that may not be used.
var (
	TunnelAddressRange     = netip.MustParsePrefix("169.254.0.0/16")
	TunnelAddressForbidden = netip.MustParsePrefix("169.254.195.0/24")
)

// TunnelAddressPrefixLength is the only mask length a tunnel address may have.
const TunnelAddressPrefixLength = 30

// ReservedPeerSubnets may not be used (or overlapped) by a peer subnet.
var ReservedPeerSubnets = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("214.0.0.0/8"),
}

// ConnectionStyleRequest returns the request (lower-case) form of a style
// given in any case, and whether it is a known style.
func ConnectionStyleRequest(s string) (string, bool) {
	l := strings.ToLower(s)
	return l, slices.Contains(ConnectionStyles, l)
}

// ConnectionStyleResponse returns the upper-case form the service responds with.
func ConnectionStyleResponse(s string) string { return strings.ToUpper(s) }

// ConnectionStylesEqual reports whether two styles differ by case only (NOTES.md item 1).
func ConnectionStylesEqual(a, b string) bool { return strings.EqualFold(a, b) }

// CheckCertificateName checks a gateway certificate name: 3-63 characters of
// the name alphabet of CheckName (connection and customer gateway names use CheckName).
func CheckCertificateName(s string) error {
	n := utf8.RuneCountInString(s)
	if n < CertificateNameMinLength || n > CertificateNameMaxLength {
		return fmt.Errorf("must be %d-%d characters long, got %d", CertificateNameMinLength, CertificateNameMaxLength, n)
	}
	return CheckName(s)
}

// CheckConnectionStyle checks a style in any case.
func CheckConnectionStyle(s string) error {
	if _, ok := ConnectionStyleRequest(s); !ok {
		return CheckOneOf(s, ConnectionStyles)
	}
	return nil
}

// CheckPSK checks a pre-shared key: 8-128 characters of upper-case and
// lower-case letters, digits and PSKSpecialCharacters, with at least three of
// those four classes.
func CheckPSK(s string) error {
	n := utf8.RuneCountInString(s)
	if n < PSKMinLength || n > PSKMaxLength {
		return fmt.Errorf("must be %d-%d characters, got %d", PSKMinLength, PSKMaxLength, n)
	}
	var upper, lower, digit, special bool
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= '0' && c <= '9':
			digit = true
		case strings.ContainsRune(PSKSpecialCharacters, c):
			special = true
		default:
			return fmt.Errorf("may contain only letters, digits and the special characters %s", PSKSpecialCharacters)
		}
	}
	classes := 0
	for _, b := range []bool{upper, lower, digit, special} {
		if b {
			classes++
		}
	}
	if classes < 3 {
		return errors.New("must contain at least three of: upper-case letters, lower-case letters, digits, special characters")
	}
	return nil
}

// CheckIKEVersion checks ike_version for a gateway that is (gm) or is not of flavor GM.
func CheckIKEVersion(v string, gm bool) error {
	return CheckOneOf(v, connPick(gm, IKEVersionsGM, IKEVersions))
}

// CheckPhase1NegotiationMode checks phase1_negotiation_mode.
func CheckPhase1NegotiationMode(v string, gm bool) error {
	return CheckOneOf(v, connPick(gm, Phase1NegotiationModesGM, Phase1NegotiationModes))
}

// CheckAuthenticationAlgorithm checks an IKE or IPsec authentication_algorithm (sm3 only for GM).
func CheckAuthenticationAlgorithm(v string, gm bool) error {
	return CheckOneOf(v, connPick(gm, AuthenticationAlgorithmsGM, AuthenticationAlgorithms))
}

// CheckEncryptionAlgorithm checks an IKE or IPsec encryption_algorithm (sm4 only for GM).
func CheckEncryptionAlgorithm(v string, gm bool) error {
	return CheckOneOf(v, connPick(gm, EncryptionAlgorithmsGM, EncryptionAlgorithms))
}

// CheckDHGroup checks an IKE dh_group (not used with GM gateways).
func CheckDHGroup(v string) error { return CheckOneOf(v, DHGroups) }

// CheckPFS checks an IPsec pfs value (not used with GM gateways).
func CheckPFS(v string) error { return CheckOneOf(v, PFSGroups) }

// CheckIKEAuthenticationMethod checks authentication_method.
func CheckIKEAuthenticationMethod(v string) error { return CheckOneOf(v, IKEAuthenticationMethods) }

// CheckConnectionIDType checks local_id_type or peer_id_type.
func CheckConnectionIDType(v string) error { return CheckOneOf(v, ConnectionIDTypes) }

// CheckDPDMessageFormat checks dpd.msg.
func CheckDPDMessageFormat(v string) error { return CheckOneOf(v, DPDMessageFormats) }

// CheckIPsecTransformProtocol checks transform_protocol.
func CheckIPsecTransformProtocol(v string) error { return CheckOneOf(v, IPsecTransformProtocols) }

// CheckIPsecEncapsulationMode checks encapsulation_mode.
func CheckIPsecEncapsulationMode(v string) error { return CheckOneOf(v, IPsecEncapsulationModes) }

// CheckConnectionHARole checks ha_role.
func CheckConnectionHARole(v string) error { return CheckOneOf(v, ConnectionHARoles) }

func connPick(gm bool, gmList, list []string) []string {
	if gm {
		return gmList
	}
	return list
}

func connRange(n, lo, hi int64, unit string) error {
	if n < lo || n > hi {
		return fmt.Errorf("must be between %d and %d%s, got %d", lo, hi, unit, n)
	}
	return nil
}

// CheckIKELifetime checks ikepolicy.lifetime_seconds (60-604800).
func CheckIKELifetime(n int64) error { return connRange(n, IKELifetimeMin, IKELifetimeMax, " seconds") }

// CheckIPsecLifetime checks ipsecpolicy.lifetime_seconds (30-604800).
func CheckIPsecLifetime(n int64) error {
	return connRange(n, IPsecLifetimeMin, IPsecLifetimeMax, " seconds")
}

// CheckDPDTimeout checks dpd.timeout (2-60).
func CheckDPDTimeout(n int64) error { return connRange(n, DPDTimeoutMin, DPDTimeoutMax, " seconds") }

// CheckDPDInterval checks dpd.interval (10-3600).
func CheckDPDInterval(n int64) error { return connRange(n, DPDIntervalMin, DPDIntervalMax, " seconds") }

// CheckPolicyRuleIndex checks a policy rule's rule_index (0-50).
func CheckPolicyRuleIndex(n int64) error {
	return connRange(n, PolicyRuleIndexMin, PolicyRuleIndexMax, "")
}

// CheckConnectionID checks local_id or peer_id: 1-255 characters without ConnectionIDForbiddenCharacters.
func CheckConnectionID(s string) error { return connIdentifier(s, ConnectionIDMaxLength) }

func connIdentifier(s string, maxLen int) error {
	n := utf8.RuneCountInString(s)
	if n < 1 || n > maxLen {
		return fmt.Errorf("must be 1-%d characters, got %d", maxLen, n)
	}
	if i := strings.IndexAny(s, ConnectionIDForbiddenCharacters); i >= 0 {
		return fmt.Errorf("may not contain %q (forbidden: & < > [ ] \\ space ?)", s[i:i+1])
	}
	for _, c := range s {
		if c < 0x21 || c > 0x7e {
			return errors.New("may contain only letters, digits and printable ASCII symbols")
		}
	}
	return nil
}

// CheckCustomerGatewayIDValue checks id_value for id_type ip (an IPv4
// address) or fqdn (1-128 characters without the forbidden characters).
func CheckCustomerGatewayIDValue(idType, v string) error {
	switch idType {
	case "ip":
		return CheckIPv4(v)
	case "fqdn":
		return connIdentifier(v, CustomerGatewayIDValueMaxLength)
	default:
		return fmt.Errorf("cannot be checked for id_type %q", idType)
	}
}

// connParseCIDR parses an IPv4 network address in CIDR notation (see CheckIPv4CIDR).
func connParseCIDR(s string) (netip.Prefix, error) {
	if err := CheckIPv4CIDR(s); err != nil {
		return netip.Prefix{}, err
	}
	return netip.MustParsePrefix(s), nil
}

// CheckPeerSubnet checks one peer subnet: an IPv4 CIDR outside the reserved ranges.
func CheckPeerSubnet(s string) error {
	p, err := connParseCIDR(s)
	if err != nil {
		return err
	}
	for _, r := range ReservedPeerSubnets {
		if r.Overlaps(p) {
			return fmt.Errorf("%s overlaps the reserved range %s", s, r)
		}
	}
	return nil
}

// CheckPeerSubnets checks the list of peer subnets: at most 50, each valid, no duplicates.
func CheckPeerSubnets(list []string) error {
	if len(list) > MaxPeerSubnets {
		return fmt.Errorf("may have at most %d entries, got %d", MaxPeerSubnets, len(list))
	}
	seen := map[netip.Prefix]bool{}
	for _, s := range list {
		if err := CheckPeerSubnet(s); err != nil {
			return err
		}
		p, _ := connParseCIDR(s)
		if seen[p] {
			return fmt.Errorf("contains %s twice", s)
		}
		seen[p] = true
	}
	return nil
}

// ParseTunnelAddress checks one tunnel interface address: a host address
// with mask /30 inside 169.254.0.0/16 but outside 169.254.195.0/24.
func ParseTunnelAddress(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("must be an IPv4 address with mask length such as 169.254.76.1/30, got %q", s)
	}
	if p.Bits() != TunnelAddressPrefixLength {
		return netip.Prefix{}, fmt.Errorf("must have mask length %d, got %q", TunnelAddressPrefixLength, s)
	}
	if !TunnelAddressRange.Contains(p.Addr()) {
		return netip.Prefix{}, fmt.Errorf("must be inside %s, got %q", TunnelAddressRange, s)
	}
	if TunnelAddressForbidden.Contains(p.Addr()) {
		return netip.Prefix{}, fmt.Errorf("may not be inside %s, got %q", TunnelAddressForbidden, s)
	}
	host := p.Addr().As4()[3] & 3
	if host == 0 || host == 3 {
		return netip.Prefix{}, fmt.Errorf("must be a host address of its /30 (not the network or broadcast address), got %q", s)
	}
	return p, nil
}

// CheckTunnelAddressPair checks tunnel_local_address and tunnel_peer_address
// together: both valid, different, and in the same /30.
func CheckTunnelAddressPair(local, peer string) error {
	l, err := ParseTunnelAddress(local)
	if err != nil {
		return fmt.Errorf("tunnel_local_address %w", err)
	}
	p, err := ParseTunnelAddress(peer)
	if err != nil {
		return fmt.Errorf("tunnel_peer_address %w", err)
	}
	if l.Masked() != p.Masked() {
		return fmt.Errorf("tunnel_local_address %s and tunnel_peer_address %s must be in the same /30", local, peer)
	}
	if l.Addr() == p.Addr() {
		return fmt.Errorf("tunnel_local_address and tunnel_peer_address must differ, both are %s", local)
	}
	return nil
}

// PolicyRuleValue is a policy rule as the checks see it (rule_index is optional).
type PolicyRuleValue struct {
	Index        *int64
	Source       string
	Destinations []string
}

// CheckPolicyRules checks a connection's policy rules: at most 5, unique
// rule_index (0-50) and source, each with a source and 1-50 destinations, all IPv4 CIDRs.
func CheckPolicyRules(rules []PolicyRuleValue) error {
	if len(rules) > MaxPolicyRules {
		return fmt.Errorf("may have at most %d rules, got %d", MaxPolicyRules, len(rules))
	}
	indexes := map[int64]bool{}
	sources := map[netip.Prefix]bool{}
	for i, r := range rules {
		if r.Index != nil {
			if err := CheckPolicyRuleIndex(*r.Index); err != nil {
				return fmt.Errorf("rule %d rule_index %w", i, err)
			}
			if indexes[*r.Index] {
				return fmt.Errorf("rule %d rule_index %d is used twice", i, *r.Index)
			}
			indexes[*r.Index] = true
		}
		src, err := connParseCIDR(r.Source)
		if err != nil {
			return fmt.Errorf("rule %d source %w", i, err)
		}
		if sources[src] {
			return fmt.Errorf("rule %d source %s is used by another rule", i, r.Source)
		}
		sources[src] = true
		if len(r.Destinations) == 0 || len(r.Destinations) > MaxPolicyRuleDestinations {
			return fmt.Errorf("rule %d must have 1-%d destinations, got %d", i, MaxPolicyRuleDestinations, len(r.Destinations))
		}
		seen := map[netip.Prefix]bool{}
		for _, d := range r.Destinations {
			p, err := connParseCIDR(d)
			if err != nil {
				return fmt.Errorf("rule %d destination %w", i, err)
			}
			if seen[p] {
				return fmt.Errorf("rule %d destination %s is listed twice", i, d)
			}
			seen[p] = true
		}
	}
	return nil
}

// CheckContentLength checks that a text field (certificate, key) has 1..maxLen characters.
func CheckContentLength(s string, maxLen int) error {
	n := utf8.RuneCountInString(s)
	if n < 1 || n > maxLen {
		return fmt.Errorf("must be 1-%d characters, got %d", maxLen, n)
	}
	return nil
}
