package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ datasource.DataSource              = (*quotasDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*quotasDataSource)(nil)
)

// quotaTypes are the resource types the quota API reports.
var quotaTypes = []string{client.QuotaTypeVPNGateway, client.QuotaTypeCustomerGateway, client.QuotaTypeVPNConnection}

// NewQuotasDataSource returns the huaweicloudvpn_quotas data source.
func NewQuotasDataSource() datasource.DataSource {
	return &quotasDataSource{}
}

// quotasDataSource reads the project's VPN quotas.
type quotasDataSource struct {
	data *ProviderData
}

// quotasModel is the data source's configuration and state.
type quotasModel struct {
	Type   types.String `tfsdk:"type"`
	Quotas types.List   `tfsdk:"quotas"`
}

// quotaAttrTypes is one entry of `quotas`.
var quotaAttrTypes = map[string]attr.Type{
	"type": types.StringType, "quota": types.Int64Type, "used": types.Int64Type, "available": types.Int64Type,
}

// Metadata implements datasource.DataSource.
func (d *quotasDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_quotas"
}

// Schema implements datasource.DataSource.
func (d *quotasDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The project's VPN quotas (`GET /v5/{project_id}/vpn/quotas`): for each resource type, how many " +
			"may exist, how many do, and how many more can be created.\n\n" +
			"Similar to `huaweicloud_vpn_quotas` of the official provider, with the computed `available`.",
		Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the quota of this resource type: `vpn_gateway`, `customer_gateway` or `vpn_connection`.",
				Validators:          []validator.String{stringvalidator.OneOf(quotaTypes...)},
			},
			"quotas": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "One entry per resource type, in the service's order.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"type": schema.StringAttribute{Computed: true,
							MarkdownDescription: "Resource type: `vpn_gateway`, `customer_gateway` or `vpn_connection`."},
						"quota": schema.Int64Attribute{Computed: true,
							MarkdownDescription: "How many resources of the type the project may have."},
						"used": schema.Int64Attribute{Computed: true,
							MarkdownDescription: "How many it has."},
						"available": schema.Int64Attribute{Computed: true,
							MarkdownDescription: "How many more can be created: `quota - used`, never below 0 (computed by the provider)."},
					},
				},
			},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *quotasDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource.
func (d *quotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !providerConfigured(d.data, &resp.Diagnostics, "huaweicloudvpn_quotas") {
		return
	}
	var m quotasModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	quotas, err := d.data.Client.GetQuotas(ctx)
	if err != nil {
		opReadQuotas.report(&resp.Diagnostics, "", err)
		return
	}
	m.Quotas = flattenQuotas(quotas, m.Type.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// flattenQuotas is the `quotas` list, limited to one type unless typ is "".
func flattenQuotas(quotas []client.Quota, typ string) types.List {
	items := []attr.Value{}
	for _, q := range quotas {
		if typ != "" && q.Type != typ {
			continue
		}
		items = append(items, types.ObjectValueMust(quotaAttrTypes, map[string]attr.Value{
			"type":      types.StringValue(q.Type),
			"quota":     types.Int64Value(int64(q.Quota)),
			"used":      types.Int64Value(int64(q.Used)),
			"available": types.Int64Value(int64(max(q.Quota-q.Used, 0))),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: quotaAttrTypes}, items)
}
