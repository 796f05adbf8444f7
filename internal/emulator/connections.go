package emulator

// VPN connections (reference 4.1.3, NOTES.md items 1, 9-13) at the singular
// collection /v5/{project_id}/vpn-connection. Life cycle: PENDING_CREATE ->
// DOWN, PENDING_UPDATE -> back to the settled status, PENDING_DELETE -> gone,
// each after delay(KindConnection).

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// connectionRecord is a stored connection. PSK is kept (never returned) so
// tests can check what the provider sent.
type connectionRecord struct {
	ID                  string     `json:"id"`
	Name                string     `json:"name"`
	VgwID               string     `json:"vgw_id"`
	VgwIP               string     `json:"vgw_ip"`
	Style               string     `json:"style"` // upper case
	CgwID               string     `json:"cgw_id"`
	PeerSubnets         []string   `json:"peer_subnets,omitempty"`
	TunnelLocalAddress  string     `json:"tunnel_local_address,omitempty"`
	TunnelPeerAddress   string     `json:"tunnel_peer_address,omitempty"`
	EnableNQA           bool       `json:"enable_nqa"`
	PolicyRules         []connRule `json:"policy_rules,omitempty"` // already split per destination
	IKE                 connIKE    `json:"ikepolicy"`
	IPsec               connIPsec  `json:"ipsecpolicy"`
	HARole              string     `json:"ha_role"`
	EnterpriseProjectID string     `json:"enterprise_project_id"`
	PSK                 string     `json:"psk,omitempty"`
	PSKSends            int        `json:"psk_sends"`
	Status              string     `json:"status"`
	SettledStatus       string     `json:"settled_status,omitempty"`
	DueAt               time.Time  `json:"due_at"`
	CreatedAt           time.Time  `json:"created_at"`
	UpdatedAt           time.Time  `json:"updated_at"`
}

// ---- wire types (also the stored policy shapes) ----

type connDPD struct {
	Timeout  int64  `json:"timeout"`
	Interval int64  `json:"interval"`
	Msg      string `json:"msg"`
}

type connIKE struct {
	IKEVersion              string  `json:"ike_version"`
	Phase1NegotiationMode   string  `json:"phase1_negotiation_mode,omitempty"`
	AuthenticationAlgorithm string  `json:"authentication_algorithm"`
	EncryptionAlgorithm     string  `json:"encryption_algorithm"`
	DHGroup                 string  `json:"dh_group,omitempty"`
	AuthenticationMethod    string  `json:"authentication_method"`
	LifetimeSeconds         int64   `json:"lifetime_seconds"`
	LocalIDType             string  `json:"local_id_type,omitempty"`
	LocalID                 string  `json:"local_id,omitempty"`
	PeerIDType              string  `json:"peer_id_type,omitempty"`
	PeerID                  string  `json:"peer_id,omitempty"`
	DPD                     connDPD `json:"dpd"`
}

type connIPsec struct {
	AuthenticationAlgorithm string `json:"authentication_algorithm"`
	EncryptionAlgorithm     string `json:"encryption_algorithm"`
	PFS                     string `json:"pfs,omitempty"`
	TransformProtocol       string `json:"transform_protocol"`
	LifetimeSeconds         int64  `json:"lifetime_seconds"`
	EncapsulationMode       string `json:"encapsulation_mode"`
}

type connRule struct {
	RuleIndex   int64    `json:"rule_index"`
	Source      string   `json:"source"`
	Destination []string `json:"destination"`
}

type connRuleRequest struct {
	RuleIndex   *int64   `json:"rule_index"`
	Source      string   `json:"source"`
	Destination []string `json:"destination"`
}

type connDPDRequest struct {
	Timeout  *int64  `json:"timeout"`
	Interval *int64  `json:"interval"`
	Msg      *string `json:"msg"`
}

type connIKERequest struct {
	IKEVersion              *string         `json:"ike_version"`
	Phase1NegotiationMode   *string         `json:"phase1_negotiation_mode"`
	AuthenticationAlgorithm *string         `json:"authentication_algorithm"`
	EncryptionAlgorithm     *string         `json:"encryption_algorithm"`
	DHGroup                 *string         `json:"dh_group"`
	AuthenticationMethod    *string         `json:"authentication_method"`
	LifetimeSeconds         *int64          `json:"lifetime_seconds"`
	LocalIDType             *string         `json:"local_id_type"`
	LocalID                 *string         `json:"local_id"`
	PeerIDType              *string         `json:"peer_id_type"`
	PeerID                  *string         `json:"peer_id"`
	DPD                     *connDPDRequest `json:"dpd"`
}

type connIPsecRequest struct {
	AuthenticationAlgorithm *string `json:"authentication_algorithm"`
	EncryptionAlgorithm     *string `json:"encryption_algorithm"`
	PFS                     *string `json:"pfs"`
	TransformProtocol       *string `json:"transform_protocol"`
	LifetimeSeconds         *int64  `json:"lifetime_seconds"`
	EncapsulationMode       *string `json:"encapsulation_mode"`
}

