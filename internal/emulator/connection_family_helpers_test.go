package emulator

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/emmansun/gmsm/smx509"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/gmcert/gmcerttest"
)

// cfEnv is an emulator with a settable clock for the connection-family tests.
type cfEnv struct {
	t     *testing.T
	e     *Emulator
	srv   *httptest.Server
	clock *testClock
}

// newCFEnv starts an emulator; opts.Now is replaced by a test clock.
func newCFEnv(t *testing.T, opts Options) *cfEnv {
	t.Helper()
	clock := newTestClock()
	opts.Now = clock.Now
	e, srv := newTestServer(t, opts)
	return &cfEnv{t: t, e: e, srv: srv, clock: clock}
}

// do sends a signed request to /v5/{project_id}+path.
func (v *cfEnv) do(method, path string, body any) (int, map[string]any) {
	v.t.Helper()
	return signedDo(v.t, v.srv, v.e, method, projectPath(v.e, path), body)
}

// must sends a request and fails unless the status is want.
func (v *cfEnv) must(want int, method, path string, body any) map[string]any {
	v.t.Helper()
	st, b := v.do(method, path, body)
	mustStatus(v.t, st, want, b)
	return b
}

// testGateway describes a gateway made for connection tests.
type testGateway struct {
	ID        string
	VgwIPs    []string // eip ids (public) or private IPs
	Addresses []string
}

// gwOpts selects the gateway shape.
type gwOpts struct {
	flavor, haMode, attachment, network, project string
}

// gateway creates a gateway through the API and waits (one read) until it is ACTIVE.
func (v *cfEnv) gateway(o gwOpts) testGateway {
	v.t.Helper()
	g := map[string]any{}
	if o.flavor != "" {
		g["flavor"] = o.flavor
	}
	if o.haMode != "" {
		g["ha_mode"] = o.haMode
	}
	if o.project != "" {
		g["enterprise_project_id"] = o.project
	}
	if o.attachment == "er" {
		g["attachment_type"] = "er"
		g["er_id"] = newUUID()
		g["access_vpc_id"] = newUUID()
		g["access_subnet_id"] = newUUID()
	} else {
		g["vpc_id"] = newUUID()
		g["local_subnets"] = []string{"192.168.0.0/24"}
		g["connect_subnet"] = newUUID()
	}
	if o.network == "private" {
		g["network_type"] = "private"
		if o.attachment != "er" {
			g["access_vpc_id"] = newUUID()
			g["access_subnet_id"] = newUUID()
		}
	} else {
		g["eip1"] = map[string]any{"id": newUUID()}
		g["eip2"] = map[string]any{"id": newUUID()}
	}
	b := v.must(http.StatusCreated, "POST", "/vpn-gateways", map[string]any{"vpn_gateway": g})
	id := obj(v.t, b, "vpn_gateway")["id"].(string)
	v.e.mu.Lock()
	v.e.settleAll(v.e.now())
	info, ok := v.e.lookupGateway(id)
	v.e.mu.Unlock()
	if !ok || info.Status != "ACTIVE" {
		v.t.Fatalf("gateway %s not ACTIVE after create: %+v", id, info)
	}
	return testGateway{ID: id, VgwIPs: info.VgwIPs, Addresses: info.VgwAddresses}
}

// cgw creates a customer gateway with the given fields and returns its id.
func (v *cfEnv) cgw(fields map[string]any) string {
	v.t.Helper()
	b := v.must(http.StatusCreated, "POST", "/customer-gateways", map[string]any{"customer_gateway": fields})
	return obj(v.t, b, "customer_gateway")["id"].(string)
}

// connBody is a valid static connection body on gw/cgw that tests modify.
func connBody(gw testGateway, cgwID string) map[string]any {
	return map[string]any{
		"vgw_id": gw.ID, "vgw_ip": gw.VgwIPs[0], "cgw_id": cgwID,
		"peer_subnets": []any{"192.168.44.0/24"}, "psk": "Abcd1234",
	}
}

// conn creates a connection and returns its id.
func (v *cfEnv) conn(fields map[string]any) string {
	v.t.Helper()
	b := v.must(http.StatusCreated, "POST", "/vpn-connection", map[string]any{"vpn_connection": fields})
	return obj(v.t, b, "vpn_connection")["id"].(string)
}

// testPKI is a GM (SM2) CA and two leaf certificates with their keys,
// generated per test.
type testPKI struct {
	CA, Leaf, Leaf2, LeafKey, Leaf2Key, OtherKey string
}

// newTestPKI makes a self-signed SM2 CA ("C=CN,O=Example,CN=Test CA",
// serial 4242) and two leaves it signed (serials 1001 and 1002).
func newTestPKI(t *testing.T) testPKI {
	t.Helper()
	ca := gmcerttest.Issue(t, &x509.Certificate{
		SerialNumber: big.NewInt(4242),
		Subject:      pkix.Name{Country: []string{"CN"}, Organization: []string{"Example"}, CommonName: "Test CA"},
		NotBefore:    time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2034, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA:         true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}, nil)
	leaf := func(serial int64, cn string) (string, string) {
		p := gmcerttest.Issue(t, &x509.Certificate{
			SerialNumber: big.NewInt(serial),
			Subject:      pkix.Name{Country: []string{"CN"}, Organization: []string{"Example"}, CommonName: cn},
			NotBefore:    time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			NotAfter:     time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC),
			KeyUsage:     x509.KeyUsageDigitalSignature, BasicConstraintsValid: true,
		}, &ca)
		return p.CertPEM, p.KeyPEM
	}
	p := testPKI{CA: ca.CertPEM}
	p.Leaf, p.LeafKey = leaf(1001, "sign.example")
	p.Leaf2, p.Leaf2Key = leaf(1002, "enc.example")
	p.OtherKey = gmcerttest.KeyPEM(t, gmcerttest.Key(t))
	return p
}

// mustNoKey fails when the JSON of body contains any of the secrets.
func mustNoKey(t *testing.T, body map[string]any, secrets ...string) {
	t.Helper()
	b, _ := json.Marshal(body)
	for _, s := range secrets {
		for _, line := range strings.Split(s, "\n") {
			if len(line) >= 8 && !strings.HasPrefix(line, "-----") && strings.Contains(string(b), line) {
				t.Fatalf("response leaks a secret (%q): %s", line, b)
			}
		}
	}
}

// ecdsaCerts makes an ECDSA P-256 CA and a leaf it signed, with the leaf's
// key: certificates the service refuses where GM ones are needed.
func ecdsaCerts(t *testing.T) (caPEM, leafPEM, leafKeyPEM string) {
	t.Helper()
	gen := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	caKey, leafKey := gen(), gen()
	tmpl := func(serial int64, ca bool) *x509.Certificate {
		return &x509.Certificate{
			SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: "ecdsa"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
			IsCA: ca, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		}
	}
	caT := tmpl(1, true)
	caDER, err := x509.CreateCertificate(rand.Reader, caT, caT, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, tmpl(2, false), caT, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(leafKey)
	if err != nil {
		t.Fatal(err)
	}
	return gmcerttest.CertPEM(caDER), gmcerttest.CertPEM(leafDER),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
}

// pkcs8 re-encodes an SM2 SEC 1 key PEM as PKCS#8 ("PRIVATE KEY").
func pkcs8(t *testing.T, sec1PEM string) string {
	t.Helper()
	block, _ := pem.Decode([]byte(sec1PEM))
	k, err := smx509.ParseSM2PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	der, err := smx509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}
