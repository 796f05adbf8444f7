package client

import (
	"context"
	"net/http"
	"net/url"
)

// VPN gateway statuses (NOTES.md, life cycles).
const (
	GatewayStatusPendingCreate = "PENDING_CREATE"
	GatewayStatusPendingUpdate = "PENDING_UPDATE"
	GatewayStatusPendingDelete = "PENDING_DELETE"
	GatewayStatusActive        = "ACTIVE"
	GatewayStatusFault         = "FAULT"
	GatewayStatusFreezed       = "FREEZED"
)

// VPNGateway is a VPN gateway as the service returns it (ResponseVpnGateway,
// plus the SDK's er_attachment_id, supported_flavors, public_border_group ...).
// eip1/eip2, availability_zone_ids (when not given) and the times appear
// only once the gateway is ACTIVE.
type VPNGateway struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name,omitempty"`
	Status               string          `json:"status,omitempty"`
	NetworkType          string          `json:"network_type,omitempty"`
	AttachmentType       string          `json:"attachment_type,omitempty"`
	IPVersion            string          `json:"ip_version,omitempty"`
	CertificateID        string          `json:"certificate_id,omitempty"`
	ErID                 string          `json:"er_id,omitempty"`
	ErAttachmentID       string          `json:"er_attachment_id,omitempty"`
	VpcID                string          `json:"vpc_id,omitempty"`
	LocalSubnets         []string        `json:"local_subnets,omitempty"`
	LocalSubnetsV6       []string        `json:"local_subnets_v6,omitempty"`
	ConnectSubnet        string          `json:"connect_subnet,omitempty"`
	AccessVpcID          string          `json:"access_vpc_id,omitempty"`
	AccessSubnetID       string          `json:"access_subnet_id,omitempty"`
	AccessPrivateIP1     string          `json:"access_private_ip_1,omitempty"`
	AccessPrivateIP2     string          `json:"access_private_ip_2,omitempty"`
	BgpAsn               int64           `json:"bgp_asn,omitempty"`
	Flavor               string          `json:"flavor,omitempty"`
	AvailabilityZoneIDs  []string        `json:"availability_zone_ids,omitempty"`
	PublicBorderGroup    string          `json:"public_border_group,omitempty"`
	ConnectionNumber     int             `json:"connection_number,omitempty"`
	UsedConnectionNumber int             `json:"used_connection_number,omitempty"`
	UsedConnectionGroup  int             `json:"used_connection_group,omitempty"`
	EnterpriseProjectID  string          `json:"enterprise_project_id,omitempty"`
	HAMode               string          `json:"ha_mode,omitempty"`
	EIP1                 *EIP            `json:"eip1,omitempty"`
	EIP2                 *EIP            `json:"eip2,omitempty"`
	CreatedAt            string          `json:"created_at,omitempty"`
	AppliedAt            string          `json:"applied_at,omitempty"`
	UpdatedAt            string          `json:"updated_at,omitempty"`
	PolicyTemplate       *PolicyTemplate `json:"policy_template,omitempty"`
	SupportedFlavors     []string        `json:"supported_flavors,omitempty"`
	SupportedFeatures    []string        `json:"supported_features,omitempty"`
	UpgradeInfo          string          `json:"upgrade_info,omitempty"`
	Tags                 []Tag           `json:"tags,omitempty"`
}

// EIP is an elastic IP of a gateway as returned (ResponseEip).
type EIP struct {
	ID                   string `json:"id,omitempty"`
	IPVersion            int    `json:"ip_version,omitempty"`
	IPBillingInfo        string `json:"ip_billing_info,omitempty"`
	Type                 string `json:"type,omitempty"`
	IPAddress            string `json:"ip_address,omitempty"`
	ChargeMode           string `json:"charge_mode,omitempty"`
	BandwidthID          string `json:"bandwidth_id,omitempty"`
	BandwidthSize        int    `json:"bandwidth_size,omitempty"`
	BandwidthName        string `json:"bandwidth_name,omitempty"`
	BandwidthBillingInfo string `json:"bandwidth_billing_info,omitempty"`
	ShareType            string `json:"share_type,omitempty"`
}

