package provider

// PEM content shared by the customer gateway's CA certificate and the VPN
// gateway certificate: a string type whose values compare by their PEM
// blocks, the plan modifier and validator that go with it, and parsing.

import (
	"bytes"
	"context"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert"
)

// pemType is the type of PEM attributes (ca_certificate.content of the
// customer gateway, the certificates and keys of the gateway certificate): a
// string whose values compare by their decoded PEM blocks, so line endings
// and surrounding whitespace never cause a diff.
type pemType struct {
	basetypes.StringType
}

var _ basetypes.StringTypable = pemType{}

// String implements attr.Type.
func (t pemType) String() string { return "pemType" }

// Equal implements attr.Type.
func (t pemType) Equal(o attr.Type) bool {
	_, ok := o.(pemType)
	return ok
}

// ValueType implements attr.Type.
func (t pemType) ValueType(context.Context) attr.Value { return pemValue{} }

// ValueFromString implements basetypes.StringTypable.
func (t pemType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return pemValue{StringValue: in}, nil
}

// ValueFromTerraform implements attr.Type.
func (t pemType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return pemValue{StringValue: s}, nil
}

// pemValue is a value of pemType.
type pemValue struct {
	basetypes.StringValue
}

var _ basetypes.StringValuableWithSemanticEquals = pemValue{}

// pemNull is a null pemValue.
func pemNull() pemValue { return pemValue{StringValue: types.StringNull()} }

// Type implements attr.Value.
func (v pemValue) Type(context.Context) attr.Type { return pemType{} }

// Equal implements attr.Value.
func (v pemValue) Equal(o attr.Value) bool {
	other, ok := o.(pemValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals implements basetypes.StringValuableWithSemanticEquals.
func (v pemValue) StringSemanticEquals(_ context.Context, o basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := o.(pemValue)
	if !ok {
		return false, nil
	}
	return pemEquivalent(v.ValueString(), other.ValueString()), nil
}

// pemEquivalent reports whether two PEM texts hold the same blocks (types
// and bytes), ignoring line endings, line wrapping and surrounding text
// whitespace. Texts that are not PEM compare after normalising line endings
// and trimming.
func pemEquivalent(a, b string) bool {
	ba, oka := pemBlocks(a)
	bb, okb := pemBlocks(b)
	if oka && okb {
		if len(ba) != len(bb) {
			return false
		}
		for i := range ba {
			if ba[i].Type != bb[i].Type || !bytes.Equal(ba[i].Bytes, bb[i].Bytes) {
				return false
			}
		}
		return true
	}
	return pemNormalizeText(a) == pemNormalizeText(b)
}

// pemBlocks decodes every PEM block of s; ok is false when s has none or has
// anything but whitespace outside them.
func pemBlocks(s string) ([]*pem.Block, bool) {
	rest := []byte(strings.ReplaceAll(s, "\r\n", "\n"))
	var blocks []*pem.Block
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		blocks = append(blocks, b)
	}
	return blocks, len(blocks) > 0 && len(bytes.TrimSpace(rest)) == 0
}

// pemNormalizeText converts CRLF to LF and trims surrounding whitespace.
func pemNormalizeText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// pemDecodeFirst decodes the first PEM block of s (after pemNormalizeText);
// block is nil when there is none, and rest is what follows it.
func pemDecodeFirst(s string) (block *pem.Block, rest []byte) {
	return pem.Decode([]byte(pemNormalizeText(s)))
}

// pemKeepPrior plans the prior content when the configured content holds
// the same certificate. Semantic equality alone covers only values the
// provider returns; Terraform accepts a planned value equal to the prior one
// as "functionally equivalent" to the configuration.
type pemKeepPrior struct{}

var _ planmodifier.String = pemKeepPrior{}

// Description implements planmodifier.Describer.
func (pemKeepPrior) Description(context.Context) string {
	return "differences in line endings or surrounding whitespace of the same certificate are not a change"
}

// MarkdownDescription implements planmodifier.Describer.
func (m pemKeepPrior) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

// PlanModifyString implements planmodifier.String.
func (pemKeepPrior) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if pemEquivalent(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
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

// pemCACertificateValidator checks a CA certificate.
func pemCACertificateValidator() pemCertificateValidator { return pemCertificateValidator{ca: true} }

// pemLeafCertificateValidator checks an end-entity (non-CA) certificate.
func pemLeafCertificateValidator() pemCertificateValidator { return pemCertificateValidator{} }

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
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
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

// parseCertificatePEM parses the first PEM block of s, which must be a
// CERTIFICATE (GM or not), or says why s is not a certificate.
func parseCertificatePEM(s string) (*gmcert.Certificate, string) {
	cert, err := gmcert.ParseCertificate(s)
	if err != nil {
		return nil, fmt.Sprintf("The content %s.", err)
	}
	return cert, ""
}
