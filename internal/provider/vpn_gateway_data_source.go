package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ datasource.DataSource              = (*vpnGatewayDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*vpnGatewayDataSource)(nil)
)

// NewVPNGatewayDataSource returns the huaweicloudvpn_vpn_gateway data source.
func NewVPNGatewayDataSource() datasource.DataSource {
	return &vpnGatewayDataSource{}
}

// vpnGatewayDataSource looks up exactly one VPN gateway by id or name.
type vpnGatewayDataSource struct {
	data *ProviderData
}

// Metadata implements datasource.DataSource.
func (d *vpnGatewayDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_gateway"
}

// Schema implements datasource.DataSource: the attributes of the resource,
// computed, with `id` and `name` as the two ways to look the gateway up.
func (d *vpnGatewayDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	spec, diags := vgwDSItemSpec(ctx)
	resp.Diagnostics.Append(diags...)
	attrs := spec.attributes(map[string]string{"tags": dsItemTagsDescription})
	exactlyOne := stringvalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))
	attrs["id"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "Id of the gateway to look up. Exactly one of `id` and `name` is required.",
		Validators:          []validator.String{exactlyOne, uuidValidator()},
	}
	attrs["name"] = schema.StringAttribute{
		Optional: true,
		Computed: true,
		MarkdownDescription: "Name of the gateway to look up. Exactly one of `id` and `name` is required; it is an error " +
			"when no gateway or more than one has this name (the error lists their ids).",
		Validators: []validator.String{exactlyOne},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up exactly one VPN gateway by `id` or by `name` and exposes every attribute of " +
			"`huaweicloudvpn_vpn_gateway`. No match, or several gateways with the name, is an error that says which; " +
			"use `huaweicloudvpn_vpn_gateways` to list gateways instead.",
		Attributes: attrs,
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *vpnGatewayDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource.
func (d *vpnGatewayDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !providerConfigured(d.data, &resp.Diagnostics, "huaweicloudvpn_vpn_gateway") {
		return
	}
	var id, name types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := d.data.Client

	var gw *client.VPNGateway
	if !id.IsNull() {
		var err error
		gw, err = c.GetVPNGateway(ctx, id.ValueString())
		if client.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "VPN Gateway Not Found",
				fmt.Sprintf("No VPN gateway has id %s.", id.ValueString()))
			return
		}
		if err != nil {
			opReadVPNGateway.report(&resp.Diagnostics, id.ValueString(), err)
			return
		}
	} else {
		gws, err := c.ListVPNGateways(ctx, nil)
		if err != nil {
			opListVPNGateways.report(&resp.Diagnostics, "", err, "to find one by name")
			return
		}
		var ids []string
		for i := range gws {
			if gws[i].Name == name.ValueString() {
				gw = &gws[i]
				ids = append(ids, gws[i].ID)
			}
		}
		switch len(ids) {
		case 0:
			resp.Diagnostics.AddAttributeError(path.Root("name"), "VPN Gateway Not Found",
				fmt.Sprintf("No VPN gateway is named %q (%d gateways searched).", name.ValueString(), len(gws)))
			return
		case 1:
		default:
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Several VPN Gateways Found",
				fmt.Sprintf("%d VPN gateways are named %q: %s. Look the gateway up by id instead.",
					len(ids), name.ValueString(), strings.Join(ids, ", ")))
			return
		}
	}

	list, _, diags := vgwDSItems(ctx, d.data, []client.VPNGateway{*gw})
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, list.Elements()[0])...)
}
