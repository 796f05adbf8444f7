package client

import (
	"context"
	"fmt"
	"net/http"
)

// Gateway certificate statuses.
const (
	CertificateStatusBinding = "BINDING"
	CertificateStatusBound   = "BOUND"
	CertificateStatusFault   = "FAULT"
)

// VPNGatewayCertificate is the certificate of a GM gateway as returned
// (VpnGatewayCertificate; the create and update answers, which the reference
// calls VpnGatewayCertificateConfig, are the same fields without status,
// project_id and updated_at). Private keys are never returned.
type VPNGatewayCertificate struct {
	ID                           string `json:"id"`
	Name                         string `json:"name,omitempty"`
	ProjectID                    string `json:"project_id,omitempty"`
	VgwID                        string `json:"vgw_id,omitempty"`
	Status                       string `json:"status,omitempty"`
	Issuer                       string `json:"issuer,omitempty"`
	SignatureAlgorithm           string `json:"signature_algorithm,omitempty"`
	CertificateSerialNumber      string `json:"certificate_serial_number,omitempty"`
	CertificateSubject           string `json:"certificate_subject,omitempty"`
	CertificateExpireTime        string `json:"certificate_expire_time,omitempty"`
	CertificateChainSerialNumber string `json:"certificate_chain_serial_number,omitempty"`
	CertificateChainSubject      string `json:"certificate_chain_subject,omitempty"`
	CertificateChainExpireTime   string `json:"certificate_chain_expire_time,omitempty"`
	EncCertificateSerialNumber   string `json:"enc_certificate_serial_number,omitempty"`
	EncCertificateSubject        string `json:"enc_certificate_subject,omitempty"`
	EncCertificateExpireTime     string `json:"enc_certificate_expire_time,omitempty"`
	CreatedAt                    string `json:"created_at,omitempty"`
	UpdatedAt                    string `json:"updated_at,omitempty"`
}

// CreateVPNGatewayCertificateRequest uploads a GM gateway's signing and
// encryption certificates, their private keys and the CA chain. All but
// Name are required. String masks the private keys.
type CreateVPNGatewayCertificateRequest struct {
	Name             string `json:"name,omitempty"`
	Certificate      string `json:"certificate"`
	PrivateKey       string `json:"private_key"`
	CertificateChain string `json:"certificate_chain"`
	EncCertificate   string `json:"enc_certificate"`
	EncPrivateKey    string `json:"enc_private_key"`
}

// String describes the request without its private keys.
func (r CreateVPNGatewayCertificateRequest) String() string {
	return fmt.Sprintf("CreateVPNGatewayCertificateRequest{Name:%q PrivateKey:%s EncPrivateKey:%s}",
		r.Name, maskSecret(r.PrivateKey), maskSecret(r.EncPrivateKey))
}

// UpdateVPNGatewayCertificateRequest changes a GM gateway's certificate;
// empty fields are not sent (a name-only update sends only the name).
// String masks the private keys.
type UpdateVPNGatewayCertificateRequest struct {
	Name             string `json:"name,omitempty"`
	Certificate      string `json:"certificate,omitempty"`
	PrivateKey       string `json:"private_key,omitempty"`
	CertificateChain string `json:"certificate_chain,omitempty"`
	EncCertificate   string `json:"enc_certificate,omitempty"`
	EncPrivateKey    string `json:"enc_private_key,omitempty"`
}

// String describes the request without its private keys.
func (r UpdateVPNGatewayCertificateRequest) String() string {
	return fmt.Sprintf("UpdateVPNGatewayCertificateRequest{Name:%q PrivateKey:%s EncPrivateKey:%s}",
		r.Name, maskSecret(r.PrivateKey), maskSecret(r.EncPrivateKey))
}

// CreateVPNGatewayCertificate uploads the certificate of a GM gateway
// (POST /vpn-gateways/{vgw_id}/certificate); it binds asynchronously
// (wait with WaitVPNGatewayCertificateBound).
func (c *Client) CreateVPNGatewayCertificate(ctx context.Context, vgwID string, req *CreateVPNGatewayCertificateRequest) (*VPNGatewayCertificate, error) {
	return doEnveloped[VPNGatewayCertificate](ctx, c, http.MethodPost, c.Path("vpn-gateways", vgwID, "certificate"), "certificate", req)
}

// GetVPNGatewayCertificate reads the certificate of a gateway (one per GM gateway).
func (c *Client) GetVPNGatewayCertificate(ctx context.Context, vgwID string) (*VPNGatewayCertificate, error) {
	return doEnveloped[VPNGatewayCertificate](ctx, c, http.MethodGet, c.Path("vpn-gateways", vgwID, "certificate"), "certificate", nil)
}

// UpdateVPNGatewayCertificate replaces parts of a gateway's certificate
// (PUT /vpn-gateways/{vgw_id}/certificate/{certificate_id}).
func (c *Client) UpdateVPNGatewayCertificate(ctx context.Context, vgwID, certID string, req *UpdateVPNGatewayCertificateRequest) (*VPNGatewayCertificate, error) {
	return doEnveloped[VPNGatewayCertificate](ctx, c, http.MethodPut, c.Path("vpn-gateways", vgwID, "certificate", certID), "certificate", req)
}

// WaitVPNGatewayCertificateBound polls until the gateway's certificate is
// BOUND and returns it as last read. FAULT ends the wait with an
// *UnexpectedStatusError.
func (c *Client) WaitVPNGatewayCertificateBound(ctx context.Context, vgwID string) (*VPNGatewayCertificate, error) {
	get := func(ctx context.Context) (*VPNGatewayCertificate, error) {
		return c.GetVPNGatewayCertificate(ctx, vgwID)
	}
	return waitFor(ctx, c, resourceLabel("certificate of VPN gateway", vgwID), get,
		func(v *VPNGatewayCertificate) string { return v.Status },
		[]string{CertificateStatusBound}, []string{CertificateStatusFault})
}
