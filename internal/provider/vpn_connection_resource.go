package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// Default timeouts of the VPN connection resource.
const (
	vpnConnectionCreateTimeout = 10 * time.Minute
	vpnConnectionUpdateTimeout = 10 * time.Minute
	vpnConnectionDeleteTimeout = 10 * time.Minute
)

var (
	_ resource.Resource                   = (*vpnConnectionResource)(nil)
	_ resource.ResourceWithConfigure      = (*vpnConnectionResource)(nil)
	_ resource.ResourceWithImportState    = (*vpnConnectionResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*vpnConnectionResource)(nil)
	_ resource.ResourceWithValidateConfig = (*vpnConnectionResource)(nil)
)

// NewVPNConnectionResource is the constructor of huaweicloudvpn_vpn_connection.
func NewVPNConnectionResource() resource.Resource {
	return &vpnConnectionResource{}
}

// vpnConnectionResource manages one VPN connection.
type vpnConnectionResource struct {
	data *ProviderData
}

// vpnConnectionModel is the resource's data.
type vpnConnectionModel struct {
	ID                  types.String   `tfsdk:"id"`
	Name                types.String   `tfsdk:"name"`
	VgwID               types.String   `tfsdk:"vgw_id"`
	VgwIP               types.String   `tfsdk:"vgw_ip"`
	CgwID               types.String   `tfsdk:"cgw_id"`
	Style               types.String   `tfsdk:"style"`
	PeerSubnets         types.Set      `tfsdk:"peer_subnets"`
	TunnelLocalAddress  types.String   `tfsdk:"tunnel_local_address"`
	TunnelPeerAddress   types.String   `tfsdk:"tunnel_peer_address"`
	EnableNQA           types.Bool     `tfsdk:"enable_nqa"`
	PolicyRules         types.List     `tfsdk:"policy_rules"`
	IKEPolicy           types.Object   `tfsdk:"ikepolicy"`
	IPsecPolicy         types.Object   `tfsdk:"ipsecpolicy"`
	HARole              types.String   `tfsdk:"ha_role"`
	PSK                 types.String   `tfsdk:"psk"`
	PSKWO               types.String   `tfsdk:"psk_wo"`
	PSKWOVersion        types.Int64    `tfsdk:"psk_wo_version"`
	Status              types.String   `tfsdk:"status"`
	ConnectionMonitorID types.String   `tfsdk:"connection_monitor_id"`
	EnterpriseProjectID types.String   `tfsdk:"enterprise_project_id"`
	CreatedAt           types.String   `tfsdk:"created_at"`
	UpdatedAt           types.String   `tfsdk:"updated_at"`
	Tags                types.Map      `tfsdk:"tags"`
	TagsAll             types.Map      `tfsdk:"tags_all"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

// Metadata implements resource.Resource.
func (r *vpnConnectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_connection"
}

// Schema implements resource.Resource.
func (r *vpnConnectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	allAuth := append(append([]string{}, apispec.AuthenticationAlgorithms...), apispec.AuthenticationAlgorithmsGM...)
	allEnc := append(append([]string{}, apispec.EncryptionAlgorithms...), apispec.EncryptionAlgorithmsGM...)
	resp.Schema = schema.Schema{
		MarkdownDescription: "A site-to-site VPN connection between a VPN gateway (`huaweicloudvpn_vpn_gateway`) and a customer " +
			"gateway (`huaweicloudvpn_customer_gateway`): the IPsec tunnel with its IKE and IPsec policies and its pre-shared key.\n\n" +
			"Creation is asynchronous: the resource waits until the connection settles. `DOWN` (the peer device has not " +
			"negotiated yet) and `ACTIVE` are both settled; `ERROR` fails with the service's message. Updates wait the same way " +
			"and deletion waits until the connection is gone. A gateway that is busy with another change answers \"not ready\"; " +
			"those answers are waited out and the request retried within the timeout, so many connections can be created on one " +
			"gateway at once. Default timeouts: 10 minutes for create, update and delete.\n\n" +
			"Differences from `huaweicloud_vpn_connection` of the official provider: the pre-shared key can be write-only " +
			"(`psk_wo`, never stored), `enable_nqa` can be turned off (it replaces the connection, the update API has no such " +
			"field), `style` accepts any case without a diff, policy rules split by the service show no diff, and " +
			"`enterprise_project_id` is computed only (a connection always belongs to its gateway's enterprise project).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Connection id (a UUID).",
				PlanModifiers:       stableString(),
			},
			"name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Name: 1-64 characters of digits, letters, Chinese characters, `_`, `-` and `.`. " +
					"When omitted, the provider generates a unique one, `tf-vpn-` and 8 hex digits (such as `tf-vpn-1a2b3c4d`), so that it can find the resource again when the answer to its create is lost. Changes in place.",
				Validators:    []validator.String{nameValidator()},
				PlanModifiers: stableString(),
			},
			"vgw_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Id of the VPN gateway. A GM gateway must have its certificate (`huaweicloudvpn_vpn_gateway_certificate`) first, " +
					"and the customer gateway its `ca_certificate`: when the gateways exist, a plan that creates the connection warns " +
					"about a missing one (the same apply may still add it, through `depends_on`). Changing it replaces the connection.",
				Validators:    []validator.String{checkValidator("Invalid VPN Gateway ID", "value must be a 36-character UUID", apispec.CheckUUID)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"vgw_ip": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Gateway address of the connection: the id of one of the gateway's EIPs (`eip1`/`eip2`) for a " +
					"public gateway, or one of its access private IPs for a private gateway. On an active-standby gateway the " +
					"first address carries the `master` connection and the second the `slave` one. Changing it replaces the connection.",
				Validators: []validator.String{checkValidator("Invalid Gateway Address", "value must be an EIP id (UUID) or an IPv4 address",
					func(s string) error {
						if apispec.CheckUUID(s) == nil || apispec.CheckIPv4(s) == nil {
							return nil
						}
						return fmt.Errorf("must be an EIP id (36-character UUID) or an IPv4 address, got %q", s)
					})},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"cgw_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Id of the customer gateway. Can be changed in place.",
				Validators:          []validator.String{checkValidator("Invalid Customer Gateway ID", "value must be a 36-character UUID", apispec.CheckUUID)},
			},
			"style": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Connection mode: `static` (static routing, the default), `policy`, `bgp` or `policy-template`. " +
					"Any case is accepted and stored as written; the service answers in upper case, which never shows as a " +
					"diff. Changing the mode (other than its case) replaces the connection.",
				Validators: []validator.String{oneOfCaseInsensitive(apispec.ConnectionStyles...)},
			},
			"peer_subnets": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				MarkdownDescription: fmt.Sprintf("Customer-side IPv4 subnets (at most %d; not inside 100.64.0.0/10 or 214.0.0.0/8). "+
					"Required, except on gateways attached to an enterprise router (`attachment_type = \"er\"`) with style "+
					"`policy` or `bgp`, where it must be omitted.", apispec.MaxPeerSubnets),
				Validators: []validator.Set{
					setvalidator.SizeBetween(1, apispec.MaxPeerSubnets),
					setvalidator.ValueStringsAre(checkValidator("Invalid Peer Subnet", "value must be an IPv4 CIDR outside the reserved ranges", apispec.CheckPeerSubnet)),
				},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"tunnel_local_address": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Tunnel interface address on the VPN gateway for routed modes, such as `169.254.76.1/30`: " +
					"inside 169.254.0.0/16 but not 169.254.195.0/24, mask /30, a host address, in the same /30 as " +
					"`tunnel_peer_address`.",
				Validators: []validator.String{
					tunnelAddressValidator(),
					stringvalidator.AlsoRequires(path.MatchRoot("tunnel_peer_address")),
				},
				PlanModifiers: stableString(),
			},
			"tunnel_peer_address": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Tunnel interface address on the customer device for routed modes, such as " +
					"`169.254.76.2/30` (same rules as `tunnel_local_address`).",
				Validators: []validator.String{
					tunnelAddressValidator(),
					stringvalidator.AlsoRequires(path.MatchRoot("tunnel_local_address")),
				},
				PlanModifiers: stableString(),
			},
			"enable_nqa": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Enable NQA (network quality analysis) probing. Only for `static` connections, where it " +
					"defaults to `false` (sent explicitly); null for other styles. The update API has no such field, so " +
					"changing it (including back to `false`) replaces the connection.",
			},
			"policy_rules": schema.ListNestedAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: fmt.Sprintf("Policy rules of a `policy` connection (at most %d, only with that style). The "+
					"service splits a rule with several destinations into one rule per destination and renumbers `rule_index`; "+
					"the provider maps its answer back onto the rules as configured, so that shows no diff. After an import "+
					"the rules appear grouped by source.", apispec.MaxPolicyRules),
				Validators: []validator.List{listvalidator.SizeBetween(1, apispec.MaxPolicyRules)},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"rule_index": schema.Int64Attribute{
							Optional: true,
							Computed: true,
							MarkdownDescription: fmt.Sprintf("Rule id (%d-%d, unique). Best left unset: the service numbers rules itself.",
								apispec.PolicyRuleIndexMin, apispec.PolicyRuleIndexMax),
							Validators: []validator.Int64{int64validator.Between(apispec.PolicyRuleIndexMin, apispec.PolicyRuleIndexMax)},
						},
						"source": schema.StringAttribute{
							Required:            true,
							MarkdownDescription: "Source IPv4 subnet (unique among the rules).",
							Validators:          []validator.String{ipv4CIDRValidator()},
						},
						"destination": schema.SetAttribute{
							ElementType:         types.StringType,
							Required:            true,
							MarkdownDescription: fmt.Sprintf("Destination IPv4 subnets (1-%d).", apispec.MaxPolicyRuleDestinations),
							Validators: []validator.Set{
								setvalidator.SizeBetween(1, apispec.MaxPolicyRuleDestinations),
								setvalidator.ValueStringsAre(ipv4CIDRValidator()),
							},
						},
					},
				},
			},
			"ikepolicy": schema.SingleNestedAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "IKE policy. Every field the configuration leaves out is filled by the service (IKE `v2`, " +
					"`sha2-256`, `aes-128`, `group15`, `pre-share`, 86400 s, DPD 15/30/`seq-hash-notify`; GM gateways: `v1`, " +
					"`sm3`, `sm4`, no DH group or ids) and stored; removing a field from the configuration keeps the service's " +
					"current value. Changes are made in place, except `authentication_method`, which replaces the connection.",
				Attributes: vpnConnectionIKESchema(allAuth, allEnc),
			},
			"ipsecpolicy": schema.SingleNestedAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "IPsec policy. Fields left out are filled by the service (`sha2-256`, `aes-128`, PFS " +
					"`group15`, `esp`, 3600 s, `tunnel`; GM gateways: `sm3`, `sm4`, no PFS) and stored. Changes are made in place.",
				Attributes: map[string]schema.Attribute{
					"authentication_algorithm": connEnumAttr("Authentication algorithm: `sha2-512`, `sha2-384`, `sha2-256`, `sha1`, `md5`; `sm3` (GM gateways only).", allAuth),
					"encryption_algorithm":     connEnumAttr("Encryption algorithm: `aes-256-gcm-16`, `aes-128-gcm-16`, `aes-256`, `aes-192`, `aes-128`, `3des` (and the SDK's `-gcm-128` variants); `sm4` (GM gateways only).", allEnc),
					"pfs":                      connEnumAttr("PFS DH group (`group1` ... `group21`, or `disable`). Not used with GM gateways.", apispec.PFSGroups),
					"transform_protocol":       connEnumAttr("Transform protocol: `esp`.", apispec.IPsecTransformProtocols),
					"lifetime_seconds": schema.Int64Attribute{
						Optional:            true,
						Computed:            true,
						MarkdownDescription: fmt.Sprintf("IPsec SA lifetime in seconds (%d-%d).", apispec.IPsecLifetimeMin, apispec.IPsecLifetimeMax),
						Validators:          []validator.Int64{int64validator.Between(apispec.IPsecLifetimeMin, apispec.IPsecLifetimeMax)},
					},
					"encapsulation_mode": connEnumAttr("Encapsulation mode: `tunnel`.", apispec.IPsecEncapsulationModes),
				},
			},
			"ha_role": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Role on an active-standby gateway: `master` for the connection on the gateway's first " +
					"address, `slave` for the one on its second. When omitted the provider sends the role that matches " +
					"`vgw_ip`; on active-active gateways it is always `master`. Changing it replaces the connection.",
				Validators: []validator.String{stringvalidator.OneOf(apispec.ConnectionHARoles...)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
			},
			"psk": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: fmt.Sprintf("Pre-shared key: %d-%d characters of upper-case letters, lower-case letters, "+
					"digits and `%s`, with at least three of those four kinds. It is stored (sensitive) in the state; prefer "+
					"`psk_wo`, which never is. Exactly one of `psk` and `psk_wo` is required, except on GM gateways, which use "+
					"certificates and take neither. The service never returns the key, so an import leaves it empty and the "+
					"next plan sets it. With IKE `v2` a change of the key alone takes effect at the next renegotiation.",
					apispec.PSKMinLength, apispec.PSKMaxLength, apispec.PSKSpecialCharacters),
				Validators: []validator.String{pskValidator{}, stringvalidator.ConflictsWith(path.MatchRoot("psk_wo"))},
			},
			"psk_wo": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				WriteOnly: true,
				MarkdownDescription: "Write-only pre-shared key (same rules as `psk`; Terraform 1.11 or later): sent to the " +
					"service, never kept in the plan or the state. Terraform cannot see a change of a write-only value: " +
					"change `psk_wo_version` to send the key again.",
				Validators: []validator.String{pskValidator{}},
			},
			"psk_wo_version": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Any number; changing it sends `psk_wo` to the service again (an in-place update). " +
					"An import leaves it empty, so a configured value shows as a change after an import and sends `psk_wo` once; " +
					"without `psk_wo_version` the plan after an import is empty and the key is not sent.",
				Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("psk_wo"))},
			},
			"status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Status: `DOWN` until the customer device negotiates, then `ACTIVE`; also `PENDING_CREATE`, " +
					"`PENDING_UPDATE`, `PENDING_DELETE`, `ERROR`, `FREEZED` or `UNKNOWN`.",
			},
			"connection_monitor_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Id of the connection's monitor (`huaweicloudvpn_connection_monitor`), when it has one.",
				PlanModifiers:       stableString(),
			},
			"enterprise_project_id": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Enterprise project of the connection, always that of its gateway (computed only; the " +
					"official provider's input of the same name is ignored by the service).",
				PlanModifiers: stableString(),
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Creation time (UTC).",
				PlanModifiers:       stableString(),
			},
			"updated_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Time of the last update (UTC).",
			},
			"tags":     tagsSchemaAttribute(),
			"tags_all": tagsAllSchemaAttribute(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// vpnConnectionIKESchema is the attributes of the ikepolicy object.
func vpnConnectionIKESchema(allAuth, allEnc []string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"ike_version": connEnumAttr("IKE version: `v1` or `v2` (GM gateways: `v1` only).", apispec.IKEVersions),
		"phase1_negotiation_mode": connEnumAttr("Phase 1 negotiation mode, IKEv1 only (set `ike_version = \"v1\"`, or leave it "+
			"to the GM default `v1`): `main` or `aggressive` (GM gateways: `main`).", apispec.Phase1NegotiationModes),
		"authentication_algorithm": connEnumAttr("Authentication algorithm: `sha2-512`, `sha2-384`, `sha2-256`, `sha1`, `md5`; `sm3` (GM gateways only).", allAuth),
		"encryption_algorithm":     connEnumAttr("Encryption algorithm: `aes-256-gcm-16`, `aes-128-gcm-16`, `aes-256`, `aes-192`, `aes-128`, `3des` (and the SDK's `-gcm-128` variants); `sm4` (GM gateways only).", allEnc),
		"dh_group":                 connEnumAttr("Phase 1 DH group: `group1`, `group2`, `group5`, `group14`, `group15`, `group16`, `group19`, `group20` or `group21`. Not used with GM gateways.", apispec.DHGroups),
		"authentication_method": connEnumAttr("Authentication method: `pre-share` or `digital-envelope-v2` (GM). "+
			"Changing it replaces the connection.", apispec.IKEAuthenticationMethods),
		"lifetime_seconds": schema.Int64Attribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: fmt.Sprintf("IKE SA lifetime in seconds (%d-%d).", apispec.IKELifetimeMin, apispec.IKELifetimeMax),
			Validators:          []validator.Int64{int64validator.Between(apispec.IKELifetimeMin, apispec.IKELifetimeMax)},
		},
		"local_id_type": connEnumAttr("Local id type: `ip` (the gateway address, the default) or `fqdn`. Not used with GM gateways.", apispec.ConnectionIDTypes),
		"local_id": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Local id, only with `local_id_type = \"fqdn\"` (must match the device's peer id). With " +
				"type `ip` the service fills in the gateway address.",
			Validators: []validator.String{checkValidator("Invalid Local ID", "value must be 1-255 printable characters without & < > [ ] \\ space ?", apispec.CheckConnectionID)},
		},
		"peer_id_type": connEnumAttr("Peer id type: `ip` (the customer gateway address, the default) or `fqdn`. Not used with GM gateways.", apispec.ConnectionIDTypes),
		"peer_id": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Peer id, only with `peer_id_type = \"fqdn\"` (must match the device's local id). With " +
				"type `ip` the service fills in the customer gateway address.",
			Validators: []validator.String{checkValidator("Invalid Peer ID", "value must be 1-255 printable characters without & < > [ ] \\ space ?", apispec.CheckConnectionID)},
		},
		"dpd": schema.SingleNestedAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "Dead peer detection. Fields left out are filled by the service (15 s, 30 s, `seq-hash-notify`).",
			Attributes: map[string]schema.Attribute{
				"timeout": schema.Int64Attribute{
					Optional:            true,
					Computed:            true,
					MarkdownDescription: fmt.Sprintf("Retransmission interval of DPD packets in seconds (%d-%d).", apispec.DPDTimeoutMin, apispec.DPDTimeoutMax),
					Validators:          []validator.Int64{int64validator.Between(apispec.DPDTimeoutMin, apispec.DPDTimeoutMax)},
				},
				"interval": schema.Int64Attribute{
					Optional:            true,
					Computed:            true,
					MarkdownDescription: fmt.Sprintf("Idle time before DPD probing in seconds (%d-%d).", apispec.DPDIntervalMin, apispec.DPDIntervalMax),
					Validators:          []validator.Int64{int64validator.Between(apispec.DPDIntervalMin, apispec.DPDIntervalMax)},
				},
				"msg": connEnumAttr("DPD packet format: `seq-hash-notify` or `seq-notify-hash`.", apispec.DPDMessageFormats),
			},
		},
	}
}

