// Package gmcert reads GM (国密, SM2 with SM3) certificates and private keys
// for the provider's plan-time checks and the emulator. The service wants GM
// certificates for a GM VPN gateway (its signing, encryption and CA
// certificates, reference 4.1.1.8) and for the CA of a GM customer gateway
// (4.1.2.1). crypto/x509 cannot read SM2, so this uses
// github.com/emmansun/gmsm's smx509.
package gmcert

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"
)

// SignatureAlgorithm is how the service names the signature algorithm of
// SM2 certificates (reference 4.1.2.1 response example).
const SignatureAlgorithm = "SM3WITHSM2"

// Certificate is a parsed certificate (GM or not).
type Certificate = smx509.Certificate

// ParseCertificate decodes the first PEM block of text, which must be a
// CERTIFICATE, and parses it (SM2 or not).
func ParseCertificate(text string) (*Certificate, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))))
	if block == nil {
		return nil, errors.New("is not PEM: expected a block starting with -----BEGIN CERTIFICATE-----")
	}
	if block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("is a PEM %q block, not a CERTIFICATE", block.Type)
	}
	c, err := smx509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("does not hold a DER-encoded X.509 certificate (%v)", err)
	}
	return c, nil
}

// IsGM reports whether c is a GM certificate: an SM2 public key, signed with
// SM2 over SM3.
func IsGM(c *Certificate) bool {
	return c.SignatureAlgorithm == smx509.SM2WithSM3 && sm2.IsSM2PublicKey(c.PublicKey)
}

// Algorithm names c's signature algorithm the way the service does for GM
// certificates (SM3WITHSM2), or as Go does for others (for messages).
func Algorithm(c *Certificate) string {
	if c.SignatureAlgorithm == smx509.SM2WithSM3 {
		return SignatureAlgorithm
	}
	return c.SignatureAlgorithm.String()
}

// NotGMError explains why c is refused where a GM certificate is needed.
func NotGMError(c *Certificate) error {
	return fmt.Errorf("is not a GM (SM2) certificate: its key is %s and it is signed with %s; "+
		"the service accepts only SM2 certificates signed with SM3 (%s) here",
		keyKind(c.PublicKey), Algorithm(c), SignatureAlgorithm)
}

func keyKind(pub any) string {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if sm2.IsSM2PublicKey(k) {
			return "SM2"
		}
		return "ECDSA " + k.Curve.Params().Name
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA %d", k.N.BitLen())
	}
	return fmt.Sprintf("%T", pub)
}

// ParsePrivateKey decodes the first PEM block of text as a private key:
// PKCS#8 ("PRIVATE KEY") or SEC 1 ("EC PRIVATE KEY"), SM2 or not, or PKCS#1
// ("RSA PRIVATE KEY"). Encrypted keys are refused.
func ParsePrivateKey(text string) (crypto.Signer, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))))
	if block == nil || !strings.HasSuffix(block.Type, "PRIVATE KEY") {
		return nil, errors.New("is not a PEM private key (expected -----BEGIN ... PRIVATE KEY-----)")
	}
	if block.Type == "ENCRYPTED PRIVATE KEY" || block.Headers["Proc-Type"] != "" {
		return nil, errors.New("is an encrypted private key; the service needs it unencrypted")
	}
	if k, err := smx509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
		return nil, fmt.Errorf("holds a %T, not a signing key", k)
	}
	if k, err := smx509.ParseECPrivateKey(block.Bytes); err == nil {
		if sm2.IsSM2PublicKey(&k.PublicKey) {
			return new(sm2.PrivateKey).FromECPrivateKey(k)
		}
		return k, nil
	}
	if k, err := smx509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	return nil, errors.New("does not hold a PKCS#8, SEC 1 or PKCS#1 private key")
}

// KeyMatches reports whether key is the private half of c's public key.
func KeyMatches(c *Certificate, key crypto.Signer) bool {
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	return ok && pub.Equal(c.PublicKey)
}

// CheckIssued reports whether leaf is signed by ca's key.
func CheckIssued(leaf, ca *Certificate) error {
	return leaf.CheckSignatureFrom(ca)
}
