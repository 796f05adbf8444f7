package apispec

import (
	"strconv"
	"strings"
	"testing"
)

func TestConnectionChecks(t *testing.T) {
	i := func(n int64) *int64 { return &n }
	cases := []struct {
		name string
		err  error
		ok   bool
	}{
		{"style lower", CheckConnectionStyle("policy-template"), true},
		{"style upper", CheckConnectionStyle("BGP"), true},
		{"style bad", CheckConnectionStyle("route"), false},
		{"psk 3 classes", CheckPSK("Abcdefg1"), true},
		{"psk specials", CheckPSK("abc~!@#$%^()+={},./:;"), false}, // lower + special only
		{"psk lower+digit+special", CheckPSK("abc123~!"), true},
		{"psk 7", CheckPSK("Abcdef1"), false},
		{"psk 128", CheckPSK("A1" + strings.Repeat("a", 126)), true},
		{"psk 129", CheckPSK("A1" + strings.Repeat("a", 127)), false},
		{"psk star", CheckPSK("Abcdef1*"), false},
		{"psk unicode", CheckPSK("Abcdef1é"), false},
		{"ike v2", CheckIKEVersion("v2", false), true},
		{"ike v2 gm", CheckIKEVersion("v2", true), false},
		{"phase1 aggressive gm", CheckPhase1NegotiationMode("aggressive", true), false},
		{"auth sm3 gm", CheckAuthenticationAlgorithm("sm3", true), true},
		{"auth sm3", CheckAuthenticationAlgorithm("sm3", false), false},
		{"auth md5", CheckAuthenticationAlgorithm("md5", false), true},
		{"enc sm4 gm", CheckEncryptionAlgorithm("sm4", true), true},
		{"enc aes gm", CheckEncryptionAlgorithm("aes-128", true), false},
		{"enc gcm-128 sdk", CheckEncryptionAlgorithm("aes-128-gcm-128", false), true},
		{"dh group21", CheckDHGroup("group21"), true},
		{"dh disable", CheckDHGroup("disable"), false},
		{"pfs disable", CheckPFS("disable"), true},
		{"auth method", CheckIKEAuthenticationMethod("digital-envelope-v2"), true},
		{"id type", CheckConnectionIDType("any"), false},
		{"dpd msg", CheckDPDMessageFormat("seq-notify-hash"), true},
		{"transform", CheckIPsecTransformProtocol("ah"), false},
		{"encap", CheckIPsecEncapsulationMode("tunnel"), true},
		{"ha role", CheckConnectionHARole("slave"), true},
		{"ike lifetime 60", CheckIKELifetime(60), true},
		{"ike lifetime 59", CheckIKELifetime(59), false},
		{"ike lifetime 604801", CheckIKELifetime(604801), false},
		{"ipsec lifetime 30", CheckIPsecLifetime(30), true},
		{"ipsec lifetime 29", CheckIPsecLifetime(29), false},
		{"dpd timeout 2", CheckDPDTimeout(2), true},
		{"dpd timeout 61", CheckDPDTimeout(61), false},
		{"dpd interval 10", CheckDPDInterval(10), true},
		{"dpd interval 3601", CheckDPDInterval(3601), false},
		{"rule index 50", CheckPolicyRuleIndex(50), true},
		{"rule index -1", CheckPolicyRuleIndex(-1), false},
		{"local id", CheckConnectionID("vpn.example.com"), true},
		{"local id space", CheckConnectionID("a b"), false},
		{"local id bracket", CheckConnectionID("a[b"), false},
		{"local id 256", CheckConnectionID(strings.Repeat("a", 256)), false},
		{"cgw ip", CheckCustomerGatewayIDValue("ip", "10.1.2.3"), true},
		{"cgw ip bad", CheckCustomerGatewayIDValue("ip", "10.1.2.300"), false},
		{"cgw fqdn", CheckCustomerGatewayIDValue("fqdn", "peer.example"), true},
		{"cgw fqdn ?", CheckCustomerGatewayIDValue("fqdn", "peer?"), false},
		{"cgw fqdn 129", CheckCustomerGatewayIDValue("fqdn", strings.Repeat("a", 129)), false},
		{"cert name", CheckCertificateName("abc"), true},
		{"cert name short", CheckCertificateName("ab"), false},
		{"cert name 64", CheckCertificateName(strings.Repeat("a", 64)), false},
		{"content empty", CheckContentLength("", 10), false},
		{"content ok", CheckContentLength("abc", 3), true},
		{"content long", CheckContentLength("abcd", 3), false},
		{"peer subnet", CheckPeerSubnet("192.168.0.0/16"), true},
		{"peer subnet cgnat", CheckPeerSubnet("100.127.0.0/16"), false},
		{"peer subnet just below cgnat", CheckPeerSubnet("100.63.0.0/16"), true},
		{"peer subnet 214", CheckPeerSubnet("214.255.0.0/16"), false},
		{"peer subnet supernet of 214", CheckPeerSubnet("208.0.0.0/4"), false},
		{"peer subnet host bits", CheckPeerSubnet("10.0.0.1/8"), false},
		{"peer subnet v6", CheckPeerSubnet("2001:db8::/32"), false},
		{"peer subnets 50", CheckPeerSubnets(nSubnets(50)), true},
		{"peer subnets 51", CheckPeerSubnets(nSubnets(51)), false},
		{"peer subnets dup", CheckPeerSubnets([]string{"10.0.0.0/8", "10.0.0.0/8"}), false},
		{"tunnel pair", CheckTunnelAddressPair("169.254.76.1/30", "169.254.76.2/30"), true},
		{"tunnel pair swapped", CheckTunnelAddressPair("169.254.76.2/30", "169.254.76.1/30"), true},
		{"tunnel /31", CheckTunnelAddressPair("169.254.76.1/31", "169.254.76.2/30"), false},
		{"tunnel 195", CheckTunnelAddressPair("169.254.195.1/30", "169.254.195.2/30"), false},
		{"tunnel 194 ok", CheckTunnelAddressPair("169.254.194.253/30", "169.254.194.254/30"), true},
		{"tunnel not link-local", CheckTunnelAddressPair("169.253.76.1/30", "169.253.76.2/30"), false},
		{"tunnel network", CheckTunnelAddressPair("169.254.76.0/30", "169.254.76.1/30"), false},
		{"tunnel broadcast", CheckTunnelAddressPair("169.254.76.1/30", "169.254.76.3/30"), false},
		{"tunnel other /30", CheckTunnelAddressPair("169.254.76.1/30", "169.254.76.5/30"), false},
		{"tunnel same", CheckTunnelAddressPair("169.254.76.1/30", "169.254.76.1/30"), false},
		{"tunnel no mask", CheckTunnelAddressPair("169.254.76.1", "169.254.76.2/30"), false},
		{"rules ok", CheckPolicyRules([]PolicyRuleValue{{Index: i(0), Source: "10.0.0.0/24", Destinations: []string{"192.168.0.0/24"}}}), true},
		{"rules 6", CheckPolicyRules(make([]PolicyRuleValue, 6)), false},
		{"rules no source", CheckPolicyRules([]PolicyRuleValue{{Destinations: []string{"192.168.0.0/24"}}}), false},
		{"rules no destination", CheckPolicyRules([]PolicyRuleValue{{Source: "10.0.0.0/24"}}), false},
		{"rules dup index", CheckPolicyRules([]PolicyRuleValue{
			{Index: i(3), Source: "10.0.0.0/24", Destinations: []string{"192.168.0.0/24"}},
			{Index: i(3), Source: "10.0.1.0/24", Destinations: []string{"192.168.0.0/24"}},
		}), false},
		{"rules dup source", CheckPolicyRules([]PolicyRuleValue{
			{Source: "10.0.0.0/24", Destinations: []string{"192.168.0.0/24"}},
			{Source: "10.0.0.0/24", Destinations: []string{"192.168.1.0/24"}},
		}), false},
		{"rules dup destination", CheckPolicyRules([]PolicyRuleValue{{Source: "10.0.0.0/24", Destinations: []string{"192.168.0.0/24", "192.168.0.0/24"}}}), false},
		{"rules 50 destinations", CheckPolicyRules([]PolicyRuleValue{{Source: "10.0.0.0/24", Destinations: nSubnets(50)}}), true},
		{"rules 51 destinations", CheckPolicyRules([]PolicyRuleValue{{Source: "10.0.0.0/24", Destinations: nSubnets(51)}}), false},
	}
	for _, tc := range cases {
		if (tc.err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.name, tc.err, tc.ok)
		}
	}
}

func TestConnectionStyleForms(t *testing.T) {
	if s, ok := ConnectionStyleRequest("POLICY-TEMPLATE"); !ok || s != "policy-template" {
		t.Fatalf("ConnectionStyleRequest = %q, %v", s, ok)
	}
	if ConnectionStyleResponse("bgp") != "BGP" || !ConnectionStylesEqual("static", "STATIC") || ConnectionStylesEqual("static", "policy") {
		t.Fatal("style case helpers")
	}
}

func TestCheckPSKMessages(t *testing.T) {
	if err := CheckPSK("abcdefgh"); err == nil || !strings.Contains(err.Error(), "three") {
		t.Fatalf("message %v", err)
	}
	if err := CheckPSK("abc"); err == nil || !strings.Contains(err.Error(), "8-128") {
		t.Fatalf("message %v", err)
	}
}

func nSubnets(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "172.16." + strconv.Itoa(i) + ".0/24"
	}
	return out
}
