package emulator

// Customer gateways (reference 4.1.2): synchronous create, get, paged list,
// update (name, CA certificate) and delete (refused while connections use it).

import (
	"fmt"
	"net/http"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
)

// customerGatewayRecord is a stored customer gateway.
type customerGatewayRecord struct {
	ID        string        `json:"id"`
	Name      string        `json:"name"`
	IDType    string        `json:"id_type"`
	IDValue   string        `json:"id_value"`
	BGPASN    *int64        `json:"bgp_asn,omitempty"`
	CA        *caCertRecord `json:"ca_certificate,omitempty"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// caCertRecord is a customer gateway's CA certificate.
type caCertRecord struct {
	ID      string   `json:"id"`
	Content string   `json:"content"`
	Info    certInfo `json:"info"`
}

// ---- wire types ----

type cgwCARequest struct {
	ID      *string `json:"id"`
	Content *string `json:"content"`
}

type cgwRequest struct {
	Name          *string       `json:"name"`
	IDType        *string       `json:"id_type"`
	IDValue       *string       `json:"id_value"`
	BGPASN        *int64        `json:"bgp_asn"`
	CACertificate *cgwCARequest `json:"ca_certificate"`
	Tags          []wireTag     `json:"tags"`
}

type cgwRequestBody struct {
	CustomerGateway *cgwRequest `json:"customer_gateway"`
}

type cgwCAWire struct {
	ID                 string `json:"id,omitempty"`
	SerialNumber       string `json:"serial_number,omitempty"`
	SignatureAlgorithm string `json:"signature_algorithm,omitempty"`
	Issuer             string `json:"issuer,omitempty"`
	Subject            string `json:"subject,omitempty"`
	ExpireTime         string `json:"expire_time,omitempty"`
	IsUpdatable        bool   `json:"is_updatable"`
}

type cgwWire struct {
	ID            string     `json:"id"`
	Name          string     `json:"name"`
	IDType        string     `json:"id_type"`
	IDValue       string     `json:"id_value"`
	BGPASN        *int64     `json:"bgp_asn,omitempty"`
	CACertificate *cgwCAWire `json:"ca_certificate,omitempty"`
	CreatedAt     string     `json:"created_at"`
	UpdatedAt     string     `json:"updated_at"`
	Tags          []wireTag  `json:"tags,omitempty"`
}

type cgwEnvelope struct {
	CustomerGateway cgwWire `json:"customer_gateway"`
	RequestID       string  `json:"request_id"`
}

type cgwListEnvelope struct {
	CustomerGateways []cgwWire  `json:"customer_gateways"`
	TotalCount       int        `json:"total_count"`
	PageInfo         cfPageInfo `json:"page_info"`
	RequestID        string     `json:"request_id"`
}

func (e *Emulator) registerCustomerGateways() {
	e.handle("POST /v5/{project_id}/customer-gateways", e.createCustomerGateway)
	e.handle("GET /v5/{project_id}/customer-gateways", e.listCustomerGateways)
	e.handle("GET /v5/{project_id}/customer-gateways/{customer_gateway_id}", e.getCustomerGateway)
	e.handle("PUT /v5/{project_id}/customer-gateways/{customer_gateway_id}", e.updateCustomerGateway)
	e.handle("DELETE /v5/{project_id}/customer-gateways/{customer_gateway_id}", e.deleteCustomerGateway)
}

func (e *Emulator) cgwWire(c *customerGatewayRecord) cgwWire {
	w := cgwWire{
		ID: c.ID, Name: c.Name, IDType: c.IDType, IDValue: c.IDValue,
		CreatedAt: timestamp(c.CreatedAt), UpdatedAt: timestamp(c.UpdatedAt),
		Tags: e.tagList(c.ID),
	}
	if c.IDType == "ip" {
		w.BGPASN = c.BGPASN
	}
	if c.CA != nil {
		w.CACertificate = &cgwCAWire{
			ID: c.CA.ID, SerialNumber: c.CA.Info.SerialNumber, SignatureAlgorithm: c.CA.Info.SignatureAlgorithm,
			Issuer: c.CA.Info.Issuer, Subject: c.CA.Info.Subject, ExpireTime: certTime(c.CA.Info.NotAfter),
			IsUpdatable: true,
		}
	}
	return w
}

// checkCACertificate validates a CaCertificateRequest and returns the record:
// a GM CA certificate (the CA of a GM customer gateway, reference 4.1.2.1).
func checkCACertificate(ca *cgwCARequest) (*caCertRecord, error) {
	if ca.Content == nil {
		return nil, fmt.Errorf("ca_certificate.content is required")
	}
	if err := apispec.CheckContentLength(*ca.Content, apispec.CACertificateMaxLength); err != nil {
		return nil, fmt.Errorf("ca_certificate.content %w", err)
	}
	info, err := parseGMCertificatePEM(*ca.Content)
	if err != nil {
		return nil, fmt.Errorf("ca_certificate.content %w", err)
	}
	if !info.IsCA {
		return nil, fmt.Errorf("ca_certificate.content must be a GM CA certificate")
	}
	return &caCertRecord{ID: newUUID(), Content: *ca.Content, Info: info}, nil
}

func (e *Emulator) createCustomerGateway(r *request) (int, any) {
	var body cgwRequestBody
	if err := r.decode(&body); err != nil {
		return r.invalid("malformed body: %v", err)
	}
	in := body.CustomerGateway
	if in == nil {
		return r.invalid("customer_gateway is required")
	}
	rec := &customerGatewayRecord{ID: newUUID(), IDType: apispec.DefaultCustomerGatewayIDType}
	if in.Name != nil {
		if err := apispec.CheckName(*in.Name); err != nil {
			return r.invalid("name %v", err)
		}
		rec.Name = *in.Name
	} else {
		rec.Name = "cgw-" + randomSuffix()
	}
	if in.IDType != nil {
		if err := apispec.CheckOneOf(*in.IDType, apispec.CustomerGatewayIDTypes); err != nil {
			return r.invalid("id_type %v", err)
		}
		rec.IDType = *in.IDType
	}
	if in.IDValue == nil {
		return r.invalid("id_value is required")
	}
	if err := apispec.CheckCustomerGatewayIDValue(rec.IDType, *in.IDValue); err != nil {
		return r.invalid("id_value %v", err)
	}
	rec.IDValue = *in.IDValue
	if in.BGPASN != nil {
		if rec.IDType != "ip" {
			return r.invalid("bgp_asn may only be set when id_type is ip")
		}
		if err := apispec.CheckBgpAsn(*in.BGPASN); err != nil {
			return r.invalid("bgp_asn %v", err)
		}
		v := *in.BGPASN
		rec.BGPASN = &v
	}
	if in.CACertificate != nil {
		ca, err := checkCACertificate(in.CACertificate)
		if err != nil {
			return r.invalid("%v", err)
		}
		rec.CA = ca
	}
	if msg := checkTags(in.Tags); msg != "" {
		return r.invalid("%s", msg)
	}
	if e.quotaExceeded(KindCustomerGateway) {
		return r.quotaError(KindCustomerGateway)
	}
	var created []time.Time
	for _, c := range e.st.CustomerGateways {
		created = append(created, c.CreatedAt)
	}
	rec.CreatedAt = cfCreatedAt(e.now(), created)
	rec.UpdatedAt = rec.CreatedAt
	e.st.CustomerGateways[rec.ID] = rec
	e.setTags(rec.ID, in.Tags)
	e.changed()
	return http.StatusCreated, cgwEnvelope{CustomerGateway: e.cgwWire(rec), RequestID: r.ID}
}

func (e *Emulator) getCustomerGateway(r *request) (int, any) {
	id := r.PathValue("customer_gateway_id")
	c, ok := e.st.CustomerGateways[id]
	if !ok {
		return r.notFound(typeCustomerGateway, id)
	}
	return http.StatusOK, cgwEnvelope{CustomerGateway: e.cgwWire(c), RequestID: r.ID}
}

func (e *Emulator) listCustomerGateways(r *request) (int, any) {
	limit, marker, hasMarker, msg := cfPaging(r)
	if msg != "" {
		return r.invalid("%s", msg)
	}
	items := make([]cfPageItem, 0, len(e.st.CustomerGateways))
	for _, c := range e.st.CustomerGateways {
		items = append(items, cfPageItem{id: c.ID, created: c.CreatedAt})
	}
	ids, pi := cfPage(items, limit, marker, hasMarker)
	out := cgwListEnvelope{CustomerGateways: []cgwWire{}, TotalCount: len(items), PageInfo: pi, RequestID: r.ID}
	for _, id := range ids {
		out.CustomerGateways = append(out.CustomerGateways, e.cgwWire(e.st.CustomerGateways[id]))
	}
	return http.StatusOK, out
}

func (e *Emulator) updateCustomerGateway(r *request) (int, any) {
	id := r.PathValue("customer_gateway_id")
	c, ok := e.st.CustomerGateways[id]
	if !ok {
		return r.notFound(typeCustomerGateway, id)
	}
	var body cgwRequestBody
	if err := r.decode(&body); err != nil {
		return r.invalid("malformed body: %v", err)
	}
	in := body.CustomerGateway
	if in == nil {
		return r.invalid("customer_gateway is required")
	}
	var ca *caCertRecord
	if in.Name != nil {
		if err := apispec.CheckName(*in.Name); err != nil {
			return r.invalid("name %v", err)
		}
	}
	if in.CACertificate != nil {
		var err error
		if ca, err = checkCACertificate(in.CACertificate); err != nil {
			return r.invalid("%v", err)
		}
		if c.CA != nil {
			ca.ID = c.CA.ID
		}
	}
	if in.Name != nil {
		c.Name = *in.Name
	}
	if ca != nil {
		c.CA = ca
	}
	c.UpdatedAt = e.now()
	e.changed()
	return http.StatusOK, cgwEnvelope{CustomerGateway: e.cgwWire(c), RequestID: r.ID}
}

func (e *Emulator) deleteCustomerGateway(r *request) (int, any) {
	id := r.PathValue("customer_gateway_id")
	if _, ok := e.st.CustomerGateways[id]; !ok {
		return r.notFound(typeCustomerGateway, id)
	}
	// Source: NOTES.md, life cycles ("A customer gateway that has
	// connections cannot be deleted (VPN.0001 ... has connection)").
	for _, conn := range e.st.Connections {
		if conn.CgwID == id {
			return r.invalid("customer gateway %s has connection", id)
		}
	}
	delete(e.st.CustomerGateways, id)
	e.deleteTags(id)
	e.changed()
	return http.StatusNoContent, nil
}
