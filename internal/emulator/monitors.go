package emulator

import "time"

// OWNER: connection family helper. Placeholder.

type monitorRecord struct {
	ID           string `json:"id"`
	ConnectionID string `json:"vpn_connection_id"`
	Status       string `json:"status"`
}

func (e *Emulator) registerMonitors()                 {}
func (e *Emulator) settleMonitors(now time.Time) bool { return false }
