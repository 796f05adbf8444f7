package provider

// Configuration that carries what Read stored: `terraform plan
// -generate-config-out` (after import blocks) and `terraform query
// -generate-config-out` write every Optional+Computed value the provider
// read back, including values the service filled in. Those values must pass
// the provider's own validation, so they are accepted where they equal the
// service's:
//
//   - vpn_connection ikepolicy.local_id / peer_id with id type ip: the
//     service fills in the gateway address and the customer gateway's
//     address; the configuration may repeat exactly those addresses.
//   - vpn_gateway eip1 / eip2 with `id` together with the new-EIP arguments
//     (type, charge_mode, bandwidth_*): the service fills these in for an
//     existing EIP; the configuration may repeat the values of that EIP as
//     stored in the state. When the gateway is created (or the EIP swapped)
//     they cannot be known beforehand, so they are refused there.

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// connIPIDProblem is the validation of a local_id / peer_id whose id type is
// not fqdn: only an IPv4 address (the one the service fills in) is accepted.
// "" when the value is acceptable.
func connIPIDProblem(side, value string) string {
	if apispec.CheckIPv4(value) == nil {
		return ""
	}
	return fmt.Sprintf("%s_id %q is set with %s_id_type ip: with type ip the service fills in the address itself, so "+
		"%s_id may only repeat that IPv4 address. Remove %s_id, or set %s_id_type = \"fqdn\".", side, value, side, side, side, side)
}

// connIPIDProblems checks a configured local_id / peer_id of id type ip
// against the addresses the service fills in: the gateway address of vgw_ip
// (from gw) and the customer gateway's address (read only when peer_id is
// configured). Unknown values are not checked.
func connIPIDProblems(ctx context.Context, c *client.Client, gw *client.VPNGateway, plan, config *vpnConnectionModel) ([]connProblem, diag.Diagnostics) {
	var out []connProblem
	var diags diag.Diagnostics
	if config.IKEPolicy.IsNull() || config.IKEPolicy.IsUnknown() {
		return nil, nil
	}
	attrs := config.IKEPolicy.Attributes()
	ipTyped := func(side string) (string, bool) {
		t, _ := attrs[side+"_id_type"].(types.String)
		v, _ := attrs[side+"_id"].(types.String)
		if t.IsUnknown() || !known(v) || (!t.IsNull() && t.ValueString() == "fqdn") {
			return "", false
		}
		return v.ValueString(), true
	}
	p := path.Root("ikepolicy")
	if v, ok := ipTyped("local"); ok && known(plan.VgwIP) {
		if want := vpnGatewayAddressOf(gw, plan.VgwIP.ValueString()); want != "" && want != v {
			out = append(out, connProblem{p.AtName("local_id"), "Invalid Attribute Value", fmt.Sprintf(
				"ikepolicy.local_id is %q with local_id_type ip, but the service sets it to the gateway address of "+
					"vgw_ip, %s. Remove local_id or set it to %q.", v, want, want)})
		}
	}
	if v, ok := ipTyped("peer"); ok && known(plan.CgwID) {
		cgw, err := c.GetCustomerGateway(ctx, plan.CgwID.ValueString())
		switch {
		case client.IsNotFound(err):
		case err != nil:
			opReadCustomerGateway.report(&diags, plan.CgwID.ValueString(), err, "to check ikepolicy.peer_id of the VPN connection")
		case !strings.EqualFold(cgw.IDType, "fqdn") && cgw.IDValue != v:
			out = append(out, connProblem{p.AtName("peer_id"), "Invalid Attribute Value", fmt.Sprintf(
				"ikepolicy.peer_id is %q with peer_id_type ip, but the service sets it to the address of customer "+
					"gateway %s, %s. Remove peer_id or set it to %q.", v, cgw.ID, cgw.IDValue, cgw.IDValue)})
		}
	}
	return out, diags
}

// vpnGatewayAddressOf is the IPv4 address behind vgwIP (an EIP id of gw, or
// a private address); "" when unknown.
func vpnGatewayAddressOf(gw *client.VPNGateway, vgwIP string) string {
	if apispec.CheckIPv4(vgwIP) == nil {
		return vgwIP
	}
	for _, e := range []*client.EIP{gw.EIP1, gw.EIP2} {
		if e != nil && e.ID == vgwIP {
			return e.IPAddress
		}
	}
	return ""
}

// vgwEIPWithIDProblems checks eipN configured with `id` and some of the
// new-EIP arguments: they must equal the state's values of that same EIP.
// state is null when the gateway is being created.
func vgwEIPWithIDProblems(name string, cfg, state types.Object, diags *diag.Diagnostics) {
	id := objectString(cfg, "id")
	if cfg.IsNull() || cfg.IsUnknown() || !known(id) {
		return
	}
	ca := cfg.Attributes()
	sameEIP := !state.IsNull() && !state.IsUnknown() && objectString(state, "id").Equal(id)
	for _, n := range vgwEIPReplaceFields {
		v := ca[n]
		if v == nil || v.IsNull() || v.IsUnknown() {
			continue
		}
		p := path.Root(name).AtName(n)
		if !sameEIP {
			diags.AddAttributeError(p, "Conflicting EIP Arguments", fmt.Sprintf(
				"%s.%s must not be set together with %s.id when the gateway is created or the EIP changes: id selects "+
					"an existing EIP, whose %s the service reports. Remove %s.%s (it may repeat the service's value "+
					"once the EIP is in the state, as generated configuration does).", name, n, name, n, name, n))
			continue
		}
		if sv := state.Attributes()[n]; !v.Equal(sv) {
			diags.AddAttributeError(p, "Conflicting EIP Arguments", fmt.Sprintf(
				"%s.%s is %s but EIP %s has %s: with %s.id set, the new-EIP arguments can only repeat the service's "+
					"values of that EIP. Remove %s.%s.", name, n, attrString(v), id.ValueString(), attrString(sv), name, name, n))
		}
	}
}

// attrString shows a value in a message.
func attrString(v attr.Value) string {
	if v == nil || v.IsNull() {
		return "null"
	}
	return v.String()
}
