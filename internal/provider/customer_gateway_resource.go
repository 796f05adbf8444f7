package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ resource.Resource                   = (*customerGatewayResource)(nil)
	_ resource.ResourceWithConfigure      = (*customerGatewayResource)(nil)
	_ resource.ResourceWithImportState    = (*customerGatewayResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*customerGatewayResource)(nil)
	_ resource.ResourceWithValidateConfig = (*customerGatewayResource)(nil)
)

// NewCustomerGatewayResource returns the huaweicloudvpn_customer_gateway resource.
func NewCustomerGatewayResource() resource.Resource {
	return &customerGatewayResource{}
}

// customerGatewayResource manages a customer (peer) gateway. The service
// creates, updates and deletes it synchronously.
type customerGatewayResource struct {
	data *ProviderData
}

// customerGatewayResourceModel is the resource's state and plan.
type customerGatewayResourceModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	IDType        types.String `tfsdk:"id_type"`
	IDValue       types.String `tfsdk:"id_value"`
	BgpAsn        types.Int64  `tfsdk:"bgp_asn"`
	CACertificate types.Object `tfsdk:"ca_certificate"`
	Tags          types.Map    `tfsdk:"tags"`
	TagsAll       types.Map    `tfsdk:"tags_all"`
	CreatedAt     types.String `tfsdk:"created_at"`
	UpdatedAt     types.String `tfsdk:"updated_at"`
}

// cgwCACertificateModel is the ca_certificate attribute.
type cgwCACertificateModel struct {
	Content            pemValue     `tfsdk:"content"`
	ID                 types.String `tfsdk:"id"`
	SerialNumber       types.String `tfsdk:"serial_number"`
	SignatureAlgorithm types.String `tfsdk:"signature_algorithm"`
	Issuer             types.String `tfsdk:"issuer"`
	Subject            types.String `tfsdk:"subject"`
	ExpireTime         types.String `tfsdk:"expire_time"`
	IsUpdatable        types.Bool   `tfsdk:"is_updatable"`
}

// cgwCAComputedAttrs are the ca_certificate attributes the service derives
// from the content; they become unknown when the content changes.
var cgwCAComputedAttrs = []string{"id", "serial_number", "signature_algorithm", "issuer", "subject", "expire_time", "is_updatable"}

// Metadata implements resource.Resource.
func (r *customerGatewayResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_gateway"
}

