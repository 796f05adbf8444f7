package provider

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// Default timeouts of huaweicloudvpn_vpn_gateway_certificate operations.
const (
	vgwCertCreateTimeout = 10 * time.Minute
	vgwCertUpdateTimeout = 10 * time.Minute
)

var (
	_ resource.Resource                     = (*vgwCertificateResource)(nil)
	_ resource.ResourceWithConfigure        = (*vgwCertificateResource)(nil)
	_ resource.ResourceWithImportState      = (*vgwCertificateResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*vgwCertificateResource)(nil)
	_ resource.ResourceWithConfigValidators = (*vgwCertificateResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*vgwCertificateResource)(nil)
)

// NewVPNGatewayCertificateResource returns the
// huaweicloudvpn_vpn_gateway_certificate resource.
func NewVPNGatewayCertificateResource() resource.Resource {
	return &vgwCertificateResource{}
}

// vgwCertificateResource manages the certificate of a GM VPN gateway.
type vgwCertificateResource struct {
	data *ProviderData
}

// vgwCertificateModel is the resource's configuration, plan and state.
type vgwCertificateModel struct {
	ID                           types.String   `tfsdk:"id"`
	VgwID                        types.String   `tfsdk:"vgw_id"`
	Name                         types.String   `tfsdk:"name"`
	Certificate                  pemValue       `tfsdk:"certificate"`
	CertificateChain             pemValue       `tfsdk:"certificate_chain"`
	EncCertificate               pemValue       `tfsdk:"enc_certificate"`
	PrivateKeyWO                 types.String   `tfsdk:"private_key_wo"`
	EncPrivateKeyWO              types.String   `tfsdk:"enc_private_key_wo"`
	PrivateKeysWOVersion         types.Int64    `tfsdk:"private_keys_wo_version"`
	PrivateKey                   pemValue       `tfsdk:"private_key"`
	EncPrivateKey                pemValue       `tfsdk:"enc_private_key"`
	Status                       types.String   `tfsdk:"status"`
	Issuer                       types.String   `tfsdk:"issuer"`
	SignatureAlgorithm           types.String   `tfsdk:"signature_algorithm"`
	CertificateSerialNumber      types.String   `tfsdk:"certificate_serial_number"`
	CertificateSubject           types.String   `tfsdk:"certificate_subject"`
	CertificateExpireTime        types.String   `tfsdk:"certificate_expire_time"`
	CertificateChainSerialNumber types.String   `tfsdk:"certificate_chain_serial_number"`
	CertificateChainSubject      types.String   `tfsdk:"certificate_chain_subject"`
	CertificateChainExpireTime   types.String   `tfsdk:"certificate_chain_expire_time"`
	EncCertificateSerialNumber   types.String   `tfsdk:"enc_certificate_serial_number"`
	EncCertificateSubject        types.String   `tfsdk:"enc_certificate_subject"`
	EncCertificateExpireTime     types.String   `tfsdk:"enc_certificate_expire_time"`
	CreatedAt                    types.String   `tfsdk:"created_at"`
	UpdatedAt                    types.String   `tfsdk:"updated_at"`
	Timeouts                     timeouts.Value `tfsdk:"timeouts"`
}

// Computed attributes derived from each of the three certificates; they
// become unknown in a plan that sends that certificate again.
var (
	vgwCertSignAttrs  = []string{"issuer", "signature_algorithm", "certificate_serial_number", "certificate_subject", "certificate_expire_time"}
	vgwCertChainAttrs = []string{"certificate_chain_serial_number", "certificate_chain_subject", "certificate_chain_expire_time"}
	vgwCertEncAttrs   = []string{"enc_certificate_serial_number", "enc_certificate_subject", "enc_certificate_expire_time"}
)

// Metadata implements resource.Resource.
func (r *vgwCertificateResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_gateway_certificate"
}

