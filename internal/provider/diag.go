package provider

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// addAPIError adds an error diagnostic for a failed API operation. The summary
// is put in Title Case; the detail names the operation and the resource id,
// then, for an *client.APIError, the HTTP status, error code, message and
// request id, or, for a waiter's error (*client.UnexpectedStatusError,
// *client.WaitTimeoutError), the last status and the service's message.
// Other errors are shown as they are.
func addAPIError(diags *diag.Diagnostics, summary, operation, resourceID string, err error) {
	diags.AddError(titleCase(summary), apiErrorDetail(operation, resourceID, err))
}

// apiErrorDetail builds the detail of addAPIError.
func apiErrorDetail(operation, resourceID string, err error) string {
	var b strings.Builder
	if operation != "" {
		fmt.Fprintf(&b, "Operation: %s\n", operation)
	}
	if resourceID != "" {
		fmt.Fprintf(&b, "Resource ID: %s\n", resourceID)
	}

	var apiErr *client.APIError
	var statusErr *client.UnexpectedStatusError
	var timeoutErr *client.WaitTimeoutError
	switch {
	case errors.As(err, &statusErr):
		fmt.Fprintf(&b, "Last status: %s\n", orNone(statusErr.Status))
		fmt.Fprintf(&b, "Service message: %s\n", orNone(statusErr.Message))
		fmt.Fprintf(&b, "\n%v", err)
	case errors.As(err, &timeoutErr):
		fmt.Fprintf(&b, "Last status: %s\n", orNone(timeoutErr.LastStatus))
		fmt.Fprintf(&b, "\n%v", err)
	case errors.As(err, &apiErr):
		writeAPIError(&b, apiErr)
		// Keep the context of wrapping errors that add to the API error.
		if s := err.Error(); s != apiErr.Error() {
			fmt.Fprintf(&b, "\n%s", s)
		}
	case err != nil:
		fmt.Fprintf(&b, "Error: %v", err)
	}
	return strings.TrimRight(b.String(), "\n")
}

func writeAPIError(b *strings.Builder, e *client.APIError) {
	if e.Method != "" || e.Path != "" {
		fmt.Fprintf(b, "Request: %s %s\n", e.Method, e.Path)
	}
	fmt.Fprintf(b, "HTTP status: %d\n", e.StatusCode)
	fmt.Fprintf(b, "Error code: %s\n", orNone(e.Code))
	fmt.Fprintf(b, "Message: %s\n", orNone(e.Message))
	fmt.Fprintf(b, "Request ID: %s\n", orNone(e.RequestID))
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// titleCase upper-cases the first letter of every word, leaving the rest of
// each word alone (so "VPN" and "IDs" keep their case).
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " ")
}
