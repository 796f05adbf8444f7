package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Reference 4.1.1.8 response (create); the duplicated, garbled
// enc_certificate_serial_number line and the outer brace were repaired.
const refCreateCertificateResponse = `{
  "certificate": {
    "id": "73f072d8-demo-a8df-va86-2a755d95636f",
    "name": "cert-dce7",
    "vgw_id": "c7f1d3e3-0476-4a71-95a7-3ce8cbb969de",
    "issuer": "C=CN,ST=Beijing,L=HaiDian,O=GMCert.org,CN=GMCert GM Root CA - 01",
    "signature_algorithm": "SM3WITHSM2",
    "certificate_serial_number": "16548506527294397241",
    "certificate_subject": "C=CN,ST=beijing,L=beijing,O=huawei,OU=vpn,CN=hwcloud-vpn",
    "certificate_expire_time": "2024-02-20T15:41:39+08:00",
    "certificate_chain_serial_number": "12369133709000538078",
    "certificate_chain_subject": "C=CN,ST=Beijing,L=HaiDian,O=GMCert.org,CN=GMCert GM Root CA - 01",
    "certificate_chain_expire_time": "2039-07-11T20:31:33+08:00",
    "enc_certificate_serial_number": "16548506527294397242",
    "enc_certificate_subject": "C=CN,ST=beijing,L=beijing,O=huawei,OU=vpn,CN=hwcloud-vpn",
    "enc_certificate_expire_time": "2024-02-20T15:43:26+08:00",
    "created_at": "2023-03-30T10:47:16.657+08:00"
  }
}`

// Reference 4.1.1.9 response (get), repaired the same way.
const refGetCertificateResponse = `{
  "certificate": {
    "id": "18b81966-demo-a8df-va86-51db2ae6cfbd",
    "name": "cert-ces-test",
    "project_id": "06057689f680d5762f7fc008c77b8891",
    "vgw_id": "b1e94931-demo-a8df-va86-ec906c458ba7",
    "status": "BOUND",
    "issuer": "C=CN,ST=Beijing,L=HaiDian,O=GMCert.org,CN=GMCert GM Root CA - 01",
    "signature_algorithm": "SM3WITHSM2",
    "certificate_serial_number": "16548506527294397241",
    "certificate_subject": "C=CN,ST=beijing,L=beijing,O=huawei,OU=vpn,CN=hwcloud-vpn",
    "certificate_expire_time": "2023-03-21T07:41:39Z",
    "certificate_chain_serial_number": "12369133709000538078",
    "certificate_chain_subject": "C=CN,ST=Beijing,L=HaiDian,O=GMCert.org,CN=GMCert GM Root CA - 01",
    "certificate_chain_expire_time": "2023-03-21T01:31:33Z",
    "enc_certificate_serial_number": "16548506527294397242",
    "enc_certificate_expire_time": "2023-03-21T07:43:26Z",
    "created_at": "2023-03-14T07:48:13.705Z",
    "updated_at": "2023-03-14T07:48:13.887Z"
  },
  "request_id": "r"
}`

func TestCreateVPNGatewayCertificate_wireAndResponse(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusCreated, refCreateCertificateResponse))
	cert, err := c.CreateVPNGatewayCertificate(context.Background(), "c7f1d3e3-0476-4a71-95a7-3ce8cbb969de",
		&CreateVPNGatewayCertificateRequest{Name: "cert-dce7", Certificate: "C", PrivateKey: "K",
			CertificateChain: "CA", EncCertificate: "EC", EncPrivateKey: "EK"})
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("vpn-gateways", "c7f1d3e3-0476-4a71-95a7-3ce8cbb969de", "certificate"), nil)
	mtExpectKeys(t, call.Body, "certificate", "certificate.name", "certificate.certificate",
		"certificate.private_key", "certificate.certificate_chain", "certificate.enc_certificate",
		"certificate.enc_private_key")
	mtEqual(t, "enc_private_key", mtAt(t, call.Body, "certificate.enc_private_key"), any("EK"))
	mtEqual(t, "ID", cert.ID, "73f072d8-demo-a8df-va86-2a755d95636f")
	mtEqual(t, "SignatureAlgorithm", cert.SignatureAlgorithm, "SM3WITHSM2")
	mtEqual(t, "CertificateChainExpireTime", cert.CertificateChainExpireTime, "2039-07-11T20:31:33+08:00")
	mtEqual(t, "EncCertificateSubject", cert.EncCertificateSubject, "C=CN,ST=beijing,L=beijing,O=huawei,OU=vpn,CN=hwcloud-vpn")
	mtEqual(t, "CreatedAt", cert.CreatedAt, "2023-03-30T10:47:16.657+08:00")
}

