package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// VPN connection statuses. DOWN is settled (the peer has not negotiated
// yet), not a failure.
const (
	ConnectionStatusPendingCreate = "PENDING_CREATE"
	ConnectionStatusPendingUpdate = "PENDING_UPDATE"
	ConnectionStatusPendingDelete = "PENDING_DELETE"
	ConnectionStatusActive        = "ACTIVE"
	ConnectionStatusDown          = "DOWN"
	ConnectionStatusError         = "ERROR"
	ConnectionStatusFreezed       = "FREEZED"
	ConnectionStatusUnknown       = "UNKNOWN"
)

// VPNConnection is a VPN connection as returned (ResponseVpnConnection).
// Style comes back upper-case (STATIC, POLICY, BGP, POLICY-TEMPLATE); the
// psk is never returned. EnableNQA is present only for STATIC connections,
// PolicyRules only for POLICY ones.
type VPNConnection struct {
	ID                  string       `json:"id"`
	Name                string       `json:"name,omitempty"`
	Status              string       `json:"status,omitempty"`
	VgwID               string       `json:"vgw_id,omitempty"`
	VgwIP               string       `json:"vgw_ip,omitempty"`
	Style               string       `json:"style,omitempty"`
	CgwID               string       `json:"cgw_id,omitempty"`
	PeerSubnets         []string     `json:"peer_subnets,omitempty"`
	PeerSubnetsV6       []string     `json:"peer_subnets_v6,omitempty"`
	TunnelLocalAddress  string       `json:"tunnel_local_address,omitempty"`
	TunnelPeerAddress   string       `json:"tunnel_peer_address,omitempty"`
	EnableNQA           *bool        `json:"enable_nqa,omitempty"`
	EnableHub           *bool        `json:"enable_hub,omitempty"`
	EnableHealthCheck   *bool        `json:"enable_health_check,omitempty"`
	PolicyRules         []PolicyRule `json:"policy_rules,omitempty"`
	PolicyRulesV6       []PolicyRule `json:"policy_rules_v6,omitempty"`
	IKEPolicy           *IKEPolicy   `json:"ikepolicy,omitempty"`
	IPsecPolicy         *IPsecPolicy `json:"ipsecpolicy,omitempty"`
	CreatedAt           string       `json:"created_at,omitempty"`
	UpdatedAt           string       `json:"updated_at,omitempty"`
	EnterpriseProjectID string       `json:"enterprise_project_id,omitempty"`
	ConnectionMonitorID string       `json:"connection_monitor_id,omitempty"`
	HARole              string       `json:"ha_role,omitempty"`
	Tags                []Tag        `json:"tags,omitempty"`
	BGPPeer             *BGPPeer     `json:"bgp_peer,omitempty"`
}

// PolicyRule is one rule of a policy-style connection. RuleIndex is a
// pointer because 0 is a valid index; the service may renumber rules,
// splitting one with several destinations.
type PolicyRule struct {
	RuleIndex   *int     `json:"rule_index,omitempty"`
	Source      string   `json:"source,omitempty"`
	Destination []string `json:"destination,omitempty"`
}

// IKEPolicy is a connection's IKE policy, used in create and update requests
// and in responses (the update body accepts every field but
// authentication_method). Unset fields are not sent.
type IKEPolicy struct {
	IKEVersion              string `json:"ike_version,omitempty"`
	Phase1NegotiationMode   string `json:"phase1_negotiation_mode,omitempty"`
	AuthenticationAlgorithm string `json:"authentication_algorithm,omitempty"`
	EncryptionAlgorithm     string `json:"encryption_algorithm,omitempty"`
	DHGroup                 string `json:"dh_group,omitempty"`
	AuthenticationMethod    string `json:"authentication_method,omitempty"`
	LifetimeSeconds         *int   `json:"lifetime_seconds,omitempty"`
	LocalIDType             string `json:"local_id_type,omitempty"`
	LocalID                 string `json:"local_id,omitempty"`
	PeerIDType              string `json:"peer_id_type,omitempty"`
	PeerID                  string `json:"peer_id,omitempty"`
	DPD                     *DPD   `json:"dpd,omitempty"`
}

// DPD is the dead-peer-detection setting of an IKE policy.
type DPD struct {
	Timeout  *int   `json:"timeout,omitempty"`
	Interval *int   `json:"interval,omitempty"`
	Msg      string `json:"msg,omitempty"`
}

