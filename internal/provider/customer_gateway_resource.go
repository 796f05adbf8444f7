package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

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

// cgwCACertificateAttrTypes are the attribute types of ca_certificate.
var cgwCACertificateAttrTypes = map[string]attr.Type{
	"content":             pemType{},
	"id":                  types.StringType,
	"serial_number":       types.StringType,
	"signature_algorithm": types.StringType,
	"issuer":              types.StringType,
	"subject":             types.StringType,
	"expire_time":         types.StringType,
	"is_updatable":        types.BoolType,
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
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
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
					"When omitted, the service generates one such as `cgw-21a3`. Changes in place.",
				Validators:    []validator.String{nameValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
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
					objectplanmodifier.RequiresReplaceIf(cgwCARemoved,
						"Removing the CA certificate replaces the customer gateway.",
						"Removing the CA certificate replaces the customer gateway."),
				},
				Attributes: map[string]schema.Attribute{
					"content": schema.StringAttribute{
						Required:   true,
						Sensitive:  true,
						CustomType: pemType{},
						MarkdownDescription: "The CA certificate in PEM format (`-----BEGIN CERTIFICATE-----`), at most 8192 " +
							"characters. It is checked at plan time; differences in line endings or surrounding whitespace " +
							"never show as a change. The service never returns it, so after an import it is unknown to " +
							"Terraform and the first apply sends it again (an in-place update).",
						Validators:    []validator.String{pemCACertificateValidator()},
						PlanModifiers: []planmodifier.String{pemKeepPrior{}},
					},
					"id":                  computedString("ID of the certificate, assigned by the service."),
					"serial_number":       computedString("Serial number of the certificate, as reported by the service."),
					"signature_algorithm": computedString("Signature algorithm of the certificate, such as `SHA256WITHRSA` or `SM3WITHSM2`."),
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

// cgwCARemoved plans a replace when a bound CA certificate is removed from
// the configuration: the API can replace a certificate but not unbind it.
func cgwCARemoved(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && req.PlanValue.IsNull()
}

// Configure implements resource.ResourceWithConfigure.
func (r *customerGatewayResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig implements resource.ResourceWithValidateConfig: the rules
// that involve more than one attribute.
func (r *customerGatewayResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var idType, idValue types.String
	var asn types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id_type"), &idType)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id_value"), &idValue)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("bgp_asn"), &asn)...)
	if resp.Diagnostics.HasError() || idType.IsUnknown() {
		return
	}
	t := apispec.DefaultCustomerGatewayIDType
	if !idType.IsNull() {
		t = idType.ValueString()
	}
	if t != "ip" && t != "fqdn" {
		return // reported by the attribute's own validator
	}
	if !asn.IsNull() && t != "ip" {
		resp.Diagnostics.AddAttributeError(path.Root("bgp_asn"), "Invalid Attribute Combination",
			fmt.Sprintf("bgp_asn can only be set when id_type is \"ip\"; this customer gateway has id_type %q. "+
				"Remove bgp_asn or use an IP identifier.", t))
	}
	if !idValue.IsNull() && !idValue.IsUnknown() {
		if err := apispec.CheckCustomerGatewayIDValue(t, idValue.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("id_value"), "Invalid Customer Gateway Identifier",
				fmt.Sprintf("With id_type %q, id_value %s.", t, err))
		}
	}
}

