package emulator

import "time"

// OWNER: connection family helper. Placeholder.

type connectionRecord struct {
	ID     string `json:"id"`
	VgwID  string `json:"vgw_id"`
	CgwID  string `json:"cgw_id"`
	Status string `json:"status"`
}

func (e *Emulator) registerConnections()                 {}
func (e *Emulator) settleConnections(now time.Time) bool { return false }
