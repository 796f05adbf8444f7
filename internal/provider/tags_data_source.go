package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ datasource.DataSource              = (*tagsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*tagsDataSource)(nil)
)

// tagResourceTypes are the resource types of the project tags API.
var tagResourceTypes = []string{client.ResourceTypeVPNGateway, client.ResourceTypeCustomerGateway, client.ResourceTypeVPNConnection}

// NewTagsDataSource returns the huaweicloudvpn_tags data source.
func NewTagsDataSource() datasource.DataSource {
	return &tagsDataSource{}
}

// tagsDataSource reads the tags in use on one resource type.
type tagsDataSource struct {
	data *ProviderData
}

// tagsDataSourceModel is the data source's configuration and state.
type tagsDataSourceModel struct {
	ResourceType types.String `tfsdk:"resource_type"`
	Tags         types.Map    `tfsdk:"tags"`
}

// Metadata implements datasource.DataSource.
func (d *tagsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tags"
}

// Schema implements datasource.DataSource.
func (d *tagsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every tag key and value in use on the project's resources of one type (project tags API, " +
			"`GET /v5/{project_id}/{resource_type}/tags`), for example to check a tagging convention or to build filters.",
		Attributes: map[string]schema.Attribute{
			"resource_type": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Resource type as the tags API names it: `vpn-gateway`, `customer-gateway` or " +
					"`vpn-connection` (the Terraform spellings `vpn_gateway`, `customer_gateway` and `vpn_connection` are accepted too).",
				Validators: []validator.String{oneOfCaseInsensitive(append(append([]string{}, tagResourceTypes...),
					client.QuotaTypeVPNGateway, client.QuotaTypeCustomerGateway, client.QuotaTypeVPNConnection)...)},
			},
			"tags": schema.MapAttribute{
				Computed:            true,
				ElementType:         types.ListType{ElemType: types.StringType},
				MarkdownDescription: "Every tag key in use, each with the sorted list of its values (empty when no resource is tagged).",
			},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *tagsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource.
func (d *tagsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !providerConfigured(d.data, &resp.Diagnostics, "huaweicloudvpn_tags") {
		return
	}
	var m tagsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rt := tagsAPIResourceType(m.ResourceType.ValueString())
	tags, err := d.data.Client.ListProjectTags(ctx, rt)
	if err != nil {
		opListProjectTags.report(&resp.Diagnostics, "", err, "of "+rt)
		return
	}
	m.Tags = flattenProjectTags(tags)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// tagsAPIResourceType turns vpn_gateway or VPN-Gateway into vpn-gateway.
func tagsAPIResourceType(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "_", "-")
}

// flattenProjectTags is the `tags` map: key -> sorted, distinct values.
func flattenProjectTags(tags []client.ProjectTag) types.Map {
	values := map[string]map[string]bool{}
	for _, t := range tags {
		if values[t.Key] == nil {
			values[t.Key] = map[string]bool{}
		}
		for _, v := range t.Values {
			values[t.Key][v] = true
		}
	}
	out := make(map[string]attr.Value, len(values))
	for k, set := range values {
		list := make([]string, 0, len(set))
		for v := range set {
			list = append(list, v)
		}
		sort.Strings(list)
		out[k] = stringListValue(list)
	}
	return types.MapValueMust(types.ListType{ElemType: types.StringType}, out)
}
