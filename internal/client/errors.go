package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
)

// Error codes of the VPN service that the client acts on.
const (
	// CodeInvalidRequest is a rejected request (HTTP 400), e.g. "has connection".
	CodeInvalidRequest = "VPN.0001"
	// CodeServerError is an internal error (HTTP 500).
	CodeServerError = "VPN.0002"
	// CodeAuthOrNotReady is "authentication failed" (403) and also "is not ready".
	CodeAuthOrNotReady = "VPN.0003"
	// CodeNotFound is a missing resource (HTTP 404).
	CodeNotFound = "VPN.0004"
	// CodeSystemBusy is "system busy, retry later" (HTTP 400).
	CodeSystemBusy = "VPN.0030"
)

// apiErrorMessageLimit bounds how much of a non-JSON error body is kept.
const apiErrorMessageLimit = 1024

// APIError is a non-2xx answer of the service.
type APIError struct {
	StatusCode int
	Code       string
	Message    string
	RequestID  string
	Method     string
	Path       string
}

// Error names the request, the HTTP status, the service's code, message and request id.
func (e *APIError) Error() string {
	orNone := func(s string) string {
		if s == "" {
			return "none"
		}
		return s
	}
	return fmt.Sprintf("%s %s: HTTP %d, error code %s: %s (request id: %s)",
		e.Method, e.Path, e.StatusCode, orNone(e.Code), orNone(e.Message), orNone(e.RequestID))
}

// errBodyShape covers both error bodies of the service, {"error_code",
// "error_msg","request_id"} and {"code","message"}, and the nested
// {"error":{"code","message"}} of IAM. Codes may be strings or numbers.
type errBodyShape struct {
	ErrorCode json.RawMessage `json:"error_code"`
	ErrorMsg  string          `json:"error_msg"`
	RequestID string          `json:"request_id"`
	Code      json.RawMessage `json:"code"`
	Message   string          `json:"message"`
	Error     *struct {
		Code    json.RawMessage `json:"code"`
		Message string          `json:"message"`
	} `json:"error"`
}

// errRawString turns a JSON string or number into text ("" for anything else).
func errRawString(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// ParseAPIError builds the APIError of a non-2xx response from its status,
// headers and body. The request id comes from the body or, failing that,
// the X-Request-Id header; a body that is not a known JSON shape is kept
// (trimmed) as the message.
func ParseAPIError(method, path string, status int, header http.Header, body []byte) *APIError {
	e := &APIError{StatusCode: status, Method: method, Path: path}
	var shape errBodyShape
	if err := json.Unmarshal(body, &shape); err == nil {
		e.Code = errRawString(shape.ErrorCode)
		e.Message = shape.ErrorMsg
		if e.Code == "" {
			e.Code = errRawString(shape.Code)
		}
		if e.Message == "" {
			e.Message = shape.Message
		}
		if shape.Error != nil {
			if e.Code == "" {
				e.Code = errRawString(shape.Error.Code)
			}
			if e.Message == "" {
				e.Message = shape.Error.Message
			}
		}
		e.RequestID = shape.RequestID
	}
	if e.Code == "" && e.Message == "" {
		msg := strings.TrimSpace(string(body))
		if len(msg) > apiErrorMessageLimit {
			msg = msg[:apiErrorMessageLimit] + "..."
		}
		e.Message = msg
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	if e.RequestID == "" && header != nil {
		e.RequestID = header.Get("X-Request-Id")
	}
	return e
}

// AsAPIError returns the *APIError in err's chain, if any.
func AsAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr, true
	}
	return nil, false
}

// IsNotFound reports an HTTP 404 or error code VPN.0004.
func IsNotFound(err error) bool {
	e, ok := AsAPIError(err)
	return ok && (e.StatusCode == http.StatusNotFound || e.Code == CodeNotFound)
}

// IsNotReady reports a resource that is not settled yet: VPN.0003 whose
// message says "not ready", or HTTP 409. Callers wait and retry (see RetryNotReady).
func IsNotReady(err error) bool {
	e, ok := AsAPIError(err)
	if !ok {
		return false
	}
	msg, notReady := notReadyMessage(e)
	if !notReady && e.StatusCode != http.StatusConflict {
		return false
	}
	// "not ready, currently FAULT" (or ERROR, FREEZED), or a conflict naming
	// such a status ("... gateway g is FREEZED"), never clears by waiting: it
	// is reported at once instead of being retried until the timeout.
	return !stuckStatusMessage.MatchString(msg)
}

// stuckStatusMessage matches a (folded, lower-case) message that names a
// status waiting cannot leave.
var stuckStatusMessage = regexp.MustCompile(`\b(currently|is) (fault|error|freezed)\b`)

// notReadyMessage reports whether e is the service's VPN.0003 "is not ready"
// answer, and returns its message lower-cased with whitespace folded (the
// reference prints it wrapped: "is not\nready").
func notReadyMessage(e *APIError) (string, bool) {
	msg := strings.Join(strings.Fields(strings.ToLower(e.Message)), " ")
	return msg, e.Code == CodeAuthOrNotReady && strings.Contains(msg, "not ready")
}

// IsThrottled reports HTTP 429 or VPN.0030 (system busy).
func IsThrottled(err error) bool {
	e, ok := AsAPIError(err)
	return ok && (e.StatusCode == http.StatusTooManyRequests || e.Code == CodeSystemBusy)
}

// IsAuth reports HTTP 401 or 403 that is not a "not ready" answer.
func IsAuth(err error) bool {
	e, ok := AsAPIError(err)
	if !ok || (e.StatusCode != http.StatusUnauthorized && e.StatusCode != http.StatusForbidden) {
		return false
	}
	_, notReady := notReadyMessage(e)
	return !notReady
}

// AmbiguousError is a write (POST, PUT, DELETE) whose outcome is unknown:
// it reached the service, or may have, and its answer was lost (a 5xx, a
// timeout, a connection closed after the request was written). The client
// never re-sends such a write; the caller reads back to see whether it took
// effect before sending it again.
type AmbiguousError struct {
	Method string
	Path   string
	Err    error
}

// Error says that the outcome is unknown and why.
func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%s %s: outcome unknown, the service may have applied the request: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the underlying error (an *APIError or a transport error).
func (e *AmbiguousError) Unwrap() error { return e.Err }

// IsAmbiguous reports whether err is (or wraps) an *AmbiguousError.
func IsAmbiguous(err error) bool {
	var a *AmbiguousError
	return errors.As(err, &a)
}
