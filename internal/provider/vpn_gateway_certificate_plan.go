package provider

// Plan-time behaviour of huaweicloudvpn_vpn_gateway_certificate: configuration
// validation, the checks that need the gateway, and what an update sends again.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert"
)

// ConfigValidators implements resource.ResourceWithConfigValidators: each
// key in exactly one form, and both keys in the same form.
func (r *vgwCertificateResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("private_key"), path.MatchRoot("private_key_wo")),
		resourcevalidator.ExactlyOneOf(path.MatchRoot("enc_private_key"), path.MatchRoot("enc_private_key_wo")),
		resourcevalidator.Conflicting(path.MatchRoot("private_key"), path.MatchRoot("enc_private_key_wo")),
		resourcevalidator.Conflicting(path.MatchRoot("private_key_wo"), path.MatchRoot("enc_private_key")),
	}
}

// ValidateConfig implements resource.ResourceWithValidateConfig: each
// private key must match its certificate ("与签名证书的公钥匹配", reference
// 4.1.1.8), and each certificate must be issued by a certificate of the chain.
func (r *vgwCertificateResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m vgwCertificateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	chain := parseCertificateChain(m.CertificateChain)
	pairs := []struct {
		certAttr string
		cert     pemValue
		keys     map[string]types.String
	}{
		{"certificate", m.Certificate, map[string]types.String{"private_key": m.PrivateKey.StringValue, "private_key_wo": m.PrivateKeyWO}},
		{"enc_certificate", m.EncCertificate, map[string]types.String{"enc_private_key": m.EncPrivateKey.StringValue, "enc_private_key_wo": m.EncPrivateKeyWO}},
	}
	for _, p := range pairs {
		cert := parseKnownCertificate(p.cert.StringValue)
		if cert == nil || !gmcert.IsGM(cert) {
			continue // the attribute's validator reports it
		}
		for keyAttr, key := range p.keys {
			if !known(key) {
				continue
			}
			signer, err := gmcert.ParsePrivateKey(key.ValueString())
			if err == nil && !gmcert.KeyMatches(cert, signer) {
				resp.Diagnostics.AddAttributeError(path.Root(keyAttr), "Private Key Does Not Match Certificate",
					fmt.Sprintf("The private key in %s is not the key of the public key in %s (subject %q).",
						keyAttr, p.certAttr, cert.Subject.String()))
			}
		}
		if len(chain) > 0 && !certIssuedByAny(cert, chain) {
			resp.Diagnostics.AddAttributeError(path.Root(p.certAttr), "Certificate Not Issued By The Chain",
				fmt.Sprintf("The certificate in %s (subject %q, issuer %q) is not signed by any certificate of certificate_chain.",
					p.certAttr, cert.Subject.String(), cert.Issuer.String()))
		}
	}
}

// ModifyPlan implements resource.ResourceWithModifyPlan. A new certificate:
// the gateway, when its id is known, must be GM, and an existing certificate
// is announced as taken over. A changed certificate: the attributes derived
// from each certificate sent again become unknown.
func (r *vgwCertificateResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan vgwCertificateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		r.planNewCertificate(ctx, plan.VgwID, resp)
		return
	}
	var state vgwCertificateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if vgwCertSameInputs(&state, &plan) {
		// Only computed values were marked unknown (the configuration
		// differs from the state in line endings alone): no change.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), state.Status)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), state.UpdatedAt)...)
		return
	}
	ch := vgwCertChanges(&state, &plan)
	for _, g := range []struct {
		changed bool
		attrs   []string
	}{{ch.sign, vgwCertSignAttrs}, {ch.chain, vgwCertChainAttrs}, {ch.enc, vgwCertEncAttrs}} {
		if !g.changed {
			continue
		}
		for _, a := range g.attrs {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(a), types.StringUnknown())...)
		}
	}
}

