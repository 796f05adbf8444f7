// Package emulator is an in-memory, stateful emulator of the Huawei Cloud VPN
// v5 API (plus the one IAM call the provider needs). It verifies request
// signatures, runs the asynchronous life cycles described in
// shared/api/NOTES.md, validates requests the way the reference documents,
// and can inject faults. It keeps its own wire types, written from the
// reference: it must never import the client's models.
package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	mrand "math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Resource kinds, used for per-kind delays, quotas and the admin listing.
const (
	KindGateway         = "vpn_gateway"
	KindCustomerGateway = "customer_gateway"
	KindConnection      = "vpn_connection"
	KindMonitor         = "connection_monitor"
	KindCertificate     = "vpn_gateway_certificate"
)

// Defaults for Options.
const (
	DefaultAccessKey = "EMULATORACCESSKEY000"
	DefaultSecretKey = "emulatorSecretKey0000000000000000000000000"
	DefaultProjectID = "0e1ab5c3d2f44e7a9b8c6d5e4f3a2b10"
	DefaultRegion    = "emu-region-1"
)

// Options configure an Emulator. Zero values get the defaults above.
type Options struct {
	AccessKey string
	SecretKey string
	ProjectID string
	Region    string

	// Delay is how long asynchronous transitions take. 0 settles on the next read.
	Delay time.Duration
	// Delays overrides Delay per kind (Kind* constants).
	Delays map[string]time.Duration

	// FaultRate (0..1) is the share of API requests that get an injected
	// fault; FaultSeed makes the choice repeatable (same seed and request
	// sequence, same faults). FaultModes chooses what a fault is (Fault*
	// constants, see faults.go; empty = FaultReject, today's behaviour);
	// FaultWritesOnly restricts faults to POST, PUT and DELETE.
	FaultRate       float64
	FaultSeed       uint64
	FaultModes      []string
	FaultWritesOnly bool
	// SlowAnswer is how long FaultSlow holds an answer after the service
	// acted (default 3 s): longer than the client's per-request timeout.
	SlowAnswer time.Duration
	// FreezeNew puts every resource of a kind (KindGateway, KindConnection)
	// into a status (FREEZED, UNKNOWN) right after its create was answered,
	// until Unfreeze (or POST /_emulator/freeze with an empty status).
	FreezeNew map[string]string
	// Latency is added to every request.
	Latency time.Duration

	// StateFile, when set, is loaded at start and saved atomically after every change.
	StateFile string

	// Quotas overrides the default quota per kind (vpn_gateway, customer_gateway, vpn_connection).
	Quotas map[string]int

	// Zones overrides the availability zones of a flavor, by the key of the
	// availability-zones answer (basic, professional1, gm, ...). Unset
	// flavors have the region's zones a, b, c (vpc) and a, b (er).
	Zones map[string]ZoneLists

	// Now overrides the clock (tests).
	Now func() time.Time
	// Logger receives one line per request when non-nil.
	Logger *log.Logger
}

// Emulator is the fake service. It is an http.Handler.
type Emulator struct {
	opts Options
	mux  *http.ServeMux

	mu     sync.Mutex
	st     *state
	counts map[string]int
	lost   map[string]int
	rng    *mrand.Rand
}

// state is everything the service stores; it is what -state-file persists.
type state struct {
	Gateways         map[string]*gatewayRecord         `json:"gateways"`
	CustomerGateways map[string]*customerGatewayRecord `json:"customer_gateways"`
	Connections      map[string]*connectionRecord      `json:"connections"`
	Monitors         map[string]*monitorRecord         `json:"monitors"`
	// Certificates by gateway id (one per GM gateway).
	Certificates map[string]*certificateRecord `json:"certificates"`
	// Tags by resource id.
	Tags map[string]map[string]string `json:"tags"`
	// EIPs are the account's EIPs that no gateway holds (a gateway's own
	// are in its record), by id.
	EIPs map[string]*eipRecord `json:"eips"`
	// Frozen holds, by id, the status a FREEZED/UNKNOWN resource had before.
	Frozen map[string]string `json:"frozen"`
	// Seq feeds generated names and addresses.
	Seq int `json:"seq"`
}

func newState() *state {
	return &state{
		Gateways:         map[string]*gatewayRecord{},
		CustomerGateways: map[string]*customerGatewayRecord{},
		Connections:      map[string]*connectionRecord{},
		Monitors:         map[string]*monitorRecord{},
		Certificates:     map[string]*certificateRecord{},
		Tags:             map[string]map[string]string{},
		EIPs:             map[string]*eipRecord{},
		Frozen:           map[string]string{},
	}
}

