package provider

// Request bodies from the plan, and the state from the service's answer, for
// huaweicloudvpn_vpn_connection, including the mapping of split policy rules
// back onto the configured ones.

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// Attribute types of the nested objects.
var (
	vpnConnectionDPDAttrTypes = map[string]attr.Type{
		"timeout":  types.Int64Type,
		"interval": types.Int64Type,
		"msg":      types.StringType,
	}
	vpnConnectionIKEAttrTypes = map[string]attr.Type{
		"ike_version":              types.StringType,
		"phase1_negotiation_mode":  types.StringType,
		"authentication_algorithm": types.StringType,
		"encryption_algorithm":     types.StringType,
		"dh_group":                 types.StringType,
		"authentication_method":    types.StringType,
		"lifetime_seconds":         types.Int64Type,
		"local_id_type":            types.StringType,
		"local_id":                 types.StringType,
		"peer_id_type":             types.StringType,
		"peer_id":                  types.StringType,
		"dpd":                      types.ObjectType{AttrTypes: vpnConnectionDPDAttrTypes},
	}
	vpnConnectionIPsecAttrTypes = map[string]attr.Type{
		"authentication_algorithm": types.StringType,
		"encryption_algorithm":     types.StringType,
		"pfs":                      types.StringType,
		"transform_protocol":       types.StringType,
		"lifetime_seconds":         types.Int64Type,
		"encapsulation_mode":       types.StringType,
	}
	vpnConnectionRuleAttrTypes = map[string]attr.Type{
		"rule_index":  types.Int64Type,
		"source":      types.StringType,
		"destination": types.SetType{ElemType: types.StringType},
	}
)

// policyRule is one element of policy_rules. index is nil when null or
// unknown (indexUnknown tells which); known is false when source or
// destination is unknown.
type policyRule struct {
	index        *int64
	indexSet     bool
	indexUnknown bool
	source       string
	destinations []string
	known        bool
}

// policyRulesFromList reads a policy_rules list (nil for a null or unknown list).
func policyRulesFromList(ctx context.Context, l types.List) ([]policyRule, diag.Diagnostics) {
	if !known(l) {
		return nil, nil
	}
	var diags diag.Diagnostics
	out := make([]policyRule, 0, len(l.Elements()))
	for _, e := range l.Elements() {
		obj, ok := e.(types.Object)
		if !ok || !known(obj) {
			out = append(out, policyRule{})
			continue
		}
		a := obj.Attributes()
		pr := policyRule{known: true}
		if idx, ok := a["rule_index"].(types.Int64); ok {
			switch {
			case idx.IsUnknown():
				pr.indexUnknown = true
			case !idx.IsNull():
				v := idx.ValueInt64()
				pr.index, pr.indexSet = &v, true
			}
		}
		src, _ := a["source"].(types.String)
		if src.IsUnknown() {
			pr.known = false
		}
		pr.source = src.ValueString()
		dst, _ := a["destination"].(types.Set)
		if dst.IsUnknown() {
			pr.known = false
		} else {
			var ds []string
			diags.Append(dst.ElementsAs(ctx, &ds, true)...)
			for _, d := range dst.Elements() {
				if d.IsUnknown() {
					pr.known = false
				}
			}
			pr.destinations = ds
		}
		out = append(out, pr)
	}
	return out, diags
}

// policyRulesToList builds a policy_rules value (null for no rules).
func policyRulesToList(rules []policyRule) types.List {
	ot := types.ObjectType{AttrTypes: vpnConnectionRuleAttrTypes}
	if len(rules) == 0 {
		return types.ListNull(ot)
	}
	elems := make([]attr.Value, 0, len(rules))
	for _, r := range rules {
		idx := types.Int64Null()
		switch {
		case r.indexUnknown:
			idx = types.Int64Unknown()
		case r.index != nil:
			idx = types.Int64Value(*r.index)
		}
		elems = append(elems, types.ObjectValueMust(vpnConnectionRuleAttrTypes, map[string]attr.Value{
			"rule_index":  idx,
			"source":      types.StringValue(r.source),
			"destination": stringSetValue(r.destinations),
		}))
	}
	return types.ListValueMust(ot, elems)
}

