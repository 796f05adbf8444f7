package provider

// List resources (Terraform 1.14+, `terraform query`): gateways, customer
// gateways, connections and connection monitors. Each resource type lists
// itself: the resource struct implements list.ListResource, its list block
// takes the filters of the matching list data source (the same schema
// attributes, the same filter code, every page read), and each result carries
// the identity and, on request, the object as Read would store it after an
// import, so that `terraform query -generate-config-out` writes configuration
// that imports and plans no change.

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ provider.ProviderWithListResources = (*huaweicloudvpnProvider)(nil)

	_ list.ListResourceWithConfigure = (*vpnGatewayResource)(nil)
	_ list.ListResourceWithConfigure = (*customerGatewayResource)(nil)
	_ list.ListResourceWithConfigure = (*vpnConnectionResource)(nil)
	_ list.ListResourceWithConfigure = (*connectionMonitorResource)(nil)
)

// ListResources implements provider.ProviderWithListResources.
func (p *huaweicloudvpnProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		func() list.ListResource { return &vpnGatewayResource{} },
		func() list.ListResource { return &customerGatewayResource{} },
		func() list.ListResource { return &vpnConnectionResource{} },
		func() list.ListResource { return &connectionMonitorResource{} },
	}
}

// ---- filters shared with the list data sources ----

// vgwFilters are the filters of huaweicloudvpn_vpn_gateways and of the
// vpn_gateway list block: the first two are sent to the API.
type vgwFilters struct {
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	VgwID               types.String `tfsdk:"vgw_id"`
	Name                types.String `tfsdk:"name"`
	Status              types.String `tfsdk:"status"`
	NetworkType         types.String `tfsdk:"network_type"`
	AttachmentType      types.String `tfsdk:"attachment_type"`
	Flavor              types.String `tfsdk:"flavor"`
	Tags                types.Map    `tfsdk:"tags"`
}

// list reads every page of the gateways the API filters select and keeps
// those the other filters match.
func (f vgwFilters) list(ctx context.Context, c *client.Client) ([]client.VPNGateway, diag.Diagnostics) {
	return listMatching(ctx, f.Tags, opListVPNGateways, func() ([]client.VPNGateway, error) {
		return c.ListVPNGateways(ctx, &client.ListVPNGatewaysOptions{
			VgwID:               f.VgwID.ValueString(),
			EnterpriseProjectID: f.EnterpriseProjectID.ValueString(),
		})
	}, func(gw *client.VPNGateway, tags map[string]string) bool {
		return dsStringFilter(f.Name, gw.Name, false) && dsStringFilter(f.Status, gw.Status, true) &&
			dsStringFilter(f.NetworkType, gw.NetworkType, true) && dsStringFilter(f.AttachmentType, gw.AttachmentType, true) &&
			dsStringFilter(f.Flavor, gw.Flavor, true) && dsTagsMatch(tagsToMap(gw.Tags), tags)
	})
}

// cgwFilters are the filters of huaweicloudvpn_customer_gateways and of the
// customer_gateway list block (the API has none: every page is read).
type cgwFilters struct {
	Name   types.String `tfsdk:"name"`
	IDType types.String `tfsdk:"id_type"`
	Tags   types.Map    `tfsdk:"tags"`
}

// list reads every page of customer gateways and keeps those the filters match.
func (f cgwFilters) list(ctx context.Context, c *client.Client) ([]client.CustomerGateway, diag.Diagnostics) {
	return listMatching(ctx, f.Tags, opListCustomerGateways, func() ([]client.CustomerGateway, error) {
		return c.ListCustomerGateways(ctx)
	}, func(cgw *client.CustomerGateway, tags map[string]string) bool {
		return cgwMatches(cgw, f.Name, f.IDType, tags)
	})
}

// connFilters are the filters of huaweicloudvpn_vpn_connections and of the
// vpn_connection list block: the first three are sent to the API.
type connFilters struct {
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	VgwID               types.String `tfsdk:"vgw_id"`
	VgwIP               types.String `tfsdk:"vgw_ip"`
	Name                types.String `tfsdk:"name"`
	Status              types.String `tfsdk:"status"`
	Style               types.String `tfsdk:"style"`
	Tags                types.Map    `tfsdk:"tags"`
}

// list reads every page of the connections the API filters select and keeps
// those the other filters match.
func (f connFilters) list(ctx context.Context, c *client.Client) ([]client.VPNConnection, diag.Diagnostics) {
	return listMatching(ctx, f.Tags, opListVPNConnections, func() ([]client.VPNConnection, error) {
		return c.ListVPNConnections(ctx, &client.ListVPNConnectionsOptions{
			VgwID:               f.VgwID.ValueString(),
			VgwIP:               f.VgwIP.ValueString(),
			EnterpriseProjectID: f.EnterpriseProjectID.ValueString(),
		})
	}, func(conn *client.VPNConnection, tags map[string]string) bool {
		return dsStringFilter(f.Name, conn.Name, false) && dsStringFilter(f.Status, conn.Status, true) &&
			dsStringFilter(f.Style, conn.Style, true) && dsTagsMatch(tagsToMap(conn.Tags), tags)
	})
}