// connRequest is both CreateVpnConnectionRequestBodyContent and the update
// body (fields the update table lacks are ignored there). The create table
// spells peer_subnet, the examples and the SDK peer_subnets: both are accepted.
type connRequest struct {
	Name               *string            `json:"name"`
	VgwID              *string            `json:"vgw_id"`
	VgwIP              *string            `json:"vgw_ip"`
	Style              *string            `json:"style"`
	CgwID              *string            `json:"cgw_id"`
	PeerSubnets        *[]string          `json:"peer_subnets"`
	PeerSubnet         *[]string          `json:"peer_subnet"`
	TunnelLocalAddress *string            `json:"tunnel_local_address"`
	TunnelPeerAddress  *string            `json:"tunnel_peer_address"`
	EnableNQA          *bool              `json:"enable_nqa"`
	PSK                *string            `json:"psk"`
	PolicyRules        *[]connRuleRequest `json:"policy_rules"`
	IKEPolicy          *connIKERequest    `json:"ikepolicy"`
	IPsecPolicy        *connIPsecRequest  `json:"ipsecpolicy"`
	HARole             *string            `json:"ha_role"`
	Tags               []wireTag          `json:"tags"`
}

type connRequestBody struct {
	VpnConnection *connRequest `json:"vpn_connection"`
}

type connWire struct {
	ID                  string      `json:"id"`
	Name                string      `json:"name"`
	Status              string      `json:"status,omitempty"`
	VgwID               string      `json:"vgw_id"`
	VgwIP               string      `json:"vgw_ip"`
	Style               string      `json:"style"`
	CgwID               string      `json:"cgw_id"`
	PeerSubnets         []string    `json:"peer_subnets,omitempty"`
	TunnelLocalAddress  string      `json:"tunnel_local_address,omitempty"`
	TunnelPeerAddress   string      `json:"tunnel_peer_address,omitempty"`
	EnableNQA           *bool       `json:"enable_nqa,omitempty"`
	PolicyRules         *[]connRule `json:"policy_rules,omitempty"`
	IKEPolicy           connIKE     `json:"ikepolicy"`
	IPsecPolicy         connIPsec   `json:"ipsecpolicy"`
	CreatedAt           string      `json:"created_at"`
	UpdatedAt           string      `json:"updated_at"`
	EnterpriseProjectID string      `json:"enterprise_project_id"`
	ConnectionMonitorID string      `json:"connection_monitor_id,omitempty"`
	HARole              string      `json:"ha_role"`
	Tags                []wireTag   `json:"tags,omitempty"`
}

type connEnvelope struct {
	VpnConnection connWire `json:"vpn_connection"`
	RequestID     string   `json:"request_id"`
}

type connListEnvelope struct {
	VpnConnections []connWire `json:"vpn_connections"`
	PageInfo       cfPageInfo `json:"page_info"`
	TotalCount     int        `json:"total_count"`
	RequestID      string     `json:"request_id"`
}

func (e *Emulator) registerConnections() {
	e.handle("POST /v5/{project_id}/vpn-connection", e.createConnection)
	e.handle("GET /v5/{project_id}/vpn-connection", e.listConnections)
	e.handle("GET /v5/{project_id}/vpn-connection/{vpn_connection_id}", e.getConnection)
	e.handle("PUT /v5/{project_id}/vpn-connection/{vpn_connection_id}", e.updateConnection)
	e.handle("DELETE /v5/{project_id}/vpn-connection/{vpn_connection_id}", e.deleteConnection)
}

func defaultIKE(gm bool) connIKE {
	if gm {
		return connIKE{
			IKEVersion: apispec.DefaultIKEVersionGM, Phase1NegotiationMode: apispec.DefaultPhase1NegotiationMode,
			AuthenticationAlgorithm: apispec.DefaultAuthenticationAlgorithmGM, EncryptionAlgorithm: apispec.DefaultEncryptionAlgorithmGM,
			AuthenticationMethod: apispec.DefaultIKEAuthenticationMethod, LifetimeSeconds: apispec.DefaultIKELifetimeSeconds,
			DPD: connDPD{Timeout: apispec.DefaultDPDTimeout, Interval: apispec.DefaultDPDInterval, Msg: apispec.DefaultDPDMessageFormat},
		}
	}
	return connIKE{
		IKEVersion: apispec.DefaultIKEVersion, AuthenticationAlgorithm: apispec.DefaultAuthenticationAlgorithm,
		EncryptionAlgorithm: apispec.DefaultEncryptionAlgorithm, DHGroup: apispec.DefaultDHGroup,
		AuthenticationMethod: apispec.DefaultIKEAuthenticationMethod, LifetimeSeconds: apispec.DefaultIKELifetimeSeconds,
		LocalIDType: apispec.DefaultConnectionIDType, PeerIDType: apispec.DefaultConnectionIDType,
		DPD: connDPD{Timeout: apispec.DefaultDPDTimeout, Interval: apispec.DefaultDPDInterval, Msg: apispec.DefaultDPDMessageFormat},
	}
}

