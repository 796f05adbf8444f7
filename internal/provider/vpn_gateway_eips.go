package provider

// Customers' EIPs on a VPN gateway. A gateway built on existing EIPs
// (eip1.id / eip2.id) must not take them with it: deleting a gateway
// releases every EIP still bound to it (OpenTelekomCloud provider issue
// 2845; the official provider's delete_eip_on_termination), so Delete first
// unbinds them through the EIP service, unless release_existing_eips_on_delete
// is true. EIPs the service created with the gateway are released with it.
// Which EIPs were bound by id is kept in the resource's private state
// (vgwExistingEIPsKey), written from the configuration on create and update.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// vgwExistingEIPsKey is the private state key holding the ids of the EIPs
// the configuration bound by id (a JSON list).
const vgwExistingEIPsKey = "existing_eip_ids"

// privateSetter / privateGetter are the parts of the framework's private
// state the gateway uses.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// vgwCreateExactlyOnce creates a gateway; after a lost answer it looks for
// a gateway with the same name and immutable fields created since.
func vgwCreateExactlyOnce(ctx context.Context, c *client.Client, body *client.CreateVPNGatewayRequest) (*client.VPNGateway, error) {
	key := createKey("name", body.Name, "network_type", body.NetworkType, "attachment_type", body.AttachmentType,
		"vpc_id", body.VpcID, "er_id", body.ErID, "flavor", body.Flavor, "connect_subnet", body.ConnectSubnet)
	return createExactlyOnce(ctx, createOnce[client.VPNGateway]{
		What: "VPN gateway", Key: "name " + body.Name,
		Send: func(ctx context.Context) (*client.VPNGateway, error) { return c.CreateVPNGateway(ctx, body) },
		ID:   func(g *client.VPNGateway) string { return g.ID },
		Find: func(ctx context.Context) ([]createCandidate, map[string]*client.VPNGateway, error) {
			list, err := c.ListVPNGateways(ctx, nil)
			if err != nil {
				return nil, nil, err
			}
			cands, found := matchCandidates(list, key, func(g *client.VPNGateway) createCandidate {
				return createCandidate{ID: g.ID, Name: g.Name, CreatedAt: g.CreatedAt}
			})
			return cands, found, nil
		},
	})
}

// vgwConfiguredEIPIDs returns the EIP ids the configuration binds by id.
func vgwConfiguredEIPIDs(ctx context.Context, config tfsdk.Config) ([]string, diag.Diagnostics) {
	var ids []string
	var diags diag.Diagnostics
	for _, name := range []string{"eip1", "eip2"} {
		var id types.String
		diags.Append(config.GetAttribute(ctx, path.Root(name).AtName("id"), &id)...)
		if !id.IsNull() && !id.IsUnknown() && id.ValueString() != "" {
			ids = append(ids, id.ValueString())
		}
	}
	return ids, diags
}

// vgwRememberExistingEIPs writes the configuration's existing EIP ids to
// the private state.
func vgwRememberExistingEIPs(ctx context.Context, config tfsdk.Config, private privateSetter, diags *diag.Diagnostics) {
	ids, d := vgwConfiguredEIPIDs(ctx, config)
	diags.Append(d...)
	if ids == nil {
		ids = []string{}
	}
	b, err := json.Marshal(ids)
	if err != nil {
		diags.AddError("Unable To Record Existing EIPs", err.Error())
		return
	}
	diags.Append(private.SetKey(ctx, vgwExistingEIPsKey, b)...)
}

// vgwExistingEIPs returns the ids of the existing EIPs bound to the
// gateway in state. Without a record (an imported gateway, or one created
// by an older provider version) every EIP of the state counts as existing:
// the provider cannot tell them apart and never releases what may be a
// customer's.
func vgwExistingEIPs(ctx context.Context, state vpnGatewayModel, private privateGetter) []string {
	var ids []string
	if private != nil {
		if b, d := private.GetKey(ctx, vgwExistingEIPsKey); !d.HasError() && len(b) > 0 {
			if json.Unmarshal(b, &ids) == nil {
				return ids
			}
		}
	}
	for _, o := range []types.Object{state.EIP1, state.EIP2} {
		if id := objectString(o, "id"); !id.IsNull() && !id.IsUnknown() && id.ValueString() != "" {
			ids = append(ids, id.ValueString())
		}
	}
	return ids
}