// monFilters are the filters of huaweicloudvpn_connection_monitors and of
// the connection_monitor list block: the first two are sent to the API.
type monFilters struct {
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	VPNConnectionID     types.String `tfsdk:"vpn_connection_id"`
	Status              types.String `tfsdk:"status"`
}

// list reads every page of the monitors the API filters select and keeps
// those in the wanted status.
func (f monFilters) list(ctx context.Context, c *client.Client) ([]client.ConnectionMonitor, diag.Diagnostics) {
	return listMatching(ctx, types.MapNull(types.StringType), opListMonitors, func() ([]client.ConnectionMonitor, error) {
		return c.ListConnectionMonitors(ctx, &client.ListConnectionMonitorsOptions{
			VPNConnectionID:     f.VPNConnectionID.ValueString(),
			EnterpriseProjectID: f.EnterpriseProjectID.ValueString(),
		})
	}, func(mon *client.ConnectionMonitor, _ map[string]string) bool {
		return dsStringFilter(f.Status, mon.Status, true)
	})
}

// listMatching reads every page of a list through fetch (which sends the
// API's own filters) and keeps the items keep accepts, given the wanted tags
// (nil for none); op reports an error of fetch.
func listMatching[T any](ctx context.Context, tags types.Map, op operation, fetch func() ([]T, error),
	keep func(item *T, tags map[string]string) bool,
) ([]T, diag.Diagnostics) {
	var diags diag.Diagnostics
	want, d := mapFromTypes(ctx, tags)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	all, err := fetch()
	if err != nil {
		op.report(&diags, "", err)
		return nil, diags
	}
	var kept []T
	for i := range all {
		if keep(&all[i], want) {
			kept = append(kept, all[i])
		}
	}
	return kept, diags
}

// ---- list block schemas: the filter attributes of the data sources ----

// listSchemaFromDataSource is the schema of a list block: the named
// (optional) attributes of data source ds, with their descriptions and
// validators.
func listSchemaFromDataSource(ctx context.Context, ds datasource.DataSource, desc string, names ...string) (listschema.Schema, diag.Diagnostics) {
	var diags diag.Diagnostics
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	diags.Append(sr.Diagnostics...)
	out := listschema.Schema{MarkdownDescription: desc, Attributes: map[string]listschema.Attribute{}}
	for _, n := range names {
		switch a := sr.Schema.Attributes[n].(type) {
		case dschema.StringAttribute:
			out.Attributes[n] = listschema.StringAttribute{
				Optional: true, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators,
			}
		case dschema.MapAttribute:
			out.Attributes[n] = listschema.MapAttribute{
				Optional: true, ElementType: a.ElementType, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators,
			}
		default:
			diags.AddError("Unexpected Filter Attribute",
				fmt.Sprintf("The list block cannot take filter %q (%T) of its data source. This is a bug in the provider.", n, a))
		}
	}
	return out, diags
}

const listDescriptionSuffix = " Every page is read. Each result carries the identity (for `import` blocks) and, " +
	"with `include_resource = true`, every attribute as an import would store it, so " +
	"`terraform query -generate-config-out=FILE` writes configuration that imports and then plans no change."

// ListResourceConfigSchema implements list.ListResource.
func (r *vpnGatewayResource) ListResourceConfigSchema(ctx context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema, resp.Diagnostics = listSchemaFromDataSource(ctx, NewVPNGatewaysDataSource(),
		"Lists VPN gateways with the filters of `huaweicloudvpn_vpn_gateways` (`enterprise_project_id` and `vgw_id` "+
			"are sent to the API, the others are applied by the provider)."+listDescriptionSuffix,
		"enterprise_project_id", "vgw_id", "name", "status", "network_type", "attachment_type", "flavor", "tags")
}

// ListResourceConfigSchema implements list.ListResource.
func (r *customerGatewayResource) ListResourceConfigSchema(ctx context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema, resp.Diagnostics = listSchemaFromDataSource(ctx, NewCustomerGatewaysDataSource(),
		"Lists customer gateways with the filters of `huaweicloudvpn_customer_gateways` (the API has none: the "+
			"provider applies them)."+listDescriptionSuffix,
		"name", "id_type", "tags")
}

// ListResourceConfigSchema implements list.ListResource.
func (r *vpnConnectionResource) ListResourceConfigSchema(ctx context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema, resp.Diagnostics = listSchemaFromDataSource(ctx, NewVPNConnectionsDataSource(),
		"Lists VPN connections with the filters of `huaweicloudvpn_vpn_connections` (`enterprise_project_id`, "+
			"`vgw_id` and `vgw_ip` are sent to the API, the others are applied by the provider). The service never "+
			"returns pre-shared keys: generated configuration has no `psk`, which leaves the key as it is."+listDescriptionSuffix,
		"enterprise_project_id", "vgw_id", "vgw_ip", "name", "status", "style", "tags")
}