func defaultIPsec(gm bool) connIPsec {
	p := connIPsec{
		AuthenticationAlgorithm: apispec.DefaultAuthenticationAlgorithm, EncryptionAlgorithm: apispec.DefaultEncryptionAlgorithm,
		PFS: apispec.DefaultPFS, TransformProtocol: apispec.DefaultIPsecTransformProtocol,
		LifetimeSeconds: apispec.DefaultIPsecLifetimeSeconds, EncapsulationMode: apispec.DefaultIPsecEncapsulationMode,
	}
	if gm {
		p.AuthenticationAlgorithm = apispec.DefaultAuthenticationAlgorithmGM
		p.EncryptionAlgorithm = apispec.DefaultEncryptionAlgorithmGM
		p.PFS = ""
	}
	return p
}

// applyPolicyTemplate replaces the standard IKE and IPsec defaults with those
// of the gateway's policy_template, which sets the defaults of policy-template
// style connections (NOTES.md item 3). Fields the request sets still win.
func applyPolicyTemplate(ike *connIKE, ipsec *connIPsec, pt *wirePolicyTemplate) {
	if pt == nil {
		return
	}
	ike.EncryptionAlgorithm = pt.IKEPolicy.EncryptionAlgorithm
	ike.DHGroup = pt.IKEPolicy.DHGroup
	ike.AuthenticationAlgorithm = pt.IKEPolicy.AuthenticationAlgorithm
	ike.LifetimeSeconds = pt.IKEPolicy.LifetimeSeconds
	ipsec.AuthenticationAlgorithm = pt.IPsecPolicy.AuthenticationAlgorithm
	ipsec.EncryptionAlgorithm = pt.IPsecPolicy.EncryptionAlgorithm
	ipsec.PFS = pt.IPsecPolicy.PFS
	ipsec.LifetimeSeconds = pt.IPsecPolicy.LifetimeSeconds
}

// splitPolicyRules orders rules by their requested rule_index (rules without
// one keep their order, after the others) and splits every rule with several
// destinations into one rule per destination, numbered from 1 (NOTES.md item 10).
func splitPolicyRules(in []connRuleRequest) []connRule {
	order := make([]int, len(in))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ia, ib := in[order[a]].RuleIndex, in[order[b]].RuleIndex
		if ia == nil || ib == nil {
			return ia != nil && ib == nil
		}
		return *ia < *ib
	})
	out := []connRule{}
	for _, i := range order {
		for _, d := range in[i].Destination {
			out = append(out, connRule{RuleIndex: int64(len(out) + 1), Source: in[i].Source, Destination: []string{d}})
		}
	}
	return out
}

