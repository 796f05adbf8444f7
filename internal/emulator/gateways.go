package emulator

import "time"

// OWNER: gateway family helper. Placeholder so the package compiles.

type gatewayRecord struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

func (e *Emulator) registerGateways()                           {}
func (e *Emulator) settleGateways(now time.Time) bool           { return false }
func (e *Emulator) lookupGateway(id string) (gatewayInfo, bool) { return gatewayInfo{}, false }

// refreshGatewayUsage recomputes used_connection_number / used_connection_group of a gateway from the stored connections.
func (e *Emulator) refreshGatewayUsage(id string) {}
