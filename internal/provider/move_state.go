package provider

// Cross-provider `moved` blocks (Terraform 1.8+) from the official
// huaweicloud provider:
//
//	moved {
//	  from = huaweicloud_vpn_gateway.gw
//	  to   = huaweicloudvpn_vpn_gateway.gw
//	}
//
// for huaweicloud_vpn_gateway, _customer_gateway, _connection and
// _connection_health_check (to huaweicloudvpn_connection_monitor). Each
// mover reads the official state (raw JSON, version 0 of v1.97.1's schemas),
// turns it into the service's own view of the object (the client's wire
// model: the official names are mostly the API's) and stores it through the
// resource's own flatten function, so the moved state is what Read would
// store. What only the state holds (the pre-shared key, which stays
// sensitive, a CA certificate's PEM text, timeouts, tags) is carried over;
// what has no place here is named in a warning.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/client"
)

// officialProviderAddress is the official provider's source address.
const officialProviderAddress = "registry.terraform.io/huaweicloud/huaweicloud"

var (
	_ resource.ResourceWithMoveState = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithMoveState = (*customerGatewayResource)(nil)
	_ resource.ResourceWithMoveState = (*vpnConnectionResource)(nil)
	_ resource.ResourceWithMoveState = (*connectionMonitorResource)(nil)
)

// MoveState implements resource.ResourceWithMoveState.
func (r *vpnGatewayResource) MoveState(context.Context) []resource.StateMover {
	return officialMover("huaweicloud_vpn_gateway", r, func(ctx context.Context, src officialState, prior *vpnGatewayModel, diags *diag.Diagnostics) any {
		m := moveVPNGateway(ctx, src, *prior, diags)
		return &m
	})
}

// MoveState implements resource.ResourceWithMoveState.
func (r *customerGatewayResource) MoveState(context.Context) []resource.StateMover {
	return officialMover("huaweicloud_vpn_customer_gateway", r, func(ctx context.Context, src officialState, prior *customerGatewayResourceModel, diags *diag.Diagnostics) any {
		moveCustomerGateway(ctx, src, prior, diags)
		return prior
	})
}

// MoveState implements resource.ResourceWithMoveState.
func (r *vpnConnectionResource) MoveState(context.Context) []resource.StateMover {
	return officialMover("huaweicloud_vpn_connection", r, func(ctx context.Context, src officialState, prior *vpnConnectionModel, diags *diag.Diagnostics) any {
		return moveVPNConnection(ctx, src, prior, diags)
	})
}

// MoveState implements resource.ResourceWithMoveState.
func (r *connectionMonitorResource) MoveState(context.Context) []resource.StateMover {
	return officialMover("huaweicloud_vpn_connection_health_check", r, func(_ context.Context, src officialState, prior *connectionMonitorModel, _ *diag.Diagnostics) any {
		m := flattenConnectionMonitor(&client.ConnectionMonitor{
			ID:              src.str("id"),
			Status:          src.str("status"),
			VPNConnectionID: src.str("connection_id"),
			SourceIP:        src.str("source_ip"),
			DestinationIP:   src.str("destination_ip"),
		}, *prior)
		return &m
	})
}

// officialMover is the state mover from the official resource sourceType:
// it parses the raw state and hands it, with a null model of r as the
// prior, to move, whose result becomes the target state. Requests for other
// sources are left to other movers.
func officialMover[M any](sourceType string, r resource.Resource,
	move func(ctx context.Context, src officialState, prior *M, diags *diag.Diagnostics) any,
) []resource.StateMover {
	return []resource.StateMover{{
		StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
			if req.SourceTypeName != sourceType || !strings.EqualFold(req.SourceProviderAddress, officialProviderAddress) {
				return
			}
			if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
				resp.Diagnostics.AddError("Unable To Move Resource State",
					fmt.Sprintf("Terraform sent no state of %s to move.", sourceType))
				return
			}
			src, err := parseOfficialState(req.SourceRawState.JSON)
			if err != nil {
				resp.Diagnostics.AddError("Unable To Move Resource State",
					fmt.Sprintf("Reading the state of %s (schema version %d) of %s: %v.", sourceType, req.SourceSchemaVersion,
						req.SourceProviderAddress, err))
				return
			}
			spec, diags := newDSItemSpec(ctx, r)
			resp.Diagnostics.Append(diags...)
			var prior M
			resp.Diagnostics.Append(spec.nullModel(ctx, &prior)...)
			if resp.Diagnostics.HasError() {
				return
			}
			m := move(ctx, src, &prior, &resp.Diagnostics)
			if resp.Diagnostics.HasError() {
				return
			}
			resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
		},
	}}
}