// vgwKeepExistingEIPs unbinds the gateway's existing EIPs before it is
// deleted, unless release_existing_eips_on_delete is true.
func vgwKeepExistingEIPs(ctx context.Context, c *client.Client, gwID string, state vpnGatewayModel, private privateGetter) error {
	if state.ReleaseExistingEIPsOnDelete.ValueBool() {
		return nil
	}
	for _, id := range vgwExistingEIPs(ctx, state, private) {
		if err := unbindEIP(ctx, c, id, gwID); err != nil {
			return err
		}
		tflog.Info(ctx, "Unbound an existing EIP from the VPN gateway before deleting it; the EIP is kept", map[string]any{"eip_id": id, "vgw_id": gwID})
	}
	return nil
}

// vgwUnbindReplacedEIPs unbinds the EIPs an update replaces (the reference:
// the old EIP must be unbound before a new one is bound).
func vgwUnbindReplacedEIPs(ctx context.Context, c *client.Client, gwID string, state vpnGatewayModel, put *client.UpdateVPNGatewayRequest) error {
	old := []types.String{objectString(state.EIP1, "id"), objectString(state.EIP2, "id")}
	newIDs := []string{put.EIPID1, put.EIPID2}
	keep := map[string]bool{}
	for i, id := range newIDs {
		if id == "" {
			keep[old[i].ValueString()] = true
		} else {
			keep[id] = true
		}
	}
	for i, id := range newIDs {
		o := old[i].ValueString()
		if id == "" || o == "" || keep[o] {
			continue // unchanged, or moved to the other slot (a swap)
		}
		if err := unbindEIP(ctx, c, o, gwID); err != nil {
			return err
		}
	}
	return nil
}

// unbindEIP disassociates an EIP from gateway gwID through the EIP service.
// An EIP already gone, unbound, or bound elsewhere is left alone. A lost
// answer is settled by reading the EIP back.
func unbindEIP(ctx context.Context, c *client.Client, eipID, gwID string) error {
	stillOurs := func(ctx context.Context) (bool, error) {
		ip, err := c.GetPublicIP(ctx, eipID)
		if client.IsNotFound(err) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		return ip.Bound() && ip.AssociateInstanceID == gwID, nil
	}
	return writeVerified(ctx, "unbind EIP "+eipID+" from VPN gateway "+gwID, func(ctx context.Context) error {
		ours, err := stillOurs(ctx)
		if err != nil || !ours {
			return err
		}
		return c.DisassociatePublicIP(ctx, eipID)
	}, func(ctx context.Context) (bool, error) {
		ours, err := stillOurs(ctx)
		return !ours, err
	})
}

// vgwWarnKeptEIPs tells, at plan time, which EIPs a destroy or a
// replacement of the gateway keeps (unbound) and which it releases.
func vgwWarnKeptEIPs(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	destroy := req.Plan.Raw.IsNull()
	if !destroy && len(resp.RequiresReplace) == 0 {
		return
	}
	var state vpnGatewayModel
	if d := req.State.Get(ctx, &state); d.HasError() {
		return
	}
	ids := vgwExistingEIPs(ctx, state, req.Private)
	if len(ids) == 0 {
		return
	}
	sort.Strings(ids)
	what := "destroyed"
	if !destroy {
		what = "replaced"
	}
	list := strings.Join(ids, ", ")
	if state.ReleaseExistingEIPsOnDelete.ValueBool() {
		resp.Diagnostics.AddWarning("Existing EIPs Will Be Released",
			fmt.Sprintf("VPN gateway %s will be %s with release_existing_eips_on_delete = true: the existing EIPs %s "+
				"bound to it are released (deleted) with it.", state.ID.ValueString(), what, list))
		return
	}
	resp.Diagnostics.AddWarning("Existing EIPs Will Be Kept",
		fmt.Sprintf("VPN gateway %s will be %s. The existing EIPs %s (bound by eip1.id / eip2.id) are unbound "+
			"through the EIP service first and kept in the account; EIPs the service created with the gateway are "+
			"released with it.", state.ID.ValueString(), what, list))
}