// IPsecPolicy is a connection's IPsec policy (requests and responses).
type IPsecPolicy struct {
	AuthenticationAlgorithm string `json:"authentication_algorithm,omitempty"`
	EncryptionAlgorithm     string `json:"encryption_algorithm,omitempty"`
	PFS                     string `json:"pfs,omitempty"`
	TransformProtocol       string `json:"transform_protocol,omitempty"`
	LifetimeSeconds         *int   `json:"lifetime_seconds,omitempty"`
	EncapsulationMode       string `json:"encapsulation_mode,omitempty"`
}

// BGPPeer is the BGP session state of a BGP connection (SDK only).
type BGPPeer struct {
	PeerIPAddress      string `json:"peer_ip_address,omitempty"`
	PeerAsn            int64  `json:"peer_asn,omitempty"`
	State              string `json:"state,omitempty"`
	StateDuration      string `json:"state_duration,omitempty"`
	NumReceivedRoutes  int    `json:"num_received_routes,omitempty"`
	NumMessageReceived int    `json:"num_message_received,omitempty"`
	NumMessageSent     int    `json:"num_message_sent,omitempty"`
}

// CreateVPNConnectionRequest is the body of POST /vpn-connection
// (CreateVpnConnectionRequestBodyContent). VgwID, VgwIP and CgwID are
// required. Style is sent lower-case (static, policy, bgp, policy-template).
// Send EnableNQA only for static connections. String masks the PSK.
type CreateVPNConnectionRequest struct {
	Name               string       `json:"name,omitempty"`
	VgwID              string       `json:"vgw_id"`
	VgwIP              string       `json:"vgw_ip"`
	Style              string       `json:"style,omitempty"`
	CgwID              string       `json:"cgw_id"`
	PeerSubnets        []string     `json:"peer_subnets,omitempty"`
	PeerSubnetsV6      []string     `json:"peer_subnets_v6,omitempty"`
	TunnelLocalAddress string       `json:"tunnel_local_address,omitempty"`
	TunnelPeerAddress  string       `json:"tunnel_peer_address,omitempty"`
	EnableNQA          *bool        `json:"enable_nqa,omitempty"`
	EnableHub          *bool        `json:"enable_hub,omitempty"`
	EnableHealthCheck  *bool        `json:"enable_health_check,omitempty"`
	PSK                string       `json:"psk,omitempty"`
	PolicyRules        []PolicyRule `json:"policy_rules,omitempty"`
	PolicyRulesV6      []PolicyRule `json:"policy_rules_v6,omitempty"`
	IKEPolicy          *IKEPolicy   `json:"ikepolicy,omitempty"`
	IPsecPolicy        *IPsecPolicy `json:"ipsecpolicy,omitempty"`
	HARole             string       `json:"ha_role,omitempty"`
	Tags               []Tag        `json:"tags,omitempty"`
}

// String describes the request without its PSK.
func (r CreateVPNConnectionRequest) String() string {
	return fmt.Sprintf("CreateVPNConnectionRequest{Name:%q VgwID:%q VgwIP:%q CgwID:%q Style:%q PSK:%s}",
		r.Name, r.VgwID, r.VgwIP, r.CgwID, r.Style, maskSecret(r.PSK))
}

// UpdateVPNConnectionRequest is the body of PUT /vpn-connection/{id}
// (UpdateVpnConnectionRequestBodyContent). Unset fields are not sent.
// enable_nqa is not part of the update body (neither the reference nor the
// SDK has it): it can only be set at create, so a change means a new
// connection. EnableHub is a pointer so that false can be sent. String
// masks the PSK.
type UpdateVPNConnectionRequest struct {
	Name               string       `json:"name,omitempty"`
	CgwID              string       `json:"cgw_id,omitempty"`
	PeerSubnets        []string     `json:"peer_subnets,omitempty"`
	PeerSubnetsV6      []string     `json:"peer_subnets_v6,omitempty"`
	TunnelLocalAddress string       `json:"tunnel_local_address,omitempty"`
	TunnelPeerAddress  string       `json:"tunnel_peer_address,omitempty"`
	EnableHub          *bool        `json:"enable_hub,omitempty"`
	PSK                string       `json:"psk,omitempty"`
	PolicyRules        []PolicyRule `json:"policy_rules,omitempty"`
	PolicyRulesV6      []PolicyRule `json:"policy_rules_v6,omitempty"`
	IKEPolicy          *IKEPolicy   `json:"ikepolicy,omitempty"`
	IPsecPolicy        *IPsecPolicy `json:"ipsecpolicy,omitempty"`
}

