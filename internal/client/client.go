// Package client is the Huawei Cloud VPN v5 API client: request signing,
// transport, retries, typed errors, typed models and pollers. It has no
// Terraform framework imports.
package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultUserAgent is sent when Config.UserAgent is empty.
const DefaultUserAgent = "terraform-provider-huaweicloudvpn/dev"

// clientMaxResponseBytes bounds how much of a response body is read.
const clientMaxResponseBytes = 32 << 20

// clientResponseHeaderTimeout bounds the wait for a response's headers.
const clientResponseHeaderTimeout = 2 * time.Minute

// clientMaxIdleConnsPerHost is how many idle connections the client keeps
// per endpoint: more than Terraform's default -parallelism of 10.
const clientMaxIdleConnsPerHost = 32

// Config configures a Client. Zero values get documented defaults, except
// MaxRetries, where 0 means "no retries".
type Config struct {
	// Region, e.g. "cn-north-4"; required. It names the default endpoints
	// and the IAM project looked up when ProjectID is empty.
	Region string
	// AccessKey and SecretKey sign every request (SDK-HMAC-SHA256); required.
	AccessKey string
	SecretKey string
	// SecurityToken, for temporary credentials, is sent (and signed) as X-Security-Token.
	SecurityToken string
	// ProjectID; when empty, New discovers it through IAM GET /v3/projects?name={Region}.
	ProjectID string
	// VPNEndpoint defaults to https://vpn.{region}.myhuaweicloud.com. Trailing slashes are ignored.
	VPNEndpoint string
	// IAMEndpoint defaults to https://iam.{region}.myhuaweicloud.com. Trailing slashes are ignored.
	IAMEndpoint string
	// EIPEndpoint is the EIP service (API v3), used to unbind a customer's
	// EIPs from a gateway; defaults to https://vpc.{region}.myhuaweicloud.com,
	// where Huawei Cloud serves the EIP API. Trailing slashes are ignored.
	EIPEndpoint string
	// RequestTimeout bounds one attempt of one request (0 = only the
	// 2-minute wait for response headers). A write that times out is
	// ambiguous (*AmbiguousError): the service may have acted.
	RequestTimeout time.Duration
	// Insecure turns off TLS certificate verification (ignored with HTTPClient).
	Insecure bool
	// MaxRetries bounds the retries of one request after its first attempt:
	// 0 means no retry, a negative value means DefaultMaxRetries (5).
	MaxRetries int
	// UserAgent is sent on every request; DefaultUserAgent when empty.
	UserAgent string
	// HTTPClient overrides the transport (tests); nil = a client of our own
	// with TLS verification unless Insecure.
	HTTPClient *http.Client
	// Backoff overrides the retry backoff schedule (tests); nil = defaults.
	Backoff *Backoff
	// Poll overrides the status polling schedule (tests); nil = DefaultPollSchedule().
	Poll *PollSchedule
	// Now overrides the clock used for signing (tests); nil = time.Now.
	Now func() time.Time
}

// Backoff is the retry schedule: full-jitter exponential between Min and
// Max (defaults 500 ms and 20 s). A Retry-After header replaces the jitter,
// capped at MaxRetryAfter (default 60 s).
type Backoff struct {
	Min           time.Duration
	Max           time.Duration
	MaxRetryAfter time.Duration
}

// Client is one provider instance's connection to the VPN service. It is
// safe for concurrent use.
type Client struct {
	cfg        Config
	projectID  string
	httpClient *http.Client

	vpnBase    *url.URL
	iamBase    *url.URL
	eipBase    *url.URL
	userAgent  string
	maxRetries int
	backoff    Backoff
	now        func() time.Time
	// sleep waits between attempts; tests replace it to record delays.
	sleep func(ctx context.Context, d time.Duration) error
}

