package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// Default timeouts of huaweicloudvpn_vpn_gateway operations.
const (
	vpnGatewayCreateTimeout = 15 * time.Minute
	vpnGatewayUpdateTimeout = 15 * time.Minute
	vpnGatewayDeleteTimeout = 10 * time.Minute
)

var (
	_ resource.Resource                   = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithConfigure      = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithImportState    = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithValidateConfig = (*vpnGatewayResource)(nil)
)

// NewVPNGatewayResource returns the huaweicloudvpn_vpn_gateway resource.
func NewVPNGatewayResource() resource.Resource {
	return &vpnGatewayResource{}
}

// vpnGatewayResource manages a VPN gateway.
type vpnGatewayResource struct {
	data *ProviderData
}

// vpnGatewayModel is the resource's state and plan.
type vpnGatewayModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	NetworkType          types.String `tfsdk:"network_type"`
	AttachmentType       types.String `tfsdk:"attachment_type"`
	VpcID                types.String `tfsdk:"vpc_id"`
	ErID                 types.String `tfsdk:"er_id"`
	LocalSubnets         types.Set    `tfsdk:"local_subnets"`
	ConnectSubnet        types.String `tfsdk:"connect_subnet"`
	AccessVpcID          types.String `tfsdk:"access_vpc_id"`
	AccessSubnetID       types.String `tfsdk:"access_subnet_id"`
	AccessPrivateIP1     types.String `tfsdk:"access_private_ip_1"`
	AccessPrivateIP2     types.String `tfsdk:"access_private_ip_2"`
	BgpAsn               types.Int64  `tfsdk:"bgp_asn"`
	Flavor               types.String `tfsdk:"flavor"`
	AvailabilityZoneIDs  types.Set    `tfsdk:"availability_zone_ids"`
	HAMode               types.String `tfsdk:"ha_mode"`
	EnterpriseProjectID  types.String `tfsdk:"enterprise_project_id"`
	EIP1                 types.Object `tfsdk:"eip1"`
	EIP2                 types.Object `tfsdk:"eip2"`
	PolicyTemplate       types.Object `tfsdk:"policy_template"`
	Tags                 types.Map    `tfsdk:"tags"`
	TagsAll              types.Map    `tfsdk:"tags_all"`
	Status               types.String `tfsdk:"status"`
	ConnectionNumber     types.Int64  `tfsdk:"connection_number"`
	UsedConnectionNumber types.Int64  `tfsdk:"used_connection_number"`
	UsedConnectionGroup  types.Int64  `tfsdk:"used_connection_group"`
	CertificateID        types.String `tfsdk:"certificate_id"`
	ErAttachmentID       types.String `tfsdk:"er_attachment_id"`
	SupportedFlavors     types.Set    `tfsdk:"supported_flavors"`
	CreatedAt            types.String `tfsdk:"created_at"`
	UpdatedAt            types.String `tfsdk:"updated_at"`
	// ReleaseExistingEIPsOnDelete: see vpn_gateway_eips.go.
	ReleaseExistingEIPsOnDelete types.Bool     `tfsdk:"release_existing_eips_on_delete"`
	Timeouts                    timeouts.Value `tfsdk:"timeouts"`
}

// vpnGatewayEIPModel is eip1 / eip2.
type vpnGatewayEIPModel struct {
	ID                   types.String `tfsdk:"id"`
	Type                 types.String `tfsdk:"type"`
	ChargeMode           types.String `tfsdk:"charge_mode"`
	BandwidthSize        types.Int64  `tfsdk:"bandwidth_size"`
	BandwidthName        types.String `tfsdk:"bandwidth_name"`
	BandwidthID          types.String `tfsdk:"bandwidth_id"`
	IPAddress            types.String `tfsdk:"ip_address"`
	IPVersion            types.Int64  `tfsdk:"ip_version"`
	IPBillingInfo        types.String `tfsdk:"ip_billing_info"`
	BandwidthBillingInfo types.String `tfsdk:"bandwidth_billing_info"`
	ShareType            types.String `tfsdk:"share_type"`
}

