package client

import (
	"context"
	"net/http"
	"strings"
)

// FlavorAvailabilityZones lists the zones where one gateway flavor can be
// deployed, per attachment type (VpnGatewayAvailabilityZones).
type FlavorAvailabilityZones struct {
	VPC []string `json:"vpc"`
	ER  []string `json:"er"`
}

// AvailabilityZones maps the service's flavor keys (basic, professional1,
// professional2, gm, Professional1-NonFixedIP, ...) to their zones. Use
// ForFlavor to look a flavor up by the name used at create time.
type AvailabilityZones map[string]FlavorAvailabilityZones

// ForFlavor returns the zones of a flavor named as in a create request
// ("Professional1", "GM", "Professional2-NonFixedIP"); keys are matched
// without regard to case, because the service lower-cases some of them.
func (a AvailabilityZones) ForFlavor(flavor string) (FlavorAvailabilityZones, bool) {
	if z, ok := a[flavor]; ok {
		return z, true
	}
	for k, z := range a {
		if strings.EqualFold(k, flavor) {
			return z, true
		}
	}
	return FlavorAvailabilityZones{}, false
}

// ListAvailabilityZones reads GET /v5/{project_id}/vpn-gateways/availability-zones.
func (c *Client) ListAvailabilityZones(ctx context.Context) (AvailabilityZones, error) {
	var out struct {
		AvailabilityZones AvailabilityZones `json:"availability_zones"`
	}
	if err := c.Do(ctx, http.MethodGet, c.Path("vpn-gateways", "availability-zones"), nil, nil, &out); err != nil {
		return nil, err
	}
	if out.AvailabilityZones == nil {
		return nil, errMissing("availability_zones")
	}
	return out.AvailabilityZones, nil
}
