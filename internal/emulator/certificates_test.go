package emulator

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"
)

func certBody(p testPKI) map[string]any {
	return map[string]any{
		"name": "cert-dce7", "certificate": p.Leaf, "private_key": p.LeafKey, "certificate_chain": p.CA,
		"enc_certificate": p.Leaf2, "enc_private_key": p.Leaf2Key,
	}
}

func TestCertificate_lifecycle(t *testing.T) {
	v := newCFEnv(t, Options{Delays: map[string]time.Duration{KindCertificate: time.Minute}})
	pki := newTestPKI(t)
	gw := v.gateway(gwOpts{flavor: "GM"})
	path := "/vpn-gateways/" + gw.ID + "/certificate"

	st, b := v.do("GET", path, nil)
	mustStatus(t, st, http.StatusNotFound, b)

	b = v.must(http.StatusCreated, "POST", path, map[string]any{"certificate": certBody(pki)})
	mustNoKey(t, b, pki.LeafKey, pki.Leaf2Key)
	c := obj(t, b, "certificate")
	want := map[string]any{
		"name": "cert-dce7", "vgw_id": gw.ID, "issuer": "C=CN,O=Example,CN=Test CA", "signature_algorithm": "SM3WITHSM2",
		"certificate_serial_number": "1001", "certificate_subject": "C=CN,O=Example,CN=sign.example",
		"certificate_expire_time": "2030-06-01T12:00:00Z", "certificate_chain_serial_number": "4242",
		"certificate_chain_subject": "C=CN,O=Example,CN=Test CA", "certificate_chain_expire_time": "2034-01-01T00:00:00Z",
		"enc_certificate_serial_number": "1002", "enc_certificate_subject": "C=CN,O=Example,CN=enc.example",
		"enc_certificate_expire_time": "2030-06-01T12:00:00Z",
	}
	for k, w := range want {
		if c[k] != w {
			t.Errorf("%s = %v, want %v", k, c[k], w)
		}
	}
	for _, k := range []string{"status", "private_key", "enc_private_key", "certificate"} {
		if _, has := c[k]; has {
			t.Errorf("upload answer has %s", k)
		}
	}
	id := c["id"].(string)

	got := obj(t, v.must(http.StatusOK, "GET", path, nil), "certificate")
	if got["status"] != "BINDING" || got["project_id"] != v.e.Options().ProjectID || got["updated_at"] == nil || got["id"] != id {
		t.Fatalf("get %v", got)
	}
	st, b = v.do("PUT", path+"/"+id, map[string]any{"certificate": map[string]any{"name": "renamed"}})
	mustStatus(t, st, http.StatusForbidden, b)
	mustCode(t, b, "VPN.0003", "BINDING")
	v.clock.Advance(time.Minute)
	if s := obj(t, v.must(http.StatusOK, "GET", path, nil), "certificate")["status"]; s != "BOUND" {
		t.Fatalf("status %v", s)
	}

	st, b = v.do("POST", path, map[string]any{"certificate": certBody(pki)})
	mustStatus(t, st, http.StatusBadRequest, b)
	mustCode(t, b, "VPN.0001", "already has certificate")

	// Name only: stays BOUND.
	v.must(http.StatusOK, "PUT", path+"/"+id, map[string]any{"certificate": map[string]any{"name": "renamed"}})
	got = obj(t, v.must(http.StatusOK, "GET", path, nil), "certificate")
	if got["status"] != "BOUND" || got["name"] != "renamed" {
		t.Fatalf("after rename %v", got)
	}
	// New signing pair: rebinds. (The enc pair is swapped in as the signing pair.)
	b = v.must(http.StatusOK, "PUT", path+"/"+id, map[string]any{"certificate": map[string]any{"certificate": pki.Leaf2, "private_key": pki.Leaf2Key}})
	if obj(t, b, "certificate")["certificate_serial_number"] != "1002" {
		t.Fatalf("update answer %v", b)
	}
	if s := obj(t, v.must(http.StatusOK, "GET", path, nil), "certificate")["status"]; s != "BINDING" {
		t.Fatalf("status after new certificate %v", s)
	}
	v.clock.Advance(time.Minute)

	st, b = v.do("PUT", path+"/"+newUUID(), map[string]any{"certificate": map[string]any{"name": "x1y"}})
	mustStatus(t, st, http.StatusNotFound, b)
	st, b = v.do("PUT", path+"/"+id, map[string]any{"certificate": map[string]any{"certificate": pki.Leaf}})
	mustStatus(t, st, http.StatusBadRequest, b)
	mustCode(t, b, "VPN.0001", "private_key is required")

	if err := v.e.SetCertificateStatus(gw.ID, "FAULT"); err != nil {
		t.Fatal(err)
	}
	if s := obj(t, v.must(http.StatusOK, "GET", path, nil), "certificate")["status"]; s != "FAULT" {
		t.Fatalf("status %v", s)
	}
	if err := v.e.SetCertificateStatus(gw.ID, "GONE"); err == nil {
		t.Fatal("unknown status accepted")
	}
	if err := v.e.SetCertificateStatus(newUUID(), "BOUND"); err == nil {
		t.Fatal("unknown gateway accepted")
	}
}

