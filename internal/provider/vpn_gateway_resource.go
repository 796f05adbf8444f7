package provider

import (
	"context"
	"fmt"
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
	ID                   types.String   `tfsdk:"id"`
	Name                 types.String   `tfsdk:"name"`
	NetworkType          types.String   `tfsdk:"network_type"`
	AttachmentType       types.String   `tfsdk:"attachment_type"`
	VpcID                types.String   `tfsdk:"vpc_id"`
	ErID                 types.String   `tfsdk:"er_id"`
	LocalSubnets         types.Set      `tfsdk:"local_subnets"`
	ConnectSubnet        types.String   `tfsdk:"connect_subnet"`
	AccessVpcID          types.String   `tfsdk:"access_vpc_id"`
	AccessSubnetID       types.String   `tfsdk:"access_subnet_id"`
	AccessPrivateIP1     types.String   `tfsdk:"access_private_ip_1"`
	AccessPrivateIP2     types.String   `tfsdk:"access_private_ip_2"`
	BgpAsn               types.Int64    `tfsdk:"bgp_asn"`
	Flavor               types.String   `tfsdk:"flavor"`
	AvailabilityZoneIDs  types.Set      `tfsdk:"availability_zone_ids"`
	HAMode               types.String   `tfsdk:"ha_mode"`
	EnterpriseProjectID  types.String   `tfsdk:"enterprise_project_id"`
	EIP1                 types.Object   `tfsdk:"eip1"`
	EIP2                 types.Object   `tfsdk:"eip2"`
	PolicyTemplate       types.Object   `tfsdk:"policy_template"`
	Tags                 types.Map      `tfsdk:"tags"`
	TagsAll              types.Map      `tfsdk:"tags_all"`
	Status               types.String   `tfsdk:"status"`
	ConnectionNumber     types.Int64    `tfsdk:"connection_number"`
	UsedConnectionNumber types.Int64    `tfsdk:"used_connection_number"`
	UsedConnectionGroup  types.Int64    `tfsdk:"used_connection_group"`
	CertificateID        types.String   `tfsdk:"certificate_id"`
	ErAttachmentID       types.String   `tfsdk:"er_attachment_id"`
	SupportedFlavors     types.Set      `tfsdk:"supported_flavors"`
	CreatedAt            types.String   `tfsdk:"created_at"`
	UpdatedAt            types.String   `tfsdk:"updated_at"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
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

// vpnGatewayPolicyTemplateModel is policy_template.
type vpnGatewayPolicyTemplateModel struct {
	IKEPolicy   types.Object `tfsdk:"ike_policy"`
	IPsecPolicy types.Object `tfsdk:"ipsec_policy"`
}

// vpnGatewayIKEPolicyModel is policy_template.ike_policy.
type vpnGatewayIKEPolicyModel struct {
	EncryptionAlgorithm     types.String `tfsdk:"encryption_algorithm"`
	DHGroup                 types.String `tfsdk:"dh_group"`
	AuthenticationAlgorithm types.String `tfsdk:"authentication_algorithm"`
	LifetimeSeconds         types.Int64  `tfsdk:"lifetime_seconds"`
}

// vpnGatewayIPsecPolicyModel is policy_template.ipsec_policy.
type vpnGatewayIPsecPolicyModel struct {
	AuthenticationAlgorithm types.String `tfsdk:"authentication_algorithm"`
	EncryptionAlgorithm     types.String `tfsdk:"encryption_algorithm"`
	PFS                     types.String `tfsdk:"pfs"`
	LifetimeSeconds         types.Int64  `tfsdk:"lifetime_seconds"`
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

// vgwEnterpriseProjectIDValidator accepts a UUID or "0".
func vgwEnterpriseProjectIDValidator() validator.String {
	return stringCheck{
		summary: "Invalid Enterprise Project ID",
		desc:    `value must be a 36-character UUID or "0"`,
		check:   apispec.CheckEnterpriseProjectID,
	}
}

// vgwImmutableString is the plan modifiers of an Optional+Computed input that
// only a replacement changes.
func vgwImmutableString() []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
}

// vgwStableString keeps a computed string that never changes once known.
func vgwStableString() []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
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
				MarkdownDescription: fmt.Sprintf("Bandwidth of a new EIP in Mbit/s (%d-%d; at most 300 for Professional1, "+
					"500 for GM, 100 for Basic). Required for a new EIP unless `bandwidth_id` names a shared bandwidth. "+
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
				PlanModifiers: vgwStableString(),
			},
			"name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Name (1-64 characters: letters, digits, Chinese characters, `_`, `-`, `.`). " +
					"The service generates `vpngw-****` when it is not set. Updated in place.",
				Validators:    []validator.String{nameValidator()},
				PlanModifiers: vgwStableString(),
			},
			"network_type": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "`public` (peers connect to the gateway's EIPs) or `private` (peers connect to " +
					"private IPs in the access subnet). The service defaults to `public`. Changing it replaces the gateway.",
				Validators:    []validator.String{stringvalidator.OneOf(apispec.NetworkTypes...)},
				PlanModifiers: vgwImmutableString(),
			},
			"attachment_type": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "`vpc` (the gateway serves one VPC) or `er` (it attaches to an enterprise " +
					"router). The service defaults to `vpc`. Changing it replaces the gateway.",
				Validators:    []validator.String{stringvalidator.OneOf(apispec.AttachmentTypes...)},
				PlanModifiers: vgwImmutableString(),
			},
			"vpc_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "With `attachment_type = \"vpc\"` (required): the service VPC. With `er`: the " +
					"access VPC (`access_vpc_id` wins when both are set). The service does not return it for `er` " +
					"gateways, so after an import it is set from `access_vpc_id`. Changing it replaces the gateway.",
				Validators:    []validator.String{uuidValidator()},
				PlanModifiers: vgwImmutableString(),
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
				PlanModifiers: vgwImmutableString(),
			},
			"access_vpc_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "ID of the access VPC; the service defaults it to `vpc_id`. Changing it replaces the gateway.",
				Validators:          []validator.String{uuidValidator()},
				PlanModifiers:       vgwImmutableString(),
			},
			"access_subnet_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "ID of the subnet of the access VPC; the service defaults it to `connect_subnet`. " +
					"Changing it replaces the gateway.",
				Validators:    []validator.String{uuidValidator()},
				PlanModifiers: vgwImmutableString(),
			},
			"access_private_ip_1": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Private gateways only: the first (active-active) or master (active-standby) " +
					"access IP in the access subnet. Set with `access_private_ip_2`, or leave both out to have the " +
					"service choose. Changing it replaces the gateway.",
				Validators:    []validator.String{ipv4AddressValidator()},
				PlanModifiers: vgwImmutableString(),
			},
			"access_private_ip_2": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Private gateways only: the second (active-active) or standby (active-standby) " +
					"access IP. Set with `access_private_ip_1`, or leave both out. Changing it replaces the gateway.",
				Validators:    []validator.String{ipv4AddressValidator()},
				PlanModifiers: vgwImmutableString(),
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
					"not take, is rejected at plan time.",
				Validators:    []validator.String{stringvalidator.OneOf(apispec.GatewayFlavors...)},
				PlanModifiers: vgwStableString(),
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
				PlanModifiers: vgwImmutableString(),
			},
			"enterprise_project_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Enterprise project (a UUID, or `0` for the default project). Defaults to the " +
					"provider's `enterprise_project_id`, else the service's `0`. Changing it replaces the gateway.",
				Validators:    []validator.String{vgwEnterpriseProjectIDValidator()},
				PlanModifiers: vgwImmutableString(),
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
				PlanModifiers: vgwStableString(),
			},
			"er_attachment_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the enterprise router attachment (`er` gateways).",
				PlanModifiers: vgwStableString(),
			},
			"supported_flavors": schema.SetAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "Flavors the gateway can change to in place.",
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time (UTC), known once the gateway is `ACTIVE`.",
				PlanModifiers: vgwStableString(),
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

	body, d := r.expandCreate(ctx, plan)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.data.Client
	created, err := c.CreateVPNGateway(ctx, body)
	if err != nil {
		addAPIError(&resp.Diagnostics, "unable to create VPN gateway", "create VPN gateway", "", err)
		return
	}
	id := created.ID
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
		addAPIError(&resp.Diagnostics, "VPN gateway did not become active", "wait for VPN gateway to become ACTIVE after create", id, err)
		return
	}

	// policy_template is not part of the create body: apply it now if the
	// configured values differ from the service's.
	if !plan.PolicyTemplate.IsNull() && !plan.PolicyTemplate.IsUnknown() {
		// Values the configuration leaves out are unknown in the plan: they
		// are the service's to fill, so only the configured ones are compared.
		configured := vgwUnknownsToNull(plan.PolicyTemplate)
		current := vgwFlattenPolicyTemplate(gw.PolicyTemplate)
		if current.IsNull() || !vgwConfigMatchesState(configured, current) {
			pt, d := vgwExpandPolicyTemplate(ctx, plan.PolicyTemplate)
			resp.Diagnostics.Append(d...)
			if resp.Diagnostics.HasError() {
				return
			}
			gw, err = r.putAndWait(ctx, id, &client.UpdateVPNGatewayRequest{PolicyTemplate: pt})
			if err != nil {
				if gw != nil {
					r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
				}
				addAPIError(&resp.Diagnostics, "unable to set VPN gateway policy template", "update VPN gateway policy_template after create", id, err)
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
		tflog.Warn(ctx, "VPN gateway not found, removing it from state", map[string]any{"id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "unable to read VPN gateway", "read VPN gateway", state.ID.ValueString(), err)
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
			addAPIError(&resp.Diagnostics, "unable to update VPN gateway tags", "update VPN gateway tags", id, err)
			return
		}
	}

	var gw *client.VPNGateway
	put, d := r.expandUpdate(ctx, plan, state)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	if put != nil {
		var err error
		gw, err = r.putAndWait(ctx, id, put)
		if err != nil {
			if gw != nil {
				r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
			}
			addAPIError(&resp.Diagnostics, "unable to update VPN gateway", "update VPN gateway", id, err)
			return
		}
	}
	if flavor := plan.Flavor.ValueString(); !plan.Flavor.IsUnknown() && flavor != "" && flavor != state.Flavor.ValueString() {
		// The client resends the call while the gateway is not ready.
		_, err := c.UpdateVPNGatewaySpecification(ctx, id, &client.UpdateVPNGatewaySpecificationRequest{Flavor: flavor})
		if err == nil {
			gw, err = c.WaitVPNGatewayActive(ctx, id)
			if err != nil && gw != nil {
				r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
			}
		}
		if err != nil {
			addAPIError(&resp.Diagnostics, "unable to change VPN gateway flavor",
				fmt.Sprintf("change VPN gateway flavor from %s to %s (update-specification)", state.Flavor.ValueString(), flavor), id, err)
			return
		}
	}
	if gw == nil {
		var err error
		if gw, err = c.GetVPNGateway(ctx, id); err != nil {
			addAPIError(&resp.Diagnostics, "unable to read VPN gateway", "read VPN gateway after update", id, err)
			return
		}
	}
	r.setState(ctx, &resp.State, &resp.Diagnostics, gw, plan)
}

// putAndWait sends a PUT (the client resends it while the gateway is not
// ready) and waits for ACTIVE. It returns the gateway as last read.
func (r *vpnGatewayResource) putAndWait(ctx context.Context, id string, body *client.UpdateVPNGatewayRequest) (*client.VPNGateway, error) {
	c := r.data.Client
	if _, err := c.UpdateVPNGateway(ctx, id, body); err != nil {
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
	err := c.DeleteVPNGateway(ctx, id) // resent by the client while the gateway is not ready
	if client.IsNotFound(err) {
		return
	}
	if err == nil {
		err = c.WaitVPNGatewayDeleted(ctx, id)
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "unable to delete VPN gateway", "delete VPN gateway", id, err)
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

// ---- expand ----

// expandCreate builds the create body from the plan. Unknown and null values are not sent.
func (r *vpnGatewayResource) expandCreate(ctx context.Context, plan vpnGatewayModel) (*client.CreateVPNGatewayRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := &client.CreateVPNGatewayRequest{
		Name:                vgwKnownString(plan.Name),
		NetworkType:         vgwKnownString(plan.NetworkType),
		AttachmentType:      vgwKnownString(plan.AttachmentType),
		ErID:                vgwKnownString(plan.ErID),
		VpcID:               vgwKnownString(plan.VpcID),
		ConnectSubnet:       vgwKnownString(plan.ConnectSubnet),
		Flavor:              vgwKnownString(plan.Flavor),
		EnterpriseProjectID: vgwKnownString(plan.EnterpriseProjectID),
		AccessVpcID:         vgwKnownString(plan.AccessVpcID),
		AccessSubnetID:      vgwKnownString(plan.AccessSubnetID),
		AccessPrivateIP1:    vgwKnownString(plan.AccessPrivateIP1),
		AccessPrivateIP2:    vgwKnownString(plan.AccessPrivateIP2),
		HAMode:              vgwKnownString(plan.HAMode),
	}
	if !plan.BgpAsn.IsNull() && !plan.BgpAsn.IsUnknown() {
		v := plan.BgpAsn.ValueInt64()
		body.BgpAsn = &v
	}
	body.LocalSubnets, diags = vgwStringsFromSet(ctx, plan.LocalSubnets, diags)
	body.AvailabilityZoneIDs, diags = vgwStringsFromSet(ctx, plan.AvailabilityZoneIDs, diags)
	var d diag.Diagnostics
	if body.EIP1, d = vgwExpandEIP(ctx, plan.EIP1); d.HasError() {
		diags.Append(d...)
	}
	if body.EIP2, d = vgwExpandEIP(ctx, plan.EIP2); d.HasError() {
		diags.Append(d...)
	}
	if !plan.TagsAll.IsUnknown() {
		all, d := mapFromTypes(ctx, plan.TagsAll)
		diags.Append(d...)
		body.Tags = tagsFromMap(all)
	}
	return body, diags
}

// expandUpdate builds the PUT body from what changed between state and
// plan; nil when nothing the PUT call carries changed.
func (r *vpnGatewayResource) expandUpdate(ctx context.Context, plan, state vpnGatewayModel) (*client.UpdateVPNGatewayRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := &client.UpdateVPNGatewayRequest{}
	changed := false
	if !plan.Name.IsUnknown() && !plan.Name.Equal(state.Name) {
		body.Name = plan.Name.ValueString()
		changed = true
	}
	if !plan.LocalSubnets.Equal(state.LocalSubnets) && !plan.LocalSubnets.IsNull() {
		body.LocalSubnets, diags = vgwStringsFromSet(ctx, plan.LocalSubnets, diags)
		changed = true
	}
	for i, pair := range [][2]types.Object{{plan.EIP1, state.EIP1}, {plan.EIP2, state.EIP2}} {
		newID, oldID := vgwObjectString(pair[0], "id"), vgwObjectString(pair[1], "id")
		if newID.IsNull() || newID.IsUnknown() || newID.Equal(oldID) {
			continue
		}
		if i == 0 {
			body.EIPID1 = newID.ValueString()
		} else {
			body.EIPID2 = newID.ValueString()
		}
		changed = true
	}
	if !plan.PolicyTemplate.IsNull() && !plan.PolicyTemplate.Equal(state.PolicyTemplate) {
		pt, d := vgwExpandPolicyTemplate(ctx, plan.PolicyTemplate)
		diags.Append(d...)
		if pt != nil {
			body.PolicyTemplate = pt
			changed = true
		}
	}
	if !changed {
		return nil, diags
	}
	return body, diags
}

// vgwKnownString returns the value of a known string, else "" (not sent).
func vgwKnownString(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

// vgwKnownIntPtr returns a pointer to a known int64 as int, else nil.
func vgwKnownIntPtr(v types.Int64) *int {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := int(v.ValueInt64())
	return &n
}

// vgwStringsFromSet converts a known set of strings (nil for null or unknown).
func vgwStringsFromSet(ctx context.Context, s types.Set, diags diag.Diagnostics) ([]string, diag.Diagnostics) {
	if s.IsNull() || s.IsUnknown() {
		return nil, diags
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out, diags
}

// vgwObjectString returns a string attribute of an object (null when the object is null or unknown).
func vgwObjectString(o types.Object, name string) types.String {
	if o.IsNull() || o.IsUnknown() {
		return types.StringNull()
	}
	if v, ok := o.Attributes()[name].(types.String); ok {
		return v
	}
	return types.StringNull()
}

// vgwObjectInt64 returns an int64 attribute of an object (null when the object is null or unknown).
func vgwObjectInt64(o types.Object, name string) types.Int64 {
	if o.IsNull() || o.IsUnknown() {
		return types.Int64Null()
	}
	if v, ok := o.Attributes()[name].(types.Int64); ok {
		return v
	}
	return types.Int64Null()
}

// vgwExpandEIP builds eip1/eip2 of the create body: the id of an existing
// EIP, or the parameters of a new one.
func vgwExpandEIP(ctx context.Context, o types.Object) (*client.EIPRequest, diag.Diagnostics) {
	if o.IsNull() || o.IsUnknown() {
		return nil, nil
	}
	var m vpnGatewayEIPModel
	diags := o.As(ctx, &m, vgwObjectAsOptions)
	if diags.HasError() {
		return nil, diags
	}
	if id := vgwKnownString(m.ID); id != "" {
		return &client.EIPRequest{ID: id}, diags
	}
	return &client.EIPRequest{
		Type:          vgwKnownString(m.Type),
		ChargeMode:    vgwKnownString(m.ChargeMode),
		BandwidthSize: vgwKnownIntPtr(m.BandwidthSize),
		BandwidthName: vgwKnownString(m.BandwidthName),
		BandwidthID:   vgwKnownString(m.BandwidthID),
	}, diags
}

// vgwExpandPolicyTemplate builds the policy_template of the PUT body from its
// known values (unknown values, which the user did not set, are not sent).
func vgwExpandPolicyTemplate(ctx context.Context, o types.Object) (*client.PolicyTemplate, diag.Diagnostics) {
	if o.IsNull() || o.IsUnknown() {
		return nil, nil
	}
	var m vpnGatewayPolicyTemplateModel
	diags := o.As(ctx, &m, vgwObjectAsOptions)
	if diags.HasError() {
		return nil, diags
	}
	out := &client.PolicyTemplate{}
	if !m.IKEPolicy.IsNull() && !m.IKEPolicy.IsUnknown() {
		var ike vpnGatewayIKEPolicyModel
		diags.Append(m.IKEPolicy.As(ctx, &ike, vgwObjectAsOptions)...)
		p := &client.PolicyTemplateIKE{
			EncryptionAlgorithm:     vgwKnownString(ike.EncryptionAlgorithm),
			DHGroup:                 vgwKnownString(ike.DHGroup),
			AuthenticationAlgorithm: vgwKnownString(ike.AuthenticationAlgorithm),
			LifetimeSeconds:         vgwKnownIntPtr(ike.LifetimeSeconds),
		}
		if *p != (client.PolicyTemplateIKE{}) {
			out.IKEPolicy = p
		}
	}
	if !m.IPsecPolicy.IsNull() && !m.IPsecPolicy.IsUnknown() {
		var ipsec vpnGatewayIPsecPolicyModel
		diags.Append(m.IPsecPolicy.As(ctx, &ipsec, vgwObjectAsOptions)...)
		p := &client.PolicyTemplateIPsec{
			AuthenticationAlgorithm: vgwKnownString(ipsec.AuthenticationAlgorithm),
			EncryptionAlgorithm:     vgwKnownString(ipsec.EncryptionAlgorithm),
			PFS:                     vgwKnownString(ipsec.PFS),
			LifetimeSeconds:         vgwKnownIntPtr(ipsec.LifetimeSeconds),
		}
		if *p != (client.PolicyTemplateIPsec{}) {
			out.IPsecPolicy = p
		}
	}
	if out.IKEPolicy == nil && out.IPsecPolicy == nil {
		return nil, diags
	}
	return out, diags
}

// ---- flatten ----

// setState stores gw in state, keeping from prior what the service does not
// return (timeouts, the configured tags split, values not yet shown).
func (r *vpnGatewayResource) setState(ctx context.Context, st interface {
	Set(context.Context, any) diag.Diagnostics
}, diags *diag.Diagnostics, gw *client.VPNGateway, prior vpnGatewayModel) {
	m := r.flatten(gw, prior)
	diags.Append(st.Set(ctx, &m)...)
}

// flatten turns the service's gateway into the model. Every value it returns
// is known: values the service does not (yet) show are kept from prior when
// known, else null.
func (r *vpnGatewayResource) flatten(gw *client.VPNGateway, prior vpnGatewayModel) vpnGatewayModel {
	m := vpnGatewayModel{
		ID:                   types.StringValue(gw.ID),
		Name:                 strOrPrior(gw.Name, prior.Name),
		NetworkType:          strOrPrior(gw.NetworkType, prior.NetworkType),
		AttachmentType:       strOrPrior(gw.AttachmentType, prior.AttachmentType),
		ErID:                 strOrPrior(gw.ErID, prior.ErID),
		ConnectSubnet:        strOrPrior(gw.ConnectSubnet, prior.ConnectSubnet),
		AccessVpcID:          strOrPrior(gw.AccessVpcID, prior.AccessVpcID),
		AccessSubnetID:       strOrPrior(gw.AccessSubnetID, prior.AccessSubnetID),
		AccessPrivateIP1:     strOrPrior(gw.AccessPrivateIP1, prior.AccessPrivateIP1),
		AccessPrivateIP2:     strOrPrior(gw.AccessPrivateIP2, prior.AccessPrivateIP2),
		Flavor:               strOrPrior(gw.Flavor, prior.Flavor),
		HAMode:               strOrPrior(gw.HAMode, prior.HAMode),
		EnterpriseProjectID:  strOrPrior(gw.EnterpriseProjectID, prior.EnterpriseProjectID),
		Status:               strOrNull(gw.Status),
		ConnectionNumber:     types.Int64Value(int64(gw.ConnectionNumber)),
		UsedConnectionNumber: types.Int64Value(int64(gw.UsedConnectionNumber)),
		UsedConnectionGroup:  types.Int64Value(int64(gw.UsedConnectionGroup)),
		CertificateID:        strOrNull(gw.CertificateID),
		ErAttachmentID:       strOrPrior(gw.ErAttachmentID, prior.ErAttachmentID),
		SupportedFlavors:     vgwStringSet(gw.SupportedFlavors),
		CreatedAt:            strOrPrior(gw.CreatedAt, prior.CreatedAt),
		UpdatedAt:            strOrPrior(gw.UpdatedAt, prior.UpdatedAt),
		Timeouts:             prior.Timeouts,
	}
	if gw.BgpAsn != 0 {
		m.BgpAsn = types.Int64Value(gw.BgpAsn)
	} else {
		m.BgpAsn = vgwKnownInt64OrNull(prior.BgpAsn)
	}

	// vpc_id: not returned for er gateways; keep the configured value, or
	// (after an import) take the access VPC, which it stands for.
	m.VpcID = strOrPrior(gw.VpcID, prior.VpcID)
	if m.VpcID.IsNull() && strings.EqualFold(gw.AttachmentType, "er") {
		m.VpcID = m.AccessVpcID
	}

	// local_subnets: returned for vpc gateways only.
	if len(gw.LocalSubnets) > 0 {
		m.LocalSubnets = vgwStringSet(gw.LocalSubnets)
	} else if !prior.LocalSubnets.IsUnknown() {
		m.LocalSubnets = prior.LocalSubnets
	} else {
		m.LocalSubnets = types.SetNull(types.StringType)
	}

	// availability_zone_ids: shown once ACTIVE when the service chose them.
	if len(gw.AvailabilityZoneIDs) > 0 {
		m.AvailabilityZoneIDs = vgwStringSet(gw.AvailabilityZoneIDs)
	} else if !prior.AvailabilityZoneIDs.IsUnknown() {
		m.AvailabilityZoneIDs = prior.AvailabilityZoneIDs
	} else {
		m.AvailabilityZoneIDs = types.SetNull(types.StringType)
	}

	// EIPs: shown once ACTIVE; before that keep what was planned.
	m.EIP1 = vgwFlattenEIP(gw.EIP1, prior.EIP1)
	m.EIP2 = vgwFlattenEIP(gw.EIP2, prior.EIP2)

	if gw.PolicyTemplate != nil {
		m.PolicyTemplate = vgwFlattenPolicyTemplate(gw.PolicyTemplate)
	} else {
		m.PolicyTemplate = vgwUnknownsToNull(prior.PolicyTemplate)
	}

	all := tagsToMap(gw.Tags)
	m.Tags, m.TagsAll = splitTags(all, prior.Tags, prior.TagsAll, r.data.defaultTags())
	return m
}

// vgwKnownInt64OrNull turns an unknown value into null.
func vgwKnownInt64OrNull(v types.Int64) types.Int64 {
	if v.IsUnknown() {
		return types.Int64Null()
	}
	return v
}

// vgwStringSet converts a list of strings to a set (null when empty).
func vgwStringSet(list []string) types.Set {
	if len(list) == 0 {
		return types.SetNull(types.StringType)
	}
	elems := make([]attr.Value, len(list))
	for i, s := range list {
		elems[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, elems)
}

// vgwFlattenEIP converts an EIP of the service; nil keeps prior (with unknown
// values made null), since EIPs are shown only once the gateway is ACTIVE.
func vgwFlattenEIP(e *client.EIP, prior types.Object) types.Object {
	if e == nil {
		return vgwUnknownsToNull(prior)
	}
	ipVersion := types.Int64Null()
	if e.IPVersion != 0 {
		ipVersion = types.Int64Value(int64(e.IPVersion))
	}
	size := types.Int64Null()
	if e.BandwidthSize != 0 {
		size = types.Int64Value(int64(e.BandwidthSize))
	}
	return types.ObjectValueMust(vpnGatewayEIPAttrTypes, map[string]attr.Value{
		"id":                     strOrNull(e.ID),
		"type":                   strOrNull(e.Type),
		"charge_mode":            strOrNull(e.ChargeMode),
		"bandwidth_size":         size,
		"bandwidth_name":         strOrNull(e.BandwidthName),
		"bandwidth_id":           strOrNull(e.BandwidthID),
		"ip_address":             strOrNull(e.IPAddress),
		"ip_version":             ipVersion,
		"ip_billing_info":        strOrNull(e.IPBillingInfo),
		"bandwidth_billing_info": strOrNull(e.BandwidthBillingInfo),
		"share_type":             strOrNull(e.ShareType),
	})
}

// vgwFlattenPolicyTemplate converts the service's policy template (null when absent).
func vgwFlattenPolicyTemplate(p *client.PolicyTemplate) types.Object {
	if p == nil {
		return types.ObjectNull(vpnGatewayPolicyTemplateAttrTypes)
	}
	ike := types.ObjectNull(vpnGatewayIKEPolicyAttrTypes)
	if p.IKEPolicy != nil {
		ike = types.ObjectValueMust(vpnGatewayIKEPolicyAttrTypes, map[string]attr.Value{
			"encryption_algorithm":     strOrNull(p.IKEPolicy.EncryptionAlgorithm),
			"dh_group":                 strOrNull(p.IKEPolicy.DHGroup),
			"authentication_algorithm": strOrNull(p.IKEPolicy.AuthenticationAlgorithm),
			"lifetime_seconds":         intOrNull(p.IKEPolicy.LifetimeSeconds),
		})
	}
	ipsec := types.ObjectNull(vpnGatewayIPsecPolicyAttrTypes)
	if p.IPsecPolicy != nil {
		ipsec = types.ObjectValueMust(vpnGatewayIPsecPolicyAttrTypes, map[string]attr.Value{
			"authentication_algorithm": strOrNull(p.IPsecPolicy.AuthenticationAlgorithm),
			"encryption_algorithm":     strOrNull(p.IPsecPolicy.EncryptionAlgorithm),
			"pfs":                      strOrNull(p.IPsecPolicy.PFS),
			"lifetime_seconds":         intOrNull(p.IPsecPolicy.LifetimeSeconds),
		})
	}
	return types.ObjectValueMust(vpnGatewayPolicyTemplateAttrTypes, map[string]attr.Value{
		"ike_policy": ike, "ipsec_policy": ipsec,
	})
}
