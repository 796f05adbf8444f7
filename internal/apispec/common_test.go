package apispec

import (
	"strings"
	"testing"
)

func TestChecks(t *testing.T) {
	cases := []struct {
		name  string
		check func(string) error
		good  []string
		bad   []string
	}{
		{"CheckName", CheckName, []string{"a", "vpngw-a45b", "gw_1.x", "网关", strings.Repeat("a", 64)}, []string{"", "a b", "a/b", strings.Repeat("a", 65)}},
		{"CheckUUID", CheckUUID, []string{"cb4a631d-demo-a8df-va86-ca3fa348c36c", "11111111-2222-3333-4444-555555555555"}, []string{"", "cb4a631d", "fd75bf7b--demo-a8df-va86-db13f03e299a", "cb4a631d-demo-a8df-va86-ca3fa348c36c0"}},
		{"CheckEnterpriseProjectID", CheckEnterpriseProjectID, []string{"0", "7354dda9-demo-a8df-va86-a6b08fb92043"}, []string{"", "1", "default"}},
		{"CheckIPv4CIDR", CheckIPv4CIDR, []string{"192.168.52.0/24", "10.0.0.0/8", "0.0.0.0/0"}, []string{"192.168.52.1/24", "192.168.52.0", "2001:db8::/64", "300.0.0.0/8"}},
		{"CheckIPv6CIDR", CheckIPv6CIDR, []string{"2001:db8::/64"}, []string{"2001:db8::1/64", "10.0.0.0/8"}},
		{"CheckIPv4", CheckIPv4, []string{"172.16.0.9"}, []string{"172.16.0.256", "::1", ""}},
		{"CheckTagKey", CheckTagKey, []string{"k", "a b_.:=+-@", "año", "chave-ção", strings.Repeat("k", 128)}, []string{"", "a/b", "a#", strings.Repeat("k", 129)}},
		{"CheckTagValue", CheckTagValue, []string{"", "v", strings.Repeat("v", 255)}, []string{"a,b", strings.Repeat("v", 256)}},
	}
	for _, c := range cases {
		for _, g := range c.good {
			if err := c.check(g); err != nil {
				t.Errorf("%s(%q): %v", c.name, g, err)
			}
		}
		for _, b := range c.bad {
			if err := c.check(b); err == nil {
				t.Errorf("%s(%q) accepted", c.name, b)
			}
		}
	}
}

func TestGatewayRanges(t *testing.T) {
	if CheckBgpAsn(0) == nil || CheckBgpAsn(4294967296) == nil || CheckBgpAsn(1) != nil || CheckBgpAsn(4294967295) != nil {
		t.Error("bgp_asn range")
	}
	for flavor, maxSize := range map[string]int{FlavorProfessional1: 300, FlavorProfessional2: 1000, FlavorGM: 500, FlavorBasic: 1000, FlavorProfessional1NonFixed: 1000} {
		if CheckBandwidth(flavor, maxSize) != nil || CheckBandwidth(flavor, maxSize+1) == nil {
			t.Errorf("bandwidth %s max %d", flavor, maxSize)
		}
	}
	if CheckBandwidth(FlavorProfessional2, 0) == nil {
		t.Error("bandwidth 0 accepted")
	}
	if err := CheckCIDRList([]string{"10.0.0.0/8", "10.0.0.0/8"}, 50); err == nil {
		t.Error("duplicate CIDRs accepted")
	}
	if CheckOneOf(FlavorGM, SpecificationFlavors) == nil {
		t.Error("GM is not a specification flavor")
	}
	if AvailabilityZoneKey(FlavorProfessional1NonFixed) != "Professional1-NonFixedIP" || AvailabilityZoneKey(FlavorGM) != "gm" {
		t.Error("availability zone keys")
	}
}
