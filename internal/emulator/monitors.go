package emulator

// Connection monitors (reference 4.1.4): create, get, list (no paging) and
// delete; PENDING_CREATE -> ACTIVE, PENDING_DELETE -> gone, each after
// delay(KindMonitor); at most one per connection.

import (
	"maps"
	"net/http"
	"net/netip"
	"slices"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// monitorRecord is a stored connection monitor.
type monitorRecord struct {
	ID            string    `json:"id"`
	ConnectionID  string    `json:"vpn_connection_id"`
	Status        string    `json:"status"`
	SourceIP      string    `json:"source_ip"`
	DestinationIP string    `json:"destination_ip"`
	DueAt         time.Time `json:"due_at"`
	CreatedAt     time.Time `json:"created_at"`
}

type monitorRequestBody struct {
	ConnectionMonitor *struct {
		VpnConnectionID *string `json:"vpn_connection_id"`
	} `json:"connection_monitor"`
}

type monitorWire struct {
	ID              string `json:"id"`
	Status          string `json:"status,omitempty"`
	VpnConnectionID string `json:"vpn_connection_id"`
	Type            string `json:"type"`
	SourceIP        string `json:"source_ip"`
	DestinationIP   string `json:"destination_ip"`
	ProtoType       string `json:"proto_type"`
}

type monitorEnvelope struct {
	ConnectionMonitor monitorWire `json:"connection_monitor"`
	RequestID         string      `json:"request_id"`
}

type monitorListEnvelope struct {
	ConnectionMonitors []monitorWire `json:"connection_monitors"`
	RequestID          string        `json:"request_id"`
}

func (e *Emulator) registerMonitors() {
	e.handle("POST /v5/{project_id}/connection-monitors", e.createMonitor)
	e.handle("GET /v5/{project_id}/connection-monitors", e.listMonitors)
	e.handle("GET /v5/{project_id}/connection-monitors/{connection_monitor_id}", e.getMonitor)
	e.handle("DELETE /v5/{project_id}/connection-monitors/{connection_monitor_id}", e.deleteMonitor)
}

func monitorWireOf(m *monitorRecord, withStatus bool) monitorWire {
	w := monitorWire{
		ID: m.ID, VpnConnectionID: m.ConnectionID, Type: "gateway",
		SourceIP: m.SourceIP, DestinationIP: m.DestinationIP, ProtoType: "icmp",
	}
	if withStatus {
		w.Status = m.Status
	}
	return w
}

// monitorAddresses picks the probe's source (the gateway address the
// connection uses) and destination (the customer gateway's IP, or the first
// address of the first peer subnet when the customer gateway is an fqdn).
func (e *Emulator) monitorAddresses(c *connectionRecord) (string, string) {
	var src, dst string
	if gw, ok := e.lookupGateway(c.VgwID); ok {
		src = gatewayAddress(gw, c.VgwIP)
	}
	if cgw, ok := e.st.CustomerGateways[c.CgwID]; ok && cgw.IDType == "ip" {
		dst = cgw.IDValue
	} else if len(c.PeerSubnets) > 0 {
		if p, err := netip.ParsePrefix(c.PeerSubnets[0]); err == nil {
			dst = p.Addr().Next().String()
		}
	}
	return src, dst
}

func (e *Emulator) createMonitor(r *request) (int, any) {
	var body monitorRequestBody
	if err := r.decode(&body); err != nil {
		return r.invalid("malformed body: %v", err)
	}
	if body.ConnectionMonitor == nil {
		return r.invalid("connection_monitor is required")
	}
	cid := body.ConnectionMonitor.VpnConnectionID
	if cid == nil {
		return r.invalid("vpn_connection_id is required")
	}
	if err := apispec.CheckUUID(*cid); err != nil {
		return r.invalid("vpn_connection_id %v", err)
	}
	c, ok := e.st.Connections[*cid]
	if !ok {
		return r.notFound(typeConnection, *cid)
	}
	if cfIsPending(c.Status) {
		return r.notReady(typeConnection, c.ID, c.Status)
	}
	for _, m := range e.st.Monitors {
		if m.ConnectionID == c.ID {
			return r.invalid("vpn connection %s already has connection monitor %s", c.ID, m.ID)
		}
	}
	now := e.now()
	m := &monitorRecord{
		ID: newUUID(), ConnectionID: c.ID, Status: apispec.MonitorStatusPendingCreate,
		DueAt: now.Add(e.delay(KindMonitor)), CreatedAt: now,
	}
	m.SourceIP, m.DestinationIP = e.monitorAddresses(c)
	e.st.Monitors[m.ID] = m
	e.changed()
	return http.StatusCreated, monitorEnvelope{ConnectionMonitor: monitorWireOf(m, false), RequestID: r.ID}
}

func (e *Emulator) getMonitor(r *request) (int, any) {
	id := r.PathValue("connection_monitor_id")
	m, ok := e.st.Monitors[id]
	if !ok {
		return r.notFound(typeMonitor, id)
	}
	return http.StatusOK, monitorEnvelope{ConnectionMonitor: monitorWireOf(m, true), RequestID: r.ID}
}

func (e *Emulator) listMonitors(r *request) (int, any) {
	q := r.URL.Query()
	projects := splitQuery(q["enterprise_project_id"])
	out := monitorListEnvelope{ConnectionMonitors: []monitorWire{}, RequestID: r.ID}
	for _, id := range slices.Sorted(maps.Keys(e.st.Monitors)) {
		m := e.st.Monitors[id]
		if v := q.Get("vpn_connection_id"); v != "" && m.ConnectionID != v {
			continue
		}
		if len(projects) > 0 {
			c, ok := e.st.Connections[m.ConnectionID]
			if !ok || !slices.Contains(projects, e.connProject(c)) {
				continue
			}
		}
		out.ConnectionMonitors = append(out.ConnectionMonitors, monitorWireOf(m, true))
	}
	return http.StatusOK, out
}

func (e *Emulator) deleteMonitor(r *request) (int, any) {
	id := r.PathValue("connection_monitor_id")
	m, ok := e.st.Monitors[id]
	if !ok {
		return r.notFound(typeMonitor, id)
	}
	if cfIsPending(m.Status) {
		return r.notReady(typeMonitor, m.ID, m.Status)
	}
	m.Status = apispec.MonitorStatusPendingDelete
	m.DueAt = e.now().Add(e.delay(KindMonitor))
	e.changed()
	return http.StatusNoContent, nil
}

// settleMonitors completes due transitions. Called with e.mu held.
func (e *Emulator) settleMonitors(now time.Time) bool {
	changed := false
	for _, id := range slices.Sorted(maps.Keys(e.st.Monitors)) {
		m := e.st.Monitors[id]
		if !cfIsPending(m.Status) || now.Before(m.DueAt) {
			continue
		}
		changed = true
		if m.Status == apispec.MonitorStatusPendingDelete {
			delete(e.st.Monitors, id)
			continue
		}
		m.Status = apispec.MonitorStatusActive
	}
	return changed
}