// Attribute types of the nested objects.
var (
	vpnGatewayEIPAttrTypes = map[string]attr.Type{
		"id": types.StringType, "type": types.StringType, "charge_mode": types.StringType,
		"bandwidth_size": types.Int64Type, "bandwidth_name": types.StringType, "bandwidth_id": types.StringType,
		"ip_address": types.StringType, "ip_version": types.Int64Type, "ip_billing_info": types.StringType,
		"bandwidth_billing_info": types.StringType, "share_type": types.StringType,
	}
	vpnGatewayIKEPolicyAttrTypes = map[string]attr.Type{
		"encryption_algorithm": types.StringType, "dh_group": types.StringType,
		"authentication_algorithm": types.StringType, "lifetime_seconds": types.Int64Type,
	}
	vpnGatewayIPsecPolicyAttrTypes = map[string]attr.Type{
		"authentication_algorithm": types.StringType, "encryption_algorithm": types.StringType,
		"pfs": types.StringType, "lifetime_seconds": types.Int64Type,
	}
	vpnGatewayPolicyTemplateAttrTypes = map[string]attr.Type{
		"ike_policy":   types.ObjectType{AttrTypes: vpnGatewayIKEPolicyAttrTypes},
		"ipsec_policy": types.ObjectType{AttrTypes: vpnGatewayIPsecPolicyAttrTypes},
	}
)

// Metadata implements resource.Resource.
func (r *vpnGatewayResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_gateway"
}