// connEnumAttr is an Optional+Computed string attribute limited to values.
func connEnumAttr(desc string, values []string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: desc,
		Validators:          []validator.String{stringvalidator.OneOf(values...)},
	}
}

// Configure implements resource.ResourceWithConfigure.
func (r *vpnConnectionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create implements resource.Resource.
func (r *vpnConnectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics)
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN connection") {
		return
	}
	var plan, config vpnConnectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, vpnConnectionCreateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c := r.data.Client

	// psk_wo is write-only: only the configuration has it.
	psk := plan.PSK.ValueString()
	if psk == "" {
		psk = config.PSKWO.ValueString()
	}
	ctx = maskLogSecrets(ctx, psk)

	gw, err := c.GetVPNGateway(ctx, plan.VgwID.ValueString())
	if err != nil {
		opReadGatewayOfConn.report(&resp.Diagnostics, plan.VgwID.ValueString(), err, "before creating it")
		return
	}
	for _, p := range vpnConnectionGatewayProblems(gw, &plan, &config, true) {
		resp.Diagnostics.AddAttributeError(p.path, p.summary, p.detail)
	}
	if resp.Diagnostics.HasError() {
		return
	}

	body, d := expandVPNConnectionCreate(ctx, &plan, gw, psk)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The client waits out "not ready" answers (a busy gateway) within ctx.
	if body.Name == "" {
		body.Name = generatedName("vpn")
	}
	key := createKey("name", body.Name, "vgw_id", body.VgwID, "vgw_ip", body.VgwIP, "cgw_id", body.CgwID)
	created, err := createExactlyOnce(ctx, createOnce[client.VPNConnection]{
		What: "VPN connection", Key: "name " + body.Name + ", vgw_id " + body.VgwID + ", vgw_ip " + body.VgwIP + ", cgw_id " + body.CgwID,
		Send: func(ctx context.Context) (*client.VPNConnection, error) { return c.CreateVPNConnection(ctx, body) },
		ID:   func(v *client.VPNConnection) string { return v.ID },
		Find: func(ctx context.Context) ([]createCandidate, map[string]*client.VPNConnection, error) {
			list, err := c.ListVPNConnections(ctx, &client.ListVPNConnectionsOptions{VgwID: body.VgwID})
			if err != nil {
				return nil, nil, err
			}
			cands, found := matchCandidates(list, key, func(v *client.VPNConnection) createCandidate {
				return createCandidate{ID: v.ID, Name: v.Name, CreatedAt: v.CreatedAt}
			})
			return cands, found, nil
		},
	})
	if err != nil {
		opCreateVPNConnection.report(&resp.Diagnostics, "", err)
		return
	}

	conn, err := c.WaitVPNConnectionSettled(ctx, created.ID)
	if conn == nil {
		conn = created
	}
	state, d := flattenVPNConnection(ctx, conn, &plan, r.data.defaultTags())
	resp.Diagnostics.Append(d...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	if err != nil {
		// The connection exists: it stays in the state (tainted) so that it is deleted or replaced.
		opWaitVPNConnCreated.report(&resp.Diagnostics, created.ID, err)
	}
}

