// Package gmcerttest generates GM (SM2) keys and certificates for tests of
// the provider and the emulator. Nothing is written to disk.
package gmcerttest

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"testing"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"
)

// Pair is a certificate and its private key, parsed and as PEM (the key as
// SEC 1 "EC PRIVATE KEY", as in the reference's examples).
type Pair struct {
	Cert    *smx509.Certificate
	Key     *sm2.PrivateKey
	CertPEM string
	KeyPEM  string
}

// Key generates an SM2 key.
func Key(t testing.TB) *sm2.PrivateKey {
	t.Helper()
	k, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatalf("generating SM2 key: %v", err)
	}
	return k
}

// Issue makes a certificate from tmpl for a new SM2 key, signed (SM3WITHSM2)
// by parent, or self-signed when parent is nil.
func Issue(t testing.TB, tmpl *x509.Certificate, parent *Pair) Pair {
	t.Helper()
	key := Key(t)
	parentCert, parentKey := tmpl, key
	if parent != nil {
		parentCert, parentKey = parent.Cert.ToX509(), parent.Key
	}
	der, err := smx509.CreateCertificate(rand.Reader, tmpl, parentCert, key.Public(), parentKey)
	if err != nil {
		t.Fatalf("creating SM2 certificate: %v", err)
	}
	cert, err := smx509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("parsing SM2 certificate: %v", err)
	}
	return Pair{Cert: cert, Key: key, CertPEM: CertPEM(der), KeyPEM: KeyPEM(t, key)}
}

// CertPEM encodes a DER certificate as PEM.
func CertPEM(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// KeyPEM encodes an SM2 key as SEC 1 ("EC PRIVATE KEY").
func KeyPEM(t testing.TB, key *sm2.PrivateKey) string {
	t.Helper()
	der, err := smx509.MarshalSM2PrivateKey(key)
	if err != nil {
		t.Fatalf("marshalling SM2 key: %v", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
}