// mapPolicyRules maps the service's rules onto the prior (configured or
// stored) rules. The service splits a rule with several destinations into
// one rule per destination and renumbers them, so its rules are grouped by
// source (the lowest index of a group stands for it). Each prior rule whose
// source has a group takes the group's destinations and keeps its own index
// when it has one; groups no prior rule claims follow in the service's order.
func mapPolicyRules(resp []client.PolicyRule, prior []policyRule) []policyRule {
	type group struct {
		index *int64
		dests []string
		used  bool
	}
	groups := map[string]*group{}
	var order []string
	for _, r := range resp {
		g, ok := groups[r.Source]
		if !ok {
			g = &group{}
			groups[r.Source] = g
			order = append(order, r.Source)
		}
		if r.RuleIndex != nil && (g.index == nil || int64(*r.RuleIndex) < *g.index) {
			v := int64(*r.RuleIndex)
			g.index = &v
		}
		for _, d := range r.Destination {
			if !slices.Contains(g.dests, d) {
				g.dests = append(g.dests, d)
			}
		}
	}
	var out []policyRule
	for _, p := range prior {
		g, ok := groups[p.source]
		if !ok || g.used {
			continue
		}
		g.used = true
		idx := g.index
		if p.indexSet && p.index != nil {
			idx = p.index
		}
		out = append(out, policyRule{index: idx, indexSet: idx != nil, source: p.source, destinations: g.dests, known: true})
	}
	for _, src := range order {
		if g := groups[src]; !g.used {
			out = append(out, policyRule{index: g.index, indexSet: g.index != nil, source: src, destinations: g.dests, known: true})
		}
	}
	return out
}

// expandPolicyRules turns planned rules into request rules (rule_index only when known).
func expandPolicyRules(rules []policyRule) []client.PolicyRule {
	out := make([]client.PolicyRule, 0, len(rules))
	for _, r := range rules {
		pr := client.PolicyRule{Source: r.source, Destination: append([]string{}, r.destinations...)}
		if r.index != nil {
			v := int(*r.index)
			pr.RuleIndex = &v
		}
		out = append(out, pr)
	}
	return out
}

// expandIKEPolicy builds the request's IKE policy from the known leaves of
// obj; nil when none. local_id and peer_id are sent only with type fqdn,
// phase1_negotiation_mode only with IKEv1, authentication_method only on create.
func expandIKEPolicy(obj types.Object, update bool) *client.IKEPolicy {
	if !known(obj) {
		return nil
	}
	p := &client.IKEPolicy{}
	str := func(name string) string { return knownString(objectString(obj, name)) }
	p.IKEVersion = str("ike_version")
	if version := objectString(obj, "ike_version"); !known(version) || version.ValueString() == apispec.IKEVersion1 {
		p.Phase1NegotiationMode = str("phase1_negotiation_mode")
	}
	p.AuthenticationAlgorithm = str("authentication_algorithm")
	p.EncryptionAlgorithm = str("encryption_algorithm")
	p.DHGroup = str("dh_group")
	if !update {
		p.AuthenticationMethod = str("authentication_method")
	}
	p.LifetimeSeconds = knownIntPtr(objectInt64(obj, "lifetime_seconds"))
	p.LocalIDType = str("local_id_type")
	if p.LocalIDType == apispec.IDTypeFQDN {
		p.LocalID = str("local_id")
	}
	p.PeerIDType = str("peer_id_type")
	if p.PeerIDType == apispec.IDTypeFQDN {
		p.PeerID = str("peer_id")
	}
	if dpdObj, ok := obj.Attributes()["dpd"].(types.Object); ok && known(dpdObj) {
		d := &client.DPD{
			Timeout:  knownIntPtr(objectInt64(dpdObj, "timeout")),
			Interval: knownIntPtr(objectInt64(dpdObj, "interval")),
			Msg:      knownString(objectString(dpdObj, "msg")),
		}
		if d.Timeout != nil || d.Interval != nil || d.Msg != "" {
			p.DPD = d
		}
	}
	if *p == (client.IKEPolicy{}) {
		return nil
	}
	return p
}