// connCheck applies the fields of a create or update body to c, a copy of
// the record (or a new one with defaults), validating each documented rule.
// It returns "" or the message of a 400 VPN.0001.
func connCheck(c *connectionRecord, in *connRequest, gw gatewayInfo, create bool) string {
	gm := gw.Flavor == apispec.FlavorGM
	style := strings.ToLower(c.Style)
	if in.Name != nil {
		if err := apispec.CheckName(*in.Name); err != nil {
			return "name " + err.Error()
		}
		c.Name = *in.Name
	}

	// peer subnets
	peer := in.PeerSubnets
	if peer == nil {
		peer = in.PeerSubnet
	}
	noPeerSubnets := gw.AttachmentType == "er" && (style == apispec.ConnectionStylePolicy || style == apispec.ConnectionStyleBGP)
	if peer != nil && len(*peer) > 0 {
		if noPeerSubnets {
			return "peer_subnets must not be set when the vpn gateway's attachment_type is er and style is policy or bgp"
		}
		if err := apispec.CheckPeerSubnets(*peer); err != nil {
			return "peer_subnets " + err.Error()
		}
		c.PeerSubnets = slices.Clone(*peer)
	} else if peer != nil && !create && !noPeerSubnets {
		return "peer_subnets must not be empty"
	}
	if !noPeerSubnets && len(c.PeerSubnets) == 0 {
		return "peer_subnets is required"
	}

	// tunnel addresses
	if in.TunnelLocalAddress != nil {
		c.TunnelLocalAddress = *in.TunnelLocalAddress
	}
	if in.TunnelPeerAddress != nil {
		c.TunnelPeerAddress = *in.TunnelPeerAddress
	}
	switch {
	case c.TunnelLocalAddress == "" && c.TunnelPeerAddress == "":
		if style == apispec.ConnectionStyleBGP {
			return "tunnel_local_address and tunnel_peer_address are required when style is bgp"
		}
	case c.TunnelLocalAddress == "" || c.TunnelPeerAddress == "":
		return "tunnel_local_address and tunnel_peer_address must be set together"
	default:
		if err := apispec.CheckTunnelAddressPair(c.TunnelLocalAddress, c.TunnelPeerAddress); err != nil {
			return err.Error()
		}
	}

	// enable_nqa (NOTES.md item 11). The update body has no such field (neither
	// the reference nor the SDK's UpdateVpnConnectionRequestBodyContent), so an
	// update ignores it like any other field the update does not take.
	if create && in.EnableNQA != nil {
		if style != apispec.ConnectionStyleStatic {
			return "enable_nqa may only be set when style is static"
		}
		c.EnableNQA = *in.EnableNQA
	}

	// psk
	if in.PSK != nil {
		if gm && !create {
			return "psk cannot be updated on a GM vpn gateway"
		}
		if err := apispec.CheckPSK(*in.PSK); err != nil {
			return "psk " + err.Error()
		}
	} else if create && !gm {
		return "psk is required"
	}

	// policy rules
	if in.PolicyRules != nil && (len(*in.PolicyRules) > 0 || style == apispec.ConnectionStylePolicy) {
		if style != apispec.ConnectionStylePolicy {
			return "policy_rules may only be set when style is policy"
		}
		vals := make([]apispec.PolicyRuleValue, len(*in.PolicyRules))
		for i, pr := range *in.PolicyRules {
			vals[i] = apispec.PolicyRuleValue{Index: pr.RuleIndex, Source: pr.Source, Destinations: pr.Destination}
		}
		if err := apispec.CheckPolicyRules(vals); err != nil {
			return "policy_rules " + err.Error()
		}
		c.PolicyRules = splitPolicyRules(*in.PolicyRules)
	}

	if msg := connCheckIKE(&c.IKE, in.IKEPolicy, gm, create); msg != "" {
		return msg
	}
	return connCheckIPsec(&c.IPsec, in.IPsecPolicy, gm)
}

func connCheckIKE(p *connIKE, in *connIKERequest, gm, create bool) string {
	if in == nil {
		return ""
	}
	if in.IKEVersion != nil {
		if err := apispec.CheckIKEVersion(*in.IKEVersion, gm); err != nil {
			return "ikepolicy.ike_version " + err.Error()
		}
		p.IKEVersion = *in.IKEVersion
	}
	if in.Phase1NegotiationMode != nil {
		if err := apispec.CheckPhase1NegotiationMode(*in.Phase1NegotiationMode, gm); err != nil {
			return "ikepolicy.phase1_negotiation_mode " + err.Error()
		}
		if p.IKEVersion == "v1" {
			p.Phase1NegotiationMode = *in.Phase1NegotiationMode
		} else if create {
			return "ikepolicy.phase1_negotiation_mode may only be set when ike_version is v1"
		}
	}
	if p.IKEVersion == "v1" && p.Phase1NegotiationMode == "" {
		p.Phase1NegotiationMode = apispec.DefaultPhase1NegotiationMode
	}
	if p.IKEVersion != "v1" {
		p.Phase1NegotiationMode = ""
	}
	if in.AuthenticationAlgorithm != nil {
		if err := apispec.CheckAuthenticationAlgorithm(*in.AuthenticationAlgorithm, gm); err != nil {
			return "ikepolicy.authentication_algorithm " + err.Error()
		}
		p.AuthenticationAlgorithm = *in.AuthenticationAlgorithm
	}
	if in.EncryptionAlgorithm != nil {
		if err := apispec.CheckEncryptionAlgorithm(*in.EncryptionAlgorithm, gm); err != nil {
			return "ikepolicy.encryption_algorithm " + err.Error()
		}
		p.EncryptionAlgorithm = *in.EncryptionAlgorithm
	}
	if in.AuthenticationMethod != nil && create {
		if err := apispec.CheckIKEAuthenticationMethod(*in.AuthenticationMethod); err != nil {
			return "ikepolicy.authentication_method " + err.Error()
		}
		p.AuthenticationMethod = *in.AuthenticationMethod
	}
	if in.LifetimeSeconds != nil {
		if err := apispec.CheckIKELifetime(*in.LifetimeSeconds); err != nil {
			return "ikepolicy.lifetime_seconds " + err.Error()
		}
		p.LifetimeSeconds = *in.LifetimeSeconds
	}
	gmOnly := map[string]bool{
		"dh_group": in.DHGroup != nil, "local_id_type": in.LocalIDType != nil, "local_id": in.LocalID != nil,
		"peer_id_type": in.PeerIDType != nil, "peer_id": in.PeerID != nil,
	}
	if gm {
		for _, f := range []string{"dh_group", "local_id_type", "local_id", "peer_id_type", "peer_id"} {
			if gmOnly[f] {
				return "ikepolicy." + f + " is not used with a GM vpn gateway"
			}
		}
	}
	if in.DHGroup != nil {
		if err := apispec.CheckDHGroup(*in.DHGroup); err != nil {
			return "ikepolicy.dh_group " + err.Error()
		}
		p.DHGroup = *in.DHGroup
	}
	for _, id := range []struct {
		name      string
		typ, val  *string
		dTyp, dVl *string
	}{
		{"local", in.LocalIDType, in.LocalID, &p.LocalIDType, &p.LocalID},
		{"peer", in.PeerIDType, in.PeerID, &p.PeerIDType, &p.PeerID},
	} {
		if id.typ != nil {
			if err := apispec.CheckConnectionIDType(*id.typ); err != nil {
				return "ikepolicy." + id.name + "_id_type " + err.Error()
			}
			*id.dTyp = *id.typ
		}
		if id.val != nil {
			if err := apispec.CheckConnectionID(*id.val); err != nil {
				return "ikepolicy." + id.name + "_id " + err.Error()
			}
			*id.dVl = *id.val
		}
		if *id.dTyp == "fqdn" && *id.dVl == "" {
			return "ikepolicy." + id.name + "_id is required when " + id.name + "_id_type is fqdn"
		}
	}
	if d := in.DPD; d != nil {
		if d.Timeout != nil {
			if err := apispec.CheckDPDTimeout(*d.Timeout); err != nil {
				return "ikepolicy.dpd.timeout " + err.Error()
			}
			p.DPD.Timeout = *d.Timeout
		}
		if d.Interval != nil {
			if err := apispec.CheckDPDInterval(*d.Interval); err != nil {
				return "ikepolicy.dpd.interval " + err.Error()
			}
			p.DPD.Interval = *d.Interval
		}
		if d.Msg != nil {
			if err := apispec.CheckDPDMessageFormat(*d.Msg); err != nil {
				return "ikepolicy.dpd.msg " + err.Error()
			}
			p.DPD.Msg = *d.Msg
		}
	}
	return ""
}