// MarshalJSON writes the request as the update body: its ikepolicy is an
// UpdateIkePolicy (reference 表4-137), which has no authentication_method
// (the method is fixed at create), so that field is left out.
func (r UpdateVPNConnectionRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateVPNConnectionRequest // the same fields, without this method
	w := plain(r)
	if r.IKEPolicy != nil {
		ike := *r.IKEPolicy
		ike.AuthenticationMethod = "" // omitempty: not sent
		w.IKEPolicy = &ike
	}
	return json.Marshal(w)
}

// String describes the request without its PSK.
func (r UpdateVPNConnectionRequest) String() string {
	return fmt.Sprintf("UpdateVPNConnectionRequest{Name:%q CgwID:%q PSK:%s}", r.Name, r.CgwID, maskSecret(r.PSK))
}

// ListVPNConnectionsOptions filters ListVPNConnections.
type ListVPNConnectionsOptions struct {
	// VgwID limits the list to one gateway's connections.
	VgwID string
	// VgwIP limits the list to one gateway EIP id or private IP.
	VgwIP string
	// EnterpriseProjectID limits the list to one enterprise project.
	EnterpriseProjectID string
}

// CreateVPNConnection creates a connection; it starts in PENDING_CREATE
// (wait with WaitVPNConnectionSettled).
func (c *Client) CreateVPNConnection(ctx context.Context, req *CreateVPNConnectionRequest) (*VPNConnection, error) {
	return doEnveloped[VPNConnection](ctx, c, http.MethodPost, c.Path("vpn-connection"), "vpn_connection", req)
}

// GetVPNConnection reads one connection.
func (c *Client) GetVPNConnection(ctx context.Context, id string) (*VPNConnection, error) {
	return doEnveloped[VPNConnection](ctx, c, http.MethodGet, c.Path("vpn-connection", id), "vpn_connection", nil)
}

// UpdateVPNConnection changes a connection; it passes through PENDING_UPDATE.
func (c *Client) UpdateVPNConnection(ctx context.Context, id string, req *UpdateVPNConnectionRequest) (*VPNConnection, error) {
	return doEnveloped[VPNConnection](ctx, c, http.MethodPut, c.Path("vpn-connection", id), "vpn_connection", req)
}

// DeleteVPNConnection starts deleting a connection (wait with WaitVPNConnectionDeleted).
func (c *Client) DeleteVPNConnection(ctx context.Context, id string) error {
	return c.doSettled(ctx, http.MethodDelete, c.Path("vpn-connection", id), nil, nil)
}

// ListVPNConnections reads every page of the project's connections.
func (c *Client) ListVPNConnections(ctx context.Context, opts *ListVPNConnectionsOptions) ([]VPNConnection, error) {
	base := url.Values{}
	if opts != nil {
		if opts.VgwID != "" {
			base.Set("vgw_id", opts.VgwID)
		}
		if opts.VgwIP != "" {
			base.Set("vgw_ip", opts.VgwIP)
		}
		if opts.EnterpriseProjectID != "" {
			base.Set("enterprise_project_id", opts.EnterpriseProjectID)
		}
	}
	return listAllByMarker(ctx, base, func(ctx context.Context, q url.Values) ([]VPNConnection, *PageInfo, error) {
		var out struct {
			VPNConnections []VPNConnection `json:"vpn_connections"`
			PageInfo       *PageInfo       `json:"page_info"`
		}
		if err := c.Do(ctx, http.MethodGet, c.Path("vpn-connection"), q, nil, &out); err != nil {
			return nil, nil, err
		}
		return out.VPNConnections, out.PageInfo, nil
	})
}

// WaitVPNConnectionSettled polls until the connection is DOWN or ACTIVE
// (DOWN only means the peer has not negotiated yet) and returns it as last
// read. ERROR and FREEZED end the wait at once with an
// *UnexpectedStatusError, and so does UNKNOWN when it lasts three polls.
func (c *Client) WaitVPNConnectionSettled(ctx context.Context, id string) (*VPNConnection, error) {
	get := func(ctx context.Context) (*VPNConnection, error) { return c.GetVPNConnection(ctx, id) }
	return waitFor(ctx, c, resourceLabel("VPN connection", id), get, func(v *VPNConnection) string { return v.Status },
		[]string{ConnectionStatusDown, ConnectionStatusActive}, []string{ConnectionStatusError, ConnectionStatusFreezed})
}

// WaitVPNConnectionDeleted polls until the connection answers 404. No
// status fails the wait (a connection in ERROR may still be deleted).
func (c *Client) WaitVPNConnectionDeleted(ctx context.Context, id string) error {
	get := func(ctx context.Context) (*VPNConnection, error) { return c.GetVPNConnection(ctx, id) }
	return waitGone(ctx, c, get, func(v *VPNConnection) string { return v.Status })
}