// New builds an Emulator. It fails only when a state file exists but cannot be read.
func New(opts Options) (*Emulator, error) {
	if opts.AccessKey == "" {
		opts.AccessKey = DefaultAccessKey
	}
	if opts.SecretKey == "" {
		opts.SecretKey = DefaultSecretKey
	}
	if opts.ProjectID == "" {
		opts.ProjectID = DefaultProjectID
	}
	if opts.Region == "" {
		opts.Region = DefaultRegion
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	e := &Emulator{
		opts:   opts,
		st:     newState(),
		counts: map[string]int{},
		lost:   map[string]int{},
		rng:    mrand.New(mrand.NewPCG(opts.FaultSeed, opts.FaultSeed^0x9e3779b97f4a7c15)),
	}
	if opts.StateFile != "" {
		if err := e.load(); err != nil {
			return nil, err
		}
	}
	e.mux = http.NewServeMux()
	e.routes()
	return e, nil
}

// Options returns the effective options (defaults filled in).
func (e *Emulator) Options() Options { return e.opts }

func (e *Emulator) now() time.Time { return e.opts.Now().UTC() }

// delay returns the transition delay for a kind.
func (e *Emulator) delay(kind string) time.Duration {
	if d, ok := e.opts.Delays[kind]; ok {
		return d
	}
	return e.opts.Delay
}

// routes registers every endpoint. Each family registers its own in its file.
func (e *Emulator) routes() {
	e.mux.HandleFunc("GET /_emulator/resources", e.adminResources)
	e.mux.HandleFunc("GET /_emulator/requests", e.adminRequests)
	e.mux.HandleFunc("POST /_emulator/reset", e.adminReset)
	e.mux.HandleFunc("POST /_emulator/freeze", e.adminFreeze)
	e.registerEIPs()
	e.registerIAM()
	e.registerGateways()
	e.registerCustomerGateways()
	e.registerConnections()
	e.registerMonitors()
	e.registerCertificates()
	e.registerQuotas()
	e.registerTags()
	e.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusNotFound, "APIGW.0101", "The API does not exist or has not been published in the environment")
	})
}

// handle registers an API handler. The handler runs with e.mu held, after
// signature verification, fault injection and settling of due transitions;
// it returns the status and body to send (body is JSON-encoded; a map or
// struct gets "request_id" added when it is a map[string]any).
// Handlers that change state must call e.changed() so the state file is saved.
func (e *Emulator) handle(pattern string, h apiHandler) {
	e.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { e.serveAPI(w, r, pattern, h) })
}

type apiHandler func(r *request) (int, any)

// request is what an API handler gets: the HTTP request, its body bytes and path values.
type request struct {
	*http.Request
	Body []byte
	ID   string // request id, also sent as X-Request-Id
	e    *Emulator
}

// ServeHTTP implements http.Handler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.mux.ServeHTTP(w, r)
}

