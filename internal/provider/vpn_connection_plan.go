package provider

// Plan-time behaviour of huaweicloudvpn_vpn_connection: configuration
// validation, the planned values of computed policy fields, replacement
// rules and the checks that need the gateway.

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// ValidateConfig implements resource.ResourceWithValidateConfig: the checks
// that involve several attributes.
func (r *vpnConnectionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m vpnConnectionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateVPNConnectionConfig(ctx, &m)...)
}

// validateVPNConnectionConfig checks a configuration without the gateway.
func validateVPNConnectionConfig(ctx context.Context, m *vpnConnectionModel) diag.Diagnostics {
	var diags diag.Diagnostics
	style, styleKnown := connStyle(m.Style)

	if styleKnown && !m.EnableNQA.IsNull() && style != apispec.ConnectionStyleStatic {
		diags.AddAttributeError(path.Root("enable_nqa"), "Invalid Attribute Combination",
			fmt.Sprintf("enable_nqa applies only to connections of style static; this one is %q. Remove enable_nqa.", style))
	}
	if styleKnown && !m.PolicyRules.IsNull() && style != apispec.ConnectionStylePolicy {
		diags.AddAttributeError(path.Root("policy_rules"), "Invalid Attribute Combination",
			fmt.Sprintf("policy_rules apply only to connections of style policy; this one is %q.", style))
	}
	if known(m.TunnelLocalAddress) && known(m.TunnelPeerAddress) {
		if err := apispec.CheckTunnelAddressPair(m.TunnelLocalAddress.ValueString(), m.TunnelPeerAddress.ValueString()); err != nil {
			diags.AddAttributeError(path.Root("tunnel_peer_address"), "Invalid Tunnel Addresses", err.Error()+".")
		}
	}
	if known(m.PolicyRules) {
		rules, d := policyRulesFromList(ctx, m.PolicyRules)
		diags.Append(d...)
		if rules != nil && !d.HasError() {
			var vals []apispec.PolicyRuleValue
			complete := true
			for _, pr := range rules {
				if !pr.known {
					complete = false
					break
				}
				vals = append(vals, apispec.PolicyRuleValue{Index: pr.index, Source: pr.source, Destinations: pr.destinations})
			}
			if complete {
				if err := apispec.CheckPolicyRules(vals); err != nil {
					diags.AddAttributeError(path.Root("policy_rules"), "Invalid Policy Rules", "policy_rules "+err.Error()+".")
				}
			}
		}
	}
	if known(m.IKEPolicy) {
		p := path.Root("ikepolicy")
		ike, err := objectStrings(m.IKEPolicy, "ike_version", "phase1_negotiation_mode",
			"local_id_type", "local_id", "peer_id_type", "peer_id")
		if err != nil {
			diags.AddAttributeError(p, "Unexpected Attribute Type",
				"Validating the configuration of a VPN connection: ikepolicy "+err.Error()+". This is a bug in the provider.")
			return diags
		}
		// Left out, ike_version takes the gateway flavor's default (v1 on GM,
		// v2 otherwise): vpnConnectionGatewayProblems checks that case.
		version := ike["ike_version"]
		if mode := ike["phase1_negotiation_mode"]; !mode.IsNull() && known(version) && version.ValueString() != apispec.IKEVersion1 {
			diags.AddAttributeError(p.AtName("phase1_negotiation_mode"), "Invalid Attribute Combination",
				"phase1_negotiation_mode applies only to IKEv1: set ike_version = \"v1\" or remove phase1_negotiation_mode.")
		}
		for _, side := range []string{"local", "peer"} {
			idType := ike[side+"_id_type"]
			id := ike[side+"_id"]
			if idType.IsUnknown() || id.IsUnknown() {
				continue
			}
			fqdn := idType.ValueString() == apispec.IDTypeFQDN
			switch {
			case fqdn && id.IsNull():
				diags.AddAttributeError(p.AtName(side+"_id"), "Missing Attribute",
					fmt.Sprintf("%s_id is required when %s_id_type is \"fqdn\".", side, side))
			case !fqdn && !id.IsNull():
				if problem := connIPIDProblem(side, id.ValueString()); problem != "" {
					diags.AddAttributeError(p.AtName(side+"_id"), "Invalid Attribute Combination", problem)
				}
			}
		}
	}
	return diags
}

// connProblem is one check that failed against the gateway.
type connProblem struct {
	path    path.Path
	summary string
	detail  string
}