// Schema implements resource.Resource.
func (r *vpnGatewayResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	eipAttrs := func(n int) map[string]schema.Attribute {
		return map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "ID of an existing EIP to use. Changing it to another EIP id binds that EIP in place " +
					"(sent as `eip_id_" + fmt.Sprint(n) + "` of the update call). Conflicts with the new-EIP arguments; " +
					"when they are used instead, the service creates the EIP and this is its id.",
				Validators: []validator.String{uuidValidator()},
			},
			"type": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Type of a new EIP, such as `5_bgp` (1-36 characters). Required unless `id` is set. " +
					"Changing it replaces the gateway.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, apispec.EIPTypeMaxLen)},
			},
			"charge_mode": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Charge mode of a new EIP's bandwidth: `bandwidth` or `traffic`. The service " +
					"defaults to `bandwidth`. Changing it replaces the gateway.",
				Validators: []validator.String{stringvalidator.OneOf(apispec.EIPChargeModes...)},
			},
			"bandwidth_size": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: fmt.Sprintf("Bandwidth of a new EIP in Mbit/s (%d-%d; at most 300 for Professional1 "+
					"and 500 for GM). Required for a new EIP unless `bandwidth_id` names a shared bandwidth. "+
					"Changing it replaces the gateway.", apispec.EIPBandwidthMin, apispec.EIPBandwidthMax),
				Validators: []validator.Int64{int64validator.Between(apispec.EIPBandwidthMin, apispec.EIPBandwidthMax)},
			},
			"bandwidth_name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Name of a new EIP's bandwidth (1-64 characters); the service generates " +
					"`vpngw-bandwidth-****` when it is not set. Changing it replaces the gateway.",
				Validators: []validator.String{nameValidator()},
			},
			"bandwidth_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "ID of a shared bandwidth for a new EIP (conflicts with `bandwidth_size` and " +
					"`bandwidth_name`); otherwise the id of the EIP's bandwidth, set by the service.",
				Validators: []validator.String{uuidValidator()},
			},
			"ip_address": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The EIP's public IPv4 address.",
			},
			"ip_version": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "IP version of the EIP (4).",
			},
			"ip_billing_info": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Order information of the EIP (yearly/monthly EIPs only).",
			},
			"bandwidth_billing_info": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Order information of the EIP's bandwidth (yearly/monthly only).",
			},
			"share_type": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Bandwidth share type (`WHOLE` for a shared bandwidth).",
			},
		}
	}
	eipDesc := func(n int, role string) string {
		return fmt.Sprintf("The %s EIP: required when `network_type` is `public`, not allowed when it is `private`. "+
			"Either `id` of an existing EIP, or `type` and `bandwidth_size` (with optional `charge_mode` and "+
			"`bandwidth_name`, or `bandwidth_id` of a shared bandwidth) to have the service create one. "+
			"The address and bandwidth details are filled by the service once the gateway is `ACTIVE`. "+
			"A new `id` swaps the EIP in place (`eip_id_%d` on the wire); any other change replaces the gateway. "+
			"Written `eip%d = { ... }` (an attribute); the official `huaweicloud` provider uses a block.", role, n, n)
	}
	policyLeaf := func(desc string, allowed []string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: desc + " One of `" + strings.Join(allowed, "`, `") + "`.",
			Validators:          []validator.String{stringvalidator.OneOf(allowed...)},
		}
	}

	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages a Huawei Cloud enterprise VPN gateway (API v5), the cloud end of site-to-site VPN " +
			"connections.\n\n" +
			"Creating a gateway is asynchronous: the resource waits until the service reports `ACTIVE` (default " +
			"timeout 15 minutes), and an update or flavor change waits for `ACTIVE` again (15 minutes). Deleting " +
			"waits until the gateway is gone (10 minutes). A gateway that enters `FAULT` fails the operation at " +
			"once. Requests the service rejects because the gateway is still busy (`not ready`) are retried " +
			"within the timeout.\n\n" +
			"In place: `name`, `local_subnets`, an EIP swap by `id`, `policy_template`, `flavor` (among the " +
			"flavors the service's update-specification call takes), `tags`. Everything else replaces the gateway.\n\n" +
			"Argument names follow the API; where the official `huaweicloud` provider differs this is noted " +
			"on the argument.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the VPN gateway.",
				PlanModifiers: stableString(),
			},
			"name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Name (1-64 characters: letters, digits, Chinese characters, `_`, `-`, `.`). " +
					"When omitted, the provider generates a unique one, `tf-vpngw-` and 8 hex digits (such as `tf-vpngw-1a2b3c4d`), so that it can find the resource again when the answer to its create is lost. Changes in place.",
				Validators:    []validator.String{nameValidator()},
				PlanModifiers: stableString(),
			},
			"network_type": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "`public` (peers connect to the gateway's EIPs) or `private` (peers connect to " +
					"private IPs in the access subnet). The service defaults to `public`. Changing it replaces the gateway.",
				Validators:    []validator.String{stringvalidator.OneOf(apispec.NetworkTypes...)},
				PlanModifiers: immutableString(),
			},
			"attachment_type": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "`vpc` (the gateway serves one VPC) or `er` (it attaches to an enterprise " +
					"router). The service defaults to `vpc`. Changing it replaces the gateway.",
				Validators:    []validator.String{stringvalidator.OneOf(apispec.AttachmentTypes...)},
				PlanModifiers: immutableString(),
			},
			"vpc_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "With `attachment_type = \"vpc\"` (required): the service VPC. With `er`: the " +
					"access VPC (`access_vpc_id` wins when both are set). The service does not return it for `er` " +
					"gateways, so after an import it is set from `access_vpc_id`. Changing it replaces the gateway.",
				Validators:    []validator.String{uuidValidator()},
				PlanModifiers: immutableString(),
			},
			"er_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "ID of the enterprise router. Required when `attachment_type` is `er`, not allowed otherwise. Changing it replaces the gateway.",
				Validators:          []validator.String{uuidValidator()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"local_subnets": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: fmt.Sprintf("Local (cloud-side) subnets in IPv4 CIDR notation, at most %d. Required "+
					"when `attachment_type` is `vpc`, not allowed with `er`. A set: the order does not matter. Updated in place.",
					apispec.MaxLocalSubnets),
				Validators: []validator.Set{
					setvalidator.SizeBetween(1, apispec.MaxLocalSubnets),
					ipv4CIDRSetValidator(),
				},
			},
			"connect_subnet": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "ID of the VPC subnet the gateway uses. Required when `attachment_type` is `vpc`. " +
					"Changing it replaces the gateway.",
				Validators:    []validator.String{uuidValidator()},
				PlanModifiers: immutableString(),
			},
			"access_vpc_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "ID of the access VPC; the service defaults it to `vpc_id`. Changing it replaces the gateway.",
				Validators:          []validator.String{uuidValidator()},
				PlanModifiers:       immutableString(),
			},
			"access_subnet_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "ID of the subnet of the access VPC; the service defaults it to `connect_subnet`. " +
					"Changing it replaces the gateway.",
				Validators:    []validator.String{uuidValidator()},
				PlanModifiers: immutableString(),
			},
			"access_private_ip_1": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Private gateways only: the first (active-active) or master (active-standby) " +
					"access IP in the access subnet. Set with `access_private_ip_2`, or leave both out to have the " +
					"service choose. Changing it replaces the gateway.",
				Validators:    []validator.String{ipv4AddressValidator()},
				PlanModifiers: immutableString(),
			},
			"access_private_ip_2": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Private gateways only: the second (active-active) or standby (active-standby) " +
					"access IP. Set with `access_private_ip_1`, or leave both out. Changing it replaces the gateway.",
				Validators:    []validator.String{ipv4AddressValidator()},
				PlanModifiers: immutableString(),
			},
			"bgp_asn": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "BGP AS number of the gateway (1-4294967295). The service defaults to `64512`. " +
					"Changing it replaces the gateway. (The official `huaweicloud` provider calls it `asn`.)",
				Validators:    []validator.Int64{asnValidator()},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()},
			},
			"flavor": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Specification: one of `" + strings.Join(apispec.GatewayFlavors, "`, `") + "`. " +
					"The service defaults to `Professional1`. Changed in place through the update-specification call " +
					"among `" + strings.Join(apispec.SpecificationFlavors, "`, `") + "` (pay-per-use gateways only, and only " +
					"to a flavor in `supported_flavors`); a change to or from `GM`, or from a flavor that call does " +
					"not take, is rejected at plan time. The retired flavors `" + strings.Join(apispec.LegacyFlavors, "`, `") + "` " +
					"of existing gateways read and import as they are, but no new gateway can ask for them.",
				Validators:    []validator.String{stringvalidator.OneOf(append(slices.Clone(apispec.GatewayFlavors), apispec.LegacyFlavors...)...)},
				PlanModifiers: stableString(),
			},
			"availability_zone_ids": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				MarkdownDescription: "Availability zones of the gateway: two when the flavor offers two or more, else " +
					"one. The service chooses them when not set (known once the gateway is `ACTIVE`). A set. " +
					"Changing it replaces the gateway. (The official `huaweicloud` provider calls it `availability_zones`.)",
				Validators: []validator.Set{setvalidator.SizeBetween(1, 2)},
				PlanModifiers: []planmodifier.Set{
					setplanmodifier.UseStateForUnknown(), setplanmodifier.RequiresReplace(),
				},
			},
			"ha_mode": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "`active-active` or `active-standby`. The service defaults to `active-active`. " +
					"Changing it replaces the gateway.",
				Validators:    []validator.String{stringvalidator.OneOf(apispec.HAModes...)},
				PlanModifiers: immutableString(),
			},
			"enterprise_project_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Enterprise project (a UUID, or `0` for the default project). Defaults to the " +
					"provider's `enterprise_project_id`, else the service's `0`. Changing it replaces the gateway.",
				Validators:    []validator.String{enterpriseProjectIDValidator()},
				PlanModifiers: immutableString(),
			},
			"release_existing_eips_on_delete": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "What happens to existing EIPs (bound with `eip1.id` / `eip2.id`) when the gateway " +
					"is destroyed or replaced. `false` (default): the provider unbinds them through the EIP service first " +
					"(`endpoints { eip }`), so they stay in the account, unbound, with their addresses. `true`: they are " +
					"released (deleted) with the gateway, as the service does when they are still bound. EIPs the service " +
					"created with the gateway (`eip1.type` ...) are always released with it. The official `huaweicloud` " +
					"provider's `delete_eip_on_termination` defaults to `true` (release); this provider keeps a customer's " +
					"EIPs unless told otherwise. After `terraform import` the provider cannot tell existing EIPs from those " +
					"the service created, so it keeps both unless this is `true`.",
			},
			"eip1": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: eipDesc(1, "first (active-active) or master (active-standby)"),
				Attributes:          eipAttrs(1),
			},
			"eip2": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: eipDesc(2, "second (active-active) or standby (active-standby)"),
				Attributes:          eipAttrs(2),
			},
			"policy_template": schema.SingleNestedAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Default IKE and IPsec policies of `policy-template` style connections. The " +
					"service fills every value not set (IKE aes-128/sha2-256/group15/86400 s, IPsec " +
					"aes-128/sha2-256/pfs group15/3600 s); it is set after creation and changed in place through " +
					"the update call. Not available with flavor `GM`.",
				Attributes: map[string]schema.Attribute{
					"ike_policy": schema.SingleNestedAttribute{
						Optional: true, Computed: true,
						MarkdownDescription: "IKE policy.",
						Attributes: map[string]schema.Attribute{
							"encryption_algorithm":     policyLeaf("Encryption algorithm.", apispec.PolicyEncryptionAlgorithms),
							"dh_group":                 policyLeaf("Diffie-Hellman group of phase one.", apispec.PolicyIKEDHGroups),
							"authentication_algorithm": policyLeaf("Authentication algorithm.", apispec.PolicyAuthAlgorithms),
							"lifetime_seconds": schema.Int64Attribute{
								Optional: true, Computed: true,
								MarkdownDescription: fmt.Sprintf("SA lifetime in seconds (%d-%d).", apispec.IKELifetimeMin, apispec.IKELifetimeMax),
								Validators:          []validator.Int64{int64validator.Between(apispec.IKELifetimeMin, apispec.IKELifetimeMax)},
							},
						},
					},
					"ipsec_policy": schema.SingleNestedAttribute{
						Optional: true, Computed: true,
						MarkdownDescription: "IPsec policy.",
						Attributes: map[string]schema.Attribute{
							"authentication_algorithm": policyLeaf("Authentication algorithm.", apispec.PolicyAuthAlgorithms),
							"encryption_algorithm":     policyLeaf("Encryption algorithm.", apispec.PolicyEncryptionAlgorithms),
							"pfs":                      policyLeaf("Diffie-Hellman group of perfect forward secrecy.", apispec.PolicyPFSGroups),
							"lifetime_seconds": schema.Int64Attribute{
								Optional: true, Computed: true,
								MarkdownDescription: fmt.Sprintf("SA lifetime in seconds (%d-%d).", apispec.IPsecLifetimeMin, apispec.IPsecLifetimeMax),
								Validators:          []validator.Int64{int64validator.Between(apispec.IPsecLifetimeMin, apispec.IPsecLifetimeMax)},
							},
						},
					},
				},
			},
			"tags":     tagsSchemaAttribute(),
			"tags_all": tagsAllSchemaAttribute(),
			"status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Status reported by the service: `PENDING_CREATE`, `PENDING_UPDATE`, " +
					"`PENDING_DELETE`, `ACTIVE`, `FAULT` or `FREEZED`.",
			},
			"connection_number": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Most VPN connections the gateway takes (set by the flavor).",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"used_connection_number": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "VPN connections the gateway has.",
			},
			"used_connection_group": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Connection groups in use (the two connections of one customer gateway form a group).",
			},
			"certificate_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the gateway certificate (flavor `GM` only).",
				// Bound by huaweicloudvpn_vpn_gateway_certificate, never by a gateway update:
				// a refresh picks it up, so an update keeps it instead of showing it unknown.
				PlanModifiers: stableString(),
			},
			"er_attachment_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the enterprise router attachment (`er` gateways).",
				PlanModifiers: stableString(),
			},
			"supported_flavors": schema.SetAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "Flavors the gateway can change to in place.",
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time (UTC), known once the gateway is `ACTIVE`.",
				PlanModifiers: stableString(),
			},
			"updated_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Time of the last update (UTC).",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// Configure implements resource.ResourceWithConfigure.