// Schema implements resource.Resource.
func (r *customerGatewayResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computedString := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: desc,
			PlanModifiers:       stableString(),
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages a customer gateway: the on-premises (peer) end of a site-to-site VPN connection, " +
			"identified by its public IPv4 address or by an FQDN.\n\n" +
			"The service creates, updates and deletes customer gateways synchronously, so this resource has no " +
			"`timeouts` block. Only `name` and the `ca_certificate` content change in place; every other argument " +
			"replaces the customer gateway. A customer gateway that VPN connections still use cannot be deleted " +
			"(the service answers `VPN.0001 ... has connection`).\n\n" +
			"Migrating from the official `huaweicloud` provider (`huaweicloud_vpn_customer_gateway`): names follow the " +
			"API, so the AS number is `bgp_asn` (not `asn`), and the CA certificate is the nested " +
			"`ca_certificate.content` (not `certificate_content`), with the certificate details the service reports " +
			"nested beside it.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("Customer gateway ID (a UUID), assigned by the service."),
			"name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Name: 1-64 characters, digits, letters, Chinese characters, `_`, `-` and `.`. " +
					"When omitted, the provider generates a unique one, `tf-cgw-` and 8 hex digits (such as `tf-cgw-1a2b3c4d`), so that it can find the resource again when the answer to its create is lost. Changes in place.",
				Validators:    []validator.String{nameValidator()},
				PlanModifiers: stableString(),
			},
			"id_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(apispec.DefaultCustomerGatewayIDType),
				MarkdownDescription: "Identifier type: `ip` (the gateway's public IPv4 address) or `fqdn`. Defaults to `ip`. " +
					"Changing it replaces the customer gateway.",
				Validators:    []validator.String{stringvalidator.OneOf(apispec.CustomerGatewayIDTypes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"id_value": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Identifier: a dotted-decimal IPv4 address such as `203.0.113.10` when `id_type` is `ip`, " +
					"else an FQDN of 1-128 characters without `& < > [ ] \\ ?` or spaces. Changing it replaces the customer gateway.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"bgp_asn": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "BGP AS number of the customer gateway (1-4294967295), for BGP-routed connections. " +
					"Only allowed when `id_type` is `ip`. Changing it replaces the customer gateway. " +
					"Called `asn` in the official `huaweicloud` provider.",
				Validators:    []validator.Int64{asnValidator()},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"ca_certificate": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "CA certificate of the customer gateway, required for customer gateways used with GM " +
					"(national cryptography) VPN gateways. Changing `content` updates the certificate in place (unless the " +
					"service reports `is_updatable = false`); removing the block replaces the customer gateway, because the " +
					"service cannot unbind a certificate. The other attributes are reported by the service.",
				PlanModifiers: []planmodifier.Object{
					objectplanmodifier.RequiresReplaceIf(replaceWhenRemoved,
						"Removing the CA certificate replaces the customer gateway.",
						"Removing the CA certificate replaces the customer gateway."),
				},
				Attributes: map[string]schema.Attribute{
					"content": schema.StringAttribute{
						Required:   true,
						Sensitive:  true,
						CustomType: pemType{},
						MarkdownDescription: "The CA certificate in PEM format (`-----BEGIN CERTIFICATE-----`), at most 8192 " +
							"characters: a GM CA certificate (SM2 key, signed `SM3WITHSM2`), as the service requires. It is checked at plan time; differences in line endings or surrounding whitespace " +
							"never show as a change. The service never returns it, so after an import it is unknown to " +
							"Terraform and the first apply sends it again (an in-place update).",
						Validators:    []validator.String{pemCACertificateValidator()},
						PlanModifiers: []planmodifier.String{pemKeepPrior{}},
					},
					"id":                  computedString("ID of the certificate, assigned by the service."),
					"serial_number":       computedString("Serial number of the certificate, as reported by the service."),
					"signature_algorithm": computedString("Signature algorithm of the certificate, as reported by the service (`SM3WITHSM2`)."),
					"issuer":              computedString("Issuer of the certificate, as reported by the service."),
					"subject":             computedString("Subject of the certificate, as reported by the service."),
					"expire_time":         computedString("Expiry time of the certificate (UTC), as reported by the service."),
					"is_updatable": schema.BoolAttribute{
						Computed:            true,
						MarkdownDescription: "Whether the service allows the certificate content to be changed.",
						PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
					},
				},
			},
			"tags":       tagsSchemaAttribute(),
			"tags_all":   tagsAllSchemaAttribute(),
			"created_at": computedString("Creation time (UTC), as reported by the service."),
			"updated_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Time of the last update (UTC), as reported by the service.",
			},
		},
	}
}