// ListResourceConfigSchema implements list.ListResource.
func (r *connectionMonitorResource) ListResourceConfigSchema(ctx context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema, resp.Diagnostics = listSchemaFromDataSource(ctx, NewConnectionMonitorsDataSource(),
		"Lists connection monitors with the filters of `huaweicloudvpn_connection_monitors` (`enterprise_project_id` "+
			"and `vpn_connection_id` are sent to the API, `status` is applied by the provider)."+listDescriptionSuffix,
		"enterprise_project_id", "vpn_connection_id", "status")
}

// ---- List ----

// listResults streams one result per item: its display name, its identity
// and, when Terraform asks for it, the object as the resource's flatten
// function stores it after an import (prior: a null model of r).
func listResults[T, M any](ctx context.Context, req list.ListRequest, data *ProviderData, r resource.Resource, items []T,
	idOf, nameOf func(*T) string, flatten func(v *T, prior *M) (any, diag.Diagnostics),
) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		var prior M
		if req.IncludeResource {
			spec, d := newDSItemSpec(ctx, r)
			d.Append(spec.nullModel(ctx, &prior)...)
			if d.HasError() {
				push(list.ListResult{Diagnostics: d})
				return
			}
		}
		for i := range items {
			res := req.NewListResult(ctx)
			id := idOf(&items[i])
			res.DisplayName = nameOf(&items[i])
			res.Diagnostics.Append(res.Identity.Set(ctx, identityValue(data, "id", types.StringValue(id)))...)
			if req.IncludeResource && !res.Diagnostics.HasError() {
				p := prior
				m, d := flatten(&items[i], &p)
				res.Diagnostics.Append(d...)
				if !d.HasError() {
					res.Diagnostics.Append(res.Resource.Set(ctx, m)...)
				}
			}
			if !push(res) {
				return
			}
		}
	}
}

// listConfig reads the list block's filters into f; false (with the
// diagnostics streamed) when that or the provider configuration fails.
func listConfig(ctx context.Context, data *ProviderData, req list.ListRequest, stream *list.ListResultsStream, what string, f any) bool {
	var diags diag.Diagnostics
	if providerConfigured(data, &diags, what) {
		diags.Append(req.Config.Get(ctx, f)...)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return false
	}
	return true
}

// displayName is "name (id)".
func displayName(name, id string) string {
	if name = strings.TrimSpace(name); name == "" {
		return id
	}
	return name + " (" + id + ")"
}

// List implements list.ListResource.
func (r *vpnGatewayResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f vgwFilters
	if !listConfig(ctx, r.data, req, stream, "the VPN gateway list", &f) {
		return
	}
	gws, diags := f.list(ctx, r.data.Client)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = listResults(ctx, req, r.data, r, gws,
		func(gw *client.VPNGateway) string { return gw.ID },
		func(gw *client.VPNGateway) string { return displayName(gw.Name, gw.ID) },
		func(gw *client.VPNGateway, prior *vpnGatewayModel) (any, diag.Diagnostics) {
			m := flattenVPNGateway(ctx, gw, *prior, r.data.defaultTags())
			return &m, nil
		})
}

// List implements list.ListResource.
func (r *customerGatewayResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f cgwFilters
	if !listConfig(ctx, r.data, req, stream, "the customer gateway list", &f) {
		return
	}
	cgws, diags := f.list(ctx, r.data.Client)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = listResults(ctx, req, r.data, r, cgws,
		func(cgw *client.CustomerGateway) string { return cgw.ID },
		func(cgw *client.CustomerGateway) string { return displayName(cgw.Name, cgw.ID) },
		func(cgw *client.CustomerGateway, prior *customerGatewayResourceModel) (any, diag.Diagnostics) {
			d := flattenCustomerGateway(ctx, cgw, prior, r.data.defaultTags())
			return prior, d
		})
}

// List implements list.ListResource.
func (r *vpnConnectionResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f connFilters
	if !listConfig(ctx, r.data, req, stream, "the VPN connection list", &f) {
		return
	}
	conns, diags := f.list(ctx, r.data.Client)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = listResults(ctx, req, r.data, r, conns,
		func(c *client.VPNConnection) string { return c.ID },
		func(c *client.VPNConnection) string { return displayName(c.Name, c.ID) },
		func(c *client.VPNConnection, prior *vpnConnectionModel) (any, diag.Diagnostics) {
			return flattenVPNConnection(ctx, c, prior, r.data.defaultTags())
		})
}

// List implements list.ListResource.
func (r *connectionMonitorResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f monFilters
	if !listConfig(ctx, r.data, req, stream, "the connection monitor list", &f) {
		return
	}
	monitors, diags := f.list(ctx, r.data.Client)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = listResults(ctx, req, r.data, r, monitors,
		func(m *client.ConnectionMonitor) string { return m.ID },
		func(m *client.ConnectionMonitor) string {
			return displayName("monitor of connection "+m.VPNConnectionID, m.ID)
		},
		func(m *client.ConnectionMonitor, prior *connectionMonitorModel) (any, diag.Diagnostics) {
			v := flattenConnectionMonitor(m, *prior)
			return &v, nil
		})
}
