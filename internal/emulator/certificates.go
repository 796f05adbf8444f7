package emulator

import "time"

// OWNER: connection family helper. Placeholder.

type certificateRecord struct {
	ID     string `json:"id"`
	VgwID  string `json:"vgw_id"`
	Status string `json:"status"`
}

func (e *Emulator) registerCertificates()                 {}
func (e *Emulator) settleCertificates(now time.Time) bool { return false }
