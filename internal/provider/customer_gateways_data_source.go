package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

var (
	_ datasource.DataSource              = (*customerGatewaysDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*customerGatewaysDataSource)(nil)
)

// NewCustomerGatewaysDataSource returns the huaweicloudvpn_customer_gateways data source.
func NewCustomerGatewaysDataSource() datasource.DataSource {
	return &customerGatewaysDataSource{}
}

// customerGatewaysDataSource lists customer gateways, filtered client-side.
type customerGatewaysDataSource struct {
	data *ProviderData
}

// customerGatewaysDataSourceModel is the data source's configuration and result.
type customerGatewaysDataSourceModel struct {
	cgwFilters                  // the filters, shared with the customer_gateway list resource
	IDs              types.List `tfsdk:"ids"`
	CustomerGateways types.List `tfsdk:"customer_gateways"`
}

// cgwItemAttrTypes are the attribute types of one customer_gateways item.
var cgwItemAttrTypes = map[string]attr.Type{
	"id":             types.StringType,
	"name":           types.StringType,
	"id_type":        types.StringType,
	"id_value":       types.StringType,
	"bgp_asn":        types.Int64Type,
	"ca_certificate": types.ObjectType{AttrTypes: cgwCACertificateInfoAttrTypes},
	"tags":           types.MapType{ElemType: types.StringType},
	"tags_all":       types.MapType{ElemType: types.StringType},
	"created_at":     types.StringType,
	"updated_at":     types.StringType,
}

// Metadata implements datasource.DataSource.
func (d *customerGatewaysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer_gateways"
}

// Schema implements datasource.DataSource.
func (d *customerGatewaysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the project's customer gateways. The provider reads every page of the list " +
			"(`limit`/`marker` paging) and then applies the filters below, so they match exactly; with no filter, " +
			"every customer gateway is returned. No match is not an error: the lists are empty.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Return only the customer gateway with exactly this name.",
				Validators:          []validator.String{nameValidator()},
			},
			"id_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Return only customer gateways with this identifier type: `ip` or `fqdn`.",
				Validators:          []validator.String{oneOfCaseInsensitive(apispec.CustomerGatewayIDTypes...)},
			},
			"tags": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Return only customer gateways that carry every one of these tags " +
					"(same key and value; an empty value matches only an empty value).",
				Validators: tagsValidators(),
			},
			"ids": schema.ListAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "IDs of the matching customer gateways, in the service's order.",
			},
			"customer_gateways": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching customer gateways, in the service's order.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":       computed("Customer gateway ID."),
						"name":     computed("Name."),
						"id_type":  computed("Identifier type: `ip` or `fqdn`."),
						"id_value": computed("Identifier: an IPv4 address or an FQDN."),
						"bgp_asn": schema.Int64Attribute{
							Computed:            true,
							MarkdownDescription: "BGP AS number (only for `id_type = \"ip\"`; null otherwise).",
						},
						"ca_certificate": schema.SingleNestedAttribute{
							Computed: true,
							MarkdownDescription: "The bound CA certificate as the service reports it (null when none is bound). " +
								"The certificate content is never returned.",
							Attributes: map[string]schema.Attribute{
								"id":                  computed("Certificate ID."),
								"serial_number":       computed("Serial number."),
								"signature_algorithm": computed("Signature algorithm."),
								"issuer":              computed("Issuer."),
								"subject":             computed("Subject."),
								"expire_time":         computed("Expiry time (UTC)."),
								"is_updatable": schema.BoolAttribute{
									Computed:            true,
									MarkdownDescription: "Whether the certificate content can be changed.",
								},
							},
						},
						"tags": schema.MapAttribute{
							ElementType:         types.StringType,
							Computed:            true,
							MarkdownDescription: dsItemTagsDescription,
						},
						"tags_all": schema.MapAttribute{
							ElementType:         types.StringType,
							Computed:            true,
							MarkdownDescription: "Every tag of the customer gateway, as in the resource's `tags_all`.",
						},
						"created_at": computed("Creation time (UTC)."),
						"updated_at": computed("Time of the last update (UTC)."),
					},
				},
			},
		},
	}
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *customerGatewaysDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read implements datasource.DataSource.
func (d *customerGatewaysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !providerConfigured(d.data, &resp.Diagnostics, "huaweicloudvpn_customer_gateways") {
		return
	}
	var m customerGatewaysDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	kept, diags := m.list(ctx, d.data.Client)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	ids := []attr.Value{}
	items := []attr.Value{}
	for i := range kept {
		cgw := &kept[i]
		item, diags := cgwItemValue(cgw)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		ids = append(ids, types.StringValue(cgw.ID))
		items = append(items, item)
	}
	m.IDs, diags = types.ListValue(types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	m.CustomerGateways, diags = types.ListValue(types.ObjectType{AttrTypes: cgwItemAttrTypes}, items)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// cgwMatches applies the data source's filters to one customer gateway.
func cgwMatches(cgw *client.CustomerGateway, name, idType types.String, tags map[string]string) bool {
	if !name.IsNull() && cgw.Name != name.ValueString() {
		return false
	}
	if !idType.IsNull() {
		t := cgw.IDType
		if t == "" {
			t = apispec.DefaultCustomerGatewayIDType
		}
		if !strings.EqualFold(t, idType.ValueString()) {
			return false
		}
	}
	return dsTagsMatch(tagsToMap(cgw.Tags), tags)
}

// cgwItemValue converts one customer gateway to a customer_gateways item.
func cgwItemValue(cgw *client.CustomerGateway) (types.Object, diag.Diagnostics) {
	var diags diag.Diagnostics
	ca := types.ObjectNull(cgwCACertificateInfoAttrTypes)
	if cgw.CACertificate != nil {
		var d diag.Diagnostics
		ca, d = types.ObjectValue(cgwCACertificateInfoAttrTypes, cgwCAInfoValues(cgw.CACertificate))
		diags.Append(d...)
	}
	idType := cgw.IDType
	if idType == "" {
		idType = apispec.DefaultCustomerGatewayIDType
	}
	tags := stringMapValue(tagsToMap(cgw.Tags))
	obj, d := types.ObjectValue(cgwItemAttrTypes, map[string]attr.Value{
		"id":             types.StringValue(cgw.ID),
		"name":           types.StringValue(cgw.Name),
		"id_type":        types.StringValue(idType),
		"id_value":       types.StringValue(cgw.IDValue),
		"bgp_asn":        types.Int64PointerValue(cgw.BgpAsn),
		"ca_certificate": ca,
		"tags":           tags,
		"tags_all":       tags,
		"created_at":     strOrNull(cgw.CreatedAt),
		"updated_at":     strOrNull(cgw.UpdatedAt),
	})
	diags.Append(d...)
	return obj, diags
}
