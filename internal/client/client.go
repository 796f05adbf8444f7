// Package client is the Huawei Cloud VPN v5 API client: request signing,
// transport, retries, typed errors, typed models and pollers. It has no
// Terraform framework imports.
package client

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// Config configures a Client. Zero values get documented defaults.
type Config struct {
	Region        string
	AccessKey     string
	SecretKey     string
	SecurityToken string
	// ProjectID; when empty, New discovers it through IAM GET /v3/projects?name={Region}.
	ProjectID string
	// VPNEndpoint defaults to https://vpn.{region}.myhuaweicloud.com.
	VPNEndpoint string
	// IAMEndpoint defaults to https://iam.{region}.myhuaweicloud.com.
	IAMEndpoint string
	Insecure    bool
	// MaxRetries bounds retries of one request (default 5 when negative is not given; 0 = no retry).
	MaxRetries int
	// UserAgent is sent on every request.
	UserAgent string
	// HTTPClient overrides the transport (tests).
	HTTPClient *http.Client
	// Backoff overrides the retry backoff schedule (tests); nil = defaults.
	Backoff *Backoff
	// Now overrides the clock used for signing (tests); nil = time.Now.
	Now func() time.Time
}

// Backoff is the retry schedule: full-jitter exponential between Min and Max.
type Backoff struct {
	Min time.Duration
	Max time.Duration
}

// Client is one provider instance's connection to the VPN service.
type Client struct {
	cfg        Config
	projectID  string
	httpClient *http.Client
}

// New builds a Client and, when cfg.ProjectID is empty, discovers the project id.
func New(ctx context.Context, cfg Config) (*Client, error) {
	panic("TODO: implemented by the client core")
}

// ProjectID returns the project id in use.
func (c *Client) ProjectID() string { return c.projectID }

// Region returns the configured region.
func (c *Client) Region() string { return c.cfg.Region }

// Path joins elements under /v5/{project_id}: Path("vpn-gateways", id) -> /v5/{pid}/vpn-gateways/{id}.
// Each element is path-escaped.
func (c *Client) Path(elem ...string) string {
	panic("TODO")
}

// Do sends one signed request to the VPN endpoint with retries. path is the
// absolute path (e.g. from Path, or "/v5.1/..."). in, when non-nil, is
// JSON-encoded as the body; out, when non-nil, receives the decoded JSON
// response. Non-2xx answers are returned as *APIError.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	panic("TODO")
}