// vpnConnectionGatewayProblems checks the planned connection against its
// gateway (flavor GM, attachment, addresses, HA mode). config supplies psk_wo.
// needKey (Create) requires a key on gateways other than GM: only a new
// connection needs one, and an existing connection without psk in its
// configuration (after an import) keeps the key it has. Plans never require
// it: Terraform also plans creations it does not carry out (destroy -target).
func vpnConnectionGatewayProblems(gw *client.VPNGateway, plan, config *vpnConnectionModel, needKey bool) []connProblem {
	var out []connProblem
	add := func(p path.Path, summary, format string, args ...any) {
		out = append(out, connProblem{path: p, summary: summary, detail: fmt.Sprintf(format, args...)})
	}
	gm := strings.EqualFold(gw.Flavor, apispec.FlavorGM)
	style, styleKnown := connStyle(plan.Style)
	pskGiven := !config.PSK.IsNull() || !config.PSKWO.IsNull()

	if gm {
		if pskGiven {
			p := path.Root("psk")
			if config.PSK.IsNull() {
				p = path.Root("psk_wo")
			}
			add(p, "Pre-Shared Key Not Used", "VPN gateway %s is of flavor GM: its connections authenticate with certificates "+
				"and take no pre-shared key. Remove psk and psk_wo.", gw.ID)
		}
	} else if !pskGiven && needKey {
		add(path.Root("psk"), "Missing Pre-Shared Key", "VPN gateway %s is of flavor %s: set exactly one of psk and psk_wo "+
			"(only GM gateways take neither).", gw.ID, orNone(gw.Flavor))
	}

	if styleKnown && !config.PeerSubnets.IsUnknown() {
		noPeer := strings.EqualFold(gw.AttachmentType, apispec.AttachmentTypeER) && (style == apispec.ConnectionStylePolicy || style == apispec.ConnectionStyleBGP)
		configured := !config.PeerSubnets.IsNull()
		switch {
		case noPeer && configured:
			add(path.Root("peer_subnets"), "Invalid Attribute Combination", "VPN gateway %s is attached to an enterprise "+
				"router: connections of style %s take no peer_subnets. Remove peer_subnets.", gw.ID, style)
		case !noPeer && !configured:
			add(path.Root("peer_subnets"), "Missing Attribute", "peer_subnets is required for a connection of style %s on "+
				"VPN gateway %s (attachment %s).", style, gw.ID, orNone(gw.AttachmentType))
		}
	}

	checkEnum := func(obj types.Object, name string, p path.Path, check func(string, bool) error) {
		if !known(obj) {
			return
		}
		v, ok := obj.Attributes()[name].(types.String)
		if !ok || !known(v) {
			return
		}
		if err := check(v.ValueString(), gm); err != nil {
			add(p.AtName(name), "Invalid Value For The Gateway Flavor", "On VPN gateway %s (flavor %s), %s %s.",
				gw.ID, orNone(gw.Flavor), name, err)
		}
	}
	ikeP, ipsecP := path.Root("ikepolicy"), path.Root("ipsecpolicy")
	checkEnum(config.IKEPolicy, "ike_version", ikeP, apispec.CheckIKEVersion)
	checkEnum(config.IKEPolicy, "phase1_negotiation_mode", ikeP, apispec.CheckPhase1NegotiationMode)
	if !config.IKEPolicy.IsNull() && !config.IKEPolicy.IsUnknown() && !gm {
		version, _ := config.IKEPolicy.Attributes()["ike_version"].(types.String)
		if mode, _ := config.IKEPolicy.Attributes()["phase1_negotiation_mode"].(types.String); version.IsNull() && known(mode) {
			add(ikeP.AtName("phase1_negotiation_mode"), "Invalid Attribute Combination", "phase1_negotiation_mode applies "+
				"only to IKEv1, and connections on VPN gateway %s (flavor %s) default to ike_version v2: set "+
				"ike_version = \"v1\" or remove phase1_negotiation_mode.", gw.ID, orNone(gw.Flavor))
		}
	}
	checkEnum(config.IKEPolicy, "authentication_algorithm", ikeP, apispec.CheckAuthenticationAlgorithm)
	checkEnum(config.IKEPolicy, "encryption_algorithm", ikeP, apispec.CheckEncryptionAlgorithm)
	checkEnum(config.IPsecPolicy, "authentication_algorithm", ipsecP, apispec.CheckAuthenticationAlgorithm)
	checkEnum(config.IPsecPolicy, "encryption_algorithm", ipsecP, apispec.CheckEncryptionAlgorithm)
	if gm {
		notGM := func(obj types.Object, p path.Path, names ...string) {
			if !known(obj) {
				return
			}
			for _, n := range names {
				if v := obj.Attributes()[n]; v != nil && !v.IsNull() {
					add(p.AtName(n), "Invalid Value For The Gateway Flavor", "VPN gateway %s is of flavor GM, which "+
						"does not use %s. Remove it.", gw.ID, n)
				}
			}
		}
		notGM(config.IKEPolicy, ikeP, "dh_group", "local_id_type", "local_id", "peer_id_type", "peer_id")
		notGM(config.IPsecPolicy, ipsecP, "pfs")
	}

	addrs := vpnGatewayAddresses(gw)
	if vgwIP := plan.VgwIP; known(vgwIP) && len(addrs) > 0 {
		i := slices.Index(addrs, vgwIP.ValueString())
		if i < 0 {
			add(path.Root("vgw_ip"), "Invalid Gateway Address", "vgw_ip %q is not an address of VPN gateway %s; use one of: %s.",
				vgwIP.ValueString(), gw.ID, strings.Join(addrs, ", "))
		} else if role := plan.HARole; known(role) {
			want := apispec.HARoleMaster
			if strings.EqualFold(gw.HAMode, apispec.HAModeActiveStandby) && i == 1 {
				want = apispec.HARoleSlave
			}
			if role.ValueString() != want {
				add(path.Root("ha_role"), "Invalid HA Role", "vgw_ip %q is address %d of VPN gateway %s (ha_mode %s): its "+
					"connection must have ha_role %q, not %q.", vgwIP.ValueString(), i+1, gw.ID, orNone(gw.HAMode), want, role.ValueString())
			}
		}
	}
	return out
}