func TestGetVPNGatewayCertificate(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refGetCertificateResponse))
	cert, err := c.GetVPNGatewayCertificate(context.Background(), "vgw-1")
	if err != nil {
		t.Fatal(err)
	}
	mtExpectCall(t, s.only(), http.MethodGet, mtPath("vpn-gateways", "vgw-1", "certificate"), nil)
	mtEqual(t, "Status", cert.Status, CertificateStatusBound)
	mtEqual(t, "ProjectID", cert.ProjectID, "06057689f680d5762f7fc008c77b8891")
	mtEqual(t, "UpdatedAt", cert.UpdatedAt, "2023-03-14T07:48:13.887Z")
	mtEqual(t, "CertificateSerialNumber", cert.CertificateSerialNumber, "16548506527294397241")
}

func TestUpdateVPNGatewayCertificate_nameOnly(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refCreateCertificateResponse))
	if _, err := c.UpdateVPNGatewayCertificate(context.Background(), "vgw-1", "cert-1",
		&UpdateVPNGatewayCertificateRequest{Name: "renamed"}); err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPut, mtPath("vpn-gateways", "vgw-1", "certificate", "cert-1"), nil)
	mtExpectKeys(t, call.Body, "certificate", "certificate.name")
}

func TestUpdateVPNGatewayCertificate_allFields(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refCreateCertificateResponse))
	if _, err := c.UpdateVPNGatewayCertificate(context.Background(), "vgw-1", "cert-1",
		&UpdateVPNGatewayCertificateRequest{Name: "n", Certificate: "C", PrivateKey: "K",
			CertificateChain: "CA", EncCertificate: "EC", EncPrivateKey: "EK"}); err != nil {
		t.Fatal(err)
	}
	mtExpectKeys(t, s.only().Body, "certificate", "certificate.name", "certificate.certificate",
		"certificate.private_key", "certificate.certificate_chain", "certificate.enc_certificate",
		"certificate.enc_private_key")
}

func mtCertStatus(status string) mtReply {
	return mtReply{Body: `{"certificate":{"id":"cert-1","vgw_id":"vgw-1","status":"` + status + `"}}`}
}

func TestWaitVPNGatewayCertificateBound(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtCertStatus("BINDING"), mtCertStatus("BOUND")))
	cert, err := c.WaitVPNGatewayCertificateBound(context.Background(), "vgw-1")
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "Status", cert.Status, "BOUND")
	mtEqual(t, "polls", len(s.Calls()), 2)
}

func TestWaitVPNGatewayCertificateBound_fault(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtCertStatus("BINDING"), mtCertStatus("FAULT"), mtCertStatus("BOUND")))
	_, err := c.WaitVPNGatewayCertificateBound(context.Background(), "vgw-1")
	var use *UnexpectedStatusError
	if !errors.As(err, &use) || use.Status != "FAULT" {
		t.Fatalf("err = %v, want FAULT *UnexpectedStatusError", err)
	}
	if !strings.Contains(err.Error(), "vgw-1") {
		t.Errorf("error %q does not name the gateway", err)
	}
	mtEqual(t, "polls", len(s.Calls()), 2)
}

func TestCertificateRequests_StringMasksKeys(t *testing.T) {
	for _, v := range []any{
		CreateVPNGatewayCertificateRequest{Name: "n", PrivateKey: "SECRET-1", EncPrivateKey: "SECRET-2"},
		&UpdateVPNGatewayCertificateRequest{Name: "n", PrivateKey: "SECRET-1", EncPrivateKey: "SECRET-2"},
	} {
		for _, verb := range []string{"%v", "%+v", "%s"} {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, "SECRET") || !strings.Contains(out, "***") {
				t.Errorf("%s of %T = %q leaks or hides the keys", verb, v, out)
			}
		}
	}
}