// Schema implements resource.Resource.
func (r *vgwCertificateResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: desc,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		}
	}
	leaf := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Required:            true,
			CustomType:          pemType{},
			MarkdownDescription: desc,
			Validators:          []validator.String{pemLeafCertificateValidator()},
			PlanModifiers:       []planmodifier.String{pemKeepPrior{}},
		}
	}
	keyWO := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional:            true,
			Sensitive:           true,
			WriteOnly:           true,
			MarkdownDescription: desc,
			Validators:          []validator.String{vgwCertKeyValidator{}},
		}
	}
	keySensitive := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional:            true,
			Sensitive:           true,
			CustomType:          pemType{},
			MarkdownDescription: desc,
			Validators:          []validator.String{vgwCertKeyValidator{}},
			PlanModifiers:       []planmodifier.String{pemKeepPrior{}},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The certificate of a GM (national cryptography, flavor `GM`) VPN gateway: a signing " +
			"certificate and an encryption certificate with their private keys, and the CA certificate chain that " +
			"issued them. A GM gateway carries no VPN connection until its certificate is bound, so make GM " +
			"`huaweicloudvpn_vpn_connection` resources depend on this one (`depends_on`).\n\n" +
			"A gateway has at most one certificate. Uploading is asynchronous: the resource waits until the " +
			"certificate is `BOUND` (it fails with the service's message on `FAULT`); an update that sends " +
			"certificates or keys waits again. Default timeouts: 10 minutes for create and update.\n\n" +
			"**There is no delete call in the API.** Destroying this resource only removes it from the Terraform " +
			"state (with a warning); the certificate stays on the gateway until the gateway is deleted. Creating the " +
			"resource for a gateway that already has a certificate takes that certificate over: it is updated with the " +
			"configured certificates and keys.\n\n" +
			"The private keys are never returned by the service. Prefer the write-only `private_key_wo` and " +
			"`enc_private_key_wo` (Terraform 1.11 or later), which are never stored in the plan or the state; " +
			"`private_key` and `enc_private_key` are the same keys for older Terraform versions, stored (sensitive) " +
			"in the state. Use one form for both keys.\n\n" +
			"The certificates are stored as configured (PEM); line endings and surrounding whitespace never cause a " +
			"diff.\n\n" +
			"**Import** is by the id of the VPN gateway. The API never returns the PEM text of the certificates nor " +
			"the private keys, so an import cannot read them back: after `terraform import` the state has no " +
			"`certificate`, `certificate_chain`, `enc_certificate`, `private_key` or `enc_private_key`, and the " +
			"first plan shows them being added (an in-place update). Applying that plan calls no API when the " +
			"configured certificates have the serial numbers the service reports (it only records them in the " +
			"state); when they differ, the configured certificates and keys are uploaded. Everything the service " +
			"reports (status, issuer, serial numbers, subjects, expiry times) is read back by the import.\n\n" +
			"In the official `huaweicloud` provider this is the `certificate` block of `huaweicloud_vpn_gateway` " +
			"(where the signing certificate is called `content`, the private keys sit in plain state and import never " +
			"fills it); here it is a resource of its own, named after the API's `vpn-gateways/{vgw_id}/certificate`.",
		Attributes: map[string]schema.Attribute{
			"id": stable("Certificate id (a UUID), assigned by the service."),
			"vgw_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Id of the VPN gateway, which must have flavor `GM` (checked at plan time when the id " +
					"is known, else at apply). Changing it replaces the resource (the certificate stays on the old gateway).",
				Validators:    []validator.String{uuidValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: fmt.Sprintf("Certificate name: %d-%d characters of digits, letters, Chinese characters, "+
					"`_`, `-` and `.`. When omitted the service generates one (`cert-xxxx`). Changes in place without "+
					"sending the certificates again.", apispec.CertificateNameMinLength, apispec.CertificateNameMaxLength),
				Validators:    []validator.String{resourceNameValidator(apispec.CertificateNameMinLength, apispec.CertificateNameMaxLength)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"certificate": leaf(fmt.Sprintf("Signing certificate (PEM, at most %d characters; a GM, non-CA certificate). "+
				"Changes in place: the certificate is sent again with its private key, and the gateway re-binds."+
				" The service never returns it, so an import cannot read it back.", apispec.CertificateMaxLength)),
			"certificate_chain": schema.StringAttribute{
				Required:   true,
				CustomType: pemType{},
				MarkdownDescription: fmt.Sprintf("CA certificate chain (PEM, at most %d characters) that issued `certificate` "+
					"and `enc_certificate`. Changes in place (the gateway re-binds)."+
					" The service never returns it, so an import cannot read it back.", apispec.CertificateChainMaxLength),
				Validators:    []validator.String{pemCACertificateValidator()},
				PlanModifiers: []planmodifier.String{pemKeepPrior{}},
			},
			"enc_certificate": leaf(fmt.Sprintf("Encryption certificate (PEM, at most %d characters; a GM, non-CA "+
				"certificate). Changes in place: the certificate is sent again with its private key, and the gateway re-binds."+
				" The service never returns it, so an import cannot read it back.", apispec.CertificateMaxLength)),
			"private_key_wo": keyWO(fmt.Sprintf("Write-only private key of `certificate` (PEM, at most %d characters; "+
				"Terraform 1.11 or later): sent to the service, never kept in the plan or the state. It is sent whenever "+
				"`certificate` changes; Terraform cannot see a change of the key alone, so change `private_keys_wo_version` "+
				"to send both keys again. Exactly one of `private_key_wo` and `private_key` is required.", apispec.PrivateKeyMaxLength)),
			"enc_private_key_wo": keyWO(fmt.Sprintf("Write-only private key of `enc_certificate` (PEM, at most %d characters; "+
				"Terraform 1.11 or later), sent whenever `enc_certificate` changes or `private_keys_wo_version` changes. "+
				"Exactly one of `enc_private_key_wo` and `enc_private_key` is required.", apispec.PrivateKeyMaxLength)),
			"private_keys_wo_version": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Any number. Changing it from one value to another sends both certificates, both " +
					"write-only keys and the chain again (an in-place update; the gateway re-binds). Setting it for the " +
					"first time (for example after an import) only records it.",
				Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("private_key_wo"))},
			},
			"private_key": keySensitive("Private key of `certificate` (PEM), for Terraform versions before 1.11. It is " +
				"stored (sensitive) in the state; prefer `private_key_wo`. Sent with `certificate`, and again when it " +
				"changes. The service never returns it, so an import leaves it empty and the next apply records it " +
				"without sending it."),
			"enc_private_key": keySensitive("Private key of `enc_certificate` (PEM), for Terraform versions before 1.11. " +
				"It is stored (sensitive) in the state; prefer `enc_private_key_wo`. Sent with `enc_certificate`, and " +
				"again when it changes."),
			"status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Status: `BOUND` once the gateway uses the certificate; `BINDING` while it is being applied; `FAULT` when " +
					"binding failed (change `private_keys_wo_version`, or the certificates, to send them again).",
			},
			"issuer":                          stable("Issuer of the signing certificate, as the service reports it (e.g. `C=CN,O=Example,CN=Example CA`)."),
			"signature_algorithm":             stable("Signature algorithm of the signing certificate, as the service reports it (e.g. `SM3WITHSM2`)."),
			"certificate_serial_number":       stable("Serial number of the signing certificate."),
			"certificate_subject":             stable("Subject of the signing certificate."),
			"certificate_expire_time":         stable("Expiry time of the signing certificate (RFC 3339)."),
			"certificate_chain_serial_number": stable("Serial number of the CA certificate."),
			"certificate_chain_subject":       stable("Subject of the CA certificate."),
			"certificate_chain_expire_time":   stable("Expiry time of the CA certificate (RFC 3339)."),
			"enc_certificate_serial_number":   stable("Serial number of the encryption certificate."),
			"enc_certificate_subject":         stable("Subject of the encryption certificate."),
			"enc_certificate_expire_time":     stable("Expiry time of the encryption certificate (RFC 3339)."),
			"created_at":                      stable("Creation time, set by the service."),
			"updated_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Time of the last change, set by the service.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true}),
		},
	}
}