func connCheckIPsec(p *connIPsec, in *connIPsecRequest, gm bool) string {
	if in == nil {
		return ""
	}
	if in.AuthenticationAlgorithm != nil {
		if err := apispec.CheckAuthenticationAlgorithm(*in.AuthenticationAlgorithm, gm); err != nil {
			return "ipsecpolicy.authentication_algorithm " + err.Error()
		}
		p.AuthenticationAlgorithm = *in.AuthenticationAlgorithm
	}
	if in.EncryptionAlgorithm != nil {
		if err := apispec.CheckEncryptionAlgorithm(*in.EncryptionAlgorithm, gm); err != nil {
			return "ipsecpolicy.encryption_algorithm " + err.Error()
		}
		p.EncryptionAlgorithm = *in.EncryptionAlgorithm
	}
	if in.PFS != nil {
		if gm {
			return "ipsecpolicy.pfs is not used with a GM vpn gateway"
		}
		if err := apispec.CheckPFS(*in.PFS); err != nil {
			return "ipsecpolicy.pfs " + err.Error()
		}
		p.PFS = *in.PFS
	}
	if in.TransformProtocol != nil {
		if err := apispec.CheckIPsecTransformProtocol(*in.TransformProtocol); err != nil {
			return "ipsecpolicy.transform_protocol " + err.Error()
		}
		p.TransformProtocol = *in.TransformProtocol
	}
	if in.LifetimeSeconds != nil {
		if err := apispec.CheckIPsecLifetime(*in.LifetimeSeconds); err != nil {
			return "ipsecpolicy.lifetime_seconds " + err.Error()
		}
		p.LifetimeSeconds = *in.LifetimeSeconds
	}
	if in.EncapsulationMode != nil {
		if err := apispec.CheckIPsecEncapsulationMode(*in.EncapsulationMode); err != nil {
			return "ipsecpolicy.encapsulation_mode " + err.Error()
		}
		p.EncapsulationMode = *in.EncapsulationMode
	}
	return ""
}

// connCustomerGateway resolves a cgw_id for a connection; a GM gateway needs
// a customer gateway with a CA certificate.
func (e *Emulator) connCustomerGateway(r *request, id string, gm bool) (int, any, bool) {
	if err := apispec.CheckUUID(id); err != nil {
		st, b := r.invalid("cgw_id %v", err)
		return st, b, false
	}
	cgw, ok := e.st.CustomerGateways[id]
	if !ok {
		st, b := r.notFound(typeCustomerGateway, id)
		return st, b, false
	}
	if gm && cgw.CA == nil {
		st, b := r.invalid("customer gateway %s has no ca_certificate, which connections of a GM vpn gateway need", id)
		return st, b, false
	}
	return 0, nil, true
}