// ModifyPlan implements resource.ResourceWithModifyPlan: it plans tags_all,
// marks the certificate details unknown when the certificate changes, and
// marks updated_at unknown for any in-place update.
func (r *customerGatewayResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	modifyPlanTagsAll(ctx, r.data.defaultTags(), req, resp)
	if resp.Diagnostics.HasError() || req.State.Raw.IsNull() {
		return
	}

	var planCA, stateCA types.Object
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("ca_certificate"), &planCA)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("ca_certificate"), &stateCA)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !planCA.IsNull() && !planCA.IsUnknown() {
		var planContent, stateContent pemValue
		resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("ca_certificate").AtName("content"), &planContent)...)
		if !stateCA.IsNull() {
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("ca_certificate").AtName("content"), &stateContent)...)
		}
		if resp.Diagnostics.HasError() {
			return
		}
		// The framework has already kept the state's content when the two are
		// semantically equal, so any difference left is a real change.
		if stateCA.IsNull() || !planContent.Equal(stateContent) {
			if !stateCA.IsNull() {
				var updatable types.Bool
				resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("ca_certificate").AtName("is_updatable"), &updatable)...)
				if !updatable.IsNull() && !updatable.IsUnknown() && !updatable.ValueBool() {
					resp.Diagnostics.AddAttributeError(path.Root("ca_certificate").AtName("content"), "CA Certificate Cannot Be Changed",
						"The service reports is_updatable = false for this customer gateway's CA certificate, so its content "+
							"cannot be changed in place. Keep the current certificate, or replace the customer gateway "+
							"(terraform apply -replace=...).")
					return
				}
			}
			for _, name := range cgwCAComputedAttrs {
				var v attr.Value = types.StringUnknown()
				if name == "is_updatable" {
					v = types.BoolUnknown()
				}
				resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("ca_certificate").AtName(name), v)...)
			}
		}
	}
	// The framework marks updated_at unknown whenever the configuration
	// differs from the state, even when a plan modifier then keeps the prior
	// value (an equivalent certificate); decide on the final plan instead.
	var updatedAt types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("updated_at"), &updatedAt)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), updatedAt)...)
	if !resp.Diagnostics.HasError() && !resp.Plan.Raw.Equal(req.State.Raw) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), types.StringUnknown())...)
	}
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
	}
	if !plan.BgpAsn.IsNull() && !plan.BgpAsn.IsUnknown() {
		v := plan.BgpAsn.ValueInt64()
		in.BgpAsn = &v
	}
	cgw, err := r.data.Client.CreateCustomerGateway(ctx, in)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error creating customer gateway", "create customer gateway", "", err)
		return
	}
	state := plan
	resp.Diagnostics.Append(r.flatten(ctx, cgw, &state)...)
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
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error reading customer gateway", "read customer gateway", id, err)
		return
	}
	resp.Diagnostics.Append(r.flatten(ctx, cgw, &state)...)
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
		if _, err := r.data.Client.UpdateCustomerGateway(ctx, id, &in); err != nil {
			addAPIError(&resp.Diagnostics, "Error updating customer gateway", "update customer gateway", id, err)
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
		addAPIError(&resp.Diagnostics, "Error updating customer gateway tags", "update customer gateway tags", id, err)
		return
	}

	cgw, err := r.data.Client.GetCustomerGateway(ctx, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error reading customer gateway", "read customer gateway after update", id, err)
		return
	}
	next := plan
	resp.Diagnostics.Append(r.flatten(ctx, cgw, &next)...)
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
	if err := r.data.Client.DeleteCustomerGateway(ctx, id); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Error deleting customer gateway", "delete customer gateway", id, err)
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

// flatten copies the service's view of a customer gateway into m. The
// certificate content (never returned) and the split of tags versus default
// tags come from m's current (prior or planned) values.
func (r *customerGatewayResource) flatten(ctx context.Context, cgw *client.CustomerGateway, m *customerGatewayResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(cgw.ID)
	m.Name = types.StringValue(cgw.Name)
	idType := cgw.IDType
	if idType == "" {
		idType = apispec.DefaultCustomerGatewayIDType
	}
	m.IDType = types.StringValue(idType)
	m.IDValue = types.StringValue(cgw.IDValue)
	m.BgpAsn = types.Int64PointerValue(cgw.BgpAsn)
	m.CreatedAt = types.StringValue(cgw.CreatedAt)
	m.UpdatedAt = types.StringValue(cgw.UpdatedAt)

	content, d := cgwCAContent(ctx, m.CACertificate)
	diags.Append(d...)
	m.CACertificate, d = cgwFlattenCA(cgw.CACertificate, content)
	diags.Append(d...)

	m.Tags, m.TagsAll = splitTags(tagsToMap(cgw.Tags), m.Tags, m.TagsAll, r.data.defaultTags())
	return diags
}

// cgwFlattenCA builds the ca_certificate value from the service's answer,
// with the given (known or null) content.
func cgwFlattenCA(ca *client.CACertificate, content pemValue) (types.Object, diag.Diagnostics) {
	if ca == nil {
		return types.ObjectNull(cgwCACertificateAttrTypes), nil
	}
	if content.IsUnknown() {
		content = pemNull()
	}
	values := cgwCAInfoValues(ca)
	values["content"] = content
	return types.ObjectValue(cgwCACertificateAttrTypes, values)
}

// cgwCAInfoValues are the values of the ca_certificate attributes the
// service returns (all but the content), for the resource and the data source.
func cgwCAInfoValues(ca *client.CACertificate) map[string]attr.Value {
	return map[string]attr.Value{
		"id":                  strOrNull(ca.ID),
		"serial_number":       strOrNull(ca.SerialNumber),
		"signature_algorithm": strOrNull(ca.SignatureAlgorithm),
		"issuer":              strOrNull(ca.Issuer),
		"subject":             strOrNull(ca.Subject),
		"expire_time":         strOrNull(ca.ExpireTime),
		"is_updatable":        types.BoolPointerValue(ca.IsUpdatable),
	}
}

// cgwCAContent returns the content of a ca_certificate value (null when the
// object is null or unknown).
func cgwCAContent(ctx context.Context, obj types.Object) (pemValue, diag.Diagnostics) {
	if obj.IsNull() || obj.IsUnknown() {
		return pemNull(), nil
	}
	var m cgwCACertificateModel
	diags := obj.As(ctx, &m, basetypes.ObjectAsOptions{})
	return m.Content, diags
}

// cgwExpandCA builds the create request's ca_certificate (nil when not set).
func cgwExpandCA(ctx context.Context, obj types.Object) (*client.CACertificateRequest, diag.Diagnostics) {
	content, diags := cgwCAContent(ctx, obj)
	if diags.HasError() || content.IsNull() || content.IsUnknown() {
		return nil, diags
	}
	return &client.CACertificateRequest{Content: content.ValueString()}, diags
}