// officialState is the attributes of an official resource's state.
type officialState map[string]any

// parseOfficialState decodes raw state JSON (numbers kept exact).
func parseOfficialState(raw []byte) (officialState, error) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// str is a string attribute ("" when null or absent).
func (s officialState) str(name string) string {
	v, _ := s[name].(string)
	return v
}

// int is a number attribute (0 when null or absent).
func (s officialState) int(name string) int64 {
	n, ok := s[name].(json.Number)
	if !ok {
		return 0
	}
	i, err := n.Int64()
	if err != nil {
		return 0
	}
	return i
}

// intPtr is a number attribute (nil when null or absent).
func (s officialState) intPtr(name string) *int {
	if _, ok := s[name].(json.Number); !ok {
		return nil
	}
	v := int(s.int(name))
	return &v
}

// boolPtr is a bool attribute (nil when null or absent).
func (s officialState) boolPtr(name string) *bool {
	b, ok := s[name].(bool)
	if !ok {
		return nil
	}
	return &b
}

// strings is a list or set of strings.
func (s officialState) strings(name string) []string {
	list, _ := s[name].([]any)
	var out []string
	for _, v := range list {
		if str, ok := v.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

// block is the first element of a list block (nil when empty).
func (s officialState) block(name string) officialState {
	list, _ := s[name].([]any)
	if len(list) == 0 {
		return nil
	}
	m, _ := list[0].(map[string]any)
	return m
}

// blocks is every element of a list block.
func (s officialState) blocks(name string) []officialState {
	list, _ := s[name].([]any)
	var out []officialState
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// tags are the tags of the state as API tags, in key order.
func (s officialState) tags() []client.Tag {
	m, _ := s["tags"].(map[string]any)
	var out []client.Tag
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v, _ := m[k].(string)
		out = append(out, client.Tag{Key: k, Value: v})
	}
	return out
}

// set reports a non-empty value (not null, "", false, 0 or an empty list).
func (s officialState) set(name string) bool {
	switch v := s[name].(type) {
	case nil:
		return false
	case string:
		return v != ""
	case bool:
		return v
	case json.Number:
		return v.String() != "0"
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}
	return true
}

// unused adds one warning naming the attributes of s that are set but have
// no place in this provider (notes explains each), so the user knows what
// the move did not carry.
func (s officialState) unused(diags *diag.Diagnostics, sourceType string, notes map[string]string) {
	var lines []string
	for _, name := range slices.Sorted(maps.Keys(notes)) {
		if s.set(name) {
			lines = append(lines, fmt.Sprintf("- %s: %s", name, notes[name]))
		}
	}
	if len(lines) == 0 {
		return
	}
	diags.AddWarning("Attributes Not Moved",
		fmt.Sprintf("Moving %s %s from the official huaweicloud provider: these attributes have no place in this "+
			"provider and were not carried over:\n%s", sourceType, s.str("id"), strings.Join(lines, "\n")))
}

// timeouts is the official timeouts block as this resource's timeouts
// (typed like like, which is returned when the official one is null).
func (s officialState) timeouts(ctx context.Context, like timeouts.Value) timeouts.Value {
	t, _ := s["timeouts"].(map[string]any)
	if len(t) == 0 {
		return like
	}
	attrTypes := like.AttributeTypes(ctx)
	vals := map[string]attr.Value{}
	for name := range attrTypes {
		if v, ok := t[name].(string); ok && v != "" {
			vals[name] = types.StringValue(v)
		} else {
			vals[name] = types.StringNull()
		}
	}
	obj, d := types.ObjectValue(attrTypes, vals)
	if d.HasError() {
		return like
	}
	return timeouts.Value{Object: obj}
}

// ---- gateway ----

// moveVPNGateway maps huaweicloud_vpn_gateway: asn is bgp_asn,
// availability_zones is availability_zone_ids, the eip1/eip2 blocks (or
// the deprecated master_eip/slave_eip) are the eip1/eip2 attributes.
func moveVPNGateway(ctx context.Context, src officialState, prior vpnGatewayModel, diags *diag.Diagnostics) vpnGatewayModel {
	eip := func(names ...string) *client.EIP {
		for _, n := range names {
			if b := src.block(n); b != nil && b.str("id") != "" {
				return &client.EIP{
					ID: b.str("id"), Type: b.str("type"), ChargeMode: b.str("charge_mode"),
					BandwidthSize: int(b.int("bandwidth_size")), BandwidthName: b.str("bandwidth_name"),
					BandwidthID: b.str("bandwidth_id"), IPAddress: b.str("ip_address"), IPVersion: int(b.int("ip_version")),
				}
			}
		}
		return nil
	}
	gw := &client.VPNGateway{
		ID: src.str("id"), Name: src.str("name"), Status: src.str("status"),
		NetworkType: src.str("network_type"), AttachmentType: src.str("attachment_type"),
		ErID: src.str("er_id"), ErAttachmentID: src.str("er_attachment_id"), VpcID: src.str("vpc_id"),
		LocalSubnets: src.strings("local_subnets"), ConnectSubnet: src.str("connect_subnet"),
		AccessVpcID: src.str("access_vpc_id"), AccessSubnetID: src.str("access_subnet_id"),
		AccessPrivateIP1: src.str("access_private_ip_1"), AccessPrivateIP2: src.str("access_private_ip_2"),
		BgpAsn: src.int("asn"), Flavor: src.str("flavor"), AvailabilityZoneIDs: src.strings("availability_zones"),
		UsedConnectionNumber: int(src.int("used_connection_number")), UsedConnectionGroup: int(src.int("used_connection_group")),
		EnterpriseProjectID: src.str("enterprise_project_id"), HAMode: src.str("ha_mode"),
		EIP1: eip("eip1", "master_eip"), EIP2: eip("eip2", "slave_eip"),
		CreatedAt: src.str("created_at"), UpdatedAt: src.str("updated_at"), Tags: src.tags(),
	}
	if cert := src.block("certificate"); cert != nil {
		gw.CertificateID = cert.str("certificate_id")
	}
	m := flattenVPNGateway(ctx, gw, prior, nil)
	m.Timeouts = src.timeouts(ctx, prior.Timeouts)
	src.unused(diags, "huaweicloud_vpn_gateway", map[string]string{
		"certificate": "the GM certificate is the resource huaweicloudvpn_vpn_gateway_certificate: import it with " +
			"`import { to = huaweicloudvpn_vpn_gateway_certificate.NAME, id = \"" + gw.ID + "\" }` (its PEM texts and " +
			"keys from your configuration; the service never returns them)",
		"delete_eip_on_termination": "this provider has no such argument and never releases an EIP through the EIP " +
			"service: deleting the gateway is one call to the VPN service, which decides what becomes of its EIPs",
	})
	return m
}

// ---- customer gateway ----

// moveCustomerGateway maps huaweicloud_vpn_customer_gateway into m (a null
// model): asn is bgp_asn, the deprecated ip is id_value (id type ip),
// certificate_content is ca_certificate.content.
func moveCustomerGateway(ctx context.Context, src officialState, m *customerGatewayResourceModel, diags *diag.Diagnostics) {
	cgw := &client.CustomerGateway{
		ID: src.str("id"), Name: src.str("name"), IDType: src.str("id_type"), IDValue: src.str("id_value"),
		CreatedAt: src.str("created_at"), UpdatedAt: src.str("updated_at"), Tags: src.tags(),
	}
	if cgw.IDValue == "" && src.str("ip") != "" {
		cgw.IDType, cgw.IDValue = "ip", src.str("ip")
	}
	if src.set("asn") {
		asn := src.int("asn")
		cgw.BgpAsn = &asn
	}
	if src.str("certificate_id") != "" || src.str("certificate_content") != "" {
		cgw.CACertificate = &client.CACertificate{
			ID: src.str("certificate_id"), SerialNumber: src.str("serial_number"),
			SignatureAlgorithm: src.str("signature_algorithm"), Issuer: src.str("issuer"),
			Subject: src.str("subject"), ExpireTime: src.str("expire_time"), IsUpdatable: src.boolPtr("is_updatable"),
		}
	}
	diags.Append(flattenCustomerGateway(ctx, cgw, m, nil)...)
	if content := src.str("certificate_content"); content != "" && cgw.CACertificate != nil {
		ca, d := cgwFlattenCA(cgw.CACertificate, pemValue{StringValue: types.StringValue(content)})
		diags.Append(d...)
		m.CACertificate = ca
	}
	src.unused(diags, "huaweicloud_vpn_customer_gateway", map[string]string{
		"route_mode": "deprecated in the official provider and not part of the API's customer gateway; a BGP " +
			"customer gateway is one with bgp_asn",
	})
}

// ---- connection ----

// moveVPNConnection maps huaweicloud_vpn_connection: gateway_id is vgw_id,
// gateway_ip is vgw_ip, customer_gateway_id is cgw_id, vpn_type is style,
// the ikepolicy/ipsecpolicy/dpd/policy_rules blocks are nested attributes,
// psk stays psk (sensitive).
func moveVPNConnection(ctx context.Context, src officialState, prior *vpnConnectionModel, diags *diag.Diagnostics) *vpnConnectionModel {
	conn := &client.VPNConnection{
		ID: src.str("id"), Name: src.str("name"), Status: src.str("status"),
		VgwID: src.str("gateway_id"), VgwIP: src.str("gateway_ip"), CgwID: src.str("customer_gateway_id"),
		Style: src.str("vpn_type"), PeerSubnets: src.strings("peer_subnets"),
		TunnelLocalAddress: src.str("tunnel_local_address"), TunnelPeerAddress: src.str("tunnel_peer_address"),
		EnableNQA: src.boolPtr("enable_nqa"), HARole: src.str("ha_role"),
		EnterpriseProjectID: src.str("enterprise_project_id"),
		CreatedAt:           src.str("created_at"), UpdatedAt: src.str("updated_at"), Tags: src.tags(),
	}
	for _, pr := range src.blocks("policy_rules") {
		conn.PolicyRules = append(conn.PolicyRules, client.PolicyRule{
			RuleIndex: pr.intPtr("rule_index"), Source: pr.str("source"), Destination: pr.strings("destination"),
		})
	}
	sort.SliceStable(conn.PolicyRules, func(i, j int) bool {
		a, b := conn.PolicyRules[i].RuleIndex, conn.PolicyRules[j].RuleIndex
		return a != nil && (b == nil || *a < *b)
	})
	var ikePFS string
	if ike := src.block("ikepolicy"); ike != nil {
		ikePFS = ike.str("pfs")
		conn.IKEPolicy = &client.IKEPolicy{
			IKEVersion: ike.str("ike_version"), Phase1NegotiationMode: ike.str("phase1_negotiation_mode"),
			AuthenticationAlgorithm: ike.str("authentication_algorithm"), EncryptionAlgorithm: ike.str("encryption_algorithm"),
			DHGroup: ike.str("dh_group"), AuthenticationMethod: ike.str("authentication_method"),
			LifetimeSeconds: ike.intPtr("lifetime_seconds"),
			LocalIDType:     ike.str("local_id_type"), LocalID: ike.str("local_id"),
			PeerIDType: ike.str("peer_id_type"), PeerID: ike.str("peer_id"),
		}
		if dpd := ike.block("dpd"); dpd != nil {
			conn.IKEPolicy.DPD = &client.DPD{Timeout: dpd.intPtr("timeout"), Interval: dpd.intPtr("interval"), Msg: dpd.str("msg")}
		}
	}
	if ipsec := src.block("ipsecpolicy"); ipsec != nil {
		conn.IPsecPolicy = &client.IPsecPolicy{
			AuthenticationAlgorithm: ipsec.str("authentication_algorithm"), EncryptionAlgorithm: ipsec.str("encryption_algorithm"),
			PFS: ipsec.str("pfs"), TransformProtocol: ipsec.str("transform_protocol"),
			LifetimeSeconds: ipsec.intPtr("lifetime_seconds"), EncapsulationMode: ipsec.str("encapsulation_mode"),
		}
	}
	m, d := flattenVPNConnection(ctx, conn, prior, nil)
	diags.Append(d...)
	if d.HasError() {
		return prior
	}
	if psk := src.str("psk"); psk != "" {
		m.PSK = types.StringValue(psk) // sensitive in this provider's schema
	}
	m.Timeouts = src.timeouts(ctx, prior.Timeouts)
	notes := map[string]string{}
	if ikePFS != "" {
		src["ikepolicy.pfs"] = ikePFS
		notes["ikepolicy.pfs"] = "not part of the API's IKE policy (PFS is ipsecpolicy.pfs)"
	}
	src.unused(diags, "huaweicloud_vpn_connection", notes)
	return m
}