func (e *Emulator) createConnection(r *request) (int, any) {
	var body connRequestBody
	if err := r.decode(&body); err != nil {
		return r.invalid("malformed body: %v", err)
	}
	in := body.VpnConnection
	if in == nil {
		return r.invalid("vpn_connection is required")
	}
	if in.Name != nil {
		if err := apispec.CheckName(*in.Name); err != nil {
			return r.invalid("name %v", err)
		}
	}
	if in.VgwID == nil {
		return r.invalid("vgw_id is required")
	}
	if err := apispec.CheckUUID(*in.VgwID); err != nil {
		return r.invalid("vgw_id %v", err)
	}
	gw, ok := e.lookupGateway(*in.VgwID)
	if !ok {
		return r.notFound(typeGateway, *in.VgwID)
	}
	if gw.Status != statusActive {
		return r.notReady(typeGateway, gw.ID, gw.Status)
	}
	gm := gw.Flavor == apispec.FlavorGM
	if in.VgwIP == nil {
		return r.invalid("vgw_ip is required")
	}
	ipIndex := slices.Index(gw.VgwIPs, *in.VgwIP)
	if ipIndex < 0 {
		return r.invalid("vgw_ip %s is not an EIP id or access private IP of vpn gateway %s", *in.VgwIP, gw.ID)
	}
	if in.CgwID == nil {
		return r.invalid("cgw_id is required")
	}
	if st, b, ok := e.connCustomerGateway(r, *in.CgwID, gm); !ok {
		return st, b
	}
	if gm {
		cert, ok := e.st.Certificates[gw.ID]
		switch {
		case !ok:
			return r.invalid("vpn gateway %s has no certificate: upload one before creating connections on a GM gateway", gw.ID)
		case cert.Status == apispec.CertificateStatusBinding:
			return r.notReady(typeCertificate, cert.ID, cert.Status)
		case cert.Status != apispec.CertificateStatusBound:
			return r.invalid("the certificate of vpn gateway %s is %s", gw.ID, cert.Status)
		}
	}
	style := apispec.DefaultConnectionStyle
	if in.Style != nil {
		s, ok := apispec.ConnectionStyleRequest(*in.Style)
		if !ok {
			return r.invalid("style %v", apispec.CheckConnectionStyle(*in.Style))
		}
		style = s
	}
	c := &connectionRecord{
		ID: newUUID(), Name: "vpn-" + randomSuffix(), VgwID: gw.ID, VgwIP: *in.VgwIP,
		Style: apispec.ConnectionStyleResponse(style), CgwID: *in.CgwID,
		IKE: defaultIKE(gm), IPsec: defaultIPsec(gm), HARole: apispec.DefaultConnectionHARole,
		EnterpriseProjectID: gw.EnterpriseProjectID,
	}
	if style == apispec.ConnectionStylePolicyTemplate {
		applyPolicyTemplate(&c.IKE, &c.IPsec, gw.PolicyTemplate)
	}
	if msg := connCheck(c, in, gw, true); msg != "" {
		return r.invalid("%s", msg)
	}
	if in.HARole != nil {
		if err := apispec.CheckConnectionHARole(*in.HARole); err != nil {
			return r.invalid("ha_role %v", err)
		}
	}
	if gw.HAMode == "active-standby" {
		want := "master"
		if ipIndex > 0 {
			want = "slave"
		}
		got := apispec.DefaultConnectionHARole
		if in.HARole != nil {
			got = *in.HARole
		}
		if got != want {
			return r.invalid("ha_role must be %s for a connection on vgw_ip %s of an active-standby vpn gateway", want, c.VgwIP)
		}
		c.HARole = want
	} else if in.HARole != nil && *in.HARole != "master" {
		return r.invalid("ha_role %s is only for active-standby vpn gateways", *in.HARole)
	}
	if msg := checkTags(in.Tags); msg != "" {
		return r.invalid("%s", msg)
	}
	if e.quotaExceeded(KindConnection) {
		return r.quotaError(KindConnection)
	}
	if in.PSK != nil {
		c.PSK = *in.PSK
		c.PSKSends = 1
	}
	now := e.now()
	var created []time.Time
	for _, o := range e.st.Connections {
		created = append(created, o.CreatedAt)
	}
	c.CreatedAt = cfCreatedAt(now, created)
	c.UpdatedAt = c.CreatedAt
	c.Status = apispec.ConnectionStatusPendingCreate
	c.DueAt = now.Add(e.delay(KindConnection))
	e.st.Connections[c.ID] = c
	e.setTags(c.ID, in.Tags)
	e.refreshGatewayUsage(gw.ID)
	e.changed()
	return http.StatusCreated, connEnvelope{VpnConnection: e.connWire(c, false), RequestID: r.ID}
}

func (e *Emulator) getConnection(r *request) (int, any) {
	id := r.PathValue("vpn_connection_id")
	c, ok := e.st.Connections[id]
	if !ok {
		return r.notFound(typeConnection, id)
	}
	return http.StatusOK, connEnvelope{VpnConnection: e.connWire(c, true), RequestID: r.ID}
}

