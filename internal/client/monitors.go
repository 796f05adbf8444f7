package client

import (
	"context"
	"net/http"
	"net/url"
)

// Connection monitor statuses.
const (
	MonitorStatusPendingCreate = "PENDING_CREATE"
	MonitorStatusActive        = "ACTIVE"
	MonitorStatusPendingDelete = "PENDING_DELETE"
)

// ConnectionMonitor is a connection monitor (NQA probe) as returned
// (ConnectionMonitorInfo). The create answer has no status.
type ConnectionMonitor struct {
	ID              string `json:"id"`
	Status          string `json:"status,omitempty"`
	VPNConnectionID string `json:"vpn_connection_id,omitempty"`
	Type            string `json:"type,omitempty"`
	SourceIP        string `json:"source_ip,omitempty"`
	DestinationIP   string `json:"destination_ip,omitempty"`
	ProtoType       string `json:"proto_type,omitempty"`
}

// CreateConnectionMonitorRequest is the body of POST /connection-monitors.
type CreateConnectionMonitorRequest struct {
	VPNConnectionID string `json:"vpn_connection_id"`
}

// ListConnectionMonitorsOptions filters ListConnectionMonitors. The monitor
// list does not page.
type ListConnectionMonitorsOptions struct {
	// VPNConnectionID limits the list to one connection's monitor.
	VPNConnectionID string
	// EnterpriseProjectID limits the list to one enterprise project.
	EnterpriseProjectID string
}

// CreateConnectionMonitor creates the monitor of a connection (at most one
// per connection); it starts in PENDING_CREATE.
func (c *Client) CreateConnectionMonitor(ctx context.Context, req *CreateConnectionMonitorRequest) (*ConnectionMonitor, error) {
	return doEnveloped[ConnectionMonitor](ctx, c, http.MethodPost, c.Path("connection-monitors"), "connection_monitor", req)
}

// GetConnectionMonitor reads one monitor.
func (c *Client) GetConnectionMonitor(ctx context.Context, id string) (*ConnectionMonitor, error) {
	return doEnveloped[ConnectionMonitor](ctx, c, http.MethodGet, c.Path("connection-monitors", id), "connection_monitor", nil)
}

// ListConnectionMonitors lists monitors (one request: this list does not page).
func (c *Client) ListConnectionMonitors(ctx context.Context, opts *ListConnectionMonitorsOptions) ([]ConnectionMonitor, error) {
	q := url.Values{}
	if opts != nil {
		if opts.VPNConnectionID != "" {
			q.Set("vpn_connection_id", opts.VPNConnectionID)
		}
		if opts.EnterpriseProjectID != "" {
			q.Set("enterprise_project_id", opts.EnterpriseProjectID)
		}
	}
	var out struct {
		ConnectionMonitors []ConnectionMonitor `json:"connection_monitors"`
	}
	if err := c.Do(ctx, http.MethodGet, c.Path("connection-monitors"), q, nil, &out); err != nil {
		return nil, err
	}
	return out.ConnectionMonitors, nil
}

// DeleteConnectionMonitor starts deleting a monitor (wait with WaitConnectionMonitorDeleted).
func (c *Client) DeleteConnectionMonitor(ctx context.Context, id string) error {
	return c.doSettled(ctx, http.MethodDelete, c.Path("connection-monitors", id), nil, nil)
}

// WaitConnectionMonitorActive polls until the monitor is ACTIVE and returns
// it as last read. The monitor has no failure status; a monitor that
// vanishes ends the wait with the not-found error.
func (c *Client) WaitConnectionMonitorActive(ctx context.Context, id string) (*ConnectionMonitor, error) {
	get := func(ctx context.Context) (*ConnectionMonitor, error) { return c.GetConnectionMonitor(ctx, id) }
	return waitFor(ctx, c, resourceLabel("connection monitor", id), get, func(v *ConnectionMonitor) string { return v.Status },
		[]string{MonitorStatusActive}, nil)
}

// WaitConnectionMonitorDeleted polls until the monitor answers 404.
func (c *Client) WaitConnectionMonitorDeleted(ctx context.Context, id string) error {
	get := func(ctx context.Context) (*ConnectionMonitor, error) { return c.GetConnectionMonitor(ctx, id) }
	return waitGone(ctx, c, get, func(v *ConnectionMonitor) string { return v.Status })
}