// Configure implements resource.ResourceWithConfigure.
func (r *vgwCertificateResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

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

// ValidateConfig implements resource.ResourceWithValidateConfig: when Go can
// parse them, each private key must match its certificate, and each
// certificate must be issued by a certificate of the chain.
func (r *vgwCertificateResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m vgwCertificateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	chain := vgwCertParseChain(m.CertificateChain)
	pairs := []struct {
		certAttr string
		cert     pemValue
		keys     map[string]types.String
	}{
		{"certificate", m.Certificate, map[string]types.String{"private_key": m.PrivateKey.StringValue, "private_key_wo": m.PrivateKeyWO}},
		{"enc_certificate", m.EncCertificate, map[string]types.String{"enc_private_key": m.EncPrivateKey.StringValue, "enc_private_key_wo": m.EncPrivateKeyWO}},
	}
	for _, p := range pairs {
		cert := vgwCertParseKnown(p.cert.StringValue)
		if cert == nil {
			continue
		}
		for keyAttr, key := range p.keys {
			if key.IsNull() || key.IsUnknown() {
				continue
			}
			signer := vgwCertParseKey(key.ValueString())
			if signer != nil && !vgwCertKeyMatches(cert, signer) {
				resp.Diagnostics.AddAttributeError(path.Root(keyAttr), "Private Key Does Not Match Certificate",
					fmt.Sprintf("The private key in %s is not the key of the public key in %s (subject %q).",
						keyAttr, p.certAttr, cert.Subject.String()))
			}
		}
		if len(chain) > 0 && !vgwCertIssuedByAny(cert, chain) {
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
	if r.data == nil || vgwID.IsNull() || vgwID.IsUnknown() {
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

// Create implements resource.Resource: upload (or take over an existing
// certificate by updating it), then wait for BOUND.
func (r *vgwCertificateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "vgw_id", &resp.Diagnostics)
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN gateway certificate") {
		return
	}
	var plan, config vgwCertificateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, vgwCertCreateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c := r.data.Client
	vgwID := plan.VgwID.ValueString()

	signKey, encKey := vgwCertKeys(&plan, &config)
	ctx = maskLogSecrets(ctx, signKey, encKey)
	if signKey == "" || encKey == "" {
		resp.Diagnostics.AddError("Missing Private Key", "Both private keys are needed to upload the certificate: set "+
			"private_key_wo and enc_private_key_wo (Terraform 1.11 or later), or private_key and enc_private_key.")
		return
	}

	gw, err := c.GetVPNGateway(ctx, vgwID)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to read the VPN gateway of the certificate",
			"read VPN gateway before uploading its certificate", vgwID, err)
		return
	}
	if gw.Flavor != apispec.FlavorGM {
		resp.Diagnostics.AddAttributeError(path.Root("vgw_id"), "VPN Gateway Is Not GM", vgwCertNotGMDetail(vgwID, gw.Flavor))
		return
	}

	var sent *client.VPNGatewayCertificate
	existing, err := c.GetVPNGatewayCertificate(ctx, vgwID)
	switch {
	case err == nil:
		tflog.Info(ctx, "VPN gateway already has a certificate; taking it over", map[string]any{"vgw_id": vgwID, "id": existing.ID})
		resp.Diagnostics.AddWarning("Existing Certificate Taken Over", fmt.Sprintf("VPN gateway %s already had certificate "+
			"%s; it was updated with the configured certificates and keys and is now managed by this resource.", vgwID, existing.ID))
		sent, err = c.UpdateVPNGatewayCertificate(ctx, vgwID, existing.ID, &client.UpdateVPNGatewayCertificateRequest{
			Name:             plan.Name.ValueString(),
			Certificate:      plan.Certificate.ValueString(),
			PrivateKey:       signKey,
			CertificateChain: plan.CertificateChain.ValueString(),
			EncCertificate:   plan.EncCertificate.ValueString(),
			EncPrivateKey:    encKey,
		})
		if err != nil {
			addAPIError(&resp.Diagnostics, "Unable to update the existing VPN gateway certificate",
				"update the certificate of VPN gateway "+vgwID, existing.ID, err)
			return
		}
	case client.IsNotFound(err):
		sent, err = c.CreateVPNGatewayCertificate(ctx, vgwID, &client.CreateVPNGatewayCertificateRequest{
			Name:             plan.Name.ValueString(),
			Certificate:      plan.Certificate.ValueString(),
			PrivateKey:       signKey,
			CertificateChain: plan.CertificateChain.ValueString(),
			EncCertificate:   plan.EncCertificate.ValueString(),
			EncPrivateKey:    encKey,
		})
		if err != nil {
			addAPIError(&resp.Diagnostics, "Unable to upload the VPN gateway certificate",
				"upload the certificate of VPN gateway "+vgwID, "", err)
			return
		}
	default:
		addAPIError(&resp.Diagnostics, "Unable to read the VPN gateway certificate",
			"read the certificate of VPN gateway "+vgwID+" before uploading one", "", err)
		return
	}
	tflog.Info(ctx, "Sent VPN gateway certificate, waiting for BOUND", map[string]any{"vgw_id": vgwID, "id": sent.ID})

	bound, err := c.WaitVPNGatewayCertificateBound(ctx, vgwID)
	if bound == nil {
		bound = sent
	}
	state := flattenVGWCertificate(bound, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if err != nil {
		// The certificate exists: it stays in the state (tainted); the next
		// apply takes it over again.
		addAPIError(&resp.Diagnostics, "Error waiting for the VPN gateway certificate to be bound",
			"wait for the certificate of VPN gateway "+vgwID+" to become BOUND", sent.ID, err)
	}
}

// Read implements resource.Resource. A gateway without a certificate (or
// gone) removes the resource. A stored certificate whose serial number is
// not the one the service reports (changed outside Terraform) is dropped from
// the state, so the next plan sends the configured one again.
func (r *vgwCertificateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "vgw_id", &resp.Diagnostics, req.State)
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN gateway certificate") {
		return
	}
	var prior vgwCertificateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	vgwID := prior.VgwID.ValueString()
	cert, err := r.data.Client.GetVPNGatewayCertificate(ctx, vgwID)
	if client.IsNotFound(err) {
		tflog.Warn(ctx, "VPN gateway certificate is gone; removing it from the state", map[string]any{"vgw_id": vgwID})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to read the VPN gateway certificate", "read the certificate of VPN gateway "+vgwID,
			prior.ID.ValueString(), err)
		return
	}
	state := flattenVGWCertificate(cert, &prior)
	for _, p := range []struct {
		pem    *pemValue
		serial string
	}{
		{&state.Certificate, cert.CertificateSerialNumber},
		{&state.CertificateChain, cert.CertificateChainSerialNumber},
		{&state.EncCertificate, cert.EncCertificateSerialNumber},
	} {
		if vgwCertSerialDiffers(p.pem.StringValue, p.serial) {
			tflog.Info(ctx, "A certificate of the VPN gateway changed outside Terraform", map[string]any{"vgw_id": vgwID})
			*p.pem = pemNull()
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update implements resource.Resource: a name change alone is sent alone;
// each changed certificate is sent with its key (the chain alone), and all
// of them when private_keys_wo_version changes. Material changes wait for
// BOUND again. Adopting values after an import calls nothing.
func (r *vgwCertificateResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "vgw_id", &resp.Diagnostics)
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN gateway certificate") {
		return
	}
	var plan, state, config vgwCertificateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, vgwCertUpdateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c := r.data.Client
	vgwID, id := state.VgwID.ValueString(), state.ID.ValueString()

	signKey, encKey := vgwCertKeys(&plan, &config)
	ctx = maskLogSecrets(ctx, signKey, encKey)
	ch := vgwCertChanges(&state, &plan)
	body := client.UpdateVPNGatewayCertificateRequest{}
	send := false
	if !plan.Name.IsUnknown() && !plan.Name.IsNull() && !plan.Name.Equal(state.Name) {
		body.Name, send = plan.Name.ValueString(), true
	}
	if ch.sign {
		body.Certificate, body.PrivateKey, send = plan.Certificate.ValueString(), signKey, true
	}
	if ch.chain {
		body.CertificateChain, send = plan.CertificateChain.ValueString(), true
	}
	if ch.enc {
		body.EncCertificate, body.EncPrivateKey, send = plan.EncCertificate.ValueString(), encKey, true
	}
	if (ch.sign && signKey == "") || (ch.enc && encKey == "") {
		resp.Diagnostics.AddError("Missing Private Key", "A changed certificate is sent with its private key, and the "+
			"configuration has none for it (private_key_wo / enc_private_key_wo need Terraform 1.11 or later).")
		return
	}

	var cert *client.VPNGatewayCertificate
	var err error
	if send {
		tflog.Info(ctx, "Updating VPN gateway certificate", map[string]any{
			"vgw_id": vgwID, "id": id, "name": body.Name != "", "certificate": ch.sign, "certificate_chain": ch.chain, "enc_certificate": ch.enc,
		})
		cert, err = c.UpdateVPNGatewayCertificate(ctx, vgwID, id, &body)
		if err != nil {
			addAPIError(&resp.Diagnostics, "Unable to update the VPN gateway certificate",
				"update the certificate of VPN gateway "+vgwID, id, err)
			return
		}
	}
	if ch.material() {
		var bound *client.VPNGatewayCertificate
		bound, err = c.WaitVPNGatewayCertificateBound(ctx, vgwID)
		if bound != nil {
			cert = bound
		}
	} else {
		var got *client.VPNGatewayCertificate
		got, err = c.GetVPNGatewayCertificate(ctx, vgwID)
		if got != nil {
			cert = got
		}
	}
	if cert == nil {
		addAPIError(&resp.Diagnostics, "Unable to read the VPN gateway certificate", "read the certificate of VPN gateway "+vgwID, id, err)
		return
	}
	newState := flattenVGWCertificate(cert, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &newState)...)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error waiting for the VPN gateway certificate to be bound",
			"wait for the certificate of VPN gateway "+vgwID+" to become BOUND after an update", id, err)
	}
}