func (e *Emulator) serveAPI(w http.ResponseWriter, r *http.Request, pattern string, h apiHandler) {
	start := time.Now()
	rid := newUUID()
	w.Header().Set("X-Request-Id", rid)
	if e.opts.Latency > 0 {
		select {
		case <-time.After(e.opts.Latency):
		case <-r.Context().Done():
			return
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 12<<20))
	if err != nil {
		writeErrorID(w, rid, http.StatusBadRequest, "VPN.0001", "invalid request: unreadable body")
		return
	}
	e.mu.Lock()
	e.counts[pattern]++
	e.mu.Unlock()

	if status, code, msg := e.verify(r, body); status != 0 {
		writeErrorID(w, rid, status, code, msg)
		e.logf("%s %s -> %d %s (%s)", r.Method, r.URL.Path, status, code, time.Since(start))
		return
	}
	if pid := r.PathValue("project_id"); pid != "" && pid != e.opts.ProjectID && !strings.HasPrefix(pattern, "GET /v3/projects") {
		writeErrorID(w, rid, http.StatusForbidden, "VPN.0003", fmt.Sprintf("Authentication failed: project %s is not the project of this credential", pid))
		return
	}

	e.mu.Lock()
	fault := e.pickFault(r.Method)
	if fault.reject != nil {
		e.mu.Unlock()
		fault.reject(w, rid)
		e.logf("%s %s -> injected fault (%s)", r.Method, r.URL.Path, time.Since(start))
		return
	}
	e.settleAll(e.now())
	status, out := h(&request{Request: r, Body: body, ID: rid, e: e})
	if status < 300 {
		e.freezeNew(pattern, out)
	}
	if fault.mode == FaultLost504 || fault.mode == FaultLostClose {
		e.lost[pattern]++
	}
	e.mu.Unlock()

	if fault.mode != "" && e.loseAnswer(w, r, rid, pattern, fault.mode) {
		e.logf("%s %s -> %d, answer lost (%s, %s)", r.Method, r.URL.Path, status, fault.mode, time.Since(start))
		return
	}

	if m, ok := out.(map[string]any); ok {
		if _, has := m["request_id"]; !has {
			m["request_id"] = rid
		}
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	if out != nil && status != http.StatusNoContent {
		_ = json.NewEncoder(w).Encode(out)
	}
	e.logf("%s %s -> %d (%s)", r.Method, r.URL.Path, status, time.Since(start))
}

func (e *Emulator) logf(format string, args ...any) {
	if e.opts.Logger != nil {
		e.opts.Logger.Printf(format, args...)
	}
}

// settleAll advances every asynchronous transition that is due. Called with e.mu held.
func (e *Emulator) settleAll(now time.Time) {
	changed := e.settleGateways(now)
	changed = e.settleConnections(now) || changed
	changed = e.settleMonitors(now) || changed
	changed = e.settleCertificates(now) || changed
	if changed {
		e.changed()
	}
}

// changed persists the state when a state file is configured. Called with e.mu held.
func (e *Emulator) changed() {
	if e.opts.StateFile == "" {
		return
	}
	if err := e.save(); err != nil {
		e.logf("saving state: %v", err)
	}
}

func (e *Emulator) load() error {
	b, err := os.ReadFile(e.opts.StateFile)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading state file: %w", err)
	}
	st := newState()
	if len(b) > 0 {
		if err := json.Unmarshal(b, st); err != nil {
			return fmt.Errorf("parsing state file %s: %w", e.opts.StateFile, err)
		}
	}
	fill := newState()
	if st.Gateways == nil {
		st.Gateways = fill.Gateways
	}
	if st.CustomerGateways == nil {
		st.CustomerGateways = fill.CustomerGateways
	}
	if st.Connections == nil {
		st.Connections = fill.Connections
	}
	if st.Monitors == nil {
		st.Monitors = fill.Monitors
	}
	if st.Certificates == nil {
		st.Certificates = fill.Certificates
	}
	if st.Tags == nil {
		st.Tags = fill.Tags
	}
	if st.EIPs == nil {
		st.EIPs = fill.EIPs
	}
	if st.Frozen == nil {
		st.Frozen = fill.Frozen
	}
	e.st = st
	return nil
}

// save writes the state atomically (temp file + rename).
func (e *Emulator) save() error {
	b, err := json.MarshalIndent(e.st, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(e.opts.StateFile)
	f, err := os.CreateTemp(dir, ".vpn-emulator-state-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), e.opts.StateFile)
}

// ---- admin endpoints and Go-side inspection (for tests and benchmarks) ----

// Resources returns the ids of every stored resource by kind.
func (e *Emulator) Resources() map[string][]string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.settleAll(e.now())
	out := map[string][]string{
		KindGateway: slices.Sorted(maps.Keys(e.st.Gateways)), KindCustomerGateway: slices.Sorted(maps.Keys(e.st.CustomerGateways)),
		KindConnection: slices.Sorted(maps.Keys(e.st.Connections)), KindMonitor: slices.Sorted(maps.Keys(e.st.Monitors)),
		KindCertificate: slices.Sorted(maps.Keys(e.st.Certificates)),
	}
	return out
}

// RequestCounts returns how many API requests each route pattern
// ("METHOD /path/{template}") received.
func (e *Emulator) RequestCounts() map[string]int {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make(map[string]int, len(e.counts))
	for k, v := range e.counts {
		out[k] = v
	}
	return out
}

// ResetCounts zeroes the request counters.
func (e *Emulator) ResetCounts() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.counts = map[string]int{}
	e.lost = map[string]int{}
}

// Reset drops every resource and counter.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st = newState()
	e.counts = map[string]int{}
	e.lost = map[string]int{}
	e.changed()
}

