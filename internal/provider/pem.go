package provider

// PEM and x509 helpers shared by the customer gateway's CA certificate and
// the VPN gateway certificate: a string type whose values compare by their
// PEM blocks, and the parsing and checks of certificates and private keys.
// Their validator and plan modifier are in validators.go and
// planmodifiers.go.

import (
	"bytes"
	"context"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// parseCertificatePEM parses the first PEM block of s, which must be a
// CERTIFICATE (GM or not), or says why s is not a certificate.
func parseCertificatePEM(s string) (*gmcert.Certificate, string) {
	cert, err := gmcert.ParseCertificate(s)
	if err != nil {
		return nil, fmt.Sprintf("The content %s.", err)
	}
	return cert, ""
}

// certSerialDiffers reports whether the first certificate of pemText can
// be parsed and has another serial number than serial (decimal, or hex with
// or without colons). False when either is missing or cannot be read.
func certSerialDiffers(pemText types.String, serial string) bool {
	cert := parseKnownCertificate(pemText)
	if cert == nil || serial == "" {
		return false
	}
	if d, ok := new(big.Int).SetString(serial, 10); ok && d.Cmp(cert.SerialNumber) == 0 {
		return false
	}
	hex := strings.ReplaceAll(strings.ToLower(serial), ":", "")
	if h, ok := new(big.Int).SetString(hex, 16); ok && h.Cmp(cert.SerialNumber) == 0 {
		return false
	}
	return true
}

// parseKnownCertificate parses the first certificate of a known value; nil
// when the value is null, unknown or not a certificate.
func parseKnownCertificate(v types.String) *gmcert.Certificate {
	if !known(v) {
		return nil
	}
	cert, _ := parseCertificatePEM(v.ValueString())
	return cert
}

// parseCertificateChain parses every certificate of the chain.
func parseCertificateChain(v pemValue) []*gmcert.Certificate {
	if !known(v) {
		return nil
	}
	blocks, _ := pemBlocks(v.ValueString())
	var out []*gmcert.Certificate
	for _, b := range blocks {
		if b.Type != "CERTIFICATE" {
			continue
		}
		if c, err := gmcert.ParseCertificate(string(pem.EncodeToMemory(b))); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// certIssuedByAny reports whether cert is signed by one of chain.
func certIssuedByAny(cert *gmcert.Certificate, chain []*gmcert.Certificate) bool {
	for _, ca := range chain {
		if gmcert.CheckIssued(cert, ca) == nil {
			return true
		}
	}
	return false
}

// privateKeyProblem says why s is not a usable private key ("" when it is).
func privateKeyProblem(s string) string {
	if err := apispec.CheckContentLength(s, apispec.PrivateKeyMaxLength); err != nil {
		return fmt.Sprintf("The private key %s.", err)
	}
	block, rest := pemDecodeFirst(s)
	switch {
	case block == nil:
		return "The value is not PEM: expected a block starting with -----BEGIN ... PRIVATE KEY-----."
	case block.Type == "ENCRYPTED PRIVATE KEY" || block.Headers["Proc-Type"] != "":
		return "The private key is encrypted; the service needs it unencrypted (it is never stored in the state when set as a write-only attribute)."
	case !strings.HasSuffix(block.Type, "PRIVATE KEY"):
		return fmt.Sprintf("The PEM block is a %q, not a PRIVATE KEY.", block.Type)
	case len(strings.TrimSpace(string(rest))) != 0:
		return "The value holds more than one PEM block; give only the private key."
	}
	if _, err := gmcert.ParsePrivateKey(s); err != nil {
		return fmt.Sprintf("The value %s.", err)
	}
	return ""
}
