package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ datasource.DataSource                     = (*resourceInstancesDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*resourceInstancesDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*resourceInstancesDataSource)(nil)
)

// NewResourceInstancesDataSource returns the huaweicloudvpn_resource_instances
// data source.
func NewResourceInstancesDataSource() datasource.DataSource {
	return &resourceInstancesDataSource{}
}

// resourceInstancesDataSource finds VPN gateways, customer gateways or VPN
// connections by their tags and names (resource-instances filter and count,
// reference 4.2.2.1 and 4.2.2.2), like the official provider's
// huaweicloud_vpn_resource_instances.
type resourceInstancesDataSource struct {
	data *ProviderData
}

// resourceInstancesModel is the data source's configuration and state.
type resourceInstancesModel struct {
	ResourceType  types.String `tfsdk:"resource_type"`
	WithoutAnyTag types.Bool   `tfsdk:"without_any_tag"`
	CountOnly     types.Bool   `tfsdk:"count_only"`
	Tags          types.List   `tfsdk:"tags"`
	Matches       types.List   `tfsdk:"matches"`
	Resources     types.List   `tfsdk:"resources"`
	TotalCount    types.Int64  `tfsdk:"total_count"`
}

// resourceInstancesTagModel is a tags condition.
type resourceInstancesTagModel struct {
	Key    types.String `tfsdk:"key"`
	Values types.List   `tfsdk:"values"`
}

// resourceInstancesMatchModel is a matches condition.
type resourceInstancesMatchModel struct {
	Key   types.String `tfsdk:"key"`
	Value types.String `tfsdk:"value"`
}

// resourceInstanceAttrTypes are the attributes of a resources item.
var resourceInstanceAttrTypes = map[string]attr.Type{
	"resource_id":   types.StringType,
	"resource_name": types.StringType,
	"tags":          types.MapType{ElemType: types.StringType},
}

// Metadata implements datasource.DataSource.
func (d *resourceInstancesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_resource_instances"
}

// Schema implements datasource.DataSource.
func (d *resourceInstancesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the project's VPN gateways, customer gateways or VPN connections by tags and name " +
			"(`POST /v5/{project_id}/{resource_type}/resource-instances/filter`, every page; or `/count` with " +
			"`count_only`). The conditions are those of the official `huaweicloud` provider's " +
			"`huaweicloud_vpn_resource_instances` (`tags` and `matches` blocks, `without_any_tag`); the found " +
			"resources carry their tags as a map.",
		Attributes: map[string]schema.Attribute{
			"resource_type": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Resource type: `vpn-gateway`, `customer-gateway` or `vpn-connection` (the Terraform " +
					"spellings `vpn_gateway`, `customer_gateway` and `vpn_connection` are accepted too).",
				Validators: []validator.String{oneOfCaseInsensitive(append(append([]string{}, tagResourceTypes...),
					client.QuotaTypeVPNGateway, client.QuotaTypeCustomerGateway, client.QuotaTypeVPNConnection)...)},
			},
			"without_any_tag": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "When `true`, find only resources without any tag; the `tags` blocks are then " +
					"ignored by the service, so they may not be set together.",
			},
			"count_only": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "When `true`, only count the matching resources (`/count`): `total_count` is set and " +
					"`resources` is empty.",
			},
			"resources": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching resources, sorted by id as the service returns them.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"resource_id":   schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the resource."},
					"resource_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the resource."},
					"tags": schema.MapAttribute{
						Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Tags of the resource, key to value.",
					},
				}},
			},
			"total_count": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "How many resources match.",
			},
		},
		Blocks: map[string]schema.Block{
			"tags": schema.ListNestedBlock{
				MarkdownDescription: fmt.Sprintf("A tag condition (at most %d): the resource has the tag `key` with one "+
					"of `values` (any value when `values` is empty). All conditions must hold.", apispec.MaxTags),
				Validators: []validator.List{listvalidator.SizeAtMost(apispec.MaxTags)},
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"key": schema.StringAttribute{
						Required: true,
						MarkdownDescription: fmt.Sprintf("Tag key (%d-%d characters).",
							apispec.TagKeyMinLen, apispec.TagKeyMaxLen),
						Validators: []validator.String{stringvalidator.LengthBetween(apispec.TagKeyMinLen, apispec.TagKeyMaxLen)},
					},
					"values": schema.ListAttribute{
						Required: true, ElementType: types.StringType,
						MarkdownDescription: fmt.Sprintf("Tag values, any of which matches (at most %d, each at most %d "+
							"characters); empty for any value.", apispec.MaxTagFilterValues, apispec.TagValueMaxLen),
						Validators: []validator.List{
							listvalidator.SizeAtMost(apispec.MaxTagFilterValues),
							listvalidator.ValueStringsAre(stringvalidator.LengthAtMost(apispec.TagValueMaxLen)),
						},
					},
				}},
			},
			"matches": schema.ListNestedBlock{
				MarkdownDescription: "A name condition: the resource's name contains `value`. All conditions must hold.",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"key": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Field to match: `resource_name` (the only one the service knows).",
						Validators:          []validator.String{stringvalidator.OneOf(apispec.MatchKeyResourceName)},
					},
					"value": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: fmt.Sprintf("Text to match (at most %d characters).", apispec.TagValueMaxLen),
						Validators:          []validator.String{stringvalidator.LengthAtMost(apispec.TagValueMaxLen)},
					},
				}},
			},
		},
	}
}