// Configure implements resource.ResourceWithConfigure.
func (r *customerGatewayResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create implements resource.Resource.
func (r *customerGatewayResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics)
	var plan customerGatewayResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !providerConfigured(r.data, &resp.Diagnostics, "the customer gateway") {
		return
	}
	tagsAll, d := mapFromTypes(ctx, plan.TagsAll)
	resp.Diagnostics.Append(d...)
	ca, d := cgwExpandCA(ctx, plan.CACertificate)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := &client.CreateCustomerGatewayRequest{
		Name:          plan.Name.ValueString(), // "" (omitted) when unknown: the service generates one
		IDType:        plan.IDType.ValueString(),
		IDValue:       plan.IDValue.ValueString(),
		CACertificate: ca,
		Tags:          tagsFromMap(tagsAll),
		BgpAsn:        knownInt64Ptr(plan.BgpAsn),
	}
	if in.Name == "" {
		in.Name = generatedName("cgw")
	}
	c := r.data.Client
	key := createKey("name", in.Name, "id_value", in.IDValue)
	cgw, err := createExactlyOnce(ctx, createOnce[client.CustomerGateway]{
		What: "customer gateway", Key: "name " + in.Name + ", id_value " + in.IDValue,
		Send: func(ctx context.Context) (*client.CustomerGateway, error) { return c.CreateCustomerGateway(ctx, in) },
		ID:   func(g *client.CustomerGateway) string { return g.ID },
		Find: func(ctx context.Context) ([]createCandidate, map[string]*client.CustomerGateway, error) {
			list, err := c.ListCustomerGateways(ctx)
			if err != nil {
				return nil, nil, err
			}
			cands, found := matchCandidates(list, key, func(g *client.CustomerGateway) createCandidate {
				return createCandidate{ID: g.ID, Name: g.Name, CreatedAt: g.CreatedAt}
			})
			return cands, found, nil
		},
	})
	if err != nil {
		opCreateCustomerGateway.report(&resp.Diagnostics, "", err)
		return
	}
	state := plan
	resp.Diagnostics.Append(flattenCustomerGateway(ctx, cgw, &state, r.data.defaultTags())...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Read implements resource.Resource: one GET, which includes the tags.
func (r *customerGatewayResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics, req.State)
	var state customerGatewayResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !providerConfigured(r.data, &resp.Diagnostics, "the customer gateway") {
		return
	}
	id := state.ID.ValueString()
	cgw, err := r.data.Client.GetCustomerGateway(ctx, id)
	if client.IsNotFound(err) {
		removeGone(ctx, resp, "customer gateway", id)
		return
	}
	if err != nil {
		opReadCustomerGateway.report(&resp.Diagnostics, id, err)
		return
	}
	resp.Diagnostics.Append(flattenCustomerGateway(ctx, cgw, &state, r.data.defaultTags())...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update implements resource.Resource: a PUT for name and certificate
// changes, tag calls for the tag difference only, then one GET.
func (r *customerGatewayResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics)
	var plan, state customerGatewayResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !providerConfigured(r.data, &resp.Diagnostics, "the customer gateway") {
		return
	}
	id := state.ID.ValueString()

	var in client.UpdateCustomerGatewayRequest
	changed := false
	if !plan.Name.IsUnknown() && !plan.Name.Equal(state.Name) {
		in.Name, changed = plan.Name.ValueString(), true
	}
	planContent, d := cgwCAContent(ctx, plan.CACertificate)
	resp.Diagnostics.Append(d...)
	stateContent, d := cgwCAContent(ctx, state.CACertificate)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !planContent.IsNull() && !planContent.Equal(stateContent) {
		in.CACertificate, changed = &client.CACertificateRequest{Content: planContent.ValueString()}, true
	}
	if changed {
		c := r.data.Client
		// The CA content is never read back: when it was sent, a lost answer
		// sends the (idempotent) PUT again.
		err := writeVerified(ctx, "update customer gateway "+id, func(ctx context.Context) error {
			_, err := c.UpdateCustomerGateway(ctx, id, &in)
			return err
		}, func(ctx context.Context) (bool, error) {
			got, err := c.GetCustomerGateway(ctx, id)
			if err != nil {
				return false, err
			}
			return in.CACertificate == nil && jsonCovers(map[string]string{"name": in.Name}, got), nil
		})
		if err != nil {
			opUpdateCustomerGateway.report(&resp.Diagnostics, id, err)
			return
		}
	}

	oldAll, d := mapFromTypes(ctx, state.TagsAll)
	resp.Diagnostics.Append(d...)
	newAll, d := mapFromTypes(ctx, plan.TagsAll)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := updateTags(ctx, r.data.Client, client.ResourceTypeCustomerGateway, id, oldAll, newAll); err != nil {
		opUpdateCustomerGwTags.report(&resp.Diagnostics, id, err)
		return
	}

	cgw, err := r.data.Client.GetCustomerGateway(ctx, id)
	if err != nil {
		opReadCustomerGateway.report(&resp.Diagnostics, id, err, "after update")
		return
	}
	next := plan
	resp.Diagnostics.Append(flattenCustomerGateway(ctx, cgw, &next, r.data.defaultTags())...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

// Delete implements resource.Resource. A customer gateway already gone is
// not an error.
func (r *customerGatewayResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customerGatewayResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !providerConfigured(r.data, &resp.Diagnostics, "the customer gateway") {
		return
	}
	id := state.ID.ValueString()
	c := r.data.Client
	err := deleteExactlyOnce(ctx, "delete customer gateway "+id,
		func(ctx context.Context) error { return c.DeleteCustomerGateway(ctx, id) },
		func(ctx context.Context) (*client.CustomerGateway, error) { return c.GetCustomerGateway(ctx, id) },
		func(*client.CustomerGateway) string { return "" })
	if err != nil && !client.IsNotFound(err) {
		opDeleteCustomerGateway.report(&resp.Diagnostics, id, err)
	}
}

// ImportState implements resource.ResourceWithImportState: import by id.
func (r *customerGatewayResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		importByIdentity(ctx, r.data, req, resp, "id", "a customer gateway")
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
