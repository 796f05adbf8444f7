package client

import (
	"context"
	"net/http"
	"net/url"
)

// CustomerGateway is a customer (peer) gateway as returned
// (ResponseCustomerGateway). BgpAsn is returned only for id_type ip and
// CACertificate only when one is bound.
type CustomerGateway struct {
	ID            string         `json:"id"`
	Name          string         `json:"name,omitempty"`
	IDType        string         `json:"id_type,omitempty"`
	IDValue       string         `json:"id_value,omitempty"`
	BgpAsn        *int64         `json:"bgp_asn,omitempty"`
	CACertificate *CACertificate `json:"ca_certificate,omitempty"`
	CreatedAt     string         `json:"created_at,omitempty"`
	UpdatedAt     string         `json:"updated_at,omitempty"`
	Tags          []Tag          `json:"tags,omitempty"`
}

// CACertificate describes the CA certificate bound to a customer gateway.
type CACertificate struct {
	ID                 string `json:"id,omitempty"`
	SerialNumber       string `json:"serial_number,omitempty"`
	SignatureAlgorithm string `json:"signature_algorithm,omitempty"`
	Issuer             string `json:"issuer,omitempty"`
	Subject            string `json:"subject,omitempty"`
	ExpireTime         string `json:"expire_time,omitempty"`
	IsUpdatable        *bool  `json:"is_updatable,omitempty"`
}

// CACertificateRequest sets a customer gateway's CA certificate (content,
// PEM) or names an existing one (id).
type CACertificateRequest struct {
	ID      string `json:"id,omitempty"`
	Content string `json:"content,omitempty"`
}

// CreateCustomerGatewayRequest is the body of POST /customer-gateways
// (CreateCgwRequestBodyContent). IDValue is required.
type CreateCustomerGatewayRequest struct {
	Name          string                `json:"name,omitempty"`
	IDType        string                `json:"id_type,omitempty"`
	IDValue       string                `json:"id_value"`
	BgpAsn        *int64                `json:"bgp_asn,omitempty"`
	CACertificate *CACertificateRequest `json:"ca_certificate,omitempty"`
	Tags          []Tag                 `json:"tags,omitempty"`
}

// UpdateCustomerGatewayRequest is the body of PUT /customer-gateways/{id}:
// only the name and the CA certificate can change.
type UpdateCustomerGatewayRequest struct {
	Name          string                `json:"name,omitempty"`
	CACertificate *CACertificateRequest `json:"ca_certificate,omitempty"`
}

// CreateCustomerGateway creates a customer gateway (synchronous).
func (c *Client) CreateCustomerGateway(ctx context.Context, req *CreateCustomerGatewayRequest) (*CustomerGateway, error) {
	return doEnveloped[CustomerGateway](ctx, c, http.MethodPost, c.Path("customer-gateways"), "customer_gateway", req)
}

// GetCustomerGateway reads one customer gateway.
func (c *Client) GetCustomerGateway(ctx context.Context, id string) (*CustomerGateway, error) {
	return doEnveloped[CustomerGateway](ctx, c, http.MethodGet, c.Path("customer-gateways", id), "customer_gateway", nil)
}

// UpdateCustomerGateway changes a customer gateway's name or CA certificate.
func (c *Client) UpdateCustomerGateway(ctx context.Context, id string, req *UpdateCustomerGatewayRequest) (*CustomerGateway, error) {
	return doEnveloped[CustomerGateway](ctx, c, http.MethodPut, c.Path("customer-gateways", id), "customer_gateway", req)
}

// DeleteCustomerGateway deletes a customer gateway (synchronous). It fails
// with VPN.0001 while connections use the gateway.
func (c *Client) DeleteCustomerGateway(ctx context.Context, id string) error {
	return c.doSettled(ctx, http.MethodDelete, c.Path("customer-gateways", id), nil, nil)
}

// ListCustomerGateways reads every page of the project's customer gateways.
func (c *Client) ListCustomerGateways(ctx context.Context) ([]CustomerGateway, error) {
	return listAllByMarker(ctx, url.Values{}, func(ctx context.Context, q url.Values) ([]CustomerGateway, *PageInfo, error) {
		var out struct {
			CustomerGateways []CustomerGateway `json:"customer_gateways"`
			PageInfo         *PageInfo         `json:"page_info"`
		}
		if err := c.Do(ctx, http.MethodGet, c.Path("customer-gateways"), q, nil, &out); err != nil {
			return nil, nil, err
		}
		return out.CustomerGateways, out.PageInfo, nil
	})
}
