package provider

// Generated keys and certificates for the tests of the customer gateway's CA
// certificate, the VPN gateway certificate and GM connections. Nothing is
// written to disk.

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
)

// testPKI is a generated CA (as for a VPN gateway certificate) with a signing and an encryption certificate
// it issued, and their keys (PEM). Nothing is written to disk.
type testPKI struct {
	CA, Sign, SignKey, Enc, EncKey  string
	CASerial, SignSerial, EncSerial string
}

// testKey generates an ECDSA P-256 key.
func testKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("generating key: %v", err)
	}
	return k
}

// testIssueCert creates a certificate for key, signed by parent/parentKey
// (self-signed when parent is nil), and returns its PEM and serial.
func testIssueCert(t *testing.T, cn string, isCA bool, key *ecdsa.PrivateKey, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (*x509.Certificate, string, string) {
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
	if isCA {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatalf("creating certificate: %v", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("parsing certificate: %v", err)
	}
	return cert, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), serial.String()
}

// testKeyPEM encodes key as SEC 1 ("EC PRIVATE KEY").
func testKeyPEM(t *testing.T, key *ecdsa.PrivateKey) string {
	t.Helper()
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatalf("marshalling key: %v", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
}

// newTestPKI generates a CA and two certificates it issued.
func newTestPKI(t *testing.T, name string) testPKI {
	t.Helper()
	caKey, signKey, encKey := testKey(t), testKey(t), testKey(t)
	ca, caPEM, caSerial := testIssueCert(t, name+" CA", true, caKey, nil, nil)
	_, signPEM, signSerial := testIssueCert(t, name+" sign", false, signKey, ca, caKey)
	_, encPEM, encSerial := testIssueCert(t, name+" enc", false, encKey, ca, caKey)
	return testPKI{
		CA: caPEM, Sign: signPEM, SignKey: testKeyPEM(t, signKey), Enc: encPEM, EncKey: testKeyPEM(t, encKey),
		CASerial: caSerial, SignSerial: signSerial, EncSerial: encSerial,
	}
}

// testCgwCert is a generated self-signed certificate (the key is discarded).
type testCgwCert struct {
	PEM    string
	Serial string
}

// newTestCgwCert generates a self-signed ECDSA certificate; isCA sets the
// CA basic constraint.
func newTestCgwCert(t *testing.T, cn string, isCA bool) testCgwCert {
	t.Helper()
	_, certPEM, serial := testIssueCert(t, cn, isCA, testKey(t), nil, nil)
	return testCgwCert{PEM: certPEM, Serial: serial}
}