func (r *vpnGatewayResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create implements resource.Resource.
func (r *vpnGatewayResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics)
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN gateway") {
		return
	}
	var plan vpnGatewayModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, vpnGatewayCreateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	body, d := expandVPNGatewayCreate(ctx, plan)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.data.Client
	if body.Name == "" {
		body.Name = generatedName("vpngw")
	}
	created, err := vgwCreateExactlyOnce(ctx, c, body)
	if err != nil {
		opCreateVPNGateway.report(&resp.Diagnostics, "", err)
		return
	}
	id := created.ID
	vgwRememberExistingEIPs(ctx, req.Config, resp.Private, &resp.Diagnostics)
	tflog.Info(ctx, "Created VPN gateway, waiting for ACTIVE", map[string]any{"id": id})
	// Record the id at once: if the wait fails the gateway is tainted, not lost.
	r.setState(ctx, &resp.State, &resp.Diagnostics, created, plan)
	if resp.Diagnostics.HasError() {
		return
	}

	gw, err := c.WaitVPNGatewayActive(ctx, id)
	if err != nil {
		if gw != nil {
			r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
		}
		opWaitVPNGatewayCreated.report(&resp.Diagnostics, id, err)
		return
	}

	// policy_template is not part of the create body: apply it now if the
	// configured values differ from the service's.
	if known(plan.PolicyTemplate) {
		// Values the configuration leaves out are unknown in the plan: they
		// are the service's to fill, so only the configured ones are compared.
		configured := unknownsToNull(ctx, plan.PolicyTemplate)
		current := vgwFlattenPolicyTemplate(gw.PolicyTemplate)
		if current.IsNull() || !configMatchesState(configured, current) {
			gw, err = r.putAndWait(ctx, id, &client.UpdateVPNGatewayRequest{PolicyTemplate: vgwExpandPolicyTemplate(plan.PolicyTemplate)})
			if err != nil {
				if gw != nil {
					r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
				}
				opSetPolicyTemplate.report(&resp.Diagnostics, id, err)
				return
			}
		}
	}
	r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
}

