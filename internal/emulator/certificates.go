package emulator

// GM gateway certificates (reference 4.1.1.8-10): upload, get and update; one
// per GM gateway, no delete endpoint. BINDING -> BOUND after
// delay(KindCertificate). Certificates must be GM (SM2, SM3WITHSM2); private
// keys are checked against their certificates and never stored or returned.

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert"
)

// certificateRecord is a stored gateway certificate (by gateway id in e.st.Certificates).
type certificateRecord struct {
	ID        string    `json:"id"`
	VgwID     string    `json:"vgw_id"`
	Status    string    `json:"status"`
	Name      string    `json:"name"`
	Sign      certInfo  `json:"certificate"`
	Chain     certInfo  `json:"certificate_chain"`
	Enc       certInfo  `json:"enc_certificate"`
	DueAt     time.Time `json:"due_at"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

type certRequest struct {
	Name             *string `json:"name"`
	Certificate      *string `json:"certificate"`
	PrivateKey       *string `json:"private_key"`
	CertificateChain *string `json:"certificate_chain"`
	EncCertificate   *string `json:"enc_certificate"`
	EncPrivateKey    *string `json:"enc_private_key"`
}

type certRequestBody struct {
	Certificate *certRequest `json:"certificate"`
}

// certWire is VpnGatewayCertificate (get) and, without project_id, status and
// updated_at, VpnGatewayCertificateConfig (upload, update).
type certWire struct {
	ID                           string `json:"id"`
	Name                         string `json:"name"`
	ProjectID                    string `json:"project_id,omitempty"`
	VgwID                        string `json:"vgw_id"`
	Status                       string `json:"status,omitempty"`
	Issuer                       string `json:"issuer,omitempty"`
	SignatureAlgorithm           string `json:"signature_algorithm,omitempty"`
	CertificateSerialNumber      string `json:"certificate_serial_number,omitempty"`
	CertificateSubject           string `json:"certificate_subject,omitempty"`
	CertificateExpireTime        string `json:"certificate_expire_time,omitempty"`
	CertificateChainSerialNumber string `json:"certificate_chain_serial_number,omitempty"`
	CertificateChainSubject      string `json:"certificate_chain_subject,omitempty"`
	CertificateChainExpireTime   string `json:"certificate_chain_expire_time,omitempty"`
	EncCertificateSerialNumber   string `json:"enc_certificate_serial_number,omitempty"`
	EncCertificateSubject        string `json:"enc_certificate_subject,omitempty"`
	EncCertificateExpireTime     string `json:"enc_certificate_expire_time,omitempty"`
	CreatedAt                    string `json:"created_at"`
	UpdatedAt                    string `json:"updated_at,omitempty"`
}

type certEnvelope struct {
	Certificate certWire `json:"certificate"`
	RequestID   string   `json:"request_id"`
}

func (e *Emulator) registerCertificates() {
	e.handle("POST /v5/{project_id}/vpn-gateways/{vgw_id}/certificate", e.uploadCertificate)
	e.handle("GET /v5/{project_id}/vpn-gateways/{vgw_id}/certificate", e.getCertificate)
	e.handle("PUT /v5/{project_id}/vpn-gateways/{vgw_id}/certificate/{certificate_id}", e.updateCertificate)
}

func (e *Emulator) certWire(c *certificateRecord, full bool) certWire {
	w := certWire{
		ID: c.ID, Name: c.Name, VgwID: c.VgwID,
		Issuer: c.Sign.Issuer, SignatureAlgorithm: c.Sign.SignatureAlgorithm,
		CertificateSerialNumber: c.Sign.SerialNumber, CertificateSubject: c.Sign.Subject,
		CertificateExpireTime:        certTime(c.Sign.NotAfter),
		CertificateChainSerialNumber: c.Chain.SerialNumber, CertificateChainSubject: c.Chain.Subject,
		CertificateChainExpireTime: certTime(c.Chain.NotAfter),
		EncCertificateSerialNumber: c.Enc.SerialNumber, EncCertificateSubject: c.Enc.Subject,
		EncCertificateExpireTime: certTime(c.Enc.NotAfter),
		CreatedAt:                timestamp(c.CreatedAt),
	}
	if full {
		w.ProjectID = e.opts.ProjectID
		w.Status = c.Status
		w.UpdatedAt = timestamp(c.UpdatedAt)
	}
	return w
}

// certPair checks a GM certificate and its private key: the certificate must
// be a GM (SM2) certificate, CA or not as wanted, and the key must be the
// private half of its public key (reference 4.1.1.8: "与签名证书的公钥匹配").
func certPair(field, keyField string, certText, keyText *string, wantCA bool) (certInfo, string) {
	if certText == nil {
		return certInfo{}, field + " is required"
	}
	if keyText == nil && keyField != "" {
		return certInfo{}, keyField + " is required"
	}
	maxLen := apispec.CertificateMaxLength
	if wantCA {
		maxLen = apispec.CertificateChainMaxLength
	}
	if err := apispec.CheckContentLength(*certText, maxLen); err != nil {
		return certInfo{}, field + " " + err.Error()
	}
	info, err := parseGMCertificatePEM(*certText)
	if err != nil {
		return certInfo{}, field + " " + err.Error()
	}
	if info.IsCA != wantCA {
		if wantCA {
			return certInfo{}, field + " must be a GM CA certificate"
		}
		return certInfo{}, field + " must be a GM non-CA certificate"
	}
	if keyField == "" {
		return info, ""
	}
	if err := apispec.CheckContentLength(*keyText, apispec.PrivateKeyMaxLength); err != nil {
		return certInfo{}, keyField + " " + err.Error()
	}
	key, err := gmcert.ParsePrivateKey(*keyText)
	if err != nil {
		return certInfo{}, keyField + " " + err.Error()
	}
	if !gmcert.KeyMatches(info.cert, key) {
		return certInfo{}, keyField + " does not match the public key of " + field
	}
	return info, ""
}

// checkIssued verifies that leaf is signed by chain (both parsed in this
// request or since the emulator started; records loaded from a state file
// carry no parsed certificate and are not checked again).
func checkIssued(field string, leaf, chain certInfo) string {
	if leaf.cert == nil || chain.cert == nil {
		return ""
	}
	if err := gmcert.CheckIssued(leaf.cert, chain.cert); err != nil {
		return field + " is not issued by certificate_chain"
	}
	return ""
}

// gmGateway resolves the path's GM gateway.
func (e *Emulator) gmGateway(r *request) (gatewayInfo, int, any, bool) {
	id := r.PathValue("vgw_id")
	gw, ok := e.lookupGateway(id)
	if !ok {
		st, b := r.notFound(typeGateway, id)
		return gw, st, b, false
	}
	if gw.Flavor != apispec.FlavorGM {
		st, b := r.invalid("vpn gateway %s is of flavor %s; certificates are only for GM vpn gateways", id, gw.Flavor)
		return gw, st, b, false
	}
	return gw, 0, nil, true
}

func (e *Emulator) uploadCertificate(r *request) (int, any) {
	gw, st, b, ok := e.gmGateway(r)
	if !ok {
		return st, b
	}
	if gw.Status != statusActive {
		return r.notReady(typeGateway, gw.ID, gw.Status)
	}
	if c, ok := e.st.Certificates[gw.ID]; ok {
		return r.invalid("vpn gateway %s already has certificate %s; update it instead", gw.ID, c.ID)
	}
	var body certRequestBody
	if err := r.decode(&body); err != nil {
		return r.invalid("malformed body: %v", err)
	}
	in := body.Certificate
	if in == nil {
		return r.invalid("certificate is required")
	}
	rec := &certificateRecord{ID: newUUID(), VgwID: gw.ID, Name: "cert-" + randomSuffix()}
	if in.Name != nil {
		if err := apispec.CheckCertificateName(*in.Name); err != nil {
			return r.invalid("name %v", err)
		}
		rec.Name = *in.Name
	}
	var msg string
	if rec.Sign, msg = certPair("certificate", "private_key", in.Certificate, in.PrivateKey, false); msg != "" {
		return r.invalid("%s", msg)
	}
	if rec.Chain, msg = certPair("certificate_chain", "", in.CertificateChain, nil, true); msg != "" {
		return r.invalid("%s", msg)
	}
	if rec.Enc, msg = certPair("enc_certificate", "enc_private_key", in.EncCertificate, in.EncPrivateKey, false); msg != "" {
		return r.invalid("%s", msg)
	}
	for _, m := range []string{checkIssued("certificate", rec.Sign, rec.Chain), checkIssued("enc_certificate", rec.Enc, rec.Chain)} {
		if m != "" {
			return r.invalid("%s", m)
		}
	}
	now := e.now()
	rec.CreatedAt, rec.UpdatedAt = now, now
	rec.Status = apispec.CertificateStatusBinding
	rec.DueAt = now.Add(e.delay(KindCertificate))
	e.st.Certificates[gw.ID] = rec
	e.changed()
	return http.StatusCreated, certEnvelope{Certificate: e.certWire(rec, false), RequestID: r.ID}
}

func (e *Emulator) getCertificate(r *request) (int, any) {
	gw, st, b, ok := e.gmGateway(r)
	if !ok {
		if st == http.StatusBadRequest {
			return r.notFound(typeCertificate, r.PathValue("vgw_id"))
		}
		return st, b
	}
	c, ok := e.st.Certificates[gw.ID]
	if !ok {
		return r.notFound(typeCertificate, gw.ID)
	}
	return http.StatusOK, certEnvelope{Certificate: e.certWire(c, true), RequestID: r.ID}
}

func (e *Emulator) updateCertificate(r *request) (int, any) {
	gw, st, b, ok := e.gmGateway(r)
	if !ok {
		return st, b
	}
	cid := r.PathValue("certificate_id")
	c, ok := e.st.Certificates[gw.ID]
	if !ok || c.ID != cid {
		return r.notFound(typeCertificate, cid)
	}
	if c.Status == apispec.CertificateStatusBinding {
		return r.notReady(typeCertificate, c.ID, c.Status)
	}
	var body certRequestBody
	if err := r.decode(&body); err != nil {
		return r.invalid("malformed body: %v", err)
	}
	in := body.Certificate
	if in == nil {
		return r.invalid("certificate is required")
	}
	next := *c
	if in.Name != nil {
		if err := apispec.CheckCertificateName(*in.Name); err != nil {
			return r.invalid("name %v", err)
		}
		next.Name = *in.Name
	}
	var msg string
	material := false
	if in.Certificate != nil || in.PrivateKey != nil {
		if next.Sign, msg = certPair("certificate", "private_key", in.Certificate, in.PrivateKey, false); msg != "" {
			return r.invalid("%s (certificate and private_key are updated together)", msg)
		}
		material = true
	}
	if in.CertificateChain != nil {
		if next.Chain, msg = certPair("certificate_chain", "", in.CertificateChain, nil, true); msg != "" {
			return r.invalid("%s", msg)
		}
		material = true
	}
	if in.EncCertificate != nil || in.EncPrivateKey != nil {
		if next.Enc, msg = certPair("enc_certificate", "enc_private_key", in.EncCertificate, in.EncPrivateKey, false); msg != "" {
			return r.invalid("%s (enc_certificate and enc_private_key are updated together)", msg)
		}
		material = true
	}
	for _, m := range []string{checkIssued("certificate", next.Sign, next.Chain), checkIssued("enc_certificate", next.Enc, next.Chain)} {
		if m != "" {
			return r.invalid("%s", m)
		}
	}
	now := e.now()
	next.UpdatedAt = now
	if material {
		next.Status = apispec.CertificateStatusBinding
		next.DueAt = now.Add(e.delay(KindCertificate))
	}
	*c = next
	e.changed()
	return http.StatusOK, certEnvelope{Certificate: e.certWire(c, false), RequestID: r.ID}
}

// settleCertificates completes due bindings. Called with e.mu held.
func (e *Emulator) settleCertificates(now time.Time) bool {
	changed := false
	for _, c := range e.st.Certificates {
		if c.Status == apispec.CertificateStatusBinding && !now.Before(c.DueAt) {
			c.Status = apispec.CertificateStatusBound
			changed = true
		}
	}
	return changed
}

// SetCertificateStatus forces the status of a gateway's certificate (BINDING,
// BOUND or FAULT). BINDING completes after the usual delay.
func (e *Emulator) SetCertificateStatus(vgwID, status string) error {
	if !slices.Contains(apispec.CertificateStatuses, status) {
		return fmt.Errorf("unknown certificate status %q", status)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	e.settleAll(now)
	c, ok := e.st.Certificates[vgwID]
	if !ok {
		return fmt.Errorf("vpn gateway %s has no certificate", vgwID)
	}
	c.Status = status
	c.DueAt = now.Add(e.delay(KindCertificate))
	e.changed()
	return nil
}
