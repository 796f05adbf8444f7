package provider

// The validators of the provider's schemas, in one place, each with its
// description; plan modifiers are in planmodifiers.go. Most are built from
// a check of internal/apispec, which the emulator shares.

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert"
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

// checkValidator is a stringCheck with its own summary and description. Its
// message never repeats the value (the checks name it where useful).
func checkValidator(summary, desc string, check func(string) error) validator.String {
	return stringCheck{summary: summary, desc: desc, check: check}
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

// tunnelAddressValidator accepts a tunnel interface address: a /30 host
// address in 169.254.0.0/16.
func tunnelAddressValidator() validator.String {
	return checkValidator("Invalid Tunnel Address", "value must be a /30 host address in 169.254.0.0/16", tunnelAddressCheck)
}

// tunnelAddressCheck checks one tunnel interface address.
func tunnelAddressCheck(s string) error {
	_, err := apispec.ParseTunnelAddress(s)
	return err
}

// pskValidator checks a pre-shared key without ever echoing it.
type pskValidator struct{}

var _ validator.String = pskValidator{}

// Description implements validator.Describer.
func (pskValidator) Description(context.Context) string {
	return fmt.Sprintf("value must have %d-%d characters with at least three of: upper-case letters, lower-case letters, digits, %s",
		apispec.PSKMinLength, apispec.PSKMaxLength, apispec.PSKSpecialCharacters)
}

// MarkdownDescription implements validator.Describer.
func (v pskValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString implements validator.String.
func (pskValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if err := apispec.CheckPSK(req.ConfigValue.ValueString()); err != nil {
		// apispec.CheckPSK never quotes the key; the value stays out of the message.
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Pre-Shared Key", fmt.Sprintf("Attribute %s %s.", req.Path, err))
	}
}

// tagsValidators validate a map of tags against the reference's limits.
func tagsValidators() []validator.Map {
	return []validator.Map{
		mapvalidator.SizeAtMost(apispec.MaxTags),
		tagMapValidator{},
	}
}

// tagMapValidator checks each key and value of a tags map.
type tagMapValidator struct{}

var _ validator.Map = tagMapValidator{}

// Description implements validator.Describer.
func (tagMapValidator) Description(context.Context) string {
	return fmt.Sprintf("tag keys must have %d-%d and values 0-%d characters: letters, digits, spaces or _ . : = + - @",
		apispec.TagKeyMinLen, apispec.TagKeyMaxLen, apispec.TagValueMaxLen)
}

// MarkdownDescription implements validator.Describer.
func (v tagMapValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateMap implements validator.Map.
func (tagMapValidator) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if !known(req.ConfigValue) {
		return
	}
	for k, v := range req.ConfigValue.Elements() {
		p := req.Path.AtMapKey(k)
		if err := apispec.CheckTagKey(k); err != nil {
			resp.Diagnostics.AddAttributeError(p, "Invalid Tag Key", fmt.Sprintf("Tag key %q %s.", k, err))
		}
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() {
			continue
		}
		if s.IsNull() {
			resp.Diagnostics.AddAttributeError(p, "Invalid Tag Value",
				fmt.Sprintf("Tag %q has a null value; use \"\" for an empty value.", k))
			continue
		}
		if err := apispec.CheckTagValue(s.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(p, "Invalid Tag Value", fmt.Sprintf("The value of tag %q %s.", k, err))
		}
	}
}

// enterpriseProjectIDValidator accepts a UUID or "0".
func enterpriseProjectIDValidator() validator.String {
	return stringCheck{
		summary: "Invalid Enterprise Project ID",
		desc:    `value must be a 36-character UUID or "0"`,
		check:   apispec.CheckEnterpriseProjectID,
	}
}

// privateKeyValidator checks a private key at plan time: at most
// apispec.PrivateKeyMaxLength characters and one unencrypted PEM private key
// block holding a DER structure. Its messages never show the key.
type privateKeyValidator struct{}

var _ validator.String = privateKeyValidator{}

// Description implements validator.Describer.
func (privateKeyValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be an unencrypted PEM-encoded private key of at most %d characters", apispec.PrivateKeyMaxLength)
}

// MarkdownDescription implements validator.Describer.
func (v privateKeyValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString implements validator.String.
func (privateKeyValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if reason := privateKeyProblem(req.ConfigValue.ValueString()); reason != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Private Key", reason)
	}
}

// pemCertificateValidator checks a PEM certificate at plan time: at most
// apispec.CACertificateMaxLength (CA) or apispec.CertificateMaxLength (leaf)
// characters, a PEM CERTIFICATE block holding an X.509 certificate, a GM one
// (SM2 key, SM3WITHSM2 signature: the service takes no other, reference
// 4.1.1.8 and 4.1.2.1), and a CA certificate or an end-entity one as asked.
// An expired certificate is a warning.
type pemCertificateValidator struct {
	// ca: a CA certificate (a customer gateway's, a gateway certificate's
	// chain); otherwise a gateway's signing or encryption certificate.
	ca bool
}

var _ validator.String = pemCertificateValidator{}

func (v pemCertificateValidator) maxLength() int {
	if v.ca {
		return apispec.CACertificateMaxLength
	}
	return apispec.CertificateMaxLength
}

// Description implements validator.Describer.
func (v pemCertificateValidator) Description(context.Context) string {
	if v.ca {
		return fmt.Sprintf("value must be a PEM-encoded CA certificate of at most %d characters", v.maxLength())
	}
	return fmt.Sprintf("value must be a PEM-encoded non-CA certificate of at most %d characters", v.maxLength())
}

// MarkdownDescription implements validator.Describer.
func (v pemCertificateValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString implements validator.String.
func (v pemCertificateValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	summary, expired := "Invalid Certificate", "Expired Certificate"
	if v.ca {
		summary, expired = "Invalid CA Certificate", "Expired CA Certificate"
	}
	s := req.ConfigValue.ValueString()
	if err := apispec.CheckContentLength(s, v.maxLength()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, summary, fmt.Sprintf("The certificate %s.", err))
		return
	}
	cert, reason := parseCertificatePEM(s)
	if reason != "" {
		resp.Diagnostics.AddAttributeError(req.Path, summary, reason)
		return
	}
	switch {
	case !gmcert.IsGM(cert):
		resp.Diagnostics.AddAttributeError(req.Path, "Not A GM Certificate",
			fmt.Sprintf("The certificate in %s (subject %q) %s.", req.Path, cert.Subject.String(), gmcert.NotGMError(cert)))
		return
	case v.ca && !cert.IsCA:
		resp.Diagnostics.AddAttributeError(req.Path, summary,
			fmt.Sprintf("The certificate (subject %q) is not a CA certificate (its basic constraints do not say CA:TRUE).",
				cert.Subject.String()))
		return
	case !v.ca && cert.IsCA:
		resp.Diagnostics.AddAttributeError(req.Path, summary, fmt.Sprintf("The certificate (subject %q) is a "+
			"CA certificate; the gateway needs an end-entity certificate here (the CA goes in certificate_chain).",
			cert.Subject.String()))
		return
	}
	if time.Now().After(cert.NotAfter) {
		what := "certificate"
		if v.ca {
			what = "CA certificate"
		}
		resp.Diagnostics.AddAttributeWarning(req.Path, expired,
			fmt.Sprintf("The %s (subject %q) expired on %s.", what, cert.Subject.String(), cert.NotAfter.UTC().Format(time.RFC3339)))
	}
}

// pemCACertificateValidator checks a CA certificate.
func pemCACertificateValidator() pemCertificateValidator { return pemCertificateValidator{ca: true} }

// pemLeafCertificateValidator checks an end-entity (non-CA) certificate.
func pemLeafCertificateValidator() pemCertificateValidator { return pemCertificateValidator{} }