// Read implements resource.Resource. It makes one GET: the gateway's
// response carries its tags.
func (r *vpnGatewayResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics, req.State)
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN gateway") {
		return
	}
	var state vpnGatewayModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gw, err := r.data.Client.GetVPNGateway(ctx, state.ID.ValueString())
	if client.IsNotFound(err) {
		removeGone(ctx, resp, "VPN gateway", state.ID.ValueString())
		return
	}
	if err != nil {
		opReadVPNGateway.report(&resp.Diagnostics, state.ID.ValueString(), err)
		return
	}
	r.setState(ctx, &resp.State, &resp.Diagnostics, gw, state)
}

// Update implements resource.Resource: tags first (through the tag
// endpoints, only the difference), then the PUT call and the
// update-specification call, each followed by a wait for ACTIVE.
func (r *vpnGatewayResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics)
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN gateway") {
		return
	}
	var plan, state vpnGatewayModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, vpnGatewayUpdateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	id := state.ID.ValueString()
	c := r.data.Client

	if !plan.TagsAll.Equal(state.TagsAll) {
		oldAll, d1 := mapFromTypes(ctx, state.TagsAll)
		newAll, d2 := mapFromTypes(ctx, plan.TagsAll)
		resp.Diagnostics.Append(d1...)
		resp.Diagnostics.Append(d2...)
		if resp.Diagnostics.HasError() {
			return
		}
		if err := updateTags(ctx, c, client.ResourceTypeVPNGateway, id, oldAll, newAll); err != nil {
			opUpdateVPNGatewayTags.report(&resp.Diagnostics, id, err)
			return
		}
	}

	var gw *client.VPNGateway
	put, d := expandVPNGatewayUpdate(ctx, plan, state)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	if put != nil && (put.EIPID1 != "" || put.EIPID2 != "") {
		// Reference L1173/L1175: the EIP in a slot must be unbound before a
		// new one is bound there.
		if err := vgwUnbindReplacedEIPs(ctx, c, id, state, put); err != nil {
			opUnbindReplacedEIP.report(&resp.Diagnostics, id, err)
			return
		}
	}
	if put != nil {
		var err error
		gw, err = r.putAndWait(ctx, id, put)
		if err != nil {
			if gw != nil {
				r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
			}
			opUpdateVPNGateway.report(&resp.Diagnostics, id, err)
			return
		}
	}
	if flavor := plan.Flavor.ValueString(); !plan.Flavor.IsUnknown() && flavor != "" && flavor != state.Flavor.ValueString() {
		// The client resends the call while the gateway is not ready.
		err := writeVerified(ctx, "VPN gateway "+id+" update-specification", func(ctx context.Context) error {
			_, err := c.UpdateVPNGatewaySpecification(ctx, id, &client.UpdateVPNGatewaySpecificationRequest{Flavor: flavor})
			return err
		}, func(ctx context.Context) (bool, error) {
			g, err := c.GetVPNGateway(ctx, id)
			if err != nil {
				return false, err
			}
			return updateApplied(g.Status, map[string]string{"flavor": flavor}, g), nil
		})
		if err == nil {
			gw, err = c.WaitVPNGatewayActive(ctx, id)
			if err != nil && gw != nil {
				r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
			}
		}
		if err != nil {
			opChangeFlavor.report(&resp.Diagnostics, id, err, fmt.Sprintf("from %s to %s (update-specification)", state.Flavor.ValueString(), flavor))
			return
		}
	}
	if gw == nil {
		var err error
		if gw, err = c.GetVPNGateway(ctx, id); err != nil {
			opReadVPNGateway.report(&resp.Diagnostics, id, err, "after update")
			return
		}
	}
	vgwRememberExistingEIPs(ctx, req.Config, resp.Private, &resp.Diagnostics)
	r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
}

