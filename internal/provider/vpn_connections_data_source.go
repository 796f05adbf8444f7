package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ datasource.DataSource              = (*vpnConnectionsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*vpnConnectionsDataSource)(nil)
)

// vpnConnectionSecretAttrs are the connection attributes left out of the
// data source's items: the key and its write trigger.
var vpnConnectionSecretAttrs = []string{"psk", "psk_wo", "psk_wo_version"}

// NewVPNConnectionsDataSource returns the huaweicloudvpn_vpn_connections data source.
func NewVPNConnectionsDataSource() datasource.DataSource {
	return &vpnConnectionsDataSource{}
}

// vpnConnectionsDataSource lists VPN connections.
type vpnConnectionsDataSource struct {
	data *ProviderData
}

// vpnConnectionsModel is the data source's configuration and state.
type vpnConnectionsModel struct {
	connFilters               // the filters, shared with the vpn_connection list resource
	IDs            types.List `tfsdk:"ids"`
	VPNConnections types.List `tfsdk:"vpn_connections"`
}

// Metadata implements datasource.DataSource.
func (d *vpnConnectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_connections"
}

// Schema implements datasource.DataSource.
func (d *vpnConnectionsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	spec, diags := newDSItemSpec(ctx, NewVPNConnectionResource(), vpnConnectionSecretAttrs...)
	resp.Diagnostics.Append(diags...)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists VPN connections, with every attribute of `huaweicloudvpn_vpn_connection` per " +
			"connection except the pre-shared key (`psk`, `psk_wo`, `psk_wo_version`), which the service never returns.\n\n" +
			"`enterprise_project_id`, `vgw_id` and `vgw_ip` are sent to the API; the other filters are applied by the " +
			"provider after reading all pages. No match is an empty list, not an error. `style` is shown in lower case " +
			"(`static`, `policy`, `bgp`, `policy-template`), as the resource takes it.\n\n" +
			"Similar to `huaweicloud_vpn_connections` of the official provider.",
		Attributes: map[string]schema.Attribute{
			"enterprise_project_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only connections of this enterprise project (sent to the API). All projects when unset.",
			},
			"vgw_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only connections of this VPN gateway (sent to the API).",
			},
			"vgw_ip": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only connections on this gateway address: an EIP id or an access private IP (sent to the API).",
			},
			"name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only connections with exactly this name.",
			},
			"status": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only connections in this status (any case), such as `DOWN` or `ACTIVE`.",
				Validators:          []validator.String{oneOfCaseInsensitive(apispec.ConnectionStatuses...)},
			},
			"style": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only connections of this style (any case): `static`, `policy`, `bgp` or `policy-template`.",
				Validators:          []validator.String{oneOfCaseInsensitive(apispec.ConnectionStyles...)},
			},
			"tags": dsTagsFilterAttribute("connections"),
			"ids": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Ids of the matching connections, in the order of `vpn_connections`.",
			},
			"vpn_connections": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The matching connections, in the service's order, each with the attributes of " +
					"`huaweicloudvpn_vpn_connection` (no pre-shared key).",
				NestedObject: schema.NestedAttributeObject{
					Attributes: spec.attributes(map[string]string{"tags": dsItemTagsDescription}),
				},
			},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *vpnConnectionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource.
func (d *vpnConnectionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !providerConfigured(d.data, &resp.Diagnostics, "huaweicloudvpn_vpn_connections") {
		return
	}
	var m vpnConnectionsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	kept, diags := m.list(ctx, d.data.Client)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	list, ids, diags := dsFlattenItems(ctx, NewVPNConnectionResource(), vpnConnectionSecretAttrs, kept,
		func(c *client.VPNConnection) string { return c.ID },
		func(c *client.VPNConnection, prior *vpnConnectionModel) (any, diag.Diagnostics) {
			return flattenVPNConnection(ctx, c, prior, d.data.defaultTags())
		})
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.VPNConnections, m.IDs = list, ids
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
