package provider

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// stringCheck is a validator.String built from a check function of
// internal/apispec (shared with the emulator, so both accept the same
// values): check returns nil when the value is valid, else an error that
// completes a sentence starting with the attribute name.
type stringCheck struct {
	summary string
	desc    string
	check   func(string) error
}

var _ validator.String = stringCheck{}

// Description implements validator.Describer.
func (v stringCheck) Description(context.Context) string { return v.desc }

// MarkdownDescription implements validator.Describer.
func (v stringCheck) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString implements validator.String.
func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, fmt.Sprintf("Attribute %s %s.", req.Path, err))
	}
}

// ipv4CIDRValidator accepts an IPv4 network in CIDR notation whose host bits
// are zero, such as 192.168.0.0/24.
func ipv4CIDRValidator() validator.String {
	return stringCheck{
		summary: "Invalid IPv4 CIDR",
		desc:    "value must be an IPv4 network in CIDR notation with zero host bits, such as 192.168.0.0/24",
		check:   apispec.CheckIPv4CIDR,
	}
}

// ipv4CIDRSetValidator checks every element of a set of strings with ipv4CIDRValidator.
func ipv4CIDRSetValidator() validator.Set {
	return setvalidator.ValueStringsAre(ipv4CIDRValidator())
}

// ipv4AddressValidator accepts a dotted-quad IPv4 address, such as 203.0.113.10.
func ipv4AddressValidator() validator.String {
	return stringCheck{
		summary: "Invalid IPv4 Address",
		desc:    "value must be an IPv4 address, such as 203.0.113.10",
		check:   apispec.CheckIPv4,
	}
}

// uuidValidator accepts the reference's 36-character UUID (8-4-4-4-12; the
// reference's own ids use any letters and digits, so apispec accepts those).
func uuidValidator() validator.String {
	return stringCheck{
		summary: "Invalid UUID",
		desc:    "value must be a 36-character UUID",
		check:   apispec.CheckUUID,
	}
}

// nameValidator accepts a resource name per the reference: 1-64 characters,
// digits, English letters, Chinese characters, _ - and . .
func nameValidator() validator.String {
	return resourceNameValidator(apispec.NameMinLen, apispec.NameMaxLen)
}

// resourceNameValidator is nameValidator with other length bounds (certificate
// names are 3-63); maxLen must not exceed apispec.NameMaxLen.
func resourceNameValidator(minLen, maxLen int) validator.String {
	return stringCheck{
		summary: "Invalid Name",
		desc: fmt.Sprintf("value must have %d-%d characters: digits, letters, Chinese characters, _ - or .",
			minLen, maxLen),
		check: func(s string) error {
			if n := utf8.RuneCountInString(s); n < minLen || n > maxLen {
				return fmt.Errorf("must be %d-%d characters long, got %d", minLen, maxLen, n)
			}
			return apispec.CheckName(s)
		},
	}
}

// asnValidator accepts a BGP AS number in 1-4294967295.
func asnValidator() validator.Int64 {
	return asnCheck{}
}

// asnCheck implements asnValidator.
type asnCheck struct{}

var _ validator.Int64 = asnCheck{}

// Description implements validator.Describer.
func (asnCheck) Description(context.Context) string {
	return fmt.Sprintf("value must be a BGP AS number between %d and %d", apispec.BgpAsnMin, apispec.BgpAsnMax)
}

// MarkdownDescription implements validator.Describer.
func (v asnCheck) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateInt64 implements validator.Int64.
func (asnCheck) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if !known(req.ConfigValue) {
		return
	}
	if err := apispec.CheckBgpAsn(req.ConfigValue.ValueInt64()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid BGP AS Number",
			fmt.Sprintf("Attribute %s (a BGP AS number) %s.", req.Path, err))
	}
}

// oneOfCaseInsensitive accepts one of values, ignoring case (the service
// takes some enums in lower case and returns them in upper case).
func oneOfCaseInsensitive(values ...string) validator.String {
	return stringvalidator.OneOfCaseInsensitive(values...)
}
