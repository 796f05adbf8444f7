package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// runString runs a string validator on s and reports whether it accepted it.
func runString(t *testing.T, v validator.String, value types.String) bool {
	t.Helper()
	req := validator.StringRequest{Path: path.Root("attr"), ConfigValue: value}
	var resp validator.StringResponse
	v.ValidateString(context.Background(), req, &resp)
	if resp.Diagnostics.HasError() {
		for _, d := range resp.Diagnostics.Errors() {
			if !strings.Contains(d.Detail(), "attr") {
				t.Errorf("error detail %q does not name the attribute", d.Detail())
			}
		}
	}
	return !resp.Diagnostics.HasError()
}

func TestStringValidators(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		v     validator.String
		valid []string
		bad   []string
	}{
		{
			name:  "ipv4 cidr",
			v:     ipv4CIDRValidator(),
			valid: []string{"192.168.0.0/24", "10.0.0.0/8", "0.0.0.0/0", "172.16.5.4/32"},
			bad:   []string{"192.168.0.1/24", "192.168.0.0", "192.168.0.0/33", "fd00::/8", "::ffff:10.0.0.0/104", "abc", "", " 10.0.0.0/8"},
		},
		{
			name:  "ipv4 address",
			v:     ipv4AddressValidator(),
			valid: []string{"203.0.113.10", "0.0.0.0", "255.255.255.255"},
			bad:   []string{"203.0.113.256", "203.0.113", "::1", "::ffff:1.2.3.4", "10.0.0.0/8", "", "01.2.3.4"},
		},
		{
			name:  "uuid",
			v:     uuidValidator(),
			valid: []string{"11111111-2222-3333-4444-555555555555", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "cb4a631d-demo-a8df-va86-ca3fa348c36c"},
			bad:   []string{"11111111222233334444555555555555", "11111111-2222-3333-4444-55555555555", "1111111_-2222-3333-4444-555555555555", ""},
		},
		{
			name:  "name",
			v:     nameValidator(),
			valid: []string{"a", "vpngw-a45b", "my_gw.1", "网关-1", strings.Repeat("x", 64), strings.Repeat("网", 64)},
			bad:   []string{"", strings.Repeat("x", 65), "has space", "semi;colon", "slash/", "émile", "ＡＢ"},
		},
		{
			name:  "certificate name",
			v:     resourceNameValidator(3, 63),
			valid: []string{"abc", strings.Repeat("c", 63)},
			bad:   []string{"ab", strings.Repeat("c", 64)},
		},
		{
			name:  "one of case insensitive",
			v:     oneOfCaseInsensitive("static", "policy", "bgp"),
			valid: []string{"static", "STATIC", "Bgp"},
			bad:   []string{"route", "", "static "},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, s := range tc.valid {
				if !runString(t, tc.v, types.StringValue(s)) {
					t.Errorf("%q rejected, want accepted", s)
				}
			}
			for _, s := range tc.bad {
				if runString(t, tc.v, types.StringValue(s)) {
					t.Errorf("%q accepted, want rejected", s)
				}
			}
			if !runString(t, tc.v, types.StringNull()) || !runString(t, tc.v, types.StringUnknown()) {
				t.Error("null or unknown value rejected; validators must skip them")
			}
			if tc.v.Description(context.Background()) == "" {
				t.Error("empty description")
			}
		})
	}
}

func TestIPv4CIDRValidator_suggestsNetwork(t *testing.T) {
	t.Parallel()
	req := validator.StringRequest{Path: path.Root("cidr"), ConfigValue: types.StringValue("10.1.2.3/16")}
	var resp validator.StringResponse
	ipv4CIDRValidator().ValidateString(context.Background(), req, &resp)
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "10.1.0.0/16") {
		t.Fatalf("want an error suggesting 10.1.0.0/16, got %v", resp.Diagnostics)
	}
}

func TestIPv4CIDRSetValidator(t *testing.T) {
	t.Parallel()
	mk := func(s ...string) []attr.Value {
		out := make([]attr.Value, len(s))
		for i, v := range s {
			out[i] = types.StringValue(v)
		}
		return out
	}
	cases := []struct {
		elems []attr.Value
		valid bool
	}{
		{mk("192.168.0.0/24", "192.168.1.0/24"), true},
		{mk(), true},
		{mk("192.168.0.0/24", "192.168.1.1/24"), false},
		{mk("not-a-cidr"), false},
	}
	for _, tc := range cases {
		set := types.SetValueMust(types.StringType, tc.elems)
		sreq := validator.SetRequest{Path: path.Root("peer_subnets"), ConfigValue: set}
		var sresp validator.SetResponse
		ipv4CIDRSetValidator().ValidateSet(context.Background(), sreq, &sresp)
		if got := !sresp.Diagnostics.HasError(); got != tc.valid {
			t.Errorf("set %v: valid = %v, want %v (%v)", tc.elems, got, tc.valid, sresp.Diagnostics)
		}
	}
}

func TestASNValidator(t *testing.T) {
	t.Parallel()
	cases := []struct {
		value types.Int64
		valid bool
	}{
		{types.Int64Value(1), true},
		{types.Int64Value(64512), true},
		{types.Int64Value(4294967295), true},
		{types.Int64Value(0), false},
		{types.Int64Value(-1), false},
		{types.Int64Value(4294967296), false},
		{types.Int64Null(), true},
		{types.Int64Unknown(), true},
	}
	for _, tc := range cases {
		req := validator.Int64Request{Path: path.Root("bgp_asn"), ConfigValue: tc.value}
		var resp validator.Int64Response
		asnValidator().ValidateInt64(context.Background(), req, &resp)
		if got := !resp.Diagnostics.HasError(); got != tc.valid {
			t.Errorf("%v: valid = %v, want %v", tc.value, got, tc.valid)
		}
		if resp.Diagnostics.HasError() && !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "bgp_asn") {
			t.Errorf("%v: detail does not name the attribute: %s", tc.value, resp.Diagnostics.Errors()[0].Detail())
		}
	}
}
