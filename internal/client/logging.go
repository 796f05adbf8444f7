package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// LogSubsystem is the terraform-plugin-log subsystem of the HTTP traffic.
// Its level follows TF_LOG_PROVIDER_HUAWEICLOUDVPN_HTTP when set.
const LogSubsystem = "http"

// Environment variables of the provider's log levels (terraform-plugin-go
// names the root one after the provider type).
const (
	// LogEnvProvider sets the level of the provider's root logger.
	LogEnvProvider = "TF_LOG_PROVIDER_HUAWEICLOUDVPN"
	// LogEnvHTTP sets the level of the "http" subsystem (LogSubsystem).
	LogEnvHTTP = LogEnvProvider + "_HTTP"
)

// redactedValue replaces every secret in log output.
const redactedValue = "***"

// maskSecret shows only whether a secret is set (for the String methods of
// requests that carry a PSK or private keys).
func maskSecret(s string) string {
	if s == "" {
		return `""`
	}
	return redactedValue
}

// httplogSecretKeys are JSON keys whose values never reach the logs.
var httplogSecretKeys = map[string]bool{
	"psk":             true,
	"private_key":     true,
	"enc_private_key": true,
	"secret_key":      true,
	"security_token":  true,
	"password":        true,
}

// httplogSecretHeaders are request/response headers whose values are masked.
var httplogSecretHeaders = map[string]bool{
	"authorization":    true,
	"x-security-token": true,
	"x-auth-token":     true,
	"x-subject-token":  true,
}

var (
	// httplogKeyValueRe matches "secret_key": "value" in text that is not valid JSON.
	httplogKeyValueRe = regexp.MustCompile(`(?i)("(?:psk|private_key|enc_private_key|secret_key|security_token|password)"\s*:\s*)"(?:[^"\\]|\\.)*"?`)
	// httplogFormRe matches secret_key=value in form-like text.
	httplogFormRe = regexp.MustCompile(`(?i)\b(psk|private_key|enc_private_key|secret_key|security_token|password)=[^&\s"]*`)
	// httplogPEMRe matches PEM private key blocks, complete or cut off.
	httplogPEMRe = regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?s:.*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)`)
)

// httplogCtxKey marks a context whose "http" subsystem this package created.
type httplogCtxKey struct{}

// RedactJSON returns b for logging with the values of the JSON keys psk,
// private_key, enc_private_key, secret_key, security_token and password
// replaced by "***" at any depth. Text that is not JSON is redacted with
// patterns for those keys and for PEM private key blocks.
func RedactJSON(b []byte) string {
	if len(bytes.TrimSpace(b)) == 0 {
		return string(b)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err == nil && !dec.More() {
		v = httplogRedactValue(v)
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		if enc.Encode(v) == nil {
			return strings.TrimSuffix(out.String(), "\n")
		}
	}
	s := httplogKeyValueRe.ReplaceAllString(string(b), `${1}"`+redactedValue+`"`)
	s = httplogFormRe.ReplaceAllString(s, "${1}="+redactedValue)
	return httplogPEMRe.ReplaceAllString(s, redactedValue)
}

// httplogRedactValue walks a decoded JSON value and masks secret keys.
func httplogRedactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if httplogSecretKeys[strings.ToLower(k)] {
				t[k] = redactedValue
				continue
			}
			t[k] = httplogRedactValue(val)
		}
		return t
	case []any:
		for i := range t {
			t[i] = httplogRedactValue(t[i])
		}
		return t
	case string:
		if httplogPEMRe.MatchString(t) {
			return httplogPEMRe.ReplaceAllString(t, redactedValue)
		}
		return t
	default:
		return v
	}
}

// RedactHeaders returns h flattened for logging, with Authorization,
// X-Security-Token, X-Auth-Token and X-Subject-Token masked.
func RedactHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for name, values := range h {
		if httplogSecretHeaders[strings.ToLower(name)] {
			out[name] = redactedValue
			continue
		}
		vs := append([]string(nil), values...)
		sort.Strings(vs)
		out[name] = strings.Join(vs, ", ")
	}
	return out
}

// httplogContext returns ctx with the "http" subsystem logger, creating it
// when ctx has none, and with the credentials masked as a second line of
// defence should a secret ever reach a log field.
func (c *Client) httplogContext(ctx context.Context) context.Context {
	if ctx.Value(httplogCtxKey{}) == nil && !tflog.SubsystemIsError(ctx, LogSubsystem) {
		ctx = tflog.NewSubsystem(ctx, LogSubsystem, tflog.WithLevelFromEnv(LogEnvProvider, "HTTP"))
	}
	ctx = context.WithValue(ctx, httplogCtxKey{}, true)
	if !tflog.SubsystemIsError(ctx, LogSubsystem) {
		// The level is OFF: nothing will be logged, so nothing to mask.
		return ctx
	}
	var secrets []string
	for _, s := range []string{c.cfg.SecretKey, c.cfg.SecurityToken} {
		if s != "" {
			secrets = append(secrets, s)
		}
	}
	if len(secrets) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, LogSubsystem, secrets...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, LogSubsystem, secrets...)
	}
	return ctx
}

// httplogRequest logs an outgoing request's headers and body at TRACE.
func httplogRequest(ctx context.Context, req *http.Request, body []byte, attempt int) {
	if !tflog.SubsystemIsTrace(ctx, LogSubsystem) {
		return
	}
	tflog.SubsystemTrace(ctx, LogSubsystem, "Sending HTTP request", map[string]any{
		"http_method":  req.Method,
		"http_path":    req.URL.RequestURI(),
		"http_headers": RedactHeaders(req.Header),
		"http_body":    RedactJSON(body),
		"attempt":      attempt,
	})
}

// httplogResponse logs a response at DEBUG (method, path, status, duration,
// request id) and its headers and body at TRACE.
func httplogResponse(ctx context.Context, req *http.Request, resp *http.Response, body []byte, elapsed time.Duration, attempt int) {
	if !tflog.SubsystemIsDebug(ctx, LogSubsystem) {
		return
	}
	requestID := resp.Header.Get("X-Request-Id")
	tflog.SubsystemDebug(ctx, LogSubsystem, "HTTP response", map[string]any{
		"http_method":     req.Method,
		"http_path":       req.URL.Path,
		"http_status":     resp.StatusCode,
		"http_duration":   elapsed.String(),
		"http_request_id": requestID,
		"attempt":         attempt,
	})
	if !tflog.SubsystemIsTrace(ctx, LogSubsystem) {
		return
	}
	tflog.SubsystemTrace(ctx, LogSubsystem, "HTTP response body", map[string]any{
		"http_method":     req.Method,
		"http_path":       req.URL.Path,
		"http_status":     resp.StatusCode,
		"http_request_id": requestID,
		"http_headers":    RedactHeaders(resp.Header),
		"http_body":       RedactJSON(body),
	})
}

// httplogTransportError logs a request that got no response at DEBUG.
func httplogTransportError(ctx context.Context, req *http.Request, err error, elapsed time.Duration, attempt int) {
	if !tflog.SubsystemIsDebug(ctx, LogSubsystem) {
		return
	}
	tflog.SubsystemDebug(ctx, LogSubsystem, "HTTP request failed", map[string]any{
		"http_method":   req.Method,
		"http_path":     req.URL.Path,
		"http_duration": elapsed.String(),
		"attempt":       attempt,
		"error":         err.Error(),
	})
}
