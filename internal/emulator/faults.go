package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// Fault modes (Options.FaultModes). FaultReject answers an error before
// the service acts (no state change). The other three let the service act
// and then lose the answer, as an API gateway or a broken network does:
// FaultLost504 answers 504 with the API gateway's JSON error body,
// FaultLostClose closes the connection without an answer, FaultSlow holds
// the answer for Options.SlowAnswer (longer than the client waits).
const (
	FaultReject    = "reject"
	FaultLost504   = "lost-504"
	FaultLostClose = "lost-close"
	FaultSlow      = "slow"
)

// FaultModeNames lists every fault mode, for flags and validation.
var FaultModeNames = []string{FaultReject, FaultLost504, FaultLostClose, FaultSlow}

// defaultSlowAnswer is Options.SlowAnswer when zero.
const defaultSlowAnswer = 3 * time.Second

// ParseFaultModes turns "lost-504,lost-close" into a list, rejecting unknown names.
func ParseFaultModes(s string) ([]string, error) {
	var out []string
	for _, m := range splitQuery([]string{s}) {
		if err := apispec.CheckOneOf(m, FaultModeNames); err != nil {
			return nil, fmt.Errorf("fault mode %q: %w", m, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// injectedFault is what pickFault decided: reject (answered instead of the
// handler) or mode (a lost-answer mode applied after the handler ran).
type injectedFault struct {
	reject func(http.ResponseWriter, string)
	mode   string
}

// isWrite reports the methods that change state.
func isWrite(method string) bool {
	return method == http.MethodPost || method == http.MethodPut || method == http.MethodDelete
}

// pickFault decides, with the seeded generator, whether this request gets
// an injected fault and which. Called with e.mu held, before any state
// change. With FaultWritesOnly, reads never draw from the generator, so the
// faults of the writes do not depend on how often a client polls.
func (e *Emulator) pickFault(method string) injectedFault {
	if e.opts.FaultRate <= 0 || (e.opts.FaultWritesOnly && !isWrite(method)) {
		return injectedFault{}
	}
	if e.rng.Float64() >= e.opts.FaultRate {
		return injectedFault{}
	}
	modes := e.opts.FaultModes
	if len(modes) == 0 {
		modes = []string{FaultReject}
	}
	mode := modes[e.rng.IntN(len(modes))]
	if mode != FaultReject {
		return injectedFault{mode: mode}
	}
	switch e.rng.IntN(4) {
	case 0:
		return injectedFault{reject: func(w http.ResponseWriter, rid string) {
			writeErrorID(w, rid, http.StatusInternalServerError, "VPN.0002", "server error: injected fault")
		}}
	case 1:
		return injectedFault{reject: func(w http.ResponseWriter, rid string) {
			writeErrorID(w, rid, http.StatusServiceUnavailable, "APIGW.0201", "Service unavailable")
		}}
	case 2:
		return injectedFault{reject: func(w http.ResponseWriter, rid string) {
			w.Header().Set("Retry-After", "1")
			writeErrorID(w, rid, http.StatusTooManyRequests, "APIGW.0308", "The throttling threshold has been reached")
		}}
	default:
		return injectedFault{reject: func(w http.ResponseWriter, rid string) {
			writeErrorID(w, rid, http.StatusBadRequest, "VPN.0030", "The system is busy, please try later.")
		}}
	}
}

// loseAnswer applies a lost-answer mode after the handler ran and reports
// whether the answer was lost (false: FaultSlow, and the client still
// waited, so the caller sends the answer late).
func (e *Emulator) loseAnswer(w http.ResponseWriter, r *http.Request, rid, pattern, mode string) bool {
	switch mode {
	case FaultLost504:
		writeErrorID(w, rid, http.StatusGatewayTimeout, "APIGW.0202", "Backend timeout")
		return true
	case FaultLostClose:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		// No hijacking (HTTP/2, a recorder): abort the handler, which
		// resets the stream without an answer.
		panic(http.ErrAbortHandler)
	case FaultSlow:
		wait := e.opts.SlowAnswer
		if wait <= 0 {
			wait = defaultSlowAnswer
		}
		select {
		case <-time.After(wait):
			return false
		case <-r.Context().Done():
			e.mu.Lock()
			e.lost[pattern]++
			e.mu.Unlock()
			return true
		}
	}
	return false
}

// LostAnswers returns, by route pattern, how many answers were lost after
// the service acted on the request.
func (e *Emulator) LostAnswers() map[string]int {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make(map[string]int, len(e.lost))
	for k, v := range e.lost {
		out[k] = v
	}
	return out
}

// ---- FREEZED / UNKNOWN ----

// frozenStatuses are the statuses Freeze accepts per kind: an account in
// arrears freezes gateways (FREEZED) and connections (FREEZED); a
// connection whose state the service lost reports UNKNOWN.
var frozenStatuses = map[string][]string{
	KindGateway:    {statusFreezed},
	KindConnection: {apispec.ConnectionStatusFreezed, apispec.ConnectionStatusUnknown},
}

// Freeze puts a gateway or connection into status (FREEZED, or UNKNOWN for
// a connection) until Unfreeze; its pending transition waits meanwhile.
// An empty status is Unfreeze.
func (e *Emulator) Freeze(id, status string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.settleAll(e.now())
	if status == "" {
		return e.unfreezeLocked(id)
	}
	kind, cur, set := e.statusOf(id)
	if set == nil {
		return fmt.Errorf("no vpn gateway or vpn connection %s", id)
	}
	if err := apispec.CheckOneOf(status, frozenStatuses[kind]); err != nil {
		return fmt.Errorf("status for %s: %w", kind, err)
	}
	if _, already := e.st.Frozen[id]; !already {
		e.st.Frozen[id] = cur
	}
	set(status)
	e.changed()
	return nil
}

// Unfreeze gives a frozen gateway or connection its status back.
func (e *Emulator) Unfreeze(id string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.unfreezeLocked(id)
}

func (e *Emulator) unfreezeLocked(id string) error {
	prev, ok := e.st.Frozen[id]
	if !ok {
		return fmt.Errorf("%s is not frozen", id)
	}
	delete(e.st.Frozen, id)
	if _, _, set := e.statusOf(id); set != nil {
		set(prev)
	}
	e.changed()
	return nil
}

// statusOf finds a gateway or connection: its kind, status and a setter.
// Called with e.mu held.
func (e *Emulator) statusOf(id string) (string, string, func(string)) {
	if g, ok := e.st.Gateways[id]; ok {
		return KindGateway, g.Status, func(s string) { g.Status = s }
	}
	if c, ok := e.st.Connections[id]; ok {
		return KindConnection, c.Status, func(s string) { c.Status = s }
	}
	return "", "", nil
}

// freezeNew applies Options.FreezeNew to the resource a create just made.
// Called with e.mu held.
func (e *Emulator) freezeNew(pattern string, out any) {
	if len(e.opts.FreezeNew) == 0 {
		return
	}
	m, ok := out.(map[string]any)
	if !ok {
		return
	}
	creates := map[string][2]string{
		"POST /v5/{project_id}/vpn-gateways":   {"vpn_gateway", KindGateway},
		"POST /v5/{project_id}/vpn-connection": {"vpn_connection", KindConnection},
	}
	if c, ok := creates[pattern]; ok {
		status, want := e.opts.FreezeNew[c[1]]
		v, has := m[c[0]]
		if !want || !has {
			return
		}
		b, _ := json.Marshal(v)
		var obj struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(b, &obj) != nil || obj.ID == "" {
			return
		}
		if _, cur, set := e.statusOf(obj.ID); set != nil {
			if _, already := e.st.Frozen[obj.ID]; !already {
				e.st.Frozen[obj.ID] = cur
			}
			set(status)
		}
	}
}

// adminFreeze is POST /_emulator/freeze {"id": "...", "status": "FREEZED"};
// an empty status lets the resource come back.
func (e *Emulator) adminFreeze(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.ID == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": `want {"id": "...", "status": "FREEZED|UNKNOWN|"}`})
		return
	}
	if err := e.Freeze(in.ID, in.Status); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