// Delete implements resource.Resource. The API cannot delete a certificate:
// the resource only leaves the state, with a warning.
func (r *vgwCertificateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state vgwCertificateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Info(ctx, "VPN gateway certificate removed from the state only", map[string]any{"vgw_id": state.VgwID.ValueString()})
	resp.Diagnostics.AddWarning("VPN Gateway Certificate Removed From State Only",
		fmt.Sprintf("The VPN API has no call to delete a gateway certificate. Certificate %s was removed from the Terraform "+
			"state only: it stays on VPN gateway %s until the gateway is deleted. A new "+
			"huaweicloudvpn_vpn_gateway_certificate for that gateway takes it over.", state.ID.ValueString(), state.VgwID.ValueString()))
}

// ImportState implements resource.ResourceWithImportState: import by the
// id of the gateway (which has at most one certificate).
func (r *vgwCertificateResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		importByIdentity(ctx, r.data, req, resp, "vgw_id", "a VPN gateway certificate")
		return
	}
	if err := apispec.CheckUUID(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("A VPN gateway certificate is imported by the id of its "+
			"VPN gateway (a UUID); %q %v.", req.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("vgw_id"), req.ID)...)
}

// ---- helpers ----

// flattenVGWCertificate is the model of c; base (plan or prior state)
// supplies what the service does not return: certificates, keys, version,
// timeouts, and values the create and update answers lack.
func flattenVGWCertificate(c *client.VPNGatewayCertificate, base *vgwCertificateModel) vgwCertificateModel {
	m := *base
	m.ID = types.StringValue(c.ID)
	m.VgwID = strOrPrior(c.VgwID, base.VgwID)
	m.Name = strOrPrior(c.Name, base.Name)
	m.PrivateKeyWO = types.StringNull()
	m.EncPrivateKeyWO = types.StringNull()
	m.Status = strOrPrior(c.Status, types.StringUnknown())
	m.Issuer = strOrPrior(c.Issuer, base.Issuer)
	m.SignatureAlgorithm = strOrPrior(c.SignatureAlgorithm, base.SignatureAlgorithm)
	m.CertificateSerialNumber = strOrPrior(c.CertificateSerialNumber, base.CertificateSerialNumber)
	m.CertificateSubject = strOrPrior(c.CertificateSubject, base.CertificateSubject)
	m.CertificateExpireTime = strOrPrior(c.CertificateExpireTime, base.CertificateExpireTime)
	m.CertificateChainSerialNumber = strOrPrior(c.CertificateChainSerialNumber, base.CertificateChainSerialNumber)
	m.CertificateChainSubject = strOrPrior(c.CertificateChainSubject, base.CertificateChainSubject)
	m.CertificateChainExpireTime = strOrPrior(c.CertificateChainExpireTime, base.CertificateChainExpireTime)
	m.EncCertificateSerialNumber = strOrPrior(c.EncCertificateSerialNumber, base.EncCertificateSerialNumber)
	m.EncCertificateSubject = strOrPrior(c.EncCertificateSubject, base.EncCertificateSubject)
	m.EncCertificateExpireTime = strOrPrior(c.EncCertificateExpireTime, base.EncCertificateExpireTime)
	m.CreatedAt = strOrPrior(c.CreatedAt, base.CreatedAt)
	m.UpdatedAt = strOrPrior(c.UpdatedAt, base.UpdatedAt)
	for _, v := range []*pemValue{&m.Certificate, &m.CertificateChain, &m.EncCertificate, &m.PrivateKey, &m.EncPrivateKey} {
		if v.IsUnknown() {
			*v = pemNull()
		}
	}
	return m
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
	if !prior.IsNull() && !prior.IsUnknown() {
		return !pemEquivalent(prior.ValueString(), planned.ValueString())
	}
	if priorSerial.IsNull() || priorSerial.IsUnknown() {
		return false
	}
	return vgwCertSerialDiffers(planned.StringValue, priorSerial.ValueString())
}