// ModifyPlan implements resource.ResourceWithModifyPlan.
func (r *vpnConnectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	modifyPlanTagsAll(ctx, r.data.defaultTags(), req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	var plan, config, state vpnConnectionModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	var prior *vpnConnectionModel
	if !creating {
		prior = &state
	}
	var replace path.Paths
	resp.Diagnostics.Append(planVPNConnection(ctx, &plan, &config, prior, &replace)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.RequiresReplace.Append(replace...)

	if prior != nil && len(replace) == 0 {
		if w := pskChangeWarning(&plan, &config, prior); w != "" {
			resp.Diagnostics.AddAttributeWarning(path.Root("psk"), "Pre-Shared Key Change Takes Effect At Renegotiation", w)
		}
	}

	// Checks against the gateway, when it exists already and something changes.
	if r.data != nil && known(plan.VgwID) && (creating || !req.Plan.Raw.Equal(req.State.Raw)) {
		gw, err := r.data.Client.GetVPNGateway(ctx, plan.VgwID.ValueString())
		switch {
		case client.IsNotFound(err):
			if creating {
				resp.Diagnostics.AddAttributeError(path.Root("vgw_id"), "VPN Gateway Not Found",
					fmt.Sprintf("VPN gateway %s does not exist.", plan.VgwID.ValueString()))
			}
		case err != nil:
			opReadGatewayOfConn.report(&resp.Diagnostics, plan.VgwID.ValueString(), err, "to check the plan")
		default:
			problems := vpnConnectionGatewayProblems(gw, &plan, &config, false)
			idProblems, d := connIPIDProblems(ctx, r.data.Client, gw, &plan, &config)
			resp.Diagnostics.Append(d...)
			for _, p := range append(problems, idProblems...) {
				resp.Diagnostics.AddAttributeError(p.path, p.summary, p.detail)
			}
			// The key is required only by Create (see vpnConnectionGatewayProblems);
			// a plan that would create a connection without one says so now.
			if creating && !strings.EqualFold(gw.Flavor, apispec.FlavorGM) && config.PSK.IsNull() && config.PSKWO.IsNull() {
				resp.Diagnostics.AddAttributeWarning(path.Root("psk"), "Missing Pre-Shared Key",
					fmt.Sprintf("VPN gateway %s is of flavor %s: creating this connection will fail until exactly one of psk "+
						"and psk_wo is set. (An imported connection keeps its key without either.)", gw.ID, orNone(gw.Flavor)))
			}
			if creating && strings.EqualFold(gw.Flavor, apispec.FlavorGM) {
				for _, p := range r.gmPrerequisiteProblems(ctx, gw, plan.CgwID) {
					resp.Diagnostics.AddAttributeWarning(p.path, p.summary, p.detail)
				}
			}
		}
		if resp.Diagnostics.HasError() {
			return
		}
	}
	// When nothing but the service's volatile outputs would change (a change
	// of case in style, for instance), plan no change at all.
	if prior != nil {
		quiet := plan
		for _, p := range []struct{ dst, src *types.String }{
			{&quiet.Status, &prior.Status}, {&quiet.UpdatedAt, &prior.UpdatedAt},
			{&quiet.ConnectionMonitorID, &prior.ConnectionMonitorID},
		} {
			if p.dst.IsUnknown() {
				*p.dst = *p.src
			}
		}
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &quiet)...)
		if resp.Plan.Raw.Equal(req.State.Raw) {
			return
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// gmPrerequisiteProblems checks, for a new connection on GM gateway gw, what
// the service requires before it (reference 4.1.3.1: the GM gateway has its
// certificate, L2611, and the customer gateway its CA certificate, L2614).
// The customer gateway is read when cgwID is known. These are warnings, not
// errors: the certificate is a separate resource (and a CA certificate can be
// added to an existing customer gateway in place), so the same apply may
// supply it before the connection (depends_on), which this plan cannot see.
// The service refuses the connection at apply when it is still missing.
func (r *vpnConnectionResource) gmPrerequisiteProblems(ctx context.Context, gw *client.VPNGateway, cgwID types.String) []connProblem {
	var cgw *client.CustomerGateway
	if known(cgwID) {
		got, err := r.data.Client.GetCustomerGateway(ctx, cgwID.ValueString())
		if err != nil {
			tflog.Debug(ctx, "Cannot read the customer gateway of a GM connection at plan time", map[string]any{"cgw_id": cgwID.ValueString(), "error": err.Error()})
		} else {
			cgw = got
		}
	}
	return gmPrerequisites(gw, cgw)
}

// gmPrerequisites lists what GM gateway gw and customer gateway cgw (nil:
// not known yet) lack for a new connection.
func gmPrerequisites(gw *client.VPNGateway, cgw *client.CustomerGateway) []connProblem {
	var out []connProblem
	if gw.CertificateID == "" {
		out = append(out, connProblem{path: path.Root("vgw_id"), summary: "GM VPN Gateway Has No Certificate",
			detail: fmt.Sprintf("VPN gateway %s is of flavor GM and has no certificate yet; the service refuses connections "+
				"on it until one is bound. Unless a huaweicloudvpn_vpn_gateway_certificate for it is applied before this "+
				"connection (depends_on), creating the connection will fail.", gw.ID)})
	}
	if cgw != nil && cgw.CACertificate == nil {
		out = append(out, connProblem{path: path.Root("cgw_id"), summary: "Customer Gateway Has No CA Certificate",
			detail: fmt.Sprintf("Customer gateway %s has no ca_certificate, which connections of GM VPN gateway %s need. "+
				"Unless its ca_certificate is set before this connection is created (depends_on), creating the connection "+
				"will fail.", cgw.ID, gw.ID)})
	}
	return out
}

// pskChangeWarning explains (NOTES.md item 12) that with IKEv2 a key change
// alone takes effect only when the tunnel renegotiates; "" when no key changes.
func pskChangeWarning(plan, config, state *vpnConnectionModel) string {
	pskChanged := !plan.PSK.IsNull() && !plan.PSK.Equal(state.PSK)
	woChanged := !config.PSKWO.IsNull() && (!plan.PSKWOVersion.Equal(state.PSKWOVersion) || !state.PSK.IsNull())
	if !pskChanged && !woChanged {
		return ""
	}
	version := types.StringNull()
	if known(plan.IKEPolicy) {
		version, _ = plan.IKEPolicy.Attributes()["ike_version"].(types.String)
	}
	if version.IsUnknown() || version.ValueString() != apispec.IKEVersion2 {
		return ""
	}
	return "The connection uses IKEv2: the service applies a new pre-shared key alone only when the tunnel " +
		"renegotiates (reset the connection or wait for the IKE SA lifetime to end)."
}

// planVPNConnection fills the planned values that the schema alone cannot:
// style and enable_nqa defaults, the computed fields of the policies (kept
// from the state while stable), rule indexes, and the replacement paths.
// prior is nil when creating.
func planVPNConnection(ctx context.Context, plan, config, prior *vpnConnectionModel, replace *path.Paths) diag.Diagnostics {
	var diags diag.Diagnostics

	// style: default static; a change of case alone keeps the prior value
	// (Terraform accepts the prior value as equivalent to the configuration).
	switch {
	case !config.Style.IsNull():
		if prior != nil && known(config.Style) && known(prior.Style) &&
			apispec.ConnectionStylesEqual(config.Style.ValueString(), prior.Style.ValueString()) {
			plan.Style = prior.Style
		}
	case prior == nil:
		plan.Style = types.StringValue(apispec.DefaultConnectionStyle)
	default:
		plan.Style = prior.Style
	}
	if prior != nil && known(plan.Style) && !strings.EqualFold(plan.Style.ValueString(), prior.Style.ValueString()) {
		replace.Append(path.Root("style"))
	}

	// enable_nqa: false by default for static connections, null for others.
	if config.EnableNQA.IsNull() {
		switch style, ok := connStyle(plan.Style); {
		case !ok:
			plan.EnableNQA = types.BoolUnknown()
		case style == apispec.ConnectionStyleStatic:
			plan.EnableNQA = types.BoolValue(false)
		default:
			plan.EnableNQA = types.BoolNull()
		}
	}
	if prior != nil && !plan.EnableNQA.IsUnknown() && !plan.EnableNQA.Equal(prior.EnableNQA) {
		replace.Append(path.Root("enable_nqa"))
	}

	// Policies: configured values, else the state's while stable, else unknown.
	var stIKE, stIPsec types.Object
	if prior != nil {
		stIKE, stIPsec = prior.IKEPolicy, prior.IPsecPolicy
	}
	cgwChanged := prior != nil && !plan.CgwID.Equal(prior.CgwID)
	ikeStable := func(name string, planned map[string]attr.Value, st map[string]attr.Value) bool {
		same := func(n string) bool {
			pv, sv := planned[n], st[n]
			return pv != nil && sv != nil && pv.Equal(sv)
		}
		switch name {
		case "peer_id":
			return !cgwChanged && same("peer_id_type")
		case "local_id":
			return same("local_id_type")
		case "phase1_negotiation_mode":
			return same("ike_version")
		}
		return true
	}
	plan.IKEPolicy = planNestedObject(config.IKEPolicy, stIKE, vpnConnectionIKEAttrTypes, ikeStable,
		"ike_version", "local_id_type", "peer_id_type")
	plan.IPsecPolicy = planNestedObject(config.IPsecPolicy, stIPsec, vpnConnectionIPsecAttrTypes, nil)
	if prior != nil && known(plan.IKEPolicy) && known(prior.IKEPolicy) {
		pm := plan.IKEPolicy.Attributes()["authentication_method"]
		sm := prior.IKEPolicy.Attributes()["authentication_method"]
		if pm != nil && !pm.IsUnknown() && !pm.Equal(sm) {
			replace.Append(path.Root("ikepolicy").AtName("authentication_method"))
		}
	}

	// policy_rules: kept from the state when not configured; rule_index from
	// the state's rule with the same source when not configured.
	if config.PolicyRules.IsNull() {
		if prior != nil {
			plan.PolicyRules = prior.PolicyRules
		}
	} else if prior != nil && known(plan.PolicyRules) && known(prior.PolicyRules) {
		rules, d := policyRulesFromList(ctx, plan.PolicyRules)
		cfgRules, d2 := policyRulesFromList(ctx, config.PolicyRules)
		stRules, d3 := policyRulesFromList(ctx, prior.PolicyRules)
		diags.Append(d...)
		diags.Append(d2...)
		diags.Append(d3...)
		if diags.HasError() {
			return diags
		}
		bySource := map[string]*int64{}
		for _, sr := range stRules {
			bySource[sr.source] = sr.index
		}
		for i := range rules {
			if i < len(cfgRules) && cfgRules[i].indexSet {
				continue
			}
			if idx, ok := bySource[rules[i].source]; ok && idx != nil {
				rules[i].index, rules[i].indexSet, rules[i].indexUnknown = idx, true, false
			} else {
				rules[i].index, rules[i].indexSet, rules[i].indexUnknown = nil, false, true
			}
		}
		plan.PolicyRules = policyRulesToList(rules)
	}
	return diags
}
