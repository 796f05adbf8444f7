package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/netip"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// Gateway statuses.
const (
	statusPendingCreate = "PENDING_CREATE"
	statusPendingUpdate = "PENDING_UPDATE"
	statusPendingDelete = "PENDING_DELETE"
	statusActive        = "ACTIVE"
	statusFault         = "FAULT"
	statusFreezed       = "FREEZED"
)

// eipPool is where EIP addresses come from (TEST-NET-3); privatePool is where
// access private IPs come from when the create body does not name them.
var (
	eipPool     = netip.MustParsePrefix("203.0.113.0/24")
	privatePool = netip.MustParsePrefix("172.16.0.0/24")
)

// wireEIP is the reference's ResponseEip. The two billing-info fields
// (order ids) belong to yearly/monthly EIPs; the emulator's EIPs are
// pay-per-use, so they stay empty and are left out, as in the reference's
// examples.
type wireEIP struct {
	ID                   string `json:"id"`
	IPVersion            int    `json:"ip_version"`
	IPBillingInfo        string `json:"ip_billing_info,omitempty"`
	Type                 string `json:"type"`
	IPAddress            string `json:"ip_address"`
	ChargeMode           string `json:"charge_mode"`
	BandwidthID          string `json:"bandwidth_id,omitempty"`
	BandwidthSize        int    `json:"bandwidth_size"`
	BandwidthName        string `json:"bandwidth_name"`
	BandwidthBillingInfo string `json:"bandwidth_billing_info,omitempty"`
	ShareType            string `json:"share_type,omitempty"`
}

// eipRecord is how a gateway's EIP is stored: the wire fields, and IsNew when
// the service created it (its bandwidth then follows the flavor's limit).
type eipRecord struct {
	wireEIP
	IsNew bool `json:"is_new"`
}

// wireIKEPolicy / wireIPsecPolicy / wirePolicyTemplate are the reference's PolicyTemplate objects.
type wireIKEPolicy struct {
	EncryptionAlgorithm     string `json:"encryption_algorithm"`
	DHGroup                 string `json:"dh_group"`
	AuthenticationAlgorithm string `json:"authentication_algorithm"`
	LifetimeSeconds         int64  `json:"lifetime_seconds"`
}

type wireIPsecPolicy struct {
	AuthenticationAlgorithm string `json:"authentication_algorithm"`
	EncryptionAlgorithm     string `json:"encryption_algorithm"`
	PFS                     string `json:"pfs"`
	LifetimeSeconds         int64  `json:"lifetime_seconds"`
}

type wirePolicyTemplate struct {
	IKEPolicy   wireIKEPolicy   `json:"ike_policy"`
	IPsecPolicy wireIPsecPolicy `json:"ipsec_policy"`
}