// expandIPsecPolicy builds the request's IPsec policy from the known leaves of obj; nil when none.
func expandIPsecPolicy(obj types.Object) *client.IPsecPolicy {
	if !known(obj) {
		return nil
	}
	str := func(name string) string { return knownString(objectString(obj, name)) }
	p := &client.IPsecPolicy{
		AuthenticationAlgorithm: str("authentication_algorithm"),
		EncryptionAlgorithm:     str("encryption_algorithm"),
		PFS:                     str("pfs"),
		TransformProtocol:       str("transform_protocol"),
		LifetimeSeconds:         knownIntPtr(objectInt64(obj, "lifetime_seconds")),
		EncapsulationMode:       str("encapsulation_mode"),
	}
	if *p == (client.IPsecPolicy{}) {
		return nil
	}
	return p
}

// expandVPNConnectionCreate builds the create request from the plan. psk is
// the key from psk or psk_wo ("" for GM gateways).
func expandVPNConnectionCreate(ctx context.Context, plan *vpnConnectionModel, gw *client.VPNGateway, psk string) (*client.CreateVPNConnectionRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	style, _ := connStyle(plan.Style)
	req := &client.CreateVPNConnectionRequest{
		VgwID:       plan.VgwID.ValueString(),
		VgwIP:       plan.VgwIP.ValueString(),
		CgwID:       plan.CgwID.ValueString(),
		Style:       style,
		PSK:         psk,
		IKEPolicy:   expandIKEPolicy(plan.IKEPolicy, false),
		IPsecPolicy: expandIPsecPolicy(plan.IPsecPolicy),
	}
	if known(plan.Name) {
		req.Name = plan.Name.ValueString()
	}
	subnets, d := setStrings(ctx, plan.PeerSubnets)
	diags.Append(d...)
	req.PeerSubnets = subnets
	if known(plan.TunnelLocalAddress) && known(plan.TunnelPeerAddress) {
		req.TunnelLocalAddress = plan.TunnelLocalAddress.ValueString()
		req.TunnelPeerAddress = plan.TunnelPeerAddress.ValueString()
	}
	// enable_nqa goes only with static connections, false included (NOTES.md item 11).
	if style == apispec.ConnectionStyleStatic {
		b := plan.EnableNQA.ValueBool()
		req.EnableNQA = &b
	}
	rules, d := policyRulesFromList(ctx, plan.PolicyRules)
	diags.Append(d...)
	if len(rules) > 0 {
		req.PolicyRules = expandPolicyRules(rules)
	}
	if known(plan.HARole) {
		req.HARole = plan.HARole.ValueString()
	} else {
		req.HARole = inferHARole(gw, req.VgwIP)
	}
	tagsAll, d := mapFromTypes(ctx, plan.TagsAll)
	diags.Append(d...)
	req.Tags = tagsFromMap(tagsAll)
	return req, diags
}