// putAndWait sends a PUT (the client resends it while the gateway is not
// ready) and waits for ACTIVE. It returns the gateway as last read.
func (r *vpnGatewayResource) putAndWait(ctx context.Context, id string, body *client.UpdateVPNGatewayRequest) (*client.VPNGateway, error) {
	c := r.data.Client
	// The read-back compares what was sent; the EIP ids read back as eip1.id / eip2.id.
	sent := *body
	sent.EIPID1, sent.EIPID2 = "", ""
	err := writeVerified(ctx, "VPN gateway "+id+" update", func(ctx context.Context) error {
		_, err := c.UpdateVPNGateway(ctx, id, body)
		return err
	}, func(ctx context.Context) (bool, error) {
		g, err := c.GetVPNGateway(ctx, id)
		if err != nil {
			return false, err
		}
		eipsOK := (body.EIPID1 == "" || g.EIP1 != nil && g.EIP1.ID == body.EIPID1) &&
			(body.EIPID2 == "" || g.EIP2 != nil && g.EIP2.ID == body.EIPID2)
		return strings.EqualFold(g.Status, client.GatewayStatusPendingUpdate) || eipsOK && updateApplied(g.Status, &sent, g), nil
	})
	if err != nil {
		return nil, err
	}
	return c.WaitVPNGatewayActive(ctx, id)
}

