package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// Default timeouts of huaweicloudvpn_connection_monitor operations.
const (
	connectionMonitorCreateTimeout = 10 * time.Minute
	connectionMonitorDeleteTimeout = 10 * time.Minute
)

var (
	_ resource.Resource                = (*connectionMonitorResource)(nil)
	_ resource.ResourceWithConfigure   = (*connectionMonitorResource)(nil)
	_ resource.ResourceWithImportState = (*connectionMonitorResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*connectionMonitorResource)(nil)
)

// NewConnectionMonitorResource returns the huaweicloudvpn_connection_monitor resource.
func NewConnectionMonitorResource() resource.Resource {
	return &connectionMonitorResource{}
}

// connectionMonitorResource manages the monitor (NQA probe) of a VPN connection.
type connectionMonitorResource struct {
	data *ProviderData
}

// connectionMonitorModel is the resource's state and plan.
type connectionMonitorModel struct {
	ID              types.String   `tfsdk:"id"`
	VPNConnectionID types.String   `tfsdk:"vpn_connection_id"`
	Status          types.String   `tfsdk:"status"`
	Type            types.String   `tfsdk:"type"`
	SourceIP        types.String   `tfsdk:"source_ip"`
	DestinationIP   types.String   `tfsdk:"destination_ip"`
	ProtoType       types.String   `tfsdk:"proto_type"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

// Metadata implements resource.Resource.
func (r *connectionMonitorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_monitor"
}

// Schema implements resource.Resource.
func (r *connectionMonitorResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: desc,
			PlanModifiers:       stableString(),
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The monitor of a VPN connection (`huaweicloudvpn_vpn_connection`): the VPN gateway sends " +
			"ICMP probes (NQA) to the customer gateway and measures round-trip time and packet loss.\n\n" +
			"A connection has at most one monitor. When the connection already has one, the plan warns and names it " +
			"(import it instead), and the create fails with the service's error (`VPN.0001 ... already has connection " +
			"monitor ...`), as does the second of two monitors for one connection created in the same run. Every attribute but `vpn_connection_id` is computed by the service; there is nothing " +
			"to update, so changing `vpn_connection_id` replaces the monitor.\n\n" +
			"Creation is asynchronous: the resource waits until the monitor is `ACTIVE`; deletion waits until it is gone. " +
			"Default timeouts: 10 minutes for create and delete.\n\n" +
			"Same as `huaweicloud_vpn_connection_health_check` of the official provider, under the API's name.",
		Attributes: map[string]schema.Attribute{
			"id": stable("Monitor id (a UUID), assigned by the service."),
			"vpn_connection_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Id of the monitored VPN connection. Changing it replaces the monitor.",
				Validators:          []validator.String{uuidValidator()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Status: `ACTIVE` once created; `PENDING_CREATE` or `PENDING_DELETE` while changing.",
			},
			"type":           stable("Monitor type, set by the service: `gateway`."),
			"source_ip":      stable("Source address of the probes: the VPN gateway address the connection uses."),
			"destination_ip": stable("Destination address of the probes: the customer gateway's address."),
			"proto_type":     stable("Probe protocol, set by the service: `icmp`."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

// Configure implements resource.ResourceWithConfigure.
func (r *connectionMonitorResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan implements resource.ResourceWithModifyPlan: a new monitor for a
// connection that already has one gets a plan-time warning naming the
// existing monitor. A connection that cannot be read now is left to apply.
func (r *connectionMonitorResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil || req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	var connID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("vpn_connection_id"), &connID)...)
	if resp.Diagnostics.HasError() || connID.IsUnknown() || connID.IsNull() {
		return
	}
	conn, err := r.data.Client.GetVPNConnection(ctx, connID.ValueString())
	if err != nil {
		tflog.Debug(ctx, "Cannot check the VPN connection of a new monitor at plan time", map[string]any{
			"vpn_connection_id": connID.ValueString(), "error": err.Error(),
		})
		return
	}
	if conn.ConnectionMonitorID != "" {
		// A warning, not an error: the existing monitor may be destroyed in
		// the same run (a renamed resource, a moved monitor), and then the
		// create succeeds. Otherwise the service refuses it at apply.
		resp.Diagnostics.AddAttributeWarning(path.Root("vpn_connection_id"), "VPN Connection Already Has a Monitor",
			fmt.Sprintf("VPN connection %s already has connection monitor %s, and a connection can have only one: "+
				"creating this monitor will fail unless that one is deleted first in this run. To manage the existing "+
				"monitor, import it instead (terraform import huaweicloudvpn_connection_monitor.<name> %s).",
				conn.ID, conn.ConnectionMonitorID, conn.ConnectionMonitorID))
	}
}

// Create implements resource.Resource.
func (r *connectionMonitorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics)
	if !providerConfigured(r.data, &resp.Diagnostics, "the connection monitor") {
		return
	}
	var plan connectionMonitorModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, connectionMonitorCreateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c := r.data.Client

	// CreateConnectionMonitor waits out "not ready" answers while the
	// connection is still changing.
	connID := plan.VPNConnectionID.ValueString()
	created, err := createExactlyOnce(ctx, createOnce[client.ConnectionMonitor]{
		What: "connection monitor", Key: "VPN connection " + connID + " (one monitor per connection)", NaturalKey: true,
		Send: func(ctx context.Context) (*client.ConnectionMonitor, error) {
			return c.CreateConnectionMonitor(ctx, &client.CreateConnectionMonitorRequest{VPNConnectionID: connID})
		},
		ID: func(m *client.ConnectionMonitor) string { return m.ID },
		Find: func(ctx context.Context) ([]createCandidate, map[string]*client.ConnectionMonitor, error) {
			list, err := c.ListConnectionMonitors(ctx, &client.ListConnectionMonitorsOptions{VPNConnectionID: connID})
			if err != nil {
				return nil, nil, err
			}
			cands, found := matchCandidates(list, map[string]string{"vpn_connection_id": connID}, func(m *client.ConnectionMonitor) createCandidate {
				return createCandidate{ID: m.ID}
			})
			return cands, found, nil
		},
	})
	if err != nil {
		opCreateMonitor.report(&resp.Diagnostics, "", err, "for VPN connection "+plan.VPNConnectionID.ValueString())
		return
	}
	tflog.Info(ctx, "Created connection monitor", map[string]any{"id": created.ID})

	m, err := c.WaitConnectionMonitorActive(ctx, created.ID)
	if m == nil {
		m = created
	}
	state := flattenConnectionMonitor(m, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if err != nil {
		// The monitor exists: it stays in the state (tainted) so that it is deleted or replaced.
		opWaitMonitorCreated.report(&resp.Diagnostics, created.ID, err)
	}
}

// Read implements resource.Resource.
func (r *connectionMonitorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics, req.State)
	if !providerConfigured(r.data, &resp.Diagnostics, "the connection monitor") {
		return
	}
	var prior connectionMonitorModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m, err := r.data.Client.GetConnectionMonitor(ctx, prior.ID.ValueString())
	if client.IsNotFound(err) {
		removeGone(ctx, resp, "connection monitor", prior.ID.ValueString())
		return
	}
	if err != nil {
		opReadMonitor.report(&resp.Diagnostics, prior.ID.ValueString(), err)
		return
	}
	state := flattenConnectionMonitor(m, prior)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update implements resource.Resource. Only timeouts can change in place
// (every other change replaces the monitor): it keeps the state (the plan
// has status unknown) with the planned timeouts.
func (r *connectionMonitorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer setIdentity(ctx, r.data, &resp.State, resp.Identity, "id", &resp.Diagnostics)
	var plan, state connectionMonitorModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.Timeouts = plan.Timeouts
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete implements resource.Resource. A monitor already gone is a success.
func (r *connectionMonitorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !providerConfigured(r.data, &resp.Diagnostics, "the connection monitor") {
		return
	}
	var state connectionMonitorModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, connectionMonitorDeleteTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c := r.data.Client
	id := state.ID.ValueString()
	err := deleteExactlyOnce(ctx, "delete connection monitor "+id,
		func(ctx context.Context) error { return c.DeleteConnectionMonitor(ctx, id) },
		func(ctx context.Context) (*client.ConnectionMonitor, error) { return c.GetConnectionMonitor(ctx, id) },
		func(m *client.ConnectionMonitor) string { return m.Status })
	if err != nil {
		if client.IsNotFound(err) {
			return
		}
		opDeleteMonitor.report(&resp.Diagnostics, id, err)
		return
	}
	if err := c.WaitConnectionMonitorDeleted(ctx, id); err != nil {
		opWaitMonitorDeleted.report(&resp.Diagnostics, id, err)
	}
}

// ImportState implements resource.ResourceWithImportState: import by monitor id.
func (r *connectionMonitorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		importByIdentity(ctx, r.data, req, resp, "id", "a connection monitor")
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// flattenConnectionMonitor is the model of m; prior supplies what the
// service does not return (timeouts) and values the create answer lacks.
func flattenConnectionMonitor(m *client.ConnectionMonitor, prior connectionMonitorModel) connectionMonitorModel {
	return connectionMonitorModel{
		ID:              types.StringValue(m.ID),
		VPNConnectionID: strOrPrior(m.VPNConnectionID, prior.VPNConnectionID),
		Status:          strOrPrior(m.Status, types.StringNull()),
		Type:            strOrPrior(m.Type, prior.Type),
		SourceIP:        strOrPrior(m.SourceIP, prior.SourceIP),
		DestinationIP:   strOrPrior(m.DestinationIP, prior.DestinationIP),
		ProtoType:       strOrPrior(m.ProtoType, prior.ProtoType),
		Timeouts:        prior.Timeouts,
	}
}
