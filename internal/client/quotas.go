package client

import (
	"context"
	"net/http"
)

// Quota types returned by GetQuotas.
const (
	QuotaTypeVPNGateway      = "vpn_gateway"
	QuotaTypeCustomerGateway = "customer_gateway"
	QuotaTypeVPNConnection   = "vpn_connection"
)

// Quota is one resource quota of the project (QuotaInfo).
type Quota struct {
	Type  string `json:"type"`
	Quota int    `json:"quota"`
	Used  int    `json:"used"`
}

// GetQuotas reads GET /v5/{project_id}/vpn/quotas and returns quotas.resources.
func (c *Client) GetQuotas(ctx context.Context) ([]Quota, error) {
	var out struct {
		Quotas *struct {
			Resources []Quota `json:"resources"`
		} `json:"quotas"`
	}
	if err := c.Do(ctx, http.MethodGet, c.Path("vpn", "quotas"), nil, nil, &out); err != nil {
		return nil, err
	}
	if out.Quotas == nil {
		return nil, errMissing("quotas")
	}
	return out.Quotas.Resources, nil
}