// Delete implements resource.Resource. A gateway already gone is a success.
func (r *vpnGatewayResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN gateway") {
		return
	}
	var state vpnGatewayModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, vpnGatewayDeleteTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	id := state.ID.ValueString()
	c := r.data.Client
	if err := vgwKeepExistingEIPs(ctx, c, id, state, req.Private); err != nil {
		if client.IsNotFound(err) {
			return
		}
		opKeepExistingEIPs.report(&resp.Diagnostics, id, err)
		return
	}
	// resent by the client while the gateway is not ready
	err := deleteExactlyOnce(ctx, "delete VPN gateway "+id,
		func(ctx context.Context) error { return c.DeleteVPNGateway(ctx, id) },
		func(ctx context.Context) (*client.VPNGateway, error) { return c.GetVPNGateway(ctx, id) },
		func(g *client.VPNGateway) string { return g.Status })
	if client.IsNotFound(err) {
		return
	}
	if err == nil {
		err = c.WaitVPNGatewayDeleted(ctx, id)
	}
	if err != nil {
		opDeleteVPNGateway.report(&resp.Diagnostics, id, err)
	}
}

// ImportState implements resource.ResourceWithImportState (by id).
func (r *vpnGatewayResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		importByIdentity(ctx, r.data, req, resp, "id", "a VPN gateway")
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// setState stores gw in state, keeping from prior what the service does not
// return (timeouts, the configured tags split, values not yet shown).
func (r *vpnGatewayResource) setState(ctx context.Context, st interface {
	Set(context.Context, any) diag.Diagnostics
}, diags *diag.Diagnostics, gw *client.VPNGateway, prior vpnGatewayModel) {
	m := flattenVPNGateway(ctx, gw, prior, r.data.defaultTags())
	diags.Append(st.Set(ctx, &m)...)
}
