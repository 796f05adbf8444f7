package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// PublicIP is an EIP as the EIP service (API v3) describes it: the fields
// the provider reads to unbind a customer's EIP from a gateway.
type PublicIP struct {
	ID                    string `json:"id"`
	PublicIPAddress       string `json:"public_ip_address"`
	Status                string `json:"status"`
	AssociateInstanceType string `json:"associate_instance_type"`
	AssociateInstanceID   string `json:"associate_instance_id"`
}

// Bound reports whether the EIP is associated with an instance.
func (p *PublicIP) Bound() bool { return p.AssociateInstanceID != "" }

// eipPath is /v3/{project_id}/eip/publicips/{id}[/elem...], each element escaped.
func (c *Client) eipPath(id string, elem ...string) string {
	p := "/v3/" + url.PathEscape(c.projectID) + "/eip/publicips/" + url.PathEscape(id)
	for _, e := range elem {
		p += "/" + url.PathEscape(e)
	}
	return p
}

// GetPublicIP reads one EIP through the EIP service (GET
// /v3/{project_id}/eip/publicips/{id}). A missing EIP is an error for which
// IsNotFound is true.
func (c *Client) GetPublicIP(ctx context.Context, id string) (*PublicIP, error) {
	var out struct {
		PublicIP *PublicIP `json:"publicip"`
	}
	if err := c.send(ctx, c.eipBase, true, http.MethodGet, c.eipPath(id), nil, nil, &out); err != nil {
		return nil, err
	}
	if out.PublicIP == nil {
		return nil, errMissing("publicip")
	}
	return out.PublicIP, nil
}

// DisassociatePublicIP unbinds an EIP from the instance that holds it
// (POST /v3/{project_id}/eip/publicips/{id}/disassociate-instance); the EIP
// stays in the account. Sent again while the holder is not ready (409).
func (c *Client) DisassociatePublicIP(ctx context.Context, id string) error {
	s := c.PollSchedule()
	return RetryNotReady(ctx, &s, func() error {
		return c.send(ctx, c.eipBase, true, http.MethodPost, c.eipPath(id, "disassociate-instance"), nil, json.RawMessage(`{}`), nil)
	})
}