// gatewayRecord is a stored VPN gateway.
type gatewayRecord struct {
	ID                  string              `json:"id"`
	Name                string              `json:"name"`
	Status              string              `json:"status"`
	NetworkType         string              `json:"network_type"`
	AttachmentType      string              `json:"attachment_type"`
	IPVersion           string              `json:"ip_version"`
	ErID                string              `json:"er_id,omitempty"`
	ErAttachmentID      string              `json:"er_attachment_id,omitempty"`
	VpcID               string              `json:"vpc_id,omitempty"`
	LocalSubnets        []string            `json:"local_subnets,omitempty"`
	LocalSubnetsV6      []string            `json:"local_subnets_v6,omitempty"`
	ConnectSubnet       string              `json:"connect_subnet,omitempty"`
	AccessVpcID         string              `json:"access_vpc_id,omitempty"`
	AccessSubnetID      string              `json:"access_subnet_id,omitempty"`
	AccessPrivateIP1    string              `json:"access_private_ip_1,omitempty"`
	AccessPrivateIP2    string              `json:"access_private_ip_2,omitempty"`
	BgpAsn              int64               `json:"bgp_asn"`
	Flavor              string              `json:"flavor"`
	AvailabilityZoneIDs []string            `json:"availability_zone_ids,omitempty"`
	AZsGiven            bool                `json:"azs_given"`
	EnterpriseProjectID string              `json:"enterprise_project_id"`
	HAMode              string              `json:"ha_mode"`
	EIP1                *eipRecord          `json:"eip1,omitempty"`
	EIP2                *eipRecord          `json:"eip2,omitempty"`
	PolicyTemplate      *wirePolicyTemplate `json:"policy_template,omitempty"`
	UsedConnections     int                 `json:"used_connection_number"`
	UsedGroups          int                 `json:"used_connection_group"`
	// Activated is set once the gateway first reached ACTIVE: eips, zones and
	// times are shown from then on.
	Activated bool      `json:"activated"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// DueAt is when the pending transition completes.
	DueAt time.Time `json:"due_at"`
	Seq   int       `json:"seq"`
}

// wireGateway is the reference's ResponseVpnGateway.
type wireGateway struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	NetworkType          string              `json:"network_type"`
	Status               string              `json:"status,omitempty"`
	AttachmentType       string              `json:"attachment_type"`
	IPVersion            string              `json:"ip_version,omitempty"`
	CertificateID        string              `json:"certificate_id,omitempty"`
	ErID                 string              `json:"er_id,omitempty"`
	ErAttachmentID       string              `json:"er_attachment_id,omitempty"`
	VpcID                string              `json:"vpc_id,omitempty"`
	LocalSubnets         []string            `json:"local_subnets,omitempty"`
	LocalSubnetsV6       []string            `json:"local_subnets_v6,omitempty"`
	ConnectSubnet        string              `json:"connect_subnet,omitempty"`
	BgpAsn               int64               `json:"bgp_asn"`
	Flavor               string              `json:"flavor"`
	AvailabilityZoneIDs  []string            `json:"availability_zone_ids,omitempty"`
	ConnectionNumber     int                 `json:"connection_number"`
	UsedConnectionNumber int                 `json:"used_connection_number"`
	UsedConnectionGroup  int                 `json:"used_connection_group"`
	EnterpriseProjectID  string              `json:"enterprise_project_id"`
	EIP1                 *wireEIP            `json:"eip1,omitempty"`
	EIP2                 *wireEIP            `json:"eip2,omitempty"`
	CreatedAt            string              `json:"created_at,omitempty"`
	UpdatedAt            string              `json:"updated_at,omitempty"`
	AccessVpcID          string              `json:"access_vpc_id,omitempty"`
	AccessSubnetID       string              `json:"access_subnet_id,omitempty"`
	AccessPrivateIP1     string              `json:"access_private_ip_1,omitempty"`
	AccessPrivateIP2     string              `json:"access_private_ip_2,omitempty"`
	HAMode               string              `json:"ha_mode"`
	PolicyTemplate       *wirePolicyTemplate `json:"policy_template,omitempty"`
	SupportedFlavors     []string            `json:"supported_flavors,omitempty"`
	Tags                 []wireTag           `json:"tags,omitempty"`
}

// ---- request bodies ----

type eipRequest struct {
	ID            *string `json:"id"`
	Type          *string `json:"type"`
	ChargeMode    *string `json:"charge_mode"`
	BandwidthSize *int    `json:"bandwidth_size"`
	BandwidthName *string `json:"bandwidth_name"`
	BandwidthID   *string `json:"bandwidth_id"`
}

type gatewayCreate struct {
	Name                *string     `json:"name"`
	NetworkType         *string     `json:"network_type"`
	AttachmentType      *string     `json:"attachment_type"`
	IPVersion           *string     `json:"ip_version"`
	ErID                *string     `json:"er_id"`
	VpcID               *string     `json:"vpc_id"`
	LocalSubnets        *[]string   `json:"local_subnets"`
	LocalSubnetsV6      *[]string   `json:"local_subnets_v6"`
	ConnectSubnet       *string     `json:"connect_subnet"`
	BgpAsn              *int64      `json:"bgp_asn"`
	Flavor              *string     `json:"flavor"`
	AvailabilityZoneIDs *[]string   `json:"availability_zone_ids"`
	EnterpriseProjectID *string     `json:"enterprise_project_id"`
	EIP1                *eipRequest `json:"eip1"`
	EIP2                *eipRequest `json:"eip2"`
	AccessVpcID         *string     `json:"access_vpc_id"`
	AccessSubnetID      *string     `json:"access_subnet_id"`
	HAMode              *string     `json:"ha_mode"`
	AccessPrivateIP1    *string     `json:"access_private_ip_1"`
	AccessPrivateIP2    *string     `json:"access_private_ip_2"`
	Tags                *[]wireTag  `json:"tags"`
}

type ikePolicyUpdate struct {
	EncryptionAlgorithm     *string `json:"encryption_algorithm"`
	DHGroup                 *string `json:"dh_group"`
	AuthenticationAlgorithm *string `json:"authentication_algorithm"`
	LifetimeSeconds         *int64  `json:"lifetime_seconds"`
}

type ipsecPolicyUpdate struct {
	AuthenticationAlgorithm *string `json:"authentication_algorithm"`
	EncryptionAlgorithm     *string `json:"encryption_algorithm"`
	PFS                     *string `json:"pfs"`
	LifetimeSeconds         *int64  `json:"lifetime_seconds"`
}

type policyTemplateUpdate struct {
	IKEPolicy   *ikePolicyUpdate   `json:"ike_policy"`
	IPsecPolicy *ipsecPolicyUpdate `json:"ipsec_policy"`
}

type gatewayUpdate struct {
	Name           *string               `json:"name"`
	LocalSubnets   *[]string             `json:"local_subnets"`
	LocalSubnetsV6 *[]string             `json:"local_subnets_v6"`
	EipID1         *string               `json:"eip_id_1"`
	EipID2         *string               `json:"eip_id_2"`
	PolicyTemplate *policyTemplateUpdate `json:"policy_template"`
}

type gatewaySpec struct {
	Flavor *string `json:"flavor"`
}

// ---- registration and life cycle ----

func (e *Emulator) registerGateways() {
	e.handle("POST /v5/{project_id}/vpn-gateways", e.createGateway)
	e.handle("GET /v5/{project_id}/vpn-gateways", e.listGateways)
	e.handle("GET /v5/{project_id}/vpn-gateways/{vgw_id}", e.getGateway)
	e.handle("PUT /v5/{project_id}/vpn-gateways/{vgw_id}", e.updateGateway)
	e.handle("DELETE /v5/{project_id}/vpn-gateways/{vgw_id}", e.deleteGateway)
	e.handle("POST /v5/{project_id}/vpn-gateways/{vgw_id}/update-specification", e.updateGatewaySpec)
	e.handle("GET /v5/{project_id}/vpn-gateways/availability-zones", e.availabilityZones)
	e.handle("GET /v5.1/{project_id}/vpn-gateways/availability-zones", e.availabilityZones)
}

// settleGateways completes due transitions. Called with e.mu held.
func (e *Emulator) settleGateways(now time.Time) bool {
	changed := false
	for _, id := range slices.Sorted(maps.Keys(e.st.Gateways)) {
		g := e.st.Gateways[id]
		if now.Before(g.DueAt) {
			continue
		}
		switch g.Status {
		case statusPendingCreate:
			g.Status = statusActive
			g.Activated = true
			if len(g.AvailabilityZoneIDs) == 0 {
				zones := e.zonesFor(g.Flavor, g.AttachmentType)
				g.AvailabilityZoneIDs = slices.Clone(zones[:min(2, len(zones))])
			}
			g.UpdatedAt = now
			changed = true
		case statusPendingUpdate:
			g.Status = statusActive
			g.UpdatedAt = now
			changed = true
		case statusPendingDelete:
			e.removeGateway(id)
			changed = true
		}
	}
	return changed
}

// removeGateway drops a gateway with its tags and certificate. Called with e.mu held.
func (e *Emulator) removeGateway(id string) {
	for _, c := range e.st.Connections {
		if c.VgwID == id {
			e.removeConnection(c)
		}
	}
	delete(e.st.Gateways, id)
	delete(e.st.Certificates, id)
	e.deleteTags(id)
}

// lookupGateway returns what other families need about a gateway. Called with e.mu held.
func (e *Emulator) lookupGateway(id string) (gatewayInfo, bool) {
	g, ok := e.st.Gateways[id]
	if !ok {
		return gatewayInfo{}, false
	}
	info := gatewayInfo{
		ID: g.ID, Status: g.Status, Flavor: g.Flavor, NetworkType: g.NetworkType,
		AttachmentType: g.AttachmentType, HAMode: g.HAMode, EnterpriseProjectID: g.EnterpriseProjectID,
	}
	if g.PolicyTemplate != nil {
		pt := *g.PolicyTemplate
		info.PolicyTemplate = &pt
	}
	if g.NetworkType == "private" {
		info.VgwIPs = []string{g.AccessPrivateIP1, g.AccessPrivateIP2}
		info.VgwAddresses = []string{g.AccessPrivateIP1, g.AccessPrivateIP2}
	} else if g.EIP1 != nil && g.EIP2 != nil {
		info.VgwIPs = []string{g.EIP1.ID, g.EIP2.ID}
		info.VgwAddresses = []string{g.EIP1.IPAddress, g.EIP2.IPAddress}
	}
	return info, true
}

// gatewayUsage counts the connections of a gateway and the connection groups
// (distinct customer gateways among them). Called with e.mu held.
func (e *Emulator) gatewayUsage(id string) (number, groups int) {
	cgws := map[string]bool{}
	for _, c := range e.st.Connections {
		if c.VgwID == id {
			number++
			cgws[c.CgwID] = true
		}
	}
	return number, len(cgws)
}

// refreshGatewayUsage recomputes used_connection_number / used_connection_group
// of a gateway from the stored connections. Called with e.mu held.
func (e *Emulator) refreshGatewayUsage(id string) {
	g, ok := e.st.Gateways[id]
	if !ok {
		return
	}
	g.UsedConnections, g.UsedGroups = e.gatewayUsage(id)
	e.changed()
}

// toWire renders a gateway. showStatus is false for create/update answers,
// whose reference tables have no status.
func (e *Emulator) toWire(g *gatewayRecord, showStatus bool) wireGateway {
	used, groups := e.gatewayUsage(g.ID)
	w := wireGateway{
		ID: g.ID, Name: g.Name, NetworkType: g.NetworkType, AttachmentType: g.AttachmentType,
		IPVersion: g.IPVersion, ErID: g.ErID, ErAttachmentID: g.ErAttachmentID,
		ConnectSubnet: g.ConnectSubnet, BgpAsn: g.BgpAsn, Flavor: g.Flavor,
		ConnectionNumber: apispec.ConnectionNumber(g.Flavor), UsedConnectionNumber: used, UsedConnectionGroup: groups,
		EnterpriseProjectID: g.EnterpriseProjectID, AccessVpcID: g.AccessVpcID, AccessSubnetID: g.AccessSubnetID,
		HAMode: g.HAMode, PolicyTemplate: g.PolicyTemplate, Tags: e.tagList(g.ID),
	}
	if showStatus {
		w.Status = g.Status
	}
	if g.AttachmentType == "vpc" {
		w.VpcID = g.VpcID
		w.LocalSubnets = slices.Clone(g.LocalSubnets)
		w.LocalSubnetsV6 = slices.Clone(g.LocalSubnetsV6)
	}
	if g.NetworkType == "private" {
		w.AccessPrivateIP1, w.AccessPrivateIP2 = g.AccessPrivateIP1, g.AccessPrivateIP2
	}
	if g.Flavor == apispec.FlavorGM {
		if c, ok := e.st.Certificates[g.ID]; ok {
			w.CertificateID = c.ID
		}
	} else {
		w.SupportedFlavors = slices.Clone(apispec.SpecificationFlavors)
	}
	if g.AZsGiven || g.Activated {
		w.AvailabilityZoneIDs = slices.Clone(g.AvailabilityZoneIDs)
	}
	if g.Activated {
		if g.EIP1 != nil {
			v := g.EIP1.wireEIP
			w.EIP1 = &v
		}
		if g.EIP2 != nil {
			v := g.EIP2.wireEIP
			w.EIP2 = &v
		}
		w.CreatedAt = timestamp(g.CreatedAt)
		w.UpdatedAt = timestamp(g.UpdatedAt)
	}
	return w
}

// ---- handlers ----

func (e *Emulator) gatewayFor(r *request) (*gatewayRecord, int, any) {
	id := r.PathValue("vgw_id")
	g, ok := e.st.Gateways[id]
	if !ok {
		st, body := r.notFound(typeGateway, id)
		return nil, st, body
	}
	return g, 0, nil
}

// gatewayBody decodes a {"vpn_gateway": {...}} request body (create, update,
// update-specification); a malformed body or a missing vpn_gateway is
// answered 400.
func gatewayBody[T any](r *request) (*T, int, any, bool) {
	var b struct {
		VpnGateway *T `json:"vpn_gateway"`
	}
	if err := r.decode(&b); err != nil {
		st, body := r.invalid("%s", decodeMessage(err))
		return nil, st, body, false
	}
	if b.VpnGateway == nil {
		st, body := r.invalid("vpn_gateway is required")
		return nil, st, body, false
	}
	return b.VpnGateway, 0, nil, true
}

func (e *Emulator) getGateway(r *request) (int, any) {
	g, st, body := e.gatewayFor(r)
	if g == nil {
		return st, body
	}
	return http.StatusOK, map[string]any{"vpn_gateway": e.toWire(g, true)}
}

func (e *Emulator) listGateways(r *request) (int, any) {
	q := r.URL.Query()
	eps := splitQuery(q["enterprise_project_id"])
	ids := splitQuery(q["vgw_id"])
	for _, v := range eps {
		if err := apispec.CheckEnterpriseProjectID(v); err != nil && v != "all_granted_eps" {
			return r.invalid("enterprise_project_id %v", err)
		}
	}
	recs := make([]*gatewayRecord, 0, len(e.st.Gateways))
	for _, g := range e.st.Gateways {
		if len(eps) > 0 && !slices.Contains(eps, "all_granted_eps") && !slices.Contains(eps, g.EnterpriseProjectID) {
			continue
		}
		if len(ids) > 0 && !slices.Contains(ids, g.ID) {
			continue
		}
		recs = append(recs, g)
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Seq > recs[j].Seq })
	out := make([]wireGateway, 0, len(recs))
	for _, g := range recs {
		out = append(out, e.toWire(g, true))
	}
	return http.StatusOK, map[string]any{"vpn_gateways": out}
}

func (e *Emulator) deleteGateway(r *request) (int, any) {
	g, st, body := e.gatewayFor(r)
	if g == nil {
		return st, body
	}
	// NOTES.md: updating or deleting a resource that is not settled fails
	// with "not ready, currently <status>"; FREEZED is not settled.
	if g.Status != statusActive && g.Status != statusFault {
		return r.notReady(typeGateway, g.ID, g.Status)
	}
	// No source says a gateway with connections cannot be deleted (the
	// reference's delete section states no constraint; NOTES.md gives the
	// rule for customer gateways only): its connections go with it (removeGateway).
	g.Status = statusPendingDelete
	g.DueAt = e.now().Add(e.delay(KindGateway))
	e.changed()
	return http.StatusNoContent, nil
}

func (e *Emulator) createGateway(r *request) (int, any) {
	in, st, body, ok := gatewayBody[gatewayCreate](r)
	if !ok {
		return st, body
	}
	g, msg := e.buildGateway(in)
	if msg != "" {
		return r.invalid("%s", msg)
	}
	if e.quotaExceeded(KindGateway) {
		return r.quotaError(KindGateway)
	}
	now := e.now()
	e.st.Seq++
	g.Seq = e.st.Seq
	g.Status = statusPendingCreate
	g.CreatedAt, g.UpdatedAt = now, now
	g.DueAt = now.Add(e.delay(KindGateway))
	e.st.Gateways[g.ID] = g
	e.claimEIPs(g)
	if in.Tags != nil {
		e.setTags(g.ID, *in.Tags)
	}
	e.changed()
	return http.StatusCreated, map[string]any{"vpn_gateway": e.toWire(g, false)}
}

// str returns *p or def.
func str(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}

// buildGateway validates a create body and builds the record (without
// status, times or sequence). It returns "" or the invalid-request message.
func (e *Emulator) buildGateway(c *gatewayCreate) (*gatewayRecord, string) {
	g := &gatewayRecord{
		ID:                  newUUID(),
		NetworkType:         str(c.NetworkType, apispec.DefaultNetworkType),
		AttachmentType:      str(c.AttachmentType, apispec.DefaultAttachmentType),
		IPVersion:           str(c.IPVersion, apispec.DefaultIPVersion),
		Flavor:              str(c.Flavor, apispec.DefaultFlavor),
		HAMode:              str(c.HAMode, apispec.DefaultHAMode),
		EnterpriseProjectID: str(c.EnterpriseProjectID, apispec.EnterpriseProjectDefault),
		BgpAsn:              apispec.DefaultBgpAsn,
	}
	if c.Name != nil {
		if err := apispec.CheckName(*c.Name); err != nil {
			return nil, "name " + err.Error()
		}
		g.Name = *c.Name
	} else {
		g.Name = "vpngw-" + randomSuffix()
	}
	enums := []struct {
		field, v string
		allowed  []string
	}{
		{"network_type", g.NetworkType, apispec.NetworkTypes},
		{"attachment_type", g.AttachmentType, apispec.AttachmentTypes},
		{"ip_version", g.IPVersion, apispec.IPVersions},
		{"flavor", g.Flavor, apispec.GatewayFlavors},
		{"ha_mode", g.HAMode, apispec.HAModes},
	}
	for _, en := range enums {
		if err := apispec.CheckOneOf(en.v, en.allowed); err != nil {
			return nil, en.field + " " + err.Error()
		}
	}
	if err := apispec.CheckEnterpriseProjectID(g.EnterpriseProjectID); err != nil {
		return nil, "enterprise_project_id " + err.Error()
	}
	if c.BgpAsn != nil {
		if err := apispec.CheckBgpAsn(*c.BgpAsn); err != nil {
			return nil, "bgp_asn " + err.Error()
		}
		g.BgpAsn = *c.BgpAsn
	}
	uuids := []struct {
		field string
		v     *string
	}{
		{"er_id", c.ErID}, {"vpc_id", c.VpcID}, {"connect_subnet", c.ConnectSubnet},
		{"access_vpc_id", c.AccessVpcID}, {"access_subnet_id", c.AccessSubnetID},
	}
	for _, u := range uuids {
		if u.v != nil {
			if err := apispec.CheckUUID(*u.v); err != nil {
				return nil, u.field + " " + err.Error()
			}
		}
	}

	// Attachment: vpc needs vpc_id, connect_subnet and local_subnets; er needs er_id.
	switch g.AttachmentType {
	case "vpc":
		if c.ErID != nil {
			return nil, "er_id must not be set when attachment_type is vpc"
		}
		if c.VpcID == nil {
			return nil, "vpc_id is required when attachment_type is vpc"
		}
		if c.ConnectSubnet == nil {
			return nil, "connect_subnet is required when attachment_type is vpc"
		}
		if g.IPVersion == "ipv6" {
			if c.LocalSubnetsV6 == nil {
				return nil, "local_subnets_v6 is required when attachment_type is vpc and ip_version is ipv6"
			}
		} else if c.LocalSubnets == nil {
			return nil, "local_subnets is required when attachment_type is vpc"
		}
		if c.LocalSubnets != nil {
			if err := apispec.CheckCIDRList(*c.LocalSubnets, apispec.MaxLocalSubnets); err != nil {
				return nil, "local_subnets " + err.Error()
			}
			g.LocalSubnets = slices.Clone(*c.LocalSubnets)
		}
		if c.LocalSubnetsV6 != nil {
			if g.IPVersion != "ipv6" {
				return nil, "local_subnets_v6 must not be set when ip_version is ipv4"
			}
			if msg := checkV6List(*c.LocalSubnetsV6); msg != "" {
				return nil, "local_subnets_v6 " + msg
			}
			g.LocalSubnetsV6 = slices.Clone(*c.LocalSubnetsV6)
		}
		g.VpcID = *c.VpcID
		g.ConnectSubnet = *c.ConnectSubnet
		g.AccessVpcID = str(c.AccessVpcID, g.VpcID)
		g.AccessSubnetID = str(c.AccessSubnetID, g.ConnectSubnet)
	case "er":
		if c.ErID == nil {
			return nil, "er_id is required when attachment_type is er"
		}
		if c.LocalSubnets != nil || c.LocalSubnetsV6 != nil {
			return nil, "local_subnets must not be set when attachment_type is er"
		}
		g.ErID = *c.ErID
		g.ErAttachmentID = newUUID()
		g.VpcID = str(c.VpcID, "")
		g.ConnectSubnet = str(c.ConnectSubnet, "")
		g.AccessVpcID = str(c.AccessVpcID, g.VpcID)
		g.AccessSubnetID = str(c.AccessSubnetID, g.ConnectSubnet)
		if g.AccessVpcID == "" {
			return nil, "access_vpc_id (or vpc_id) is required when attachment_type is er"
		}
		if g.AccessSubnetID == "" {
			return nil, "access_subnet_id (or connect_subnet) is required when attachment_type is er"
		}
	}

	// Availability zones (reference 4.1.1.1, availability_zone_ids): two
	// distinct zones of the flavor's list when it has two or more, one when it
	// has one, or none (the service chooses); no gateway when it has none.
	zones := e.zonesFor(g.Flavor, g.AttachmentType)
	if len(zones) == 0 {
		return nil, fmt.Sprintf("flavor %s with attachment %s has no availability zone: no vpn gateway can be created", g.Flavor, g.AttachmentType)
	}
	if c.AvailabilityZoneIDs != nil {
		azs := *c.AvailabilityZoneIDs
		if want := min(2, len(zones)); len(azs) != want {
			return nil, fmt.Sprintf("availability_zone_ids must list exactly %d zones (flavor %s supports %d), got %d", want, g.Flavor, len(zones), len(azs))
		}
		if len(azs) == 2 && azs[0] == azs[1] {
			return nil, fmt.Sprintf("availability_zone_ids lists %q twice", azs[0])
		}
		for _, z := range azs {
			if !slices.Contains(zones, z) {
				return nil, fmt.Sprintf("availability_zone_ids: %q is not a zone of flavor %s with attachment %s (%s)", z, g.Flavor, g.AttachmentType, strings.Join(zones, ", "))
			}
		}
		g.AvailabilityZoneIDs = slices.Clone(azs)
		g.AZsGiven = true
	}

	// Network: public needs eip1 and eip2; private takes access private IPs.
	switch g.NetworkType {
	case "public":
		if c.AccessPrivateIP1 != nil || c.AccessPrivateIP2 != nil {
			return nil, "access_private_ip_1 and access_private_ip_2 must not be set when network_type is public"
		}
		if c.EIP1 == nil {
			return nil, "eip1 is required when network_type is public"
		}
		if c.EIP2 == nil {
			return nil, "eip2 is required when network_type is public"
		}
		var msg string
		if g.EIP1, msg = e.buildEIP("eip1", c.EIP1, g.Flavor, nil); msg != "" {
			return nil, msg
		}
		if g.EIP2, msg = e.buildEIP("eip2", c.EIP2, g.Flavor, g.EIP1); msg != "" {
			return nil, msg
		}
	case "private":
		if c.EIP1 != nil || c.EIP2 != nil {
			return nil, "eip1 and eip2 must not be set when network_type is private"
		}
		if (c.AccessPrivateIP1 == nil) != (c.AccessPrivateIP2 == nil) {
			return nil, "access_private_ip_1 and access_private_ip_2 must be set together"
		}
		if c.AccessPrivateIP1 != nil {
			for i, p := range []string{*c.AccessPrivateIP1, *c.AccessPrivateIP2} {
				if err := apispec.CheckIPv4(p); err != nil {
					return nil, fmt.Sprintf("access_private_ip_%d %v", i+1, err)
				}
				if owner := e.privateIPOwner(g.AccessSubnetID, p); owner != "" {
					return nil, fmt.Sprintf("access_private_ip_%d %s is already used by vpn gateway %s", i+1, p, owner)
				}
			}
			if *c.AccessPrivateIP1 == *c.AccessPrivateIP2 {
				return nil, "access_private_ip_2 must differ from access_private_ip_1"
			}
			g.AccessPrivateIP1, g.AccessPrivateIP2 = *c.AccessPrivateIP1, *c.AccessPrivateIP2
		} else {
			ips := e.freeAddresses(privatePool, 2, func(a string) bool { return e.privateIPOwner(g.AccessSubnetID, a) != "" })
			if len(ips) < 2 {
				return nil, "access_subnet_id has no free IP addresses left"
			}
			g.AccessPrivateIP1, g.AccessPrivateIP2 = ips[0], ips[1]
		}
	}

	if c.Tags != nil {
		if msg := checkTags(*c.Tags); msg != "" {
			return nil, msg
		}
	}
	if g.Flavor != apispec.FlavorGM {
		g.PolicyTemplate = defaultPolicyTemplate()
	}
	return g, ""
}

func defaultPolicyTemplate() *wirePolicyTemplate {
	return &wirePolicyTemplate{
		IKEPolicy: wireIKEPolicy{
			EncryptionAlgorithm: apispec.DefaultEncryptionAlgorithm, DHGroup: apispec.DefaultDHGroup,
			AuthenticationAlgorithm: apispec.DefaultAuthenticationAlgorithm, LifetimeSeconds: apispec.DefaultIKELifetimeSeconds,
		},
		IPsecPolicy: wireIPsecPolicy{
			AuthenticationAlgorithm: apispec.DefaultAuthenticationAlgorithm, EncryptionAlgorithm: apispec.DefaultEncryptionAlgorithm,
			PFS: apispec.DefaultPFS, LifetimeSeconds: apispec.DefaultIPsecLifetimeSeconds,
		},
	}
}

func checkV6List(list []string) string {
	if len(list) == 0 {
		return "must not be empty"
	}
	if len(list) > apispec.MaxLocalSubnets {
		return fmt.Sprintf("must have at most %d entries, got %d", apispec.MaxLocalSubnets, len(list))
	}
	for _, s := range list {
		if err := apispec.CheckIPv6CIDR(s); err != nil {
			return err.Error()
		}
	}
	return ""
}

// buildEIP validates one eip1/eip2 object: an existing EIP (id only) or a new
// one (type, and bandwidth_size unless bound to a shared bandwidth_id).
func (e *Emulator) buildEIP(field string, q *eipRequest, flavor string, other *eipRecord) (*eipRecord, string) {
	rec := &eipRecord{wireEIP: wireEIP{IPVersion: 4}}
	if q.ID != nil {
		for _, f := range []struct {
			name string
			set  bool
		}{{"type", q.Type != nil}, {"charge_mode", q.ChargeMode != nil}, {"bandwidth_size", q.BandwidthSize != nil}, {"bandwidth_name", q.BandwidthName != nil}, {"bandwidth_id", q.BandwidthID != nil}} {
			if f.set {
				return nil, fmt.Sprintf("%s.%s must not be set together with %s.id (an existing EIP)", field, f.name, field)
			}
		}
		if err := apispec.CheckUUID(*q.ID); err != nil {
			return nil, field + ".id " + err.Error()
		}
		if other != nil && other.ID == *q.ID {
			return nil, fmt.Sprintf("%s.id must differ from eip1.id", field)
		}
		if owner := e.eipOwner(*q.ID); owner != "" {
			return nil, fmt.Sprintf("%s.id: EIP %s is already bound to vpn gateway %s", field, *q.ID, owner)
		}
		if known, ok := e.st.EIPs[*q.ID]; ok {
			cp := *known
			return &cp, ""
		}
		// An id the emulator has never seen is taken as an EIP the account
		// already owns (the emulator has no EIP create call in its API).
		rec.ID = *q.ID
		rec.Type = "5_bgp"
		rec.ChargeMode = "bandwidth"
		rec.BandwidthSize = min(100, apispec.MaxBandwidth(flavor))
		rec.BandwidthName = "bandwidth-" + randomSuffix()
	} else {
		if q.Type == nil {
			return nil, fmt.Sprintf("%s.id or %s.type is required", field, field)
		}
		if n := len(*q.Type); n < 1 || n > apispec.EIPTypeMaxLen {
			return nil, fmt.Sprintf("%s.type must be 1-%d characters long, got %d", field, apispec.EIPTypeMaxLen, n)
		}
		rec.Type = *q.Type
		rec.IsNew = true
		rec.ID = newUUID()
		rec.ChargeMode = str(q.ChargeMode, "bandwidth")
		if err := apispec.CheckOneOf(rec.ChargeMode, apispec.EIPChargeModes); err != nil {
			return nil, field + ".charge_mode " + err.Error()
		}
		if q.BandwidthID != nil {
			if q.BandwidthSize != nil || q.BandwidthName != nil {
				return nil, fmt.Sprintf("%s.bandwidth_size and %s.bandwidth_name must not be set with %s.bandwidth_id (a shared bandwidth)", field, field, field)
			}
			if err := apispec.CheckUUID(*q.BandwidthID); err != nil {
				return nil, field + ".bandwidth_id " + err.Error()
			}
			rec.BandwidthID = *q.BandwidthID
			rec.ShareType = "WHOLE"
			rec.BandwidthSize = apispec.MaxBandwidth(flavor)
			rec.BandwidthName = "shared-bandwidth-" + (*q.BandwidthID)[:4]
		} else {
			if q.BandwidthSize == nil {
				return nil, fmt.Sprintf("%s.bandwidth_size is required for a new EIP", field)
			}
			if err := apispec.CheckBandwidth(flavor, *q.BandwidthSize); err != nil {
				return nil, field + ".bandwidth_size " + err.Error()
			}
			rec.BandwidthSize = *q.BandwidthSize
			rec.BandwidthID = newUUID()
			if q.BandwidthName != nil {
				if err := apispec.CheckName(*q.BandwidthName); err != nil {
					return nil, field + ".bandwidth_name " + err.Error()
				}
				rec.BandwidthName = *q.BandwidthName
			} else {
				rec.BandwidthName = "vpngw-bandwidth-" + randomSuffix()
			}
		}
	}
	taken := func(a string) bool {
		return e.eipAddressInUse(a) || (other != nil && other.IPAddress == a)
	}
	addrs := e.freeAddresses(eipPool, 1, taken)
	if len(addrs) == 0 {
		return nil, fmt.Sprintf("%s: no free EIP address left", field)
	}
	rec.IPAddress = addrs[0]
	return rec, ""
}

// eipOwner returns the gateway that holds an EIP id ("" when free). Called with e.mu held.
func (e *Emulator) eipOwner(id string) string {
	for _, g := range e.st.Gateways {
		if (g.EIP1 != nil && g.EIP1.ID == id) || (g.EIP2 != nil && g.EIP2.ID == id) {
			return g.ID
		}
	}
	return ""
}

func (e *Emulator) eipAddressInUse(a string) bool {
	for _, p := range e.st.EIPs {
		if p.IPAddress == a {
			return true
		}
	}
	for _, g := range e.st.Gateways {
		if (g.EIP1 != nil && g.EIP1.IPAddress == a) || (g.EIP2 != nil && g.EIP2.IPAddress == a) {
			return true
		}
	}
	return false
}

// privateIPOwner returns the gateway using a private IP in an access subnet ("" when free).
func (e *Emulator) privateIPOwner(subnet, ip string) string {
	for _, g := range e.st.Gateways {
		if g.NetworkType == "private" && g.AccessSubnetID == subnet && (g.AccessPrivateIP1 == ip || g.AccessPrivateIP2 == ip) {
			return g.ID
		}
	}
	return ""
}

// freeAddresses returns up to n host addresses of pool (from .2 upwards, never
// the broadcast) that taken does not claim, in order.
func (e *Emulator) freeAddresses(pool netip.Prefix, n int, taken func(string) bool) []string {
	var out []string
	a := pool.Masked().Addr().Next().Next()
	for ; pool.Contains(a) && len(out) < n; a = a.Next() {
		if !pool.Contains(a.Next()) { // broadcast
			break
		}
		if s := a.String(); !taken(s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// ---- update ----

func (e *Emulator) updateGateway(r *request) (int, any) {
	g, st, body := e.gatewayFor(r)
	if g == nil {
		return st, body
	}
	u, st, body, ok := gatewayBody[gatewayUpdate](r)
	if !ok {
		return st, body
	}
	if g.Status != statusActive {
		return r.notReady(typeGateway, g.ID, g.Status)
	}
	// Validate everything before changing anything.
	if u.Name != nil {
		if err := apispec.CheckName(*u.Name); err != nil {
			return r.invalid("name %v", err)
		}
	}
	if u.LocalSubnets != nil || u.LocalSubnetsV6 != nil {
		if g.AttachmentType != "vpc" {
			return r.invalid("local_subnets can only be set when attachment_type is vpc")
		}
	}
	if u.LocalSubnets != nil {
		if err := apispec.CheckCIDRList(*u.LocalSubnets, apispec.MaxLocalSubnets); err != nil {
			return r.invalid("local_subnets %v", err)
		}
	}
	if u.LocalSubnetsV6 != nil {
		if g.IPVersion != "ipv6" {
			return r.invalid("local_subnets_v6 can only be set when ip_version is ipv6")
		}
		if msg := checkV6List(*u.LocalSubnetsV6); msg != "" {
			return r.invalid("local_subnets_v6 %s", msg)
		}
	}
	newEIP1, newEIP2, msg := e.updatedEIPs(g, u)
	if msg != "" {
		return r.invalid("%s", msg)
	}
	var pt *wirePolicyTemplate
	if u.PolicyTemplate != nil {
		if pt, msg = mergePolicyTemplate(g.PolicyTemplate, u.PolicyTemplate); msg != "" {
			return r.invalid("%s", msg)
		}
	}

	if u.Name != nil {
		g.Name = *u.Name
	}
	if u.LocalSubnets != nil {
		g.LocalSubnets = slices.Clone(*u.LocalSubnets)
	}
	if u.LocalSubnetsV6 != nil {
		g.LocalSubnetsV6 = slices.Clone(*u.LocalSubnetsV6)
	}
	g.EIP1, g.EIP2 = newEIP1, newEIP2
	e.claimEIPs(g)
	if pt != nil {
		g.PolicyTemplate = pt
	}
	g.Status = statusPendingUpdate
	g.DueAt = e.now().Add(e.delay(KindGateway))
	e.changed()
	return http.StatusOK, map[string]any{"vpn_gateway": e.toWire(g, false)}
}

// updatedEIPs applies eip_id_1 / eip_id_2: an id already on the gateway moves
// (so the two may be swapped); another id binds that existing EIP.
func (e *Emulator) updatedEIPs(g *gatewayRecord, u *gatewayUpdate) (*eipRecord, *eipRecord, string) {
	if u.EipID1 == nil && u.EipID2 == nil {
		return g.EIP1, g.EIP2, ""
	}
	if g.NetworkType != "public" {
		return nil, nil, "eip_id_1 and eip_id_2 can only be set when network_type is public"
	}
	current := map[string]*eipRecord{}
	for _, p := range []*eipRecord{g.EIP1, g.EIP2} {
		if p != nil {
			current[p.ID] = p
		}
	}
	pick := func(field string, id *string, keep *eipRecord, other *eipRecord) (*eipRecord, string) {
		if id == nil {
			return keep, ""
		}
		if err := apispec.CheckUUID(*id); err != nil {
			return nil, field + " " + err.Error()
		}
		if p, ok := current[*id]; ok {
			return p, ""
		}
		if owner := e.eipOwner(*id); owner != "" {
			return nil, fmt.Sprintf("%s: EIP %s is already bound to vpn gateway %s", field, *id, owner)
		}
		// Reference L1173/L1175: the EIP in a slot must be unbound (EIP
		// service disassociate-instance) before a new one is bound there.
		if keep != nil {
			return nil, fmt.Sprintf("%s: vpn gateway %s still holds EIP %s; unbind it first (EIP disassociate-instance), a new EIP can only be bound once the old one is unbound", field, g.ID, keep.ID)
		}
		if known, ok := e.st.EIPs[*id]; ok {
			cp := *known
			return &cp, ""
		}
		taken := func(a string) bool { return e.eipAddressInUse(a) || (other != nil && other.IPAddress == a) }
		addrs := e.freeAddresses(eipPool, 1, taken)
		if len(addrs) == 0 {
			return nil, field + ": no free EIP address left"
		}
		return &eipRecord{wireEIP: wireEIP{
			ID: *id, IPVersion: 4, Type: "5_bgp", IPAddress: addrs[0], ChargeMode: "bandwidth",
			BandwidthSize: min(100, apispec.MaxBandwidth(g.Flavor)), BandwidthName: "bandwidth-" + randomSuffix(),
		}}, ""
	}
	e1, msg := pick("eip_id_1", u.EipID1, g.EIP1, nil)
	if msg != "" {
		return nil, nil, msg
	}
	e2, msg := pick("eip_id_2", u.EipID2, g.EIP2, e1)
	if msg != "" {
		return nil, nil, msg
	}
	if e1 != nil && e2 != nil && e1.ID == e2.ID {
		return nil, nil, "eip_id_1 and eip_id_2 would both be EIP " + e1.ID + "; give both ids to swap them"
	}
	return e1, e2, ""
}

// mergePolicyTemplate validates an update's policy_template and merges it over cur.
func mergePolicyTemplate(cur *wirePolicyTemplate, u *policyTemplateUpdate) (*wirePolicyTemplate, string) {
	out := defaultPolicyTemplate()
	if cur != nil {
		*out = *cur
	}
	type check struct {
		field   string
		v       *string
		allowed []string
		dst     *string
	}
	var checks []check
	if p := u.IKEPolicy; p != nil {
		checks = append(checks,
			check{"policy_template.ike_policy.encryption_algorithm", p.EncryptionAlgorithm, apispec.PolicyEncryptionAlgorithms, &out.IKEPolicy.EncryptionAlgorithm},
			check{"policy_template.ike_policy.dh_group", p.DHGroup, apispec.PolicyIKEDHGroups, &out.IKEPolicy.DHGroup},
			check{"policy_template.ike_policy.authentication_algorithm", p.AuthenticationAlgorithm, apispec.PolicyAuthAlgorithms, &out.IKEPolicy.AuthenticationAlgorithm},
		)
		if p.LifetimeSeconds != nil {
			if err := apispec.CheckRange(*p.LifetimeSeconds, apispec.IKELifetimeMin, apispec.IKELifetimeMax); err != nil {
				return nil, "policy_template.ike_policy.lifetime_seconds " + err.Error()
			}
			out.IKEPolicy.LifetimeSeconds = *p.LifetimeSeconds
		}
	}
	if p := u.IPsecPolicy; p != nil {
		checks = append(checks,
			check{"policy_template.ipsec_policy.authentication_algorithm", p.AuthenticationAlgorithm, apispec.PolicyAuthAlgorithms, &out.IPsecPolicy.AuthenticationAlgorithm},
			check{"policy_template.ipsec_policy.encryption_algorithm", p.EncryptionAlgorithm, apispec.PolicyEncryptionAlgorithms, &out.IPsecPolicy.EncryptionAlgorithm},
			check{"policy_template.ipsec_policy.pfs", p.PFS, apispec.PolicyPFSGroups, &out.IPsecPolicy.PFS},
		)
		if p.LifetimeSeconds != nil {
			if err := apispec.CheckRange(*p.LifetimeSeconds, apispec.IPsecLifetimeMin, apispec.IPsecLifetimeMax); err != nil {
				return nil, "policy_template.ipsec_policy.lifetime_seconds " + err.Error()
			}
			out.IPsecPolicy.LifetimeSeconds = *p.LifetimeSeconds
		}
	}
	for _, c := range checks {
		if c.v == nil {
			continue
		}
		if err := apispec.CheckOneOf(*c.v, c.allowed); err != nil {
			return nil, c.field + " " + err.Error()
		}
		*c.dst = *c.v
	}
	return out, ""
}

func (e *Emulator) updateGatewaySpec(r *request) (int, any) {
	g, st, body := e.gatewayFor(r)
	if g == nil {
		return st, body
	}
	spec, st, body, ok := gatewayBody[gatewaySpec](r)
	if !ok {
		return st, body
	}
	if spec.Flavor == nil {
		return r.invalid("flavor is required")
	}
	if g.Status != statusActive {
		return r.notReady(typeGateway, g.ID, g.Status)
	}
	flavor := *spec.Flavor
	if g.Flavor == apispec.FlavorGM {
		return r.invalid("flavor of a GM gateway cannot be changed")
	}
	if err := apispec.CheckOneOf(flavor, apispec.SpecificationFlavors); err != nil {
		return r.invalid("flavor %v", err)
	}
	for i, p := range []*eipRecord{g.EIP1, g.EIP2} {
		// Source: reference 4.1.1.1 bandwidth_size (apispec.MaxBandwidth).
		if p != nil && p.IsNew && p.ShareType == "" && p.BandwidthSize > apispec.MaxBandwidth(flavor) {
			return r.invalid("flavor %s allows at most %d Mbit/s, eip%d has %d", flavor, apispec.MaxBandwidth(flavor), i+1, p.BandwidthSize)
		}
	}
	g.Flavor = flavor
	g.Status = statusPendingUpdate
	g.DueAt = e.now().Add(e.delay(KindGateway))
	e.changed()
	return http.StatusOK, map[string]any{"vpn_gateway": e.toWire(g, false)}
}

// ---- availability zones ----

// zonesFor lists the zones a gateway may use with an attachment type (the
// same for every flavor).
func (e *Emulator) zonesFor(flavor, attachment string) []string {
	lists := e.zoneLists(apispec.AvailabilityZoneKey(flavor))
	if attachment == "er" {
		return lists.ER
	}
	return lists.VPC
}

// ZoneLists are the availability zones of one flavor, per attachment type
// (VpnGatewayAvailabilityZones).
type ZoneLists struct {
	VPC []string `json:"vpc"`
	ER  []string `json:"er"`
}

// zoneLists returns Options.Zones[key] when set, else the region's zones a,
// b, c (vpc) and a, b (er).
func (e *Emulator) zoneLists(key string) ZoneLists {
	if z, ok := e.opts.Zones[key]; ok {
		return z
	}
	z := func(s string) string { return e.opts.Region + s }
	return ZoneLists{VPC: []string{z("a"), z("b"), z("c")}, ER: []string{z("a"), z("b")}}
}

func (e *Emulator) availabilityZones(r *request) (int, any) {
	out := map[string]ZoneLists{}
	for _, k := range apispec.AvailabilityZoneKeys {
		out[k] = e.zoneLists(k)
	}
	return http.StatusOK, map[string]any{"availability_zones": out}
}

// ---- Go-side test hooks ----

// SetGatewayStatus forces a gateway's status (for example FAULT), ending any
// pending transition. It fails when the gateway does not exist or the status
// is not one of the service's gateway statuses.
func (e *Emulator) SetGatewayStatus(id, status string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.settleAll(e.now())
	g, ok := e.st.Gateways[id]
	if !ok {
		return fmt.Errorf("vpn gateway %s not found", id)
	}
	if err := apispec.CheckOneOf(status, apispec.GatewayStatuses); err != nil {
		return fmt.Errorf("status %w", err)
	}
	g.Status = status
	g.DueAt = e.now()
	if status == statusActive {
		g.Activated = true
	}
	e.changed()
	return nil
}

// Gateway returns the wire JSON of a gateway as GET would answer it (the
// vpn_gateway object), after settling due transitions.
func (e *Emulator) Gateway(id string) (json.RawMessage, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.settleAll(e.now())
	g, ok := e.st.Gateways[id]
	if !ok {
		return nil, false
	}
	b, err := json.Marshal(e.toWire(g, true))
	if err != nil {
		return nil, false
	}
	return b, true
}

// DeleteResource removes a resource of a kind (Kind* constants) without any
// check, as if it had been deleted outside Terraform (for _disappears tests).
// For KindCertificate, id may be the certificate id or its gateway id.
func (e *Emulator) DeleteResource(kind, id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	found := false
	switch kind {
	case KindGateway:
		_, found = e.st.Gateways[id]
		if found {
			e.removeGateway(id)
		}
	case KindCustomerGateway:
		_, found = e.st.CustomerGateways[id]
		delete(e.st.CustomerGateways, id)
		e.deleteTags(id)
	case KindConnection:
		var c *connectionRecord
		c, found = e.st.Connections[id]
		if found {
			e.removeConnection(c) // also drops its monitor, as a real delete does
		}
	case KindMonitor:
		_, found = e.st.Monitors[id]
		delete(e.st.Monitors, id)
	case KindCertificate:
		for k, c := range e.st.Certificates {
			if k == id || c.ID == id {
				delete(e.st.Certificates, k)
				found = true
			}
		}
	}
	if found {
		e.changed()
	}
	return found
}