// vgwCertKeyChanged reports whether a sensitive key changed from one value
// to another.
func vgwCertKeyChanged(prior, planned pemValue) bool {
	if planned.IsUnknown() {
		return !prior.IsNull()
	}
	if prior.IsNull() || prior.IsUnknown() || planned.IsNull() {
		return false
	}
	return !pemEquivalent(prior.ValueString(), planned.ValueString())
}

// vgwCertSerialDiffers reports whether the first certificate of pemText can
// be parsed and has another serial number than serial (decimal, or hex with
// or without colons). False when either is missing or cannot be read.
func vgwCertSerialDiffers(pemText types.String, serial string) bool {
	cert := vgwCertParseKnown(pemText)
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

// vgwCertKeys returns the two private keys: the sensitive ones from the
// plan, else the write-only ones, which only the configuration holds.
func vgwCertKeys(plan, config *vgwCertificateModel) (sign, enc string) {
	sign, enc = plan.PrivateKey.ValueString(), plan.EncPrivateKey.ValueString()
	if sign == "" {
		sign = config.PrivateKeyWO.ValueString()
	}
	if enc == "" {
		enc = config.EncPrivateKeyWO.ValueString()
	}
	return sign, enc
}

// vgwCertParseKnown parses the first certificate of a known value; nil when
// the value is null, unknown, not PEM, or a certificate Go cannot parse (SM2).
func vgwCertParseKnown(v types.String) *x509.Certificate {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	cert, _ := parseCertificatePEM(v.ValueString())
	return cert
}

// vgwCertParseChain parses every certificate of the chain Go can read.
func vgwCertParseChain(v pemValue) []*x509.Certificate {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	blocks, _ := pemBlocks(v.ValueString())
	var out []*x509.Certificate
	for _, b := range blocks {
		if b.Type != "CERTIFICATE" {
			continue
		}
		if c, err := x509.ParseCertificate(b.Bytes); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// vgwCertIssuedByAny reports whether cert is signed by one of chain.
func vgwCertIssuedByAny(cert *x509.Certificate, chain []*x509.Certificate) bool {
	for _, ca := range chain {
		if cert.CheckSignatureFrom(ca) == nil {
			return true
		}
	}
	return false
}

// vgwCertParseKey parses a PEM private key (PKCS#8, SEC 1 or PKCS#1); nil
// when it cannot (not PEM, or an SM2 key Go cannot read).
func vgwCertParseKey(s string) crypto.Signer {
	block, _ := pemDecodeFirst(s)
	if block == nil {
		return nil
	}
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if signer, ok := k.(crypto.Signer); ok {
			return signer
		}
	}
	if k, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
		return k
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k
	}
	return nil
}

// vgwCertKeyMatches reports whether key is the private half of the
// certificate's public key (true for key types it cannot compare).
func vgwCertKeyMatches(cert *x509.Certificate, key crypto.Signer) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	switch pub := key.Public().(type) {
	case *ecdsa.PublicKey, *rsa.PublicKey, ed25519.PublicKey:
		if eq, ok := pub.(equaler); ok {
			return eq.Equal(cert.PublicKey)
		}
	}
	return true
}

// vgwCertKeyValidator checks a private key at plan time: at most
// apispec.PrivateKeyMaxLength characters and one unencrypted PEM private key
// block holding a DER structure. Its messages never show the key.
type vgwCertKeyValidator struct{}

var _ validator.String = vgwCertKeyValidator{}

// Description implements validator.Describer.
func (vgwCertKeyValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be an unencrypted PEM-encoded private key of at most %d characters", apispec.PrivateKeyMaxLength)
}

// MarkdownDescription implements validator.Describer.
func (v vgwCertKeyValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString implements validator.String.
func (vgwCertKeyValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if reason := vgwCertKeyProblem(req.ConfigValue.ValueString()); reason != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Private Key", reason)
	}
}

// vgwCertKeyProblem says why s is not a usable private key ("" when it is).
func vgwCertKeyProblem(s string) string {
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
	var raw asn1.RawValue
	if r, err := asn1.Unmarshal(block.Bytes, &raw); err != nil || len(r) != 0 || raw.Tag != asn1.TagSequence {
		return "The PEM private key block does not hold a DER-encoded key."
	}
	return ""
}