// ConfigValidators implements datasource.DataSourceWithConfigValidators.
func (d *resourceInstancesDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{withoutAnyTagValidator{}}
}

// withoutAnyTagValidator refuses tags blocks with without_any_tag = true:
// the service would ignore them.
type withoutAnyTagValidator struct{}

// Description implements datasource.ConfigValidator.
func (withoutAnyTagValidator) Description(context.Context) string {
	return "tags blocks cannot be set with without_any_tag = true"
}

// MarkdownDescription implements datasource.ConfigValidator.
func (v withoutAnyTagValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateDataSource implements datasource.ConfigValidator.
func (withoutAnyTagValidator) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var without types.Bool
	var tags types.List
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("without_any_tag"), &without)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tags"), &tags)...)
	if resp.Diagnostics.HasError() || !without.ValueBool() || tags.IsUnknown() || len(tags.Elements()) == 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("tags"), "Invalid Attribute Combination",
		"without_any_tag = true finds resources without any tag, and the service then ignores the tags conditions. "+
			"Remove the tags blocks or without_any_tag.")
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *resourceInstancesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource.
func (d *resourceInstancesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !providerConfigured(d.data, &resp.Diagnostics, "huaweicloudvpn_resource_instances") {
		return
	}
	var m resourceInstancesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	filter, diags := expandResourceInstancesFilter(ctx, &m)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	rt := tagsAPIResourceType(m.ResourceType.ValueString())
	itemType := types.ObjectType{AttrTypes: resourceInstanceAttrTypes}
	if m.CountOnly.ValueBool() {
		n, err := d.data.Client.CountResourceInstances(ctx, rt, filter)
		if err != nil {
			opCountResources.report(&resp.Diagnostics, "", err, "of "+rt)
			return
		}
		m.TotalCount = types.Int64Value(int64(n))
		m.Resources = types.ListValueMust(itemType, []attr.Value{})
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
		return
	}
	found, err := d.data.Client.FilterResourceInstances(ctx, rt, filter)
	if err != nil {
		opFilterResources.report(&resp.Diagnostics, "", err, "of "+rt)
		return
	}
	items := make([]attr.Value, 0, len(found))
	for _, r := range found {
		items = append(items, types.ObjectValueMust(resourceInstanceAttrTypes, map[string]attr.Value{
			"resource_id":   types.StringValue(r.ResourceID),
			"resource_name": types.StringValue(r.ResourceName),
			"tags":          stringMapValue(tagsToMap(r.Tags)),
		}))
	}
	m.Resources = types.ListValueMust(itemType, items)
	m.TotalCount = types.Int64Value(int64(len(found)))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// expandResourceInstancesFilter builds the filter body from the configuration.
func expandResourceInstancesFilter(ctx context.Context, m *resourceInstancesModel) (*client.ResourceInstancesFilter, diag.Diagnostics) {
	var diags diag.Diagnostics
	f := &client.ResourceInstancesFilter{}
	if !m.WithoutAnyTag.IsNull() {
		v := m.WithoutAnyTag.ValueBool()
		f.WithoutAnyTag = &v
	}
	var tags []resourceInstancesTagModel
	diags.Append(m.Tags.ElementsAs(ctx, &tags, false)...)
	for _, t := range tags {
		values := []string{}
		diags.Append(t.Values.ElementsAs(ctx, &values, false)...)
		f.Tags = append(f.Tags, client.ProjectTag{Key: t.Key.ValueString(), Values: values})
	}
	var matches []resourceInstancesMatchModel
	diags.Append(m.Matches.ElementsAs(ctx, &matches, false)...)
	for _, mt := range matches {
		f.Matches = append(f.Matches, client.Match{Key: mt.Key.ValueString(), Value: mt.Value.ValueString()})
	}
	return f, diags
}
