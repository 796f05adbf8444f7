package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ datasource.DataSource              = (*vpnGatewaysDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*vpnGatewaysDataSource)(nil)
)

// NewVPNGatewaysDataSource returns the huaweicloudvpn_vpn_gateways data source.
func NewVPNGatewaysDataSource() datasource.DataSource {
	return &vpnGatewaysDataSource{}
}

// vpnGatewaysDataSource lists VPN gateways.
type vpnGatewaysDataSource struct {
	data *ProviderData
}

// vpnGatewaysModel is the data source's configuration and state.
type vpnGatewaysModel struct {
	vgwFilters             // the filters, shared with the vpn_gateway list resource
	IDs         types.List `tfsdk:"ids"`
	VPNGateways types.List `tfsdk:"vpn_gateways"`
}

// vgwDSItemSpec is the item spec of the gateway data sources: every
// attribute of huaweicloudvpn_vpn_gateway.
func vgwDSItemSpec(ctx context.Context) (dsItemSpec, diag.Diagnostics) {
	return newDSItemSpec(ctx, NewVPNGatewayResource(), vgwDSExclude...)
}

// Metadata implements datasource.DataSource.
func (d *vpnGatewaysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_gateways"
}

// Schema implements datasource.DataSource.
func (d *vpnGatewaysDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	spec, diags := vgwDSItemSpec(ctx)
	resp.Diagnostics.Append(diags...)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists VPN gateways, with every attribute of `huaweicloudvpn_vpn_gateway` per gateway.\n\n" +
			"`enterprise_project_id` and `vgw_id` are sent to the API; the other filters are applied by the provider. " +
			"No match is an empty list, not an error. To look up exactly one gateway use `huaweicloudvpn_vpn_gateway`.\n\n" +
			"Similar to `huaweicloud_vpn_gateways` of the official provider, whose `gateway_id` filter is `vgw_id` here.",
		Attributes: map[string]schema.Attribute{
			"enterprise_project_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only gateways of this enterprise project (sent to the API). All projects when unset.",
			},
			"vgw_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the gateway with this id (sent to the API).",
			},
			"name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only gateways with exactly this name.",
			},
			"status": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only gateways in this status (any case), such as `ACTIVE`.",
				Validators:          []validator.String{oneOfCaseInsensitive(apispec.GatewayStatuses...)},
			},
			"network_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only `public` or only `private` gateways.",
				Validators:          []validator.String{stringvalidator.OneOf(apispec.NetworkTypes...)},
			},
			"attachment_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only gateways attached to a `vpc` or to an enterprise router (`er`).",
				Validators:          []validator.String{stringvalidator.OneOf(apispec.AttachmentTypes...)},
			},
			"flavor": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only gateways of this flavor (any case), such as `Professional1` or `GM`.",
				Validators:          []validator.String{oneOfCaseInsensitive(append(slices.Clone(apispec.GatewayFlavors), apispec.LegacyFlavors...)...)},
			},
			"tags": dsTagsFilterAttribute("gateways"),
			"ids": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Ids of the matching gateways, in the order of `vpn_gateways`.",
			},
			"vpn_gateways": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The matching gateways, in the service's order, each with the attributes of " +
					"`huaweicloudvpn_vpn_gateway`.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: spec.attributes(map[string]string{"tags": dsItemTagsDescription}),
				},
			},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *vpnGatewaysDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource.
func (d *vpnGatewaysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !providerConfigured(d.data, &resp.Diagnostics, "huaweicloudvpn_vpn_gateways") {
		return
	}
	var m vpnGatewaysModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	kept, diags := m.list(ctx, d.data.Client)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	list, ids, diags := vgwDSItems(ctx, d.data, kept)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.VPNGateways, m.IDs = list, ids
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// vgwDSExclude: resource arguments about the provider's behaviour, not the
// service's data, left out of the items.
var vgwDSExclude = []string{"release_existing_eips_on_delete"}

// vgwDSItems flattens gateways with the resource's flattener and returns
// them as items (shaped by the resource's schema), with their ids.
func vgwDSItems(ctx context.Context, data *ProviderData, gws []client.VPNGateway) (types.List, types.List, diag.Diagnostics) {
	return dsFlattenItems(ctx, NewVPNGatewayResource(), vgwDSExclude, gws, func(gw *client.VPNGateway) string { return gw.ID },
		func(gw *client.VPNGateway, prior *vpnGatewayModel) (any, diag.Diagnostics) {
			return flattenVPNGateway(ctx, gw, *prior, data.defaultTags()), nil
		})
}