// Read implements resource.Resource.
func (r *vpnConnectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics, req.State)
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN connection") {
		return
	}
	var prior vpnConnectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	conn, err := r.data.Client.GetVPNConnection(ctx, prior.ID.ValueString())
	if client.IsNotFound(err) {
		removeGone(ctx, resp, "VPN connection", prior.ID.ValueString())
		return
	}
	if err != nil {
		opReadVPNConnection.report(&resp.Diagnostics, prior.ID.ValueString(), err)
		return
	}
	state, d := flattenVPNConnection(ctx, conn, &prior, r.data.defaultTags())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update implements resource.Resource.
func (r *vpnConnectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics)
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN connection") {
		return
	}
	var plan, state, config vpnConnectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, vpnConnectionUpdateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c := r.data.Client
	id := state.ID.ValueString()
	ctx = maskLogSecrets(ctx, plan.PSK.ValueString(), config.PSKWO.ValueString())

	body, changed, d := expandVPNConnectionUpdate(ctx, &plan, &state, &config)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	var conn *client.VPNConnection
	if changed {
		// The read-back compares what was sent, except the PSK (never returned).
		sent := *body
		sent.PSK = ""
		err := writeVerified(ctx, "update VPN connection "+id, func(ctx context.Context) error {
			_, err := c.UpdateVPNConnection(ctx, id, body)
			return err
		}, func(ctx context.Context) (bool, error) {
			got, err := c.GetVPNConnection(ctx, id)
			if err != nil {
				return false, err
			}
			return updateApplied(got.Status, sent, got), nil
		})
		if err != nil {
			opUpdateVPNConnection.report(&resp.Diagnostics, id, err)
			return
		}
		conn, err = c.WaitVPNConnectionSettled(ctx, id)
		if err != nil {
			// The update was accepted: store what the service reports (an
			// ERROR status, for instance) rather than the plan.
			if conn != nil {
				if st, d := flattenVPNConnection(ctx, conn, &plan, r.data.defaultTags()); !d.HasError() {
					resp.Diagnostics.Append(resp.State.Set(ctx, st)...)
				}
			}
			opWaitVPNConnUpdated.report(&resp.Diagnostics, id, err)
			return
		}
	}

	oldTags, d1 := mapFromTypes(ctx, state.TagsAll)
	newTags, d2 := mapFromTypes(ctx, plan.TagsAll)
	resp.Diagnostics.Append(d1...)
	resp.Diagnostics.Append(d2...)
	if resp.Diagnostics.HasError() {
		return
	}
	if removed, upserted := diffTags(oldTags, newTags); len(removed)+len(upserted) > 0 {
		if err := updateTags(ctx, c, client.ResourceTypeVPNConnection, id, oldTags, newTags); err != nil {
			opUpdateVPNConnTags.report(&resp.Diagnostics, id, err)
			return
		}
		conn = nil // re-read: the tags changed after the last read
	}
	if conn == nil {
		var err error
		if conn, err = c.GetVPNConnection(ctx, id); err != nil {
			opReadVPNConnection.report(&resp.Diagnostics, id, err, "after update")
			return
		}
	}
	newState, d := flattenVPNConnection(ctx, conn, &plan, r.data.defaultTags())
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, newState)...)
}

// Delete implements resource.Resource.
func (r *vpnConnectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !providerConfigured(r.data, &resp.Diagnostics, "the VPN connection") {
		return
	}
	var state vpnConnectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, vpnConnectionDeleteTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c := r.data.Client
	id := state.ID.ValueString()
	err := deleteExactlyOnce(ctx, "delete VPN connection "+id,
		func(ctx context.Context) error { return c.DeleteVPNConnection(ctx, id) },
		func(ctx context.Context) (*client.VPNConnection, error) { return c.GetVPNConnection(ctx, id) },
		func(v *client.VPNConnection) string { return v.Status })
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		opDeleteVPNConnection.report(&resp.Diagnostics, id, err)
		return
	}
	if err := c.WaitVPNConnectionDeleted(ctx, id); err != nil {
		opWaitVPNConnDeleted.report(&resp.Diagnostics, id, err)
	}
}

// ImportState implements resource.ResourceWithImportState: import by id.
func (r *vpnConnectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		importByIdentity(ctx, r.data, req, resp, "id", "a VPN connection")
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
