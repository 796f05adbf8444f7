package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

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

// operation is what the provider was doing when an API call failed, named
// once for both halves of the diagnostic: action completes "Operation: ..."
// in the detail; the summary is "Unable to <action>", or, for the waits,
// what did not happen. Every API error of the resources and data sources is
// reported through an operation of this vocabulary (op.report).
type operation struct {
	action  string
	summary string
}

// summaryText is the operation's summary (before Title Case).
func (o operation) summaryText() string {
	if o.summary != "" {
		return o.summary
	}
	return "Unable to " + o.action
}

// report adds the error diagnostic of a failed operation on resourceID
// ("" before the service assigned one); context, when given, completes the
// operation in the detail (such as "after update").
func (o operation) report(diags *diag.Diagnostics, resourceID string, err error, context ...string) {
	action := o.action
	for _, c := range context {
		action += " " + c
	}
	addAPIError(diags, o.summaryText(), action, resourceID, err)
}

// The operations. The gateway's keep the wording its tests pin ("VPN
// gateway" without an article); the others name "the" object.
var (
	opConfigureClient = operation{action: "configure the provider (find the project id through IAM)",
		summary: "Unable to configure the Huawei Cloud VPN client"}

	opCreateVPNGateway     = operation{action: "create VPN gateway"}
	opReadVPNGateway       = operation{action: "read VPN gateway"}
	opListVPNGateways      = operation{action: "list VPN gateways"}
	opUpdateVPNGateway     = operation{action: "update VPN gateway"}
	opUpdateVPNGatewayTags = operation{action: "update VPN gateway tags"}
	opSetPolicyTemplate    = operation{action: "update VPN gateway policy_template after create",
		summary: "Unable to set VPN gateway policy template"}
	opChangeFlavor      = operation{action: "change VPN gateway flavor", summary: "Unable to change VPN gateway flavor"}
	opDeleteVPNGateway  = operation{action: "delete VPN gateway"}
	opUnbindReplacedEIP = operation{action: "unbind the EIP being replaced (EIP service) before binding the new one",
		summary: "Unable to unbind the VPN gateway's old EIP"}
	opKeepExistingEIPs = operation{action: "unbind the existing EIPs (EIP service) before deleting the VPN gateway; " +
		"set release_existing_eips_on_delete = true to release them with it", summary: "Unable to unbind the VPN gateway's existing EIPs"}
	opWaitVPNGatewayCreated = operation{action: "wait for VPN gateway to become ACTIVE after create", summary: "VPN gateway did not become active"}
	opListAvailabilityZones = operation{action: "list VPN gateway availability zones", summary: "Unable to read VPN gateway availability zones"}
	opReadQuotas            = operation{action: "read VPN quotas"}
	opListProjectTags       = operation{action: "list project tags"}
	opFilterResources       = operation{action: "filter resource instances by tags"}
	opCountResources        = operation{action: "count resource instances by tags"}
	opReadGatewayOfConn     = operation{action: "read the VPN gateway of the VPN connection"}
	opReadGatewayOfCert     = operation{action: "read the VPN gateway of the certificate"}
	opCreateCustomerGateway = operation{action: "create the customer gateway"}
	opReadCustomerGateway   = operation{action: "read the customer gateway"}
	opListCustomerGateways  = operation{action: "list customer gateways"}
	opUpdateCustomerGateway = operation{action: "update the customer gateway"}
	opUpdateCustomerGwTags  = operation{action: "update the tags of the customer gateway"}
	opDeleteCustomerGateway = operation{action: "delete the customer gateway"}
	opCreateVPNConnection   = operation{action: "create the VPN connection"}
	opReadVPNConnection     = operation{action: "read the VPN connection"}
	opListVPNConnections    = operation{action: "list VPN connections"}
	opUpdateVPNConnection   = operation{action: "update the VPN connection"}
	opUpdateVPNConnTags     = operation{action: "update the tags of the VPN connection"}
	opDeleteVPNConnection   = operation{action: "delete the VPN connection"}
	opWaitVPNConnCreated    = operation{action: "wait for the VPN connection to settle (DOWN or ACTIVE) after create", summary: "Error waiting for the VPN connection to be created"}
	opWaitVPNConnUpdated    = operation{action: "wait for the VPN connection to settle (DOWN or ACTIVE) after update", summary: "Error waiting for the VPN connection to be updated"}
	opWaitVPNConnDeleted    = operation{action: "wait for the VPN connection deletion", summary: "Error waiting for the VPN connection to be deleted"}
	opCreateMonitor         = operation{action: "create the connection monitor"}
	opReadMonitor           = operation{action: "read the connection monitor"}
	opListMonitors          = operation{action: "list connection monitors"}
	opDeleteMonitor         = operation{action: "delete the connection monitor"}
	opWaitMonitorCreated    = operation{action: "wait for the connection monitor to become ACTIVE", summary: "Error waiting for the connection monitor to be created"}
	opWaitMonitorDeleted    = operation{action: "wait for the connection monitor deletion", summary: "Error waiting for the connection monitor to be deleted"}
	opUploadCertificate     = operation{action: "upload the VPN gateway certificate"}
	opReadCertificate       = operation{action: "read the VPN gateway certificate"}
	opUpdateCertificate     = operation{action: "update the VPN gateway certificate"}
	opWaitCertificateBound  = operation{action: "wait for the VPN gateway certificate to become BOUND", summary: "Error waiting for the VPN gateway certificate to be bound"}
)

// removeGone is every resource's Read on a 404: the object is gone, so the
// resource leaves the state (the next plan creates it again) with a warning
// that names it. what is the kind of object ("VPN gateway"), id its id.
func removeGone(ctx context.Context, resp *resource.ReadResponse, what, id string) {
	tflog.Warn(ctx, what+" not found, removing it from the state", map[string]any{"id": id})
	resp.Diagnostics.AddWarning(titleCase(what+" not found"),
		fmt.Sprintf("The %s %s no longer exists (the service answered 404 Not Found): it is removed from the "+
			"Terraform state, and the next plan creates it again.", what, id))
	resp.State.RemoveResource(ctx)
}
