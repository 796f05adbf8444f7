package emulator

import (
	"maps"
	"net/http"
	"slices"
)

// The EIP service, as far as the provider uses it: read one EIP and
// disassociate it from the instance (here: the VPN gateway) that holds it.
// Both are EIP API v3 calls, signed like the VPN API. A gateway's EIPs live
// in its record; the account's unbound EIPs live in state.EIPs. Deleting a
// gateway releases (deletes) the EIPs it still holds, those the service
// created with it and existing ones bound by id alike, as users of this API
// reported (OpenTelekomCloud provider issue 2845; the official provider's
// delete_eip_on_termination): only an EIP disassociated first survives.

// Codes the emulator answers for the EIP service (the reference documents
// only the VPN service; these follow the EIP API's "EIP.xxxx" scheme).
const (
	eipCodeNotFound   = "EIP.7802"
	eipCodeNotBound   = "EIP.7916"
	eipCodeNotReady   = "EIP.7904"
	eipInstanceVPN    = "VPN"
	eipStatusBound    = "ACTIVE"
	eipStatusUnbound  = "DOWN"
	eipDisassociatePt = "POST /v3/{project_id}/eip/publicips/{publicip_id}/disassociate-instance"
)

func (e *Emulator) registerEIPs() {
	e.handle("GET /v3/{project_id}/eip/publicips/{publicip_id}", e.getEIP)
	e.handle(eipDisassociatePt, e.disassociateEIP)
}

// wirePublicIP is the EIP v3 publicip object (the fields the provider reads).
type wirePublicIP struct {
	ID                    string           `json:"id"`
	ProjectID             string           `json:"project_id"`
	IPVersion             int              `json:"ip_version"`
	PublicIPAddress       string           `json:"public_ip_address"`
	Status                string           `json:"status"`
	AssociateInstanceType string           `json:"associate_instance_type"`
	AssociateInstanceID   string           `json:"associate_instance_id"`
	Type                  string           `json:"type"`
	PublicipPoolName      string           `json:"publicip_pool_name"`
	Bandwidth             wireEIPBandwidth `json:"bandwidth"`
}

type wireEIPBandwidth struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Size       int    `json:"size"`
	ShareType  string `json:"share_type"`
	ChargeMode string `json:"charge_mode"`
}

// findEIP returns an EIP and the gateway holding it (nil when unbound).
// Called with e.mu held.
func (e *Emulator) findEIP(id string) (*eipRecord, *gatewayRecord) {
	if rec, ok := e.st.EIPs[id]; ok {
		return rec, nil
	}
	for _, g := range e.st.Gateways {
		for _, p := range []*eipRecord{g.EIP1, g.EIP2} {
			if p != nil && p.ID == id {
				return p, g
			}
		}
	}
	return nil, nil
}

func (e *Emulator) publicIP(rec *eipRecord, holder *gatewayRecord) wirePublicIP {
	share := rec.ShareType
	if share == "" {
		share = "PER"
	}
	w := wirePublicIP{
		ID: rec.ID, ProjectID: e.opts.ProjectID, IPVersion: 4, PublicIPAddress: rec.IPAddress,
		Status: eipStatusUnbound, Type: "EIP", PublicipPoolName: rec.Type,
		Bandwidth: wireEIPBandwidth{ID: rec.BandwidthID, Name: rec.BandwidthName, Size: rec.BandwidthSize, ShareType: share, ChargeMode: rec.ChargeMode},
	}
	if holder != nil {
		w.Status, w.AssociateInstanceType, w.AssociateInstanceID = eipStatusBound, eipInstanceVPN, holder.ID
	}
	return w
}

func (e *Emulator) getEIP(r *request) (int, any) {
	id := r.PathValue("publicip_id")
	rec, holder := e.findEIP(id)
	if rec == nil {
		return r.fail(http.StatusNotFound, eipCodeNotFound, "publicip "+id+" not found")
	}
	return http.StatusOK, map[string]any{"publicip": e.publicIP(rec, holder)}
}

// disassociateEIP unbinds an EIP from its gateway; the EIP stays in the
// account. The gateway must be settled (ACTIVE or FAULT).
func (e *Emulator) disassociateEIP(r *request) (int, any) {
	id := r.PathValue("publicip_id")
	rec, g := e.findEIP(id)
	if rec == nil {
		return r.fail(http.StatusNotFound, eipCodeNotFound, "publicip "+id+" not found")
	}
	if g == nil {
		return r.fail(http.StatusBadRequest, eipCodeNotBound, "publicip "+id+" is not associated with any instance")
	}
	if g.Status != statusActive && g.Status != statusFault {
		return r.fail(http.StatusConflict, eipCodeNotReady, "publicip "+id+" cannot be disassociated: vpn gateway "+g.ID+" is "+g.Status)
	}
	if g.EIP1 == rec {
		g.EIP1 = nil
	} else {
		g.EIP2 = nil
	}
	rec.IsNew = false
	e.st.EIPs[id] = rec
	g.UpdatedAt = e.now()
	e.changed()
	return http.StatusOK, map[string]any{"publicip": e.publicIP(rec, nil)}
}

// claimEIPs takes a gateway's EIPs out of the account's unbound EIPs once
// the gateway holds them. Called with e.mu held.
func (e *Emulator) claimEIPs(g *gatewayRecord) {
	for _, p := range []*eipRecord{g.EIP1, g.EIP2} {
		if p != nil {
			delete(e.st.EIPs, p.ID)
		}
	}
}

// CreateEIP adds an unbound EIP to the account, as the EIP service's
// create would, and returns its id (tests bind it to a gateway by id).
func (e *Emulator) CreateEIP() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	rec := &eipRecord{wireEIP: wireEIP{
		ID: newUUID(), IPVersion: 4, Type: "5_bgp", ChargeMode: "bandwidth", BandwidthSize: 10,
		BandwidthID: newUUID(), BandwidthName: "bandwidth-" + randomSuffix(),
	}}
	if addrs := e.freeAddresses(eipPool, 1, e.eipAddressInUse); len(addrs) == 1 {
		rec.IPAddress = addrs[0]
	}
	e.st.EIPs[rec.ID] = rec
	e.changed()
	return rec.ID
}

// EIPs returns every EIP of the account by id with the gateway that holds
// it ("" when unbound).
func (e *Emulator) EIPs() map[string]string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.settleAll(e.now())
	out := map[string]string{}
	for id := range e.st.EIPs {
		out[id] = ""
	}
	for _, gid := range slices.Sorted(maps.Keys(e.st.Gateways)) {
		g := e.st.Gateways[gid]
		for _, p := range []*eipRecord{g.EIP1, g.EIP2} {
			if p != nil {
				out[p.ID] = gid
			}
		}
	}
	return out
}