// planNewCertificate checks the gateway of a new certificate when its id is
// known: it must be GM. A gateway that cannot be read now is left to apply.
func (r *vgwCertificateResource) planNewCertificate(ctx context.Context, vgwID types.String, resp *resource.ModifyPlanResponse) {
	if r.data == nil || !known(vgwID) {
		return
	}
	id := vgwID.ValueString()
	gw, err := r.data.Client.GetVPNGateway(ctx, id)
	if err != nil {
		tflog.Debug(ctx, "Cannot check the VPN gateway of a new certificate at plan time", map[string]any{"vgw_id": id, "error": err.Error()})
		return
	}
	if gw.Flavor != apispec.FlavorGM {
		resp.Diagnostics.AddAttributeError(path.Root("vgw_id"), "VPN Gateway Is Not GM", vgwCertNotGMDetail(id, gw.Flavor))
		return
	}
	if gw.CertificateID != "" {
		resp.Diagnostics.AddAttributeWarning(path.Root("vgw_id"), "VPN Gateway Already Has A Certificate",
			fmt.Sprintf("VPN gateway %s already has certificate %s. It will be taken over: updated with the configured "+
				"certificates and keys. Import it instead (terraform import <address> %s) to adopt it without sending them.",
				id, gw.CertificateID, id))
	}
}

// vgwCertNotGMDetail explains why a gateway cannot take a certificate.
func vgwCertNotGMDetail(id, flavor string) string {
	return fmt.Sprintf("VPN gateway %s has flavor %q. Only GM gateways (flavor = \"GM\") take a certificate; "+
		"other flavors authenticate connections with pre-shared keys.", id, flavor)
}

// vgwCertSameInputs reports whether the plan has the state's value for
// every attribute that is not computed by the service.
func vgwCertSameInputs(state, plan *vgwCertificateModel) bool {
	return plan.VgwID.Equal(state.VgwID) && plan.Name.Equal(state.Name) &&
		plan.Certificate.Equal(state.Certificate) && plan.CertificateChain.Equal(state.CertificateChain) &&
		plan.EncCertificate.Equal(state.EncCertificate) && plan.PrivateKey.Equal(state.PrivateKey) &&
		plan.EncPrivateKey.Equal(state.EncPrivateKey) && plan.PrivateKeysWOVersion.Equal(state.PrivateKeysWOVersion) &&
		plan.Timeouts.Equal(state.Timeouts)
}

// vgwCertChange says which certificates an update sends again.
type vgwCertChange struct {
	sign, chain, enc bool
}

// material reports whether anything but the name is sent.
func (c vgwCertChange) material() bool { return c.sign || c.chain || c.enc }

// vgwCertChanges compares the prior state and the plan. A certificate is
// sent again when its PEM changes (semantically), when its sensitive key
// changes, or when private_keys_wo_version changes from one value to
// another (everything). A certificate missing from the state (after an
// import, or changed outside Terraform) is sent only when its serial number
// differs from the one the service reports; null -> value for a key or the
// version only records it.
func vgwCertChanges(state, plan *vgwCertificateModel) vgwCertChange {
	resend := !state.PrivateKeysWOVersion.IsNull() && !plan.PrivateKeysWOVersion.IsNull() &&
		!state.PrivateKeysWOVersion.Equal(plan.PrivateKeysWOVersion)
	return vgwCertChange{
		sign: resend || vgwCertPEMChanged(state.Certificate, state.CertificateSerialNumber, plan.Certificate) ||
			vgwCertKeyChanged(state.PrivateKey, plan.PrivateKey),
		chain: resend || vgwCertPEMChanged(state.CertificateChain, state.CertificateChainSerialNumber, plan.CertificateChain),
		enc: resend || vgwCertPEMChanged(state.EncCertificate, state.EncCertificateSerialNumber, plan.EncCertificate) ||
			vgwCertKeyChanged(state.EncPrivateKey, plan.EncPrivateKey),
	}
}

// vgwCertPEMChanged reports whether planned is another certificate than the
// prior one; when the prior PEM is not known, planned is compared with the
// serial number the service reports (unknown when either cannot be read).
func vgwCertPEMChanged(prior pemValue, priorSerial types.String, planned pemValue) bool {
	if planned.IsUnknown() {
		return true
	}
	if planned.IsNull() {
		return false
	}
	if known(prior) {
		return !pemEquivalent(prior.ValueString(), planned.ValueString())
	}
	if !known(priorSerial) {
		return false
	}
	return certSerialDiffers(planned.StringValue, priorSerial.ValueString())
}

// vgwCertKeyChanged reports whether a sensitive key changed from one value
// to another.
func vgwCertKeyChanged(prior, planned pemValue) bool {
	if planned.IsUnknown() {
		return !prior.IsNull()
	}
	if !known(prior) || planned.IsNull() {
		return false
	}
	return !pemEquivalent(prior.ValueString(), planned.ValueString())
}