func TestCertificate_gatewayRules(t *testing.T) {
	v := newCFEnv(t, Options{})
	pki := newTestPKI(t)
	plain := v.gateway(gwOpts{})
	st, b := v.do("POST", "/vpn-gateways/"+plain.ID+"/certificate", map[string]any{"certificate": certBody(pki)})
	mustStatus(t, st, http.StatusBadRequest, b)
	mustCode(t, b, "VPN.0001", "only for GM")
	missing := newUUID()
	st, b = v.do("POST", "/vpn-gateways/"+missing+"/certificate", map[string]any{"certificate": certBody(pki)})
	mustStatus(t, st, http.StatusNotFound, b)
	mustCode(t, b, "VPN.0004", missing)
	st, b = v.do("GET", "/vpn-gateways/"+plain.ID+"/certificate", nil)
	mustStatus(t, st, http.StatusNotFound, b)
}

func TestCertificate_uploadValidation(t *testing.T) {
	pki := newTestPKI(t)
	other := newTestPKI(t) // a second CA: its leaves are not issued by pki.CA
	garbage := "-----BEGIN CERTIFICATE-----\n" + base64.StdEncoding.EncodeToString([]byte("not a certificate")) + "\n-----END CERTIFICATE-----\n"
	ecdsaCA, ecdsaLeaf, ecdsaKey := ecdsaCerts(t)
	cases := []struct {
		name string
		set  map[string]any
		msg  string
	}{
		{"valid", nil, ""},
		{"no name", map[string]any{"name": nil}, ""},
		{"name too short", map[string]any{"name": "ab"}, "name"},
		{"name bad char", map[string]any{"name": "cert 1"}, "name"},
		{"name 64", map[string]any{"name": strings.Repeat("c", 64)}, "name"},
		{"certificate missing", map[string]any{"certificate": nil}, "certificate is required"},
		{"private_key missing", map[string]any{"private_key": nil}, "private_key is required"},
		{"chain missing", map[string]any{"certificate_chain": nil}, "certificate_chain is required"},
		{"enc missing", map[string]any{"enc_certificate": nil}, "enc_certificate is required"},
		{"enc key missing", map[string]any{"enc_private_key": nil}, "enc_private_key is required"},
		{"certificate not PEM", map[string]any{"certificate": "******"}, "PEM"},
		{"certificate too long", map[string]any{"certificate": strings.Repeat("a", 4097)}, "4096"},
		{"certificate is a CA", map[string]any{"certificate": pki.CA}, "must be a GM non-CA certificate"},
		{"chain not a CA", map[string]any{"certificate_chain": pki.Leaf}, "must be a GM CA certificate"},
		{"key mismatch", map[string]any{"private_key": pki.OtherKey}, "does not match"},
		{"enc key mismatch", map[string]any{"enc_private_key": pki.LeafKey}, "does not match"},
		{"key not PEM", map[string]any{"private_key": "secret"}, "PEM"},
		{"not issued by chain", map[string]any{"certificate": other.Leaf, "private_key": other.LeafKey}, "not issued by certificate_chain"},
		{"certificate not DER", map[string]any{"certificate": garbage}, "does not hold a DER-encoded X.509 certificate"},
		{"PKCS#8 SM2 key", map[string]any{"private_key": pkcs8(t, pki.LeafKey)}, ""},
		{"ECDSA certificate", map[string]any{"certificate": ecdsaLeaf, "private_key": ecdsaKey}, "certificate is not a GM (SM2) certificate"},
		{"ECDSA enc certificate", map[string]any{"enc_certificate": ecdsaLeaf, "enc_private_key": ecdsaKey}, "enc_certificate is not a GM (SM2) certificate"},
		{"ECDSA chain", map[string]any{"certificate_chain": ecdsaCA}, "certificate_chain is not a GM (SM2) certificate"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := newCFEnv(t, Options{})
			gw := v.gateway(gwOpts{flavor: "GM"})
			body := certBody(pki)
			for k, val := range tc.set {
				setPath(body, k, val)
			}
			st, b := v.do("POST", "/vpn-gateways/"+gw.ID+"/certificate", map[string]any{"certificate": body})
			if tc.msg == "" {
				mustStatus(t, st, http.StatusCreated, b)
				mustNoKey(t, b, pki.LeafKey, pki.Leaf2Key)
				return
			}
			mustStatus(t, st, http.StatusBadRequest, b)
			mustCode(t, b, "VPN.0001", tc.msg)
		})
	}
}
