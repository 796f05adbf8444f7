package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	ProjectID                    types.String   `tfsdk:"project_id"`
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
			PlanModifiers:       stableString(),
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
			Validators:          []validator.String{privateKeyValidator{}},
		}
	}
	keySensitive := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional:            true,
			Sensitive:           true,
			CustomType:          pemType{},
			MarkdownDescription: desc,
			Validators:          []validator.String{privateKeyValidator{}},
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
				PlanModifiers: stableString(),
			},
			"certificate": leaf(fmt.Sprintf("Signing certificate (PEM, at most %d characters; a GM, non-CA certificate: SM2 key, signed `SM3WITHSM2`, checked at plan time). "+
				"Changes in place: the certificate is sent again with its private key, and the gateway re-binds."+
				" The service never returns it, so an import cannot read it back.", apispec.CertificateMaxLength)),
			"certificate_chain": schema.StringAttribute{
				Required:   true,
				CustomType: pemType{},
				MarkdownDescription: fmt.Sprintf("CA certificate chain (PEM, at most %d characters; a GM CA certificate: SM2 key, signed "+
					"`SM3WITHSM2`) that issued `certificate` and `enc_certificate`; checked at plan time. Changes in place (the gateway re-binds)."+
					" The service never returns it, so an import cannot read it back.", apispec.CertificateChainMaxLength),
				Validators:    []validator.String{pemCACertificateValidator()},
				PlanModifiers: []planmodifier.String{pemKeepPrior{}},
			},
			"enc_certificate": leaf(fmt.Sprintf("Encryption certificate (PEM, at most %d characters; a GM, non-CA "+
				"certificate: SM2 key, signed `SM3WITHSM2`, checked at plan time). Changes in place: the certificate is sent again with its private key, and the gateway re-binds."+
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
			"project_id":                      stable("ID of the project the certificate belongs to, as the service reports it."),
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
		opReadGatewayOfCert.report(&resp.Diagnostics, vgwID, err, "before uploading it")
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
		sent, err = vgwCertUpdateExactlyOnce(ctx, c, vgwID, existing.ID, &client.UpdateVPNGatewayCertificateRequest{
			Name:             plan.Name.ValueString(),
			Certificate:      plan.Certificate.ValueString(),
			PrivateKey:       signKey,
			CertificateChain: plan.CertificateChain.ValueString(),
			EncCertificate:   plan.EncCertificate.ValueString(),
			EncPrivateKey:    encKey,
		})
		if err != nil {
			opUpdateCertificate.report(&resp.Diagnostics, existing.ID, err, "(the existing one of VPN gateway "+vgwID+")")
			return
		}
	case client.IsNotFound(err):
		body := &client.CreateVPNGatewayCertificateRequest{
			Name:             plan.Name.ValueString(),
			Certificate:      plan.Certificate.ValueString(),
			PrivateKey:       signKey,
			CertificateChain: plan.CertificateChain.ValueString(),
			EncCertificate:   plan.EncCertificate.ValueString(),
			EncPrivateKey:    encKey,
		}
		sent, err = createExactlyOnce(ctx, createOnce[client.VPNGatewayCertificate]{
			What: "VPN gateway certificate", Key: "VPN gateway " + vgwID + " (one certificate per gateway)", NaturalKey: true,
			Send: func(ctx context.Context) (*client.VPNGatewayCertificate, error) {
				return c.CreateVPNGatewayCertificate(ctx, vgwID, body)
			},
			ID: func(v *client.VPNGatewayCertificate) string { return v.ID },
			Find: func(ctx context.Context) ([]createCandidate, map[string]*client.VPNGatewayCertificate, error) {
				got, err := c.GetVPNGatewayCertificate(ctx, vgwID)
				if client.IsNotFound(err) {
					return nil, nil, nil
				}
				if err != nil {
					return nil, nil, err
				}
				return []createCandidate{{ID: got.ID, Name: got.Name, CreatedAt: got.CreatedAt}},
					map[string]*client.VPNGatewayCertificate{got.ID: got}, nil
			},
		})
		if err != nil {
			opUploadCertificate.report(&resp.Diagnostics, "", err, "of VPN gateway "+vgwID)
			return
		}
	default:
		opReadCertificate.report(&resp.Diagnostics, "", err, "of VPN gateway "+vgwID+" before uploading one")
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
		opWaitCertificateBound.report(&resp.Diagnostics, sent.ID, err, "(VPN gateway "+vgwID+")")
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
		removeGone(ctx, resp, "certificate of VPN gateway", vgwID)
		return
	}
	if err != nil {
		opReadCertificate.report(&resp.Diagnostics, prior.ID.ValueString(), err, "of VPN gateway "+vgwID)
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
		if certSerialDiffers(p.pem.StringValue, p.serial) {
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
	if known(plan.Name) && !plan.Name.Equal(state.Name) {
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
		cert, err = vgwCertUpdateExactlyOnce(ctx, c, vgwID, id, &body)
		if err != nil {
			opUpdateCertificate.report(&resp.Diagnostics, id, err, "of VPN gateway "+vgwID)
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
		opReadCertificate.report(&resp.Diagnostics, id, err, "of VPN gateway "+vgwID)
		return
	}
	newState := flattenVGWCertificate(cert, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &newState)...)
	if err != nil {
		opWaitCertificateBound.report(&resp.Diagnostics, id, err, "after an update (VPN gateway "+vgwID+")")
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

// vgwCertUpdateExactlyOnce sends a certificate update; after a lost answer
// it reads the certificate back: BINDING (the update under way) or, for a
// name-only update, the new name means it took effect. The key material is
// not read back, so otherwise the (idempotent) update is sent again.
func vgwCertUpdateExactlyOnce(ctx context.Context, c *client.Client, vgwID, id string, body *client.UpdateVPNGatewayCertificateRequest) (*client.VPNGatewayCertificate, error) {
	var out *client.VPNGatewayCertificate
	err := writeVerified(ctx, "update the certificate of VPN gateway "+vgwID, func(ctx context.Context) error {
		v, err := c.UpdateVPNGatewayCertificate(ctx, vgwID, id, body)
		if err == nil {
			out = v
		}
		return err
	}, func(ctx context.Context) (bool, error) {
		got, err := c.GetVPNGatewayCertificate(ctx, vgwID)
		if err != nil {
			return false, err
		}
		out = got
		nameOnly := body.Certificate == "" && body.CertificateChain == "" && body.EncCertificate == ""
		return strings.EqualFold(got.Status, client.CertificateStatusBinding) || nameOnly && got.Name == body.Name, nil
	})
	return out, err
}