// New builds a Client and, when cfg.ProjectID is empty, discovers the project id.
func New(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.Region == "" {
		return nil, errors.New("huaweicloudvpn client: region is required")
	}
	if cfg.AccessKey == "" || cfg.SecretKey == "" {
		return nil, errors.New("huaweicloudvpn client: access key and secret key are required")
	}
	vpnEndpoint := cfg.VPNEndpoint
	if vpnEndpoint == "" {
		vpnEndpoint = "https://vpn." + cfg.Region + ".myhuaweicloud.com"
	}
	iamEndpoint := cfg.IAMEndpoint
	if iamEndpoint == "" {
		iamEndpoint = "https://iam." + cfg.Region + ".myhuaweicloud.com"
	}
	eipEndpoint := cfg.EIPEndpoint
	if eipEndpoint == "" {
		eipEndpoint = "https://vpc." + cfg.Region + ".myhuaweicloud.com"
	}
	eipBase, err := clientParseEndpoint("eip_endpoint", eipEndpoint)
	if err != nil {
		return nil, err
	}
	vpnBase, err := clientParseEndpoint("vpn_endpoint", vpnEndpoint)
	if err != nil {
		return nil, err
	}
	iamBase, err := clientParseEndpoint("iam_endpoint", iamEndpoint)
	if err != nil {
		return nil, err
	}
	c := &Client{
		cfg:        cfg,
		projectID:  cfg.ProjectID,
		httpClient: cfg.HTTPClient,
		vpnBase:    vpnBase,
		iamBase:    iamBase,
		eipBase:    eipBase,
		userAgent:  cfg.UserAgent,
		maxRetries: cfg.MaxRetries,
		backoff:    retryNormalizeBackoff(cfg.Backoff),
		now:        cfg.Now,
		sleep:      retrySleep,
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	if c.maxRetries < 0 {
		c.maxRetries = DefaultMaxRetries
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.httpClient == nil {
		base, ok := http.DefaultTransport.(*http.Transport)
		if !ok {
			return nil, fmt.Errorf("huaweicloudvpn client: http.DefaultTransport is a %T, not an *http.Transport", http.DefaultTransport)
		}
		transport := base.Clone()
		transport.TLSClientConfig = &tls.Config{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: cfg.Insecure, //nolint:gosec // opt-in by the user (insecure = true)
		}
		// A server that accepts a request and never answers must not hang a
		// run without a deadline; the context still bounds everything.
		transport.ResponseHeaderTimeout = clientResponseHeaderTimeout
		// Terraform calls the provider for up to -parallelism (10) resources
		// at once; with the default of 2 idle connections per host, most
		// calls would open (and against the service, TLS-handshake) a new
		// connection and close it again.
		transport.MaxIdleConnsPerHost = clientMaxIdleConnsPerHost
		c.httpClient = &http.Client{Transport: transport}
	}
	if c.projectID == "" {
		if c.projectID, err = c.discoverProjectID(ctx); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// clientParseEndpoint validates an endpoint URL and drops trailing slashes.
func clientParseEndpoint(name, raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(raw), "/"))
	if err != nil {
		return nil, fmt.Errorf("huaweicloudvpn client: invalid %s %q: %w", name, raw, err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("huaweicloudvpn client: invalid %s %q: want http(s)://host[:port][/prefix]", name, raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("huaweicloudvpn client: invalid %s %q: no query or fragment allowed", name, raw)
	}
	return u, nil
}

// discoverProjectID finds the id of the IAM project named after the region.
func (c *Client) discoverProjectID(ctx context.Context) (string, error) {
	var out struct {
		Projects []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"projects"`
	}
	q := url.Values{"name": {c.cfg.Region}}
	if err := c.send(ctx, c.iamBase, false, http.MethodGet, "/v3/projects", q, nil, &out); err != nil {
		return "", fmt.Errorf("huaweicloudvpn client: discovering the project id of region %q through IAM (set project_id to skip this): %w", c.cfg.Region, err)
	}
	var ids []string
	for _, p := range out.Projects {
		if p.Name == c.cfg.Region && p.ID != "" {
			ids = append(ids, p.ID)
		}
	}
	switch len(ids) {
	case 0:
		return "", fmt.Errorf("huaweicloudvpn client: IAM has no project named %q for these credentials; check the region or set project_id", c.cfg.Region)
	case 1:
		return ids[0], nil
	default:
		return "", fmt.Errorf("huaweicloudvpn client: IAM has %d projects named %q (%s); set project_id to choose one", len(ids), c.cfg.Region, strings.Join(ids, ", "))
	}
}

// ProjectID returns the project id in use.
func (c *Client) ProjectID() string { return c.projectID }

// Region returns the configured region.
func (c *Client) Region() string { return c.cfg.Region }

// Path joins elements under /v5/{project_id}: Path("vpn-gateways", id) -> /v5/{pid}/vpn-gateways/{id}.
// Each element is path-escaped, so an id can never add path segments.
func (c *Client) Path(elem ...string) string {
	var b strings.Builder
	b.WriteString("/v5/")
	b.WriteString(url.PathEscape(c.projectID))
	for _, e := range elem {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(e))
	}
	return b.String()
}

// Do sends one signed request to the VPN endpoint with retries. path is the
// absolute path (e.g. from Path, or "/v5.1/..."). in, when non-nil, is
// JSON-encoded as the body (a []byte or json.RawMessage is sent as is);
// out, when non-nil, receives the decoded JSON response. Non-2xx answers
// are returned as *APIError; retries are described on Config.MaxRetries
// and in retry.go.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	return c.send(ctx, c.vpnBase, true, method, path, query, in, out)
}

// Query sends a POST that only reads (the resource-instances filter and
// count): unlike a write, it is retried after a 5xx or a lost answer like a
// GET, since sending it twice changes nothing.
func (c *Client) Query(ctx context.Context, path string, query url.Values, in, out any) error {
	return c.sendRequest(ctx, c.vpnBase, true, http.MethodPost, path, query, in, out, false)
}

// send is Do against any base URL; withProject adds X-Project-Id.
func (c *Client) send(ctx context.Context, base *url.URL, withProject bool, method, path string, query url.Values, in, out any) error {
	return c.sendRequest(ctx, base, withProject, method, path, query, in, out, retryIsWrite(method))
}

// sendRequest is send; write marks a request that changes state, which is
// never sent again after its answer may have been lost (AmbiguousError).
func (c *Client) sendRequest(ctx context.Context, base *url.URL, withProject bool, method, path string, query url.Values, in, out any, write bool) error {
	var body []byte
	switch v := in.(type) {
	case nil:
	case []byte:
		body = v
	case json.RawMessage:
		body = v
	default:
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("%s %s: encoding request body: %w", method, path, err)
		}
	}
	target, err := clientJoinURL(base, path, query)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	ctx = c.httplogContext(ctx)

	for attempt := 0; ; attempt++ {
		actx, cancelAttempt := ctx, context.CancelFunc(func() {})
		if c.cfg.RequestTimeout > 0 {
			actx, cancelAttempt = context.WithTimeout(ctx, c.cfg.RequestTimeout)
		}
		req, err := c.newSignedRequest(actx, method, target, body, in != nil, withProject)
		if err != nil {
			cancelAttempt()
			return fmt.Errorf("%s %s: %w", method, path, err)
		}
		httplogRequest(ctx, req, body, attempt+1)
		start := time.Now()
		resp, err := c.httpClient.Do(req)
		var respBody []byte
		if err == nil {
			respBody, err = io.ReadAll(io.LimitReader(resp.Body, clientMaxResponseBytes))
			resp.Body.Close()
		}
		cancelAttempt()
		elapsed := time.Since(start)

		if err != nil {
			httplogTransportError(ctx, req, err, elapsed, attempt+1)
			if ctxErr := ctx.Err(); ctxErr != nil {
				if write && !retryIsDialError(err) {
					return &AmbiguousError{Method: method, Path: path, Err: fmt.Errorf("%w (%w)", ctxErr, err)}
				}
				return fmt.Errorf("%s %s: %w", method, path, ctxErr)
			}
			// A write that may have reached the server is never sent again
			// blindly: the caller reads back and decides (AmbiguousError).
			// resp != nil: the body broke off after the status line.
			if write && (resp != nil || !retryIsDialError(err)) {
				return &AmbiguousError{Method: method, Path: path, Err: err}
			}
			if attempt >= c.maxRetries || (write && !retryableTransportError(method, err)) {
				return fmt.Errorf("%s %s: %w", method, path, err)
			}
			if sleepErr := c.sleep(ctx, retryJitterDelay(c.backoff, attempt)); sleepErr != nil {
				return fmt.Errorf("%s %s: %w (after: %w)", method, path, sleepErr, err)
			}
			continue
		}

		httplogResponse(ctx, req, resp, respBody, elapsed, attempt+1)
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			if out == nil || len(bytes.TrimSpace(respBody)) == 0 {
				return nil
			}
			if err := json.Unmarshal(respBody, out); err != nil {
				return fmt.Errorf("%s %s: decoding response (HTTP %d, request id %q): %w",
					method, path, resp.StatusCode, resp.Header.Get("X-Request-Id"), err)
			}
			return nil
		}
		apiErr := ParseAPIError(method, path, resp.StatusCode, resp.Header, respBody)
		if write && retryAnswerAmbiguous(apiErr) {
			return &AmbiguousError{Method: method, Path: path, Err: apiErr}
		}
		if attempt >= c.maxRetries || !retryableStatus(apiErr) {
			return apiErr
		}
		delay, ok := retryAfterDelay(resp.Header, c.now(), c.backoff.MaxRetryAfter)
		if !ok {
			delay = retryJitterDelay(c.backoff, attempt)
		}
		if err := c.sleep(ctx, delay); err != nil {
			return fmt.Errorf("%s %s: %w (after: %w)", method, path, err, apiErr)
		}
	}
}

// newSignedRequest builds one attempt: fresh headers, fresh date, fresh signature.
func (c *Client) newSignedRequest(ctx context.Context, method string, target *url.URL, body []byte, hasBody, withProject bool) (*http.Request, error) {
	var reader io.Reader
	if hasBody {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target.String(), reader)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	if hasBody {
		req.Header.Set("Content-Type", "application/json")
	}
	if withProject {
		req.Header.Set(HeaderProjectID, c.projectID)
	}
	if c.cfg.SecurityToken != "" {
		req.Header.Set(HeaderSecurityToken, c.cfg.SecurityToken)
	}
	if err := Sign(req, body, c.cfg.AccessKey, c.cfg.SecretKey, c.now()); err != nil {
		return nil, err
	}
	return req, nil
}

// clientJoinURL puts an absolute, already escaped path (and query) under base.
func clientJoinURL(base *url.URL, path string, query url.Values) (*url.URL, error) {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	ref, err := url.Parse(path)
	if err != nil {
		return nil, fmt.Errorf("invalid path: %w", err)
	}
	if ref.Scheme != "" || ref.Host != "" {
		return nil, fmt.Errorf("path %q must not name a host", path)
	}
	u := *base
	u.Path = base.Path + ref.Path
	u.RawPath = base.EscapedPath() + ref.EscapedPath()
	q := ref.Query()
	for k, vs := range query {
		q[k] = append(q[k], vs...)
	}
	u.RawQuery = q.Encode()
	return &u, nil
}
