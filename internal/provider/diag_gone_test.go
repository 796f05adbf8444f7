package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestRemoveGone: a Read on a 404 removes the resource and warns, naming it.
func TestRemoveGone(t *testing.T) {
	ctx := context.Background()
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}
	resp := &resource.ReadResponse{State: tfsdk.State{
		Schema: schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}},
		Raw:    tftypes.NewValue(objType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "vgw-1")}),
	}}
	removeGone(ctx, resp, "VPN gateway", "vgw-1")
	if !resp.State.Raw.IsNull() {
		t.Errorf("state not removed: %v", resp.State.Raw)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity() != diag.SeverityWarning {
		t.Fatalf("want one warning, got %v", resp.Diagnostics)
	}
	w := resp.Diagnostics[0]
	if w.Summary() != "VPN Gateway Not Found" || !strings.Contains(w.Detail(), "VPN gateway vgw-1 no longer exists") {
		t.Errorf("warning: %q / %q", w.Summary(), w.Detail())
	}
}

// TestOperationReport: an operation names the summary and the operation of
// the detail once; context completes the operation.
func TestOperationReport(t *testing.T) {
	var diags diag.Diagnostics
	opReadVPNConnection.report(&diags, "conn-1", context.DeadlineExceeded, "after update")
	opWaitVPNGatewayCreated.report(&diags, "vgw-1", context.DeadlineExceeded)
	if len(diags) != 2 {
		t.Fatalf("got %v", diags)
	}
	for i, want := range []struct{ summary, detail string }{
		{"Unable To Read The VPN Connection", "Operation: read the VPN connection after update\nResource ID: conn-1"},
		{"VPN Gateway Did Not Become Active", "Operation: wait for VPN gateway to become ACTIVE after create\nResource ID: vgw-1"},
	} {
		if diags[i].Summary() != want.summary || !strings.HasPrefix(diags[i].Detail(), want.detail) {
			t.Errorf("%d: %q / %q", i, diags[i].Summary(), diags[i].Detail())
		}
	}
}
