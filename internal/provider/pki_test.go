package provider

// Generated keys and certificates for the tests of the customer gateway's CA
// certificate, the VPN gateway certificate and GM connections: GM (SM2 with
// SM3WITHSM2) as the service requires, and ECDSA ones the provider must
// refuse. Nothing is written to disk.

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert/gmcerttest"
)

// testPKI is a generated GM CA (as for a VPN gateway certificate) with a
// signing and an encryption certificate it issued, and their keys (PEM).
type testPKI struct {
	CA, Sign, SignKey, Enc, EncKey  string
	CASerial, SignSerial, EncSerial string
}

// testCertTemplate is a certificate template with a random serial, valid
// from an hour ago for a year (or from notBefore to notAfter when given).
func testCertTemplate(t *testing.T, cn string, isCA bool, validity ...time.Time) *x509.Certificate {
	t.Helper()
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		t.Fatalf("serial: %v", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"Example"}, Country: []string{"CN"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(365 * 24 * time.Hour),
		IsCA:                  isCA,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
	}
	if len(validity) == 2 {
		tmpl.NotBefore, tmpl.NotAfter = validity[0], validity[1]
	}
	if isCA {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	}
	return tmpl
}

// newTestPKI generates a GM CA and two GM certificates it issued.
func newTestPKI(t *testing.T, name string) testPKI {
	t.Helper()
	ca := gmcerttest.Issue(t, testCertTemplate(t, name+" CA", true), nil)
	sign := gmcerttest.Issue(t, testCertTemplate(t, name+" sign", false), &ca)
	enc := gmcerttest.Issue(t, testCertTemplate(t, name+" enc", false), &ca)
	return testPKI{
		CA: ca.CertPEM, Sign: sign.CertPEM, SignKey: sign.KeyPEM, Enc: enc.CertPEM, EncKey: enc.KeyPEM,
		CASerial: ca.Cert.SerialNumber.String(), SignSerial: sign.Cert.SerialNumber.String(), EncSerial: enc.Cert.SerialNumber.String(),
	}
}

// testCgwCert is a generated self-signed certificate (the key is discarded).
type testCgwCert struct {
	PEM    string
	Serial string
}

// newTestCgwCert generates a self-signed GM certificate; isCA sets the CA
// basic constraint. validity (notBefore, notAfter) is optional.
func newTestCgwCert(t *testing.T, cn string, isCA bool, validity ...time.Time) testCgwCert {
	t.Helper()
	p := gmcerttest.Issue(t, testCertTemplate(t, cn, isCA, validity...), nil)
	return testCgwCert{PEM: p.CertPEM, Serial: p.Cert.SerialNumber.String()}
}

// testECDSACert is a self-signed ECDSA P-256 certificate and its key (SEC 1):
// well-formed, but not GM, so the service refuses it.
type testECDSACert struct {
	PEM, KeyPEM string
}

// newTestECDSACert generates a self-signed ECDSA P-256 certificate.
func newTestECDSACert(t *testing.T, cn string, isCA bool) testECDSACert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("generating key: %v", err)
	}
	tmpl := testCertTemplate(t, cn, isCA)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatalf("creating certificate: %v", err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatalf("marshalling key: %v", err)
	}
	return testECDSACert{
		PEM:    gmcerttest.CertPEM(der),
		KeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})),
	}
}
