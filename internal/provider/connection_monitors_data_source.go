package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ datasource.DataSource              = (*connectionMonitorsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectionMonitorsDataSource)(nil)
)

// NewConnectionMonitorsDataSource returns the huaweicloudvpn_connection_monitors data source.
func NewConnectionMonitorsDataSource() datasource.DataSource {
	return &connectionMonitorsDataSource{}
}

// connectionMonitorsDataSource lists connection monitors.
type connectionMonitorsDataSource struct {
	data *ProviderData
}

// connectionMonitorsModel is the data source's configuration and state.
type connectionMonitorsModel struct {
	monFilters                    // the filters, shared with the connection_monitor list resource
	IDs                types.List `tfsdk:"ids"`
	ConnectionMonitors types.List `tfsdk:"connection_monitors"`
}

// Metadata implements datasource.DataSource.
func (d *connectionMonitorsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_monitors"
}

// Schema implements datasource.DataSource.
func (d *connectionMonitorsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	spec, diags := newDSItemSpec(ctx, NewConnectionMonitorResource())
	resp.Diagnostics.Append(diags...)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists connection monitors, with every attribute of `huaweicloudvpn_connection_monitor` per " +
			"monitor.\n\n`enterprise_project_id` and `vpn_connection_id` are sent to the API; `status` is applied by the " +
			"provider. No match is an empty list, not an error.\n\n" +
			"Similar to `huaweicloud_vpn_connection_health_checks` of the official provider.",
		Attributes: map[string]schema.Attribute{
			"enterprise_project_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only monitors of connections in this enterprise project (sent to the API).",
			},
			"vpn_connection_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the monitor of this connection (sent to the API).",
			},
			"status": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only monitors in this status (any case): `ACTIVE`, `PENDING_CREATE` or `PENDING_DELETE`.",
				Validators: []validator.String{oneOfCaseInsensitive(client.MonitorStatusActive,
					client.MonitorStatusPendingCreate, client.MonitorStatusPendingDelete)},
			},
			"ids": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Ids of the matching monitors, in the order of `connection_monitors`.",
			},
			"connection_monitors": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching monitors, each with the attributes of `huaweicloudvpn_connection_monitor`.",
				NestedObject:        schema.NestedAttributeObject{Attributes: spec.attributes(nil)},
			},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *connectionMonitorsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource.
func (d *connectionMonitorsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !providerConfigured(d.data, &resp.Diagnostics, "huaweicloudvpn_connection_monitors") {
		return
	}
	var m connectionMonitorsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	kept, diags := m.list(ctx, d.data.Client)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	list, ids, diags := dsFlattenItems(ctx, NewConnectionMonitorResource(), nil, kept,
		func(mon *client.ConnectionMonitor) string { return mon.ID },
		func(mon *client.ConnectionMonitor, prior *connectionMonitorModel) (any, diag.Diagnostics) {
			return flattenConnectionMonitor(mon, *prior), nil
		})
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.ConnectionMonitors, m.IDs = list, ids
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