// EIPRequest selects (ID) or creates (Type, ChargeMode, bandwidth) an EIP
// for a new gateway (CreateRequestEip).
type EIPRequest struct {
	ID            string `json:"id,omitempty"`
	Type          string `json:"type,omitempty"`
	ChargeMode    string `json:"charge_mode,omitempty"`
	BandwidthSize *int   `json:"bandwidth_size,omitempty"`
	BandwidthName string `json:"bandwidth_name,omitempty"`
	BandwidthID   string `json:"bandwidth_id,omitempty"`
}

// PolicyTemplate is a gateway's default IKE/IPsec policy for
// policy-template style connections. It is returned by the service and
// accepted by UpdateVPNGateway.
type PolicyTemplate struct {
	IKEPolicy   *PolicyTemplateIKE   `json:"ike_policy,omitempty"`
	IPsecPolicy *PolicyTemplateIPsec `json:"ipsec_policy,omitempty"`
}

// PolicyTemplateIKE is the IKE part of a PolicyTemplate.
type PolicyTemplateIKE struct {
	EncryptionAlgorithm     string `json:"encryption_algorithm,omitempty"`
	DHGroup                 string `json:"dh_group,omitempty"`
	AuthenticationAlgorithm string `json:"authentication_algorithm,omitempty"`
	LifetimeSeconds         *int   `json:"lifetime_seconds,omitempty"`
}

// PolicyTemplateIPsec is the IPsec part of a PolicyTemplate.
type PolicyTemplateIPsec struct {
	AuthenticationAlgorithm string `json:"authentication_algorithm,omitempty"`
	EncryptionAlgorithm     string `json:"encryption_algorithm,omitempty"`
	PFS                     string `json:"pfs,omitempty"`
	LifetimeSeconds         *int   `json:"lifetime_seconds,omitempty"`
}

// CreateVPNGatewayRequest is the body of POST /vpn-gateways
// (CreateVgwRequestBodyContent). Empty fields are not sent.
type CreateVPNGatewayRequest struct {
	Name                string      `json:"name,omitempty"`
	NetworkType         string      `json:"network_type,omitempty"`
	AttachmentType      string      `json:"attachment_type,omitempty"`
	IPVersion           string      `json:"ip_version,omitempty"`
	ErID                string      `json:"er_id,omitempty"`
	VpcID               string      `json:"vpc_id,omitempty"`
	LocalSubnets        []string    `json:"local_subnets,omitempty"`
	LocalSubnetsV6      []string    `json:"local_subnets_v6,omitempty"`
	ConnectSubnet       string      `json:"connect_subnet,omitempty"`
	BgpAsn              *int64      `json:"bgp_asn,omitempty"`
	Flavor              string      `json:"flavor,omitempty"`
	AvailabilityZoneIDs []string    `json:"availability_zone_ids,omitempty"`
	EnterpriseProjectID string      `json:"enterprise_project_id,omitempty"`
	EIP1                *EIPRequest `json:"eip1,omitempty"`
	EIP2                *EIPRequest `json:"eip2,omitempty"`
	AccessVpcID         string      `json:"access_vpc_id,omitempty"`
	AccessSubnetID      string      `json:"access_subnet_id,omitempty"`
	AccessPrivateIP1    string      `json:"access_private_ip_1,omitempty"`
	AccessPrivateIP2    string      `json:"access_private_ip_2,omitempty"`
	HAMode              string      `json:"ha_mode,omitempty"`
	Tags                []Tag       `json:"tags,omitempty"`
}

// UpdateVPNGatewayRequest is the body of PUT /vpn-gateways/{id}
// (UpdateVgwRequestBodyContent). Empty fields are not sent.
type UpdateVPNGatewayRequest struct {
	Name           string          `json:"name,omitempty"`
	LocalSubnets   []string        `json:"local_subnets,omitempty"`
	LocalSubnetsV6 []string        `json:"local_subnets_v6,omitempty"`
	EIPID1         string          `json:"eip_id_1,omitempty"`
	EIPID2         string          `json:"eip_id_2,omitempty"`
	PolicyTemplate *PolicyTemplate `json:"policy_template,omitempty"`
}

// UpdateVPNGatewaySpecificationRequest is the body of POST
// /vpn-gateways/{id}/update-specification. Flavor is one of Basic,
// Professional1, Professional2 and their -NonFixedIP variants (never GM).
type UpdateVPNGatewaySpecificationRequest struct {
	Flavor string `json:"flavor"`
}

