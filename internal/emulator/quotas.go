package emulator

import (
	"net/http"
)

// Default quotas per kind (Options.Quotas overrides them).
var defaultQuotas = map[string]int{
	KindGateway:         50,
	KindCustomerGateway: 100,
	KindConnection:      500,
}

// quotaKinds are the kinds the quota API reports, in its order.
var quotaKinds = []string{KindGateway, KindCustomerGateway, KindConnection}

// quota returns the quota of a kind.
func (e *Emulator) quota(kind string) int {
	if q, ok := e.opts.Quotas[kind]; ok {
		return q
	}
	return defaultQuotas[kind]
}

// used counts the stored resources of a kind. Called with e.mu held.
func (e *Emulator) used(kind string) int {
	switch kind {
	case KindGateway:
		return len(e.st.Gateways)
	case KindCustomerGateway:
		return len(e.st.CustomerGateways)
	case KindConnection:
		return len(e.st.Connections)
	}
	return 0
}

// quotaExceeded reports whether the stored resources of kind (KindGateway,
// KindCustomerGateway, KindConnection) already reach the quota, so that one
// more create must fail. Called with e.mu held.
func (e *Emulator) quotaExceeded(kind string) bool {
	return e.used(kind) >= e.quota(kind)
}

// quotaError is the service's answer to a create past the quota.
func (r *request) quotaError(kind string) (int, any) {
	e := r.e
	return r.invalid("quota exceeded: the %s quota is %d and %d are in use", kind, e.quota(kind), e.used(kind))
}

// quotaInfo is the reference's QuotaInfo.
type quotaInfo struct {
	Type  string `json:"type"`
	Quota int    `json:"quota"`
	Used  int    `json:"used"`
}

func (e *Emulator) registerQuotas() {
	e.handle("GET /v5/{project_id}/vpn/quotas", func(r *request) (int, any) {
		res := make([]quotaInfo, 0, len(quotaKinds))
		for _, k := range quotaKinds {
			res = append(res, quotaInfo{Type: k, Quota: e.quota(k), Used: e.used(k)})
		}
		return http.StatusOK, map[string]any{"quotas": map[string]any{"resources": res}}
	})
}