// expandVPNConnectionUpdate builds the update request with what changed
// between state and plan; changed is false when there is nothing to send.
// config supplies psk_wo, sent when psk_wo_version changes or psk_wo
// replaces psk.
func expandVPNConnectionUpdate(ctx context.Context, plan, state, config *vpnConnectionModel) (*client.UpdateVPNConnectionRequest, bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	req := &client.UpdateVPNConnectionRequest{}
	changed := false
	if known(plan.Name) && !plan.Name.Equal(state.Name) {
		req.Name, changed = plan.Name.ValueString(), true
	}
	if !plan.CgwID.Equal(state.CgwID) {
		req.CgwID, changed = plan.CgwID.ValueString(), true
	}
	if known(plan.PeerSubnets) && !plan.PeerSubnets.Equal(state.PeerSubnets) {
		subnets, d := setStrings(ctx, plan.PeerSubnets)
		diags.Append(d...)
		req.PeerSubnets, changed = subnets, true
	}
	if known(plan.TunnelLocalAddress) && known(plan.TunnelPeerAddress) &&
		(!plan.TunnelLocalAddress.Equal(state.TunnelLocalAddress) || !plan.TunnelPeerAddress.Equal(state.TunnelPeerAddress)) {
		req.TunnelLocalAddress = plan.TunnelLocalAddress.ValueString()
		req.TunnelPeerAddress = plan.TunnelPeerAddress.ValueString()
		changed = true
	}
	switch {
	case known(plan.PSK) && !plan.PSK.Equal(state.PSK):
		req.PSK, changed = plan.PSK.ValueString(), true
	case known(config.PSKWO) && (!plan.PSKWOVersion.Equal(state.PSKWOVersion) || !state.PSK.IsNull()):
		req.PSK, changed = config.PSKWO.ValueString(), true
	}
	if known(plan.PolicyRules) && !plan.PolicyRules.Equal(state.PolicyRules) {
		rules, d := policyRulesFromList(ctx, plan.PolicyRules)
		diags.Append(d...)
		if len(rules) > 0 {
			req.PolicyRules, changed = expandPolicyRules(rules), true
		}
	}
	if knownLeavesDiffer(plan.IKEPolicy, state.IKEPolicy) {
		if p := expandIKEPolicy(plan.IKEPolicy, true); p != nil {
			req.IKEPolicy, changed = p, true
		}
	}
	if knownLeavesDiffer(plan.IPsecPolicy, state.IPsecPolicy) {
		if p := expandIPsecPolicy(plan.IPsecPolicy); p != nil {
			req.IPsecPolicy, changed = p, true
		}
	}
	return req, changed, diags
}

// flattenIKEPolicy is the ikepolicy value of a response (null when absent).
func flattenIKEPolicy(p *client.IKEPolicy) types.Object {
	if p == nil {
		return types.ObjectNull(vpnConnectionIKEAttrTypes)
	}
	dpd := types.ObjectNull(vpnConnectionDPDAttrTypes)
	if p.DPD != nil {
		dpd = types.ObjectValueMust(vpnConnectionDPDAttrTypes, map[string]attr.Value{
			"timeout":  intOrNull(p.DPD.Timeout),
			"interval": intOrNull(p.DPD.Interval),
			"msg":      strOrNull(p.DPD.Msg),
		})
	}
	return types.ObjectValueMust(vpnConnectionIKEAttrTypes, map[string]attr.Value{
		"ike_version":              strOrNull(p.IKEVersion),
		"phase1_negotiation_mode":  strOrNull(p.Phase1NegotiationMode),
		"authentication_algorithm": strOrNull(p.AuthenticationAlgorithm),
		"encryption_algorithm":     strOrNull(p.EncryptionAlgorithm),
		"dh_group":                 strOrNull(p.DHGroup),
		"authentication_method":    strOrNull(p.AuthenticationMethod),
		"lifetime_seconds":         intOrNull(p.LifetimeSeconds),
		"local_id_type":            strOrNull(p.LocalIDType),
		"local_id":                 strOrNull(p.LocalID),
		"peer_id_type":             strOrNull(p.PeerIDType),
		"peer_id":                  strOrNull(p.PeerID),
		"dpd":                      dpd,
	})
}

// flattenIPsecPolicy is the ipsecpolicy value of a response (null when absent).
func flattenIPsecPolicy(p *client.IPsecPolicy) types.Object {
	if p == nil {
		return types.ObjectNull(vpnConnectionIPsecAttrTypes)
	}
	return types.ObjectValueMust(vpnConnectionIPsecAttrTypes, map[string]attr.Value{
		"authentication_algorithm": strOrNull(p.AuthenticationAlgorithm),
		"encryption_algorithm":     strOrNull(p.EncryptionAlgorithm),
		"pfs":                      strOrNull(p.PFS),
		"transform_protocol":       strOrNull(p.TransformProtocol),
		"lifetime_seconds":         intOrNull(p.LifetimeSeconds),
		"encapsulation_mode":       strOrNull(p.EncapsulationMode),
	})
}