// ListVPNGatewaysOptions filters ListVPNGateways. The gateway list does not page.
type ListVPNGatewaysOptions struct {
	// VgwID limits the list to one gateway (an SDK-only query parameter).
	VgwID string
	// EnterpriseProjectID limits the list to one enterprise project.
	EnterpriseProjectID string
}

// CreateVPNGateway creates a gateway; it is returned in PENDING_CREATE
// (wait with WaitVPNGatewayActive).
func (c *Client) CreateVPNGateway(ctx context.Context, req *CreateVPNGatewayRequest) (*VPNGateway, error) {
	return doEnveloped[VPNGateway](ctx, c, http.MethodPost, c.Path("vpn-gateways"), "vpn_gateway", req)
}

// GetVPNGateway reads one gateway. A missing gateway is an error for which
// IsNotFound is true.
func (c *Client) GetVPNGateway(ctx context.Context, id string) (*VPNGateway, error) {
	return doEnveloped[VPNGateway](ctx, c, http.MethodGet, c.Path("vpn-gateways", id), "vpn_gateway", nil)
}

// ListVPNGateways lists the project's gateways (one request: this list does not page).
func (c *Client) ListVPNGateways(ctx context.Context, opts *ListVPNGatewaysOptions) ([]VPNGateway, error) {
	q := url.Values{}
	if opts != nil {
		if opts.VgwID != "" {
			q.Set("vgw_id", opts.VgwID)
		}
		if opts.EnterpriseProjectID != "" {
			q.Set("enterprise_project_id", opts.EnterpriseProjectID)
		}
	}
	var out struct {
		VPNGateways []VPNGateway `json:"vpn_gateways"`
	}
	if err := c.Do(ctx, http.MethodGet, c.Path("vpn-gateways"), q, nil, &out); err != nil {
		return nil, err
	}
	return out.VPNGateways, nil
}

// UpdateVPNGateway changes a gateway's name, local subnets, EIPs or policy
// template; the gateway passes through PENDING_UPDATE.
func (c *Client) UpdateVPNGateway(ctx context.Context, id string, req *UpdateVPNGatewayRequest) (*VPNGateway, error) {
	return doEnveloped[VPNGateway](ctx, c, http.MethodPut, c.Path("vpn-gateways", id), "vpn_gateway", req)
}

// UpdateVPNGatewaySpecification changes a pay-per-use gateway's flavor; the
// gateway passes through PENDING_UPDATE.
func (c *Client) UpdateVPNGatewaySpecification(ctx context.Context, id string, req *UpdateVPNGatewaySpecificationRequest) (*VPNGateway, error) {
	return doEnveloped[VPNGateway](ctx, c, http.MethodPost, c.Path("vpn-gateways", id, "update-specification"), "vpn_gateway", req)
}

// DeleteVPNGateway starts deleting a gateway (wait with WaitVPNGatewayDeleted).
func (c *Client) DeleteVPNGateway(ctx context.Context, id string) error {
	return c.doSettled(ctx, http.MethodDelete, c.Path("vpn-gateways", id), nil, nil)
}

// WaitVPNGatewayActive polls until the gateway is ACTIVE and returns it as
// last read. FAULT and FREEZED (a frozen account) end the wait at once with
// an *UnexpectedStatusError.
func (c *Client) WaitVPNGatewayActive(ctx context.Context, id string) (*VPNGateway, error) {
	get := func(ctx context.Context) (*VPNGateway, error) { return c.GetVPNGateway(ctx, id) }
	return waitFor(ctx, c, resourceLabel("VPN gateway", id), get, func(g *VPNGateway) string { return g.Status },
		[]string{GatewayStatusActive}, []string{GatewayStatusFault, GatewayStatusFreezed})
}

// WaitVPNGatewayDeleted polls until the gateway answers 404. No status
// fails the wait (a FAULT gateway may still be deleted).
func (c *Client) WaitVPNGatewayDeleted(ctx context.Context, id string) error {
	get := func(ctx context.Context) (*VPNGateway, error) { return c.GetVPNGateway(ctx, id) }
	return waitGone(ctx, c, get, func(v *VPNGateway) string { return v.Status })
}
