package provider

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

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
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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
	Content            cgwPEMValue  `tfsdk:"content"`
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
	"content":             cgwPEMType{},
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
						CustomType: cgwPEMType{},
						MarkdownDescription: "The CA certificate in PEM format (`-----BEGIN CERTIFICATE-----`), at most 8192 " +
							"characters. It is checked at plan time; differences in line endings or surrounding whitespace " +
							"never show as a change. The service never returns it, so after an import it is unknown to " +
							"Terraform and the first apply sends it again (an in-place update).",
						Validators:    []validator.String{cgwPEMValidator{}},
						PlanModifiers: []planmodifier.String{cgwPEMKeepPrior{}},
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
	var defaults map[string]string
	if r.data != nil {
		defaults = r.data.DefaultTags
	}
	modifyPlanTagsAll(ctx, defaults, req, resp)
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
		var planContent, stateContent cgwPEMValue
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
	var plan customerGatewayResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.configured(&resp.Diagnostics) {
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
	var state customerGatewayResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.configured(&resp.Diagnostics) {
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
	var plan, state customerGatewayResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.configured(&resp.Diagnostics) {
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
	if resp.Diagnostics.HasError() || !r.configured(&resp.Diagnostics) {
		return
	}
	id := state.ID.ValueString()
	if err := r.data.Client.DeleteCustomerGateway(ctx, id); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Error deleting customer gateway", "delete customer gateway", id, err)
	}
}

// ImportState implements resource.ResourceWithImportState: import by id.
func (r *customerGatewayResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// configured reports whether Configure handed over provider data.
func (r *customerGatewayResource) configured(diags *diag.Diagnostics) bool {
	if r.data == nil || r.data.Client == nil {
		diags.AddError("Provider Not Configured",
			"The huaweicloudvpn provider was not configured before the customer gateway was used. This is a bug in the provider; please report it.")
		return false
	}
	return true
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
	if cgw.BgpAsn != nil {
		m.BgpAsn = types.Int64Value(*cgw.BgpAsn)
	} else {
		m.BgpAsn = types.Int64Null()
	}
	m.CreatedAt = types.StringValue(cgw.CreatedAt)
	m.UpdatedAt = types.StringValue(cgw.UpdatedAt)

	content, d := cgwCAContent(ctx, m.CACertificate)
	diags.Append(d...)
	m.CACertificate, d = cgwFlattenCA(cgw.CACertificate, content)
	diags.Append(d...)

	var defaults map[string]string
	if r.data != nil {
		defaults = r.data.DefaultTags
	}
	m.Tags, m.TagsAll = splitTags(tagsToMap(cgw.Tags), m.Tags, defaults)
	return diags
}

// cgwFlattenCA builds the ca_certificate value from the service's answer,
// with the given (known or null) content.
func cgwFlattenCA(ca *client.CACertificate, content cgwPEMValue) (types.Object, diag.Diagnostics) {
	if ca == nil {
		return types.ObjectNull(cgwCACertificateAttrTypes), nil
	}
	if content.IsUnknown() {
		content = cgwPEMNull()
	}
	updatable := types.BoolNull()
	if ca.IsUpdatable != nil {
		updatable = types.BoolValue(*ca.IsUpdatable)
	}
	return types.ObjectValue(cgwCACertificateAttrTypes, map[string]attr.Value{
		"content":             content,
		"id":                  cgwOptionalString(ca.ID),
		"serial_number":       cgwOptionalString(ca.SerialNumber),
		"signature_algorithm": cgwOptionalString(ca.SignatureAlgorithm),
		"issuer":              cgwOptionalString(ca.Issuer),
		"subject":             cgwOptionalString(ca.Subject),
		"expire_time":         cgwOptionalString(ca.ExpireTime),
		"is_updatable":        updatable,
	})
}

// cgwOptionalString is a null string for "" and a known one otherwise.
func cgwOptionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// cgwCAContent returns the content of a ca_certificate value (null when the
// object is null or unknown).
func cgwCAContent(ctx context.Context, obj types.Object) (cgwPEMValue, diag.Diagnostics) {
	if obj.IsNull() || obj.IsUnknown() {
		return cgwPEMNull(), nil
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

// ---- PEM certificate content: a string type with semantic equality ----

// cgwPEMType is the type of ca_certificate.content: a string whose values
// compare by their decoded PEM blocks, so line endings and surrounding
// whitespace never cause a diff.
type cgwPEMType struct {
	basetypes.StringType
}

var _ basetypes.StringTypable = cgwPEMType{}

// String implements attr.Type.
func (t cgwPEMType) String() string { return "cgwPEMType" }

// Equal implements attr.Type.
func (t cgwPEMType) Equal(o attr.Type) bool {
	_, ok := o.(cgwPEMType)
	return ok
}

// ValueType implements attr.Type.
func (t cgwPEMType) ValueType(context.Context) attr.Value { return cgwPEMValue{} }

// ValueFromString implements basetypes.StringTypable.
func (t cgwPEMType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return cgwPEMValue{StringValue: in}, nil
}

// ValueFromTerraform implements attr.Type.
func (t cgwPEMType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return cgwPEMValue{StringValue: s}, nil
}

// cgwPEMValue is a value of cgwPEMType.
type cgwPEMValue struct {
	basetypes.StringValue
}

var _ basetypes.StringValuableWithSemanticEquals = cgwPEMValue{}

// cgwPEMNull is a null cgwPEMValue.
func cgwPEMNull() cgwPEMValue { return cgwPEMValue{StringValue: types.StringNull()} }

// Type implements attr.Value.
func (v cgwPEMValue) Type(context.Context) attr.Type { return cgwPEMType{} }

// Equal implements attr.Value.
func (v cgwPEMValue) Equal(o attr.Value) bool {
	other, ok := o.(cgwPEMValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals implements basetypes.StringValuableWithSemanticEquals.
func (v cgwPEMValue) StringSemanticEquals(_ context.Context, o basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := o.(cgwPEMValue)
	if !ok {
		return false, nil
	}
	return cgwPEMEquivalent(v.ValueString(), other.ValueString()), nil
}

// cgwPEMEquivalent reports whether two PEM texts hold the same blocks (types
// and bytes), ignoring line endings, line wrapping and surrounding text
// whitespace. Texts that are not PEM compare after normalising line endings
// and trimming.
func cgwPEMEquivalent(a, b string) bool {
	ba, oka := cgwPEMBlocks(a)
	bb, okb := cgwPEMBlocks(b)
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
	return cgwNormalizeText(a) == cgwNormalizeText(b)
}

// cgwPEMBlocks decodes every PEM block of s; ok is false when s has none or has
// anything but whitespace outside them.
func cgwPEMBlocks(s string) ([]*pem.Block, bool) {
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

// cgwNormalizeText converts CRLF to LF and trims surrounding whitespace.
func cgwNormalizeText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// cgwPEMKeepPrior plans the prior content when the configured content holds
// the same certificate. Semantic equality alone covers only values the
// provider returns; Terraform accepts a planned value equal to the prior one
// as "functionally equivalent" to the configuration.
type cgwPEMKeepPrior struct{}

var _ planmodifier.String = cgwPEMKeepPrior{}

// Description implements planmodifier.Describer.
func (cgwPEMKeepPrior) Description(context.Context) string {
	return "differences in line endings or surrounding whitespace of the same certificate are not a change"
}

// MarkdownDescription implements planmodifier.Describer.
func (m cgwPEMKeepPrior) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

// PlanModifyString implements planmodifier.String.
func (cgwPEMKeepPrior) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if cgwPEMEquivalent(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// cgwPEMValidator checks a CA certificate at plan time: 1-8192 characters, a
// PEM CERTIFICATE block holding a DER structure, and, when Go can parse the
// certificate (it cannot parse SM2 ones), a CA certificate. An expired
// certificate is a warning.
type cgwPEMValidator struct{}

var _ validator.String = cgwPEMValidator{}

// Description implements validator.Describer.
func (cgwPEMValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be a PEM-encoded CA certificate of at most %d characters", apispec.CACertificateMaxLength)
}

// MarkdownDescription implements validator.Describer.
func (v cgwPEMValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString implements validator.String.
func (cgwPEMValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if err := apispec.CheckContentLength(s, apispec.CACertificateMaxLength); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CA Certificate", fmt.Sprintf("The certificate %s.", err))
		return
	}
	cert, reason := cgwParseCertificatePEM(s)
	if reason != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CA Certificate", reason)
		return
	}
	if cert == nil {
		return // a well-formed certificate Go cannot parse (SM2): the service decides
	}
	if !cert.IsCA {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CA Certificate",
			fmt.Sprintf("The certificate (subject %q) is not a CA certificate (its basic constraints do not say CA:TRUE).",
				cert.Subject.String()))
		return
	}
	if time.Now().After(cert.NotAfter) {
		resp.Diagnostics.AddAttributeWarning(req.Path, "Expired CA Certificate",
			fmt.Sprintf("The CA certificate (subject %q) expired on %s.", cert.Subject.String(), cert.NotAfter.UTC().Format(time.RFC3339)))
	}
}

// cgwParseCertificatePEM decodes the first PEM block of s, which must be a
// CERTIFICATE holding one DER structure. It returns the parsed certificate,
// or nil when the DER is well formed but crypto/x509 cannot parse it (SM2
// certificates of GM gateways), or a reason why s is not a certificate.
func cgwParseCertificatePEM(s string) (*x509.Certificate, string) {
	block, _ := pem.Decode([]byte(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")))
	if block == nil {
		return nil, "The content is not PEM: expected a block starting with -----BEGIN CERTIFICATE-----."
	}
	if block.Type != "CERTIFICATE" {
		return nil, fmt.Sprintf("The PEM block is a %q, not a CERTIFICATE.", block.Type)
	}
	var raw asn1.RawValue
	rest, err := asn1.Unmarshal(block.Bytes, &raw)
	if err != nil || len(rest) != 0 || raw.Tag != asn1.TagSequence {
		return nil, "The PEM CERTIFICATE block does not hold a DER-encoded certificate."
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, ""
	}
	return cert, ""
}