// flattenVPNConnection is the state for conn. prior is the plan (create,
// update) or the state (read, import): it supplies what the service does not
// return (psk, psk_wo_version, timeouts), the style as written, and the
// configured form of policy rules and tags.
func flattenVPNConnection(ctx context.Context, conn *client.VPNConnection, prior *vpnConnectionModel, defaultTags map[string]string) (*vpnConnectionModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := *prior
	out.ID = types.StringValue(conn.ID)
	out.Name = strOrNull(conn.Name)
	out.VgwID = strOrNull(conn.VgwID)
	out.VgwIP = strOrNull(conn.VgwIP)
	out.CgwID = strOrNull(conn.CgwID)
	out.PSKWO = types.StringNull()

	// The service answers STATIC for static: keep what was written when
	// equal but for case; after an import, store the request form.
	switch {
	case conn.Style == "":
		out.Style = types.StringValue(apispec.DefaultConnectionStyle)
	case known(prior.Style) && apispec.ConnectionStylesEqual(prior.Style.ValueString(), conn.Style):
	default:
		out.Style = types.StringValue(strings.ToLower(conn.Style))
	}
	style, _ := connStyle(out.Style)

	if len(conn.PeerSubnets) == 0 {
		out.PeerSubnets = types.SetNull(types.StringType)
	} else {
		out.PeerSubnets = stringSetValue(conn.PeerSubnets)
	}
	out.TunnelLocalAddress = strOrNull(conn.TunnelLocalAddress)
	out.TunnelPeerAddress = strOrNull(conn.TunnelPeerAddress)

	if style == apispec.ConnectionStyleStatic {
		out.EnableNQA = types.BoolValue(conn.EnableNQA != nil && *conn.EnableNQA)
	} else {
		out.EnableNQA = types.BoolNull()
	}

	priorRules, d := policyRulesFromList(ctx, prior.PolicyRules)
	diags.Append(d...)
	out.PolicyRules = policyRulesToList(mapPolicyRules(conn.PolicyRules, priorRules))

	out.IKEPolicy = flattenIKEPolicy(conn.IKEPolicy)
	out.IPsecPolicy = flattenIPsecPolicy(conn.IPsecPolicy)
	out.HARole = strOrNull(conn.HARole)
	out.Status = strOrNull(conn.Status)
	out.ConnectionMonitorID = strOrNull(conn.ConnectionMonitorID)
	out.EnterpriseProjectID = strOrNull(conn.EnterpriseProjectID)
	out.CreatedAt = strOrNull(conn.CreatedAt)
	out.UpdatedAt = strOrNull(conn.UpdatedAt)
	out.Tags, out.TagsAll = splitTags(tagsToMap(conn.Tags), prior.Tags, prior.TagsAll, defaultTags)
	return &out, diags
}

// connStyle returns the lower-case style of a known style value ("static"
// when null) and whether it is known.
func connStyle(v types.String) (string, bool) {
	if v.IsUnknown() {
		return "", false
	}
	if v.IsNull() {
		return apispec.DefaultConnectionStyle, true
	}
	return strings.ToLower(v.ValueString()), true
}

// vpnGatewayAddresses are the values vgw_ip may take on gw, in order (first =
// master): EIP ids of a public gateway, access private IPs of a private one.
func vpnGatewayAddresses(gw *client.VPNGateway) []string {
	var out []string
	if strings.EqualFold(gw.NetworkType, apispec.NetworkTypePrivate) {
		for _, ip := range []string{gw.AccessPrivateIP1, gw.AccessPrivateIP2} {
			if ip != "" {
				out = append(out, ip)
			}
		}
		return out
	}
	for _, e := range []*client.EIP{gw.EIP1, gw.EIP2} {
		if e != nil && e.ID != "" {
			out = append(out, e.ID)
		}
	}
	return out
}

// inferHARole is the ha_role to send when none is configured: slave for the
// second address of an active-standby gateway, else "" (service default master).
func inferHARole(gw *client.VPNGateway, vgwIP string) string {
	if !strings.EqualFold(gw.HAMode, apispec.HAModeActiveStandby) {
		return ""
	}
	if addrs := vpnGatewayAddresses(gw); len(addrs) > 1 && addrs[1] == vgwIP {
		return apispec.HARoleSlave
	}
	return ""
}