func (e *Emulator) listConnections(r *request) (int, any) {
	limit, marker, hasMarker, msg := cfPaging(r)
	if msg != "" {
		return r.invalid("%s", msg)
	}
	q := r.URL.Query()
	projects := splitQuery(q["enterprise_project_id"])
	items := []cfPageItem{}
	for _, c := range e.st.Connections {
		if v := q.Get("vgw_id"); v != "" && c.VgwID != v {
			continue
		}
		if v := q.Get("vgw_ip"); v != "" && c.VgwIP != v {
			continue
		}
		if len(projects) > 0 && !slices.Contains(projects, e.connProject(c)) {
			continue
		}
		items = append(items, cfPageItem{id: c.ID, created: c.CreatedAt})
	}
	ids, pi := cfPage(items, limit, marker, hasMarker)
	out := connListEnvelope{VpnConnections: []connWire{}, PageInfo: pi, TotalCount: len(items), RequestID: r.ID}
	for _, id := range ids {
		out.VpnConnections = append(out.VpnConnections, e.connWire(e.st.Connections[id], true))
	}
	return http.StatusOK, out
}

// connSettledOrRefuse answers not ready for a pending connection and the
// reference's ILLEGAL error for a frozen one.
func connSettledOrRefuse(r *request, c *connectionRecord, op string) (int, any, bool) {
	if cfIsPending(c.Status) {
		st, b := r.notReady(typeConnection, c.ID, c.Status)
		return st, b, false
	}
	if c.Status == apispec.ConnectionStatusFreezed {
		st, b := r.invalid("ILLEGAL not allowed %s vpnConnection", op)
		return st, b, false
	}
	return 0, nil, true
}

func (e *Emulator) updateConnection(r *request) (int, any) {
	id := r.PathValue("vpn_connection_id")
	c, ok := e.st.Connections[id]
	if !ok {
		return r.notFound(typeConnection, id)
	}
	if st, b, ok := connSettledOrRefuse(r, c, "update"); !ok {
		return st, b
	}
	var body connRequestBody
	if err := r.decode(&body); err != nil {
		return r.invalid("malformed body: %v", err)
	}
	in := body.VpnConnection
	if in == nil {
		return r.invalid("vpn_connection is required")
	}
	gw, ok := e.lookupGateway(c.VgwID)
	if !ok {
		return r.notFound(typeGateway, c.VgwID)
	}
	gm := gw.Flavor == apispec.FlavorGM
	next := *c
	next.PeerSubnets = slices.Clone(c.PeerSubnets)
	next.PolicyRules = slices.Clone(c.PolicyRules)
	if in.CgwID != nil {
		if st, b, ok := e.connCustomerGateway(r, *in.CgwID, gm); !ok {
			return st, b
		}
		next.CgwID = *in.CgwID
	}
	if msg := connCheck(&next, in, gw, false); msg != "" {
		return r.invalid("%s", msg)
	}
	if in.PSK != nil {
		next.PSK = *in.PSK
		next.PSKSends++
	}
	now := e.now()
	next.SettledStatus = c.Status
	next.Status = apispec.ConnectionStatusPendingUpdate
	next.DueAt = now.Add(e.delay(KindConnection))
	next.UpdatedAt = now
	*c = next
	e.changed()
	return http.StatusOK, connEnvelope{VpnConnection: e.connWire(c, false), RequestID: r.ID}
}

func (e *Emulator) deleteConnection(r *request) (int, any) {
	id := r.PathValue("vpn_connection_id")
	c, ok := e.st.Connections[id]
	if !ok {
		return r.notFound(typeConnection, id)
	}
	if st, b, ok := connSettledOrRefuse(r, c, "delete"); !ok {
		return st, b
	}
	c.SettledStatus = c.Status
	c.Status = apispec.ConnectionStatusPendingDelete
	c.DueAt = e.now().Add(e.delay(KindConnection))
	e.changed()
	return http.StatusNoContent, nil
}

// settleConnections completes due transitions. Called with e.mu held.
func (e *Emulator) settleConnections(now time.Time) bool {
	changed := false
	for _, id := range slices.Sorted(maps.Keys(e.st.Connections)) {
		c := e.st.Connections[id]
		if !cfIsPending(c.Status) || now.Before(c.DueAt) {
			continue
		}
		changed = true
		switch c.Status {
		case apispec.ConnectionStatusPendingCreate:
			c.Status = apispec.ConnectionStatusDown
		case apispec.ConnectionStatusPendingUpdate:
			c.Status = c.SettledStatus
			if c.Status == "" || cfIsPending(c.Status) {
				c.Status = apispec.ConnectionStatusDown
			}
		case apispec.ConnectionStatusPendingDelete:
			e.removeConnection(c)
			continue
		}
		c.SettledStatus = ""
	}
	return changed
}

