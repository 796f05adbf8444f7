package gmcert_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert/gmcerttest"
)

func tmpl(cn string, ca bool) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: ca, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
	}
}

func TestSM2RoundTrip(t *testing.T) {
	ca := gmcerttest.Issue(t, tmpl("ca", true), nil)
	leaf := gmcerttest.Issue(t, tmpl("leaf", false), &ca)
	other := gmcerttest.Issue(t, tmpl("other", false), nil)

	c, err := gmcert.ParseCertificate("\r\n" + strings.ReplaceAll(leaf.CertPEM, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !gmcert.IsGM(c) || gmcert.Algorithm(c) != "SM3WITHSM2" || c.IsCA || c.SerialNumber.Int64() != 7 {
		t.Fatalf("leaf: gm %v alg %s ca %v", gmcert.IsGM(c), gmcert.Algorithm(c), c.IsCA)
	}
	caCert, _ := gmcert.ParseCertificate(ca.CertPEM)
	if err := gmcert.CheckIssued(c, caCert); err != nil {
		t.Errorf("issued by ca: %v", err)
	}
	otherCert, _ := gmcert.ParseCertificate(other.CertPEM)
	if err := gmcert.CheckIssued(c, otherCert); err == nil {
		t.Error("leaf verified against a CA that did not issue it")
	}
	key, err := gmcert.ParsePrivateKey(leaf.KeyPEM)
	if err != nil {
		t.Fatal(err)
	}
	if !gmcert.KeyMatches(c, key) {
		t.Error("own key does not match")
	}
	otherKey, _ := gmcert.ParsePrivateKey(other.KeyPEM)
	if gmcert.KeyMatches(c, otherKey) {
		t.Error("another key matches")
	}
}

func TestNotGM(t *testing.T) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tp := tmpl("ecdsa", false)
	der, err := x509.CreateCertificate(rand.Reader, tp, tp, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	c, err := gmcert.ParseCertificate(string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	if err != nil {
		t.Fatal(err)
	}
	if gmcert.IsGM(c) {
		t.Fatal("ECDSA certificate taken for GM")
	}
	if msg := gmcert.NotGMError(c).Error(); !strings.Contains(msg, "ECDSA P-256") || !strings.Contains(msg, "ECDSA-SHA256") {
		t.Errorf("message %q", msg)
	}
	for _, bad := range []string{"", "hello", "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n",
		"-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"} {
		if _, err := gmcert.ParseCertificate(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	if _, err := gmcert.ParsePrivateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----\n"); err == nil {
		t.Error("encrypted key accepted")
	}
}
