package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

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
	_ datasource.DataSource              = (*availabilityZonesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*availabilityZonesDataSource)(nil)
)

// NewAvailabilityZonesDataSource returns the huaweicloudvpn_availability_zones data source.
func NewAvailabilityZonesDataSource() datasource.DataSource {
	return &availabilityZonesDataSource{}
}

// availabilityZonesDataSource reads the zones where gateway flavors can be deployed.
type availabilityZonesDataSource struct {
	data *ProviderData
}

// availabilityZonesModel is the data source's configuration and state.
type availabilityZonesModel struct {
	Flavor         types.String `tfsdk:"flavor"`
	AttachmentType types.String `tfsdk:"attachment_type"`
	Names          types.List   `tfsdk:"names"`
	Flavors        types.Map    `tfsdk:"flavors"`
}

// azFlavorAttrTypes is one entry of `flavors`.
var azFlavorAttrTypes = map[string]attr.Type{
	"vpc": types.ListType{ElemType: types.StringType},
	"er":  types.ListType{ElemType: types.StringType},
}

// azKnownFlavors are the flavor names the `flavor` filter accepts (any
// case): the create-time names of the flavors the service reports zones for.
func azKnownFlavors() []string {
	var out []string
	for _, f := range apispec.GatewayFlavors {
		if apispec.AvailabilityZoneKey(f) != "" {
			out = append(out, f)
		}
	}
	return out
}

// Metadata implements datasource.DataSource.
func (d *availabilityZonesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_availability_zones"
}

// Schema implements datasource.DataSource.
func (d *availabilityZonesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	known := azKnownFlavors()
	resp.Schema = schema.Schema{
		MarkdownDescription: "The availability zones where VPN gateways can be deployed, per gateway flavor and attachment " +
			"type (`GET /v5/{project_id}/vpn-gateways/availability-zones`). `names` lists the zones of one flavor and " +
			"attachment type, ready for a gateway's `availability_zone_ids`; `flavors` holds the whole table.\n\n" +
			"Similar to `huaweicloud_vpn_gateway_availability_zones` of the official provider, which returns only the list.",
		Attributes: map[string]schema.Attribute{
			"flavor": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: fmt.Sprintf("Gateway flavor whose zones `names` lists, as written in a gateway's `flavor` "+
					"(any case): %s. Defaults to `%s`, the service's default flavor. Any other value is an error at plan time.",
					"`"+strings.Join(known, "`, `")+"`", apispec.DefaultFlavor),
				Validators: []validator.String{oneOfCaseInsensitive(known...)},
			},
			"attachment_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: fmt.Sprintf("Attachment type whose zones `names` lists: `vpc` or `er`. Defaults to `%s`.",
					apispec.DefaultAttachmentType),
				Validators: []validator.String{stringvalidator.OneOf(apispec.AttachmentTypes...)},
			},
			"names": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Zones of `flavor` with `attachment_type`, in the service's order.",
			},
			"flavors": schema.MapNestedAttribute{
				Computed: true,
				MarkdownDescription: "The whole table: every flavor the service reports, keyed as the service names it " +
					"(`basic`, `professional1`, `professional2`, `gm`, `Professional1-NonFixedIP`, ...).",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"vpc": schema.ListAttribute{Computed: true, ElementType: types.StringType,
							MarkdownDescription: "Zones for gateways attached to a VPC."},
						"er": schema.ListAttribute{Computed: true, ElementType: types.StringType,
							MarkdownDescription: "Zones for gateways attached to an enterprise router."},
					},
				},
			},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *availabilityZonesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource.
func (d *availabilityZonesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !providerConfigured(d.data, &resp.Diagnostics, "huaweicloudvpn_availability_zones") {
		return
	}
	var m availabilityZonesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zones, err := d.data.Client.ListAvailabilityZones(ctx)
	if err != nil {
		opListAvailabilityZones.report(&resp.Diagnostics, "", err)
		return
	}
	out, diags := flattenAvailabilityZones(zones, m.Flavor.ValueString(), m.AttachmentType.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}

// flattenAvailabilityZones builds the state from the service's table and
// the filters ("" for the defaults). A flavor the service does not report
// is an error listing those it does.
func flattenAvailabilityZones(zones client.AvailabilityZones, flavor, attachment string) (availabilityZonesModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	if flavor == "" {
		flavor = apispec.DefaultFlavor
	}
	if attachment == "" {
		attachment = apispec.DefaultAttachmentType
	}
	table := map[string]attr.Value{}
	for _, k := range slices.Sorted(maps.Keys(zones)) {
		z := zones[k]
		table[k] = types.ObjectValueMust(azFlavorAttrTypes, map[string]attr.Value{
			"vpc": stringListValue(z.VPC), "er": stringListValue(z.ER),
		})
	}
	m := availabilityZonesModel{
		Flavor:         types.StringValue(flavor),
		AttachmentType: types.StringValue(attachment),
		Flavors:        types.MapValueMust(types.ObjectType{AttrTypes: azFlavorAttrTypes}, table),
	}
	z, ok := zones.ForFlavor(flavor)
	if !ok {
		if key := apispec.AvailabilityZoneKey(azCanonicalFlavor(flavor)); key != "" {
			z, ok = zones.ForFlavor(key)
		}
	}
	if !ok {
		diags.AddAttributeError(path.Root("flavor"), "Unknown Gateway Flavor",
			fmt.Sprintf("The service reports no availability zones for flavor %q. It reports: %s.",
				flavor, strings.Join(slices.Sorted(maps.Keys(zones)), ", ")))
		return m, diags
	}
	names := z.VPC
	if strings.EqualFold(attachment, apispec.AttachmentTypeER) {
		names = z.ER
	}
	m.Names = stringListValue(names)
	return m, diags
}

// azCanonicalFlavor returns the create-time spelling of a flavor written in
// any case ("gm" -> "GM"), or flavor itself when it is not known.
func azCanonicalFlavor(flavor string) string {
	for _, f := range apispec.GatewayFlavors {
		if strings.EqualFold(f, flavor) {
			return f
		}
	}
	return flavor
}