// removeConnection drops a connection with its monitor and tags.
func (e *Emulator) removeConnection(c *connectionRecord) {
	delete(e.st.Connections, c.ID)
	for mid, m := range e.st.Monitors {
		if m.ConnectionID == c.ID {
			delete(e.st.Monitors, mid)
		}
	}
	e.deleteTags(c.ID)
	e.refreshGatewayUsage(c.VgwID)
}

// connProject is the enterprise project of a connection: its gateway's.
func (e *Emulator) connProject(c *connectionRecord) string {
	p := c.EnterpriseProjectID
	if gw, ok := e.lookupGateway(c.VgwID); ok {
		p = gw.EnterpriseProjectID
	}
	if p == "" {
		p = apispec.EnterpriseProjectDefault
	}
	return p
}

// gatewayAddress returns the IP address behind a gateway's vgw_ip.
func gatewayAddress(gw gatewayInfo, vgwIP string) string {
	if i := slices.Index(gw.VgwIPs, vgwIP); i >= 0 && i < len(gw.VgwAddresses) {
		return gw.VgwAddresses[i]
	}
	return ""
}

// connWire renders a connection as the service does (NOTES.md item 10).
// Create and update answers carry no status (their tables have none).
func (e *Emulator) connWire(c *connectionRecord, withStatus bool) connWire {
	gw, gwOK := e.lookupGateway(c.VgwID)
	gm := gwOK && gw.Flavor == apispec.FlavorGM
	w := connWire{
		ID: c.ID, Name: c.Name, VgwID: c.VgwID, VgwIP: c.VgwIP, Style: c.Style, CgwID: c.CgwID,
		PeerSubnets: slices.Clone(c.PeerSubnets), TunnelLocalAddress: c.TunnelLocalAddress, TunnelPeerAddress: c.TunnelPeerAddress,
		IKEPolicy: c.IKE, IPsecPolicy: c.IPsec,
		CreatedAt: timestamp(c.CreatedAt), UpdatedAt: timestamp(c.UpdatedAt),
		EnterpriseProjectID: e.connProject(c), HARole: c.HARole, Tags: e.tagList(c.ID),
	}
	if withStatus {
		w.Status = c.Status
	}
	if c.Style == "STATIC" {
		v := c.EnableNQA
		w.EnableNQA = &v
	}
	if c.Style == "POLICY" {
		rules := make([]connRule, 0, len(c.PolicyRules))
		for _, pr := range c.PolicyRules {
			rules = append(rules, connRule{RuleIndex: pr.RuleIndex, Source: pr.Source, Destination: slices.Clone(pr.Destination)})
		}
		w.PolicyRules = &rules
	}
	if gwOK && gw.HAMode != "active-standby" {
		w.HARole = "master"
	}
	ike := &w.IKEPolicy
	if ike.IKEVersion != "v1" {
		ike.Phase1NegotiationMode = ""
	}
	if gm {
		ike.DHGroup, ike.LocalIDType, ike.LocalID, ike.PeerIDType, ike.PeerID = "", "", "", "", ""
		w.IPsecPolicy.PFS = ""
	} else {
		if ike.LocalIDType == "ip" {
			ike.LocalID = gatewayAddress(gw, c.VgwIP)
		}
		if ike.PeerIDType == "ip" {
			ike.PeerID = ""
			if cgw, ok := e.st.CustomerGateways[c.CgwID]; ok && cgw.IDType == "ip" {
				ike.PeerID = cgw.IDValue
			}
		}
	}
	for _, m := range e.st.Monitors {
		if m.ConnectionID == c.ID {
			w.ConnectionMonitorID = m.ID
		}
	}
	return w
}

// ConnectionPSK returns the last psk the service received for a connection
// (never returned by the API) and how many create/update requests carried one.
func (e *Emulator) ConnectionPSK(id string) (psk string, sends int, ok bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.st.Connections[id]
	if !ok {
		return "", 0, false
	}
	return c.PSK, c.PSKSends, true
}

// SetConnectionStatus forces a connection's status, as the peer device or
// the operator would (ACTIVE, DOWN, ERROR, FREEZED, UNKNOWN). A PENDING_*
// status completes after the usual delay.
func (e *Emulator) SetConnectionStatus(id, status string) error {
	if !slices.Contains(apispec.ConnectionStatuses, status) {
		return fmt.Errorf("unknown connection status %q", status)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	e.settleAll(now)
	c, ok := e.st.Connections[id]
	if !ok {
		return fmt.Errorf("connection %s not found", id)
	}
	if cfIsPending(status) {
		if !cfIsPending(c.Status) {
			c.SettledStatus = c.Status
		}
		c.DueAt = now.Add(e.delay(KindConnection))
	} else {
		c.SettledStatus = ""
	}
	c.Status = status
	e.changed()
	return nil
}
