package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

func TestAddAPIError(t *testing.T) {
	t.Parallel()
	apiErr := &client.APIError{
		StatusCode: 400, Code: "VPN.0001", Message: "invalid request: name too long",
		RequestID: "req-123", Method: "POST", Path: "/v5/p/vpn-gateways",
	}
	cases := []struct {
		name        string
		summary     string
		err         error
		wantSummary string
		want        []string
		notWant     []string
	}{
		{
			name:        "api error",
			summary:     "unable to create VPN gateway",
			err:         fmt.Errorf("creating: %w", apiErr),
			wantSummary: "Unable To Create VPN Gateway",
			want: []string{
				"Operation: create VPN gateway", "Resource ID: vgw-1", "HTTP status: 400", "Error code: VPN.0001",
				"Message: invalid request: name too long", "Request ID: req-123", "POST /v5/p/vpn-gateways",
			},
		},
		{
			name:        "failure status while waiting",
			summary:     "error waiting for VPN gateway",
			err:         fmt.Errorf("waiting for vgw-1: %w", &client.UnexpectedStatusError{Status: "FAULT", Message: "gateway vgw-1 is in status FAULT", Target: []string{"ACTIVE"}}),
			wantSummary: "Error Waiting For VPN Gateway",
			want:        []string{"Last status: FAULT", "Service message: gateway vgw-1 is in status FAULT", "Resource ID: vgw-1", "waiting for ACTIVE"},
			notWant:     []string{"HTTP status"},
		},
		{
			name:        "wait timeout",
			summary:     "Error Waiting",
			err:         &client.WaitTimeoutError{LastStatus: "PENDING_CREATE", Target: []string{"ACTIVE"}, Err: context.DeadlineExceeded},
			wantSummary: "Error Waiting",
			want:        []string{"Last status: PENDING_CREATE", "deadline exceeded"},
		},
		{
			name:        "plain error",
			summary:     "unable to read",
			err:         errors.New("connection refused"),
			wantSummary: "Unable To Read",
			want:        []string{"Error: connection refused", "Operation: create VPN gateway"},
			notWant:     []string{"HTTP status", "Last status"},
		},
	}
	for _, tc := range cases {
		var diags diag.Diagnostics
		addAPIError(&diags, tc.summary, "create VPN gateway", "vgw-1", tc.err)
		if diags.ErrorsCount() != 1 {
			t.Fatalf("%s: want one error, got %v", tc.name, diags)
		}
		d := diags.Errors()[0]
		if d.Summary() != tc.wantSummary {
			t.Errorf("%s: summary %q, want %q", tc.name, d.Summary(), tc.wantSummary)
		}
		for _, w := range tc.want {
			if !strings.Contains(d.Detail(), w) {
				t.Errorf("%s: detail lacks %q:\n%s", tc.name, w, d.Detail())
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(d.Detail(), w) {
				t.Errorf("%s: detail has %q:\n%s", tc.name, w, d.Detail())
			}
		}
	}
}

func TestAddAPIError_noResourceID(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	addAPIError(&diags, "x", "list gateways", "", errors.New("boom"))
	if strings.Contains(diags.Errors()[0].Detail(), "Resource ID") {
		t.Errorf("detail names an empty resource id: %s", diags.Errors()[0].Detail())
	}
}

func TestTitleCase(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"unable to create VPN gateway": "Unable To Create VPN Gateway",
		"  extra   spaces ":            "Extra Spaces",
		"":                             "",
		"ipsec SA état":                "Ipsec SA État",
	} {
		if got := titleCase(in); got != want {
			t.Errorf("titleCase(%q) = %q, want %q", in, got, want)
		}
	}
}