// adminResources answers the resource ids by kind and, under "eips", every
// EIP of the account with the gateway that holds it ("" when unbound).
func (e *Emulator) adminResources(w http.ResponseWriter, _ *http.Request) {
	out := map[string]any{}
	for k, v := range e.Resources() {
		out[k] = v
	}
	out["eips"] = e.EIPs()
	writeJSON(w, http.StatusOK, out)
}

// adminRequests answers the request counts by route pattern, plus one
// "lost <pattern>" entry per route whose answers were lost after the
// service acted (FaultLost504, FaultLostClose, FaultSlow).
func (e *Emulator) adminRequests(w http.ResponseWriter, _ *http.Request) {
	out := e.RequestCounts()
	for k, v := range e.LostAnswers() {
		out["lost "+k] = v
	}
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) adminReset(w http.ResponseWriter, _ *http.Request) {
	e.Reset()
	w.WriteHeader(http.StatusNoContent)
}

// ---- helpers shared by every family ----

// apiError is the service's error body (shape 1 of NOTES.md item 6).
type apiError struct {
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	RequestID string `json:"request_id"`
}

func writeError(w http.ResponseWriter, _ *http.Request, status int, code, msg string) {
	writeErrorID(w, newUUID(), status, code, msg)
}

func writeErrorID(w http.ResponseWriter, rid string, status int, code, msg string) {
	w.Header().Set("X-Request-Id", rid)
	writeJSON(w, status, apiError{ErrorCode: code, ErrorMsg: msg, RequestID: rid})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// fail builds the JSON body for an API error answered from a handler:
//
//	return r.fail(http.StatusBadRequest, "VPN.0001", "invalid request: name ...")
func (r *request) fail(status int, code, msg string) (int, any) {
	return status, apiError{ErrorCode: code, ErrorMsg: msg, RequestID: r.ID}
}

// invalid answers 400 VPN.0001 "invalid request: <msg>".
func (r *request) invalid(format string, args ...any) (int, any) {
	return r.fail(http.StatusBadRequest, "VPN.0001", "invalid request: "+fmt.Sprintf(format, args...))
}

// Service types: the "type=" of not-found and not-ready messages.
const (
	typeGateway         = "GATEWAY"
	typeCustomerGateway = "CUSTOMER_GATEWAY"
	typeConnection      = "VPN_CONNECTION"
	typeMonitor         = "CONNECTION_MONITOR"
	typeCertificate     = "VPN_GATEWAY_CERTIFICATE"
)

// notFound answers 404 VPN.0004 for a resource of the given service type (typeGateway, ...).
func (r *request) notFound(typ, id string) (int, any) {
	return r.fail(http.StatusNotFound, "VPN.0004", fmt.Sprintf("resource (type=%s, ID=%s) not found", typ, id))
}

// notReady answers like the reference's example (VPN.0003 is a 403 in the
// reference's error-code table): "resource (type=GATEWAY, ID=...) is not ready, currently CREATING",
// naming status the way currentlyWord does.
func (r *request) notReady(typ, id, status string) (int, any) {
	return r.fail(http.StatusForbidden, "VPN.0003", fmt.Sprintf("resource (type=%s, ID=%s) is not ready, currently %s", typ, id, currentlyWord(status)))
}

// currentlyWord is the word the "not ready" message uses for a status.
func currentlyWord(status string) string {
	switch status {
	case statusPendingCreate:
		return "CREATING"
	case statusPendingUpdate:
		return "UPDATING"
	case statusPendingDelete:
		return "DELETING"
	}
	return status
}

// decode unmarshals the body strictly enough to catch malformed JSON; unknown fields are accepted
// (the SDK sends fields the reference omits).
func (r *request) decode(v any) error {
	if len(r.Body) == 0 {
		return fmt.Errorf("request body is empty")
	}
	return json.Unmarshal(r.Body, v)
}

// splitQuery flattens repeated and comma-separated query values.
func splitQuery(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// randomSuffix is four random hex digits, as in the names the service
// generates (vpngw-xxxx, cgw-xxxx, vpn-xxxx, bandwidth-xxxx).
func randomSuffix() string {
	b := make([]byte, 2)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// timestamp formats t the way the reference's responses do.
func timestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// decodeMessage turns a JSON decoding error into the text after "invalid request: ",
// naming the field when the error is a type mismatch.
func decodeMessage(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s must be of type %s, got JSON %s", te.Field, jsonTypeName(te.Type.Kind().String()), te.Value)
	}
	return "malformed request body: " + err.Error()
}

func jsonTypeName(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "array"
	case "struct", "map", "ptr":
		return "object"
	}
	return "number"
}
