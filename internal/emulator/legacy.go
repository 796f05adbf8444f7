package emulator

import (
	"fmt"
	"slices"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// SetGatewayFlavor sets the flavor of an existing gateway, including the
// retired flavors v300 and v1g (apispec.LegacyFlavors) that no create or
// update-specification request may ask for: it models gateways created
// before those flavors were retired, which the service still reports.
func (e *Emulator) SetGatewayFlavor(id, flavor string) error {
	if !slices.Contains(apispec.GatewayFlavors, flavor) && !slices.Contains(apispec.LegacyFlavors, flavor) {
		return fmt.Errorf("unknown flavor %q", flavor)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.settleAll(e.now())
	g, ok := e.st.Gateways[id]
	if !ok {
		return fmt.Errorf("vpn gateway %s not found", id)
	}
	g.Flavor = flavor
	e.changed()
	return nil
}
