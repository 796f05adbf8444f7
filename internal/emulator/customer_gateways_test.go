package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestCustomerGateway_lifecycle(t *testing.T) {
	v := newCFEnv(t, Options{})
	// Reference 5.2 request (masked address filled in).
	b := v.must(http.StatusCreated, "POST", "/customer-gateways", map[string]any{
		"customer_gateway": map[string]any{"name": "cgw-3ebf", "id_type": "ip", "id_value": "10.12.13.21"},
	})
	c := obj(t, b, "customer_gateway")
	id, _ := c["id"].(string)
	if len(id) != 36 || c["name"] != "cgw-3ebf" || c["id_type"] != "ip" || c["id_value"] != "10.12.13.21" {
		t.Fatalf("create answer %v", c)
	}
	if c["created_at"] == nil || c["updated_at"] == nil || c["ca_certificate"] != nil || c["bgp_asn"] != nil {
		t.Fatalf("create answer fields %v", c)
	}

	got := obj(t, v.must(http.StatusOK, "GET", "/customer-gateways/"+id, nil), "customer_gateway")
	if got["id"] != id || got["name"] != "cgw-3ebf" {
		t.Fatalf("get %v", got)
	}

	pki := newTestPKI(t)
	up := obj(t, v.must(http.StatusOK, "PUT", "/customer-gateways/"+id, map[string]any{
		"customer_gateway": map[string]any{"name": "cgw-f846", "ca_certificate": map[string]any{"content": pki.CA}},
	}), "customer_gateway")
	if up["name"] != "cgw-f846" || up["ca_certificate"] == nil || up["id_value"] != "10.12.13.21" {
		t.Fatalf("update answer %v", up)
	}

	v.must(http.StatusNoContent, "DELETE", "/customer-gateways/"+id, nil)
	st, body := v.do("GET", "/customer-gateways/"+id, nil)
	mustStatus(t, st, http.StatusNotFound, body)
	mustCode(t, body, "VPN.0004", id)
}

func TestCustomerGateway_generatedNameAndFQDN(t *testing.T) {
	v := newCFEnv(t, Options{})
	c := obj(t, v.must(http.StatusCreated, "POST", "/customer-gateways", map[string]any{
		"customer_gateway": map[string]any{"id_type": "fqdn", "id_value": "peer.example.com"},
	}), "customer_gateway")
	if n, _ := c["name"].(string); !strings.HasPrefix(n, "cgw-") || len(n) != 8 {
		t.Fatalf("generated name %q", n)
	}
	c = obj(t, v.must(http.StatusCreated, "POST", "/customer-gateways", map[string]any{
		"customer_gateway": map[string]any{"id_value": "10.1.2.3", "bgp_asn": 65000},
	}), "customer_gateway")
	if c["id_type"] != "ip" || c["bgp_asn"] != float64(65000) {
		t.Fatalf("defaults %v", c)
	}
}

func TestCustomerGateway_caCertificateFields(t *testing.T) {
	v := newCFEnv(t, Options{})
	pki := newTestPKI(t)
	c := obj(t, v.must(http.StatusCreated, "POST", "/customer-gateways", map[string]any{
		"customer_gateway": map[string]any{"id_value": "10.1.2.3", "ca_certificate": map[string]any{"content": pki.CA}},
	}), "customer_gateway")
	ca, _ := c["ca_certificate"].(map[string]any)
	want := map[string]any{
		"serial_number": "4242", "signature_algorithm": "SM3WITHSM2",
		"issuer": "C=CN,O=Example,CN=Test CA", "subject": "C=CN,O=Example,CN=Test CA",
		"expire_time": "2034-01-01T00:00:00Z", "is_updatable": true,
	}
	for k, w := range want {
		if ca[k] != w {
			t.Errorf("ca_certificate.%s = %v, want %v", k, ca[k], w)
		}
	}
	if id, _ := ca["id"].(string); len(id) != 36 {
		t.Errorf("ca_certificate.id %v", ca["id"])
	}
	if _, has := ca["content"]; has {
		t.Errorf("content echoed: %v", ca)
	}
}

func TestCustomerGateway_createValidation(t *testing.T) {
	pki := newTestPKI(t)
	ecdsaCA, _, _ := ecdsaCerts(t)
	tags := make([]any, 21)
	for i := range tags {
		tags[i] = map[string]any{"key": fmt.Sprintf("k%d", i), "value": "v"}
	}
	cases := []struct {
		name   string
		fields map[string]any
		msg    string // "" = valid
	}{
		{"name ok", map[string]any{"name": "cgw_ok.1-中文", "id_value": "10.0.0.1"}, ""},
		{"name bad char", map[string]any{"name": "bad name", "id_value": "10.0.0.1"}, "name"},
		{"name too long", map[string]any{"name": strings.Repeat("a", 65), "id_value": "10.0.0.1"}, "name"},
		{"name 64", map[string]any{"name": strings.Repeat("a", 64), "id_value": "10.0.0.1"}, ""},
		{"id_type fqdn", map[string]any{"id_type": "fqdn", "id_value": "a.b"}, ""},
		{"id_type bad", map[string]any{"id_type": "dns", "id_value": "a.b"}, "id_type"},
		{"id_value missing", map[string]any{"name": "x"}, "id_value is required"},
		{"id_value not ip", map[string]any{"id_value": "10.0.0"}, "id_value"},
		{"id_value fqdn space", map[string]any{"id_type": "fqdn", "id_value": "a b"}, "id_value"},
		{"id_value fqdn 129", map[string]any{"id_type": "fqdn", "id_value": strings.Repeat("a", 129)}, "id_value"},
		{"bgp_asn ok", map[string]any{"id_value": "10.0.0.1", "bgp_asn": 4294967295}, ""},
		{"bgp_asn zero", map[string]any{"id_value": "10.0.0.1", "bgp_asn": 0}, "bgp_asn"},
		{"bgp_asn too big", map[string]any{"id_value": "10.0.0.1", "bgp_asn": 4294967296}, "bgp_asn"},
		{"bgp_asn with fqdn", map[string]any{"id_type": "fqdn", "id_value": "a.b", "bgp_asn": 65000}, "bgp_asn may only"},
		{"ca ok", map[string]any{"id_value": "10.0.0.1", "ca_certificate": map[string]any{"content": pki.CA}}, ""},
		{"ca not pem", map[string]any{"id_value": "10.0.0.1", "ca_certificate": map[string]any{"content": "******"}}, "PEM"},
		{"ca not CA", map[string]any{"id_value": "10.0.0.1", "ca_certificate": map[string]any{"content": pki.Leaf}}, "must be a GM CA certificate"},
		{"ca not GM", map[string]any{"id_value": "10.0.0.1", "ca_certificate": map[string]any{"content": ecdsaCA}}, "is not a GM (SM2) certificate"},
		{"ca too long", map[string]any{"id_value": "10.0.0.1", "ca_certificate": map[string]any{"content": strings.Repeat("a", 8193)}}, "8192"},
		{"tags 20 ok", map[string]any{"id_value": "10.0.0.1", "tags": tags[:20]}, ""},
		{"tags 21", map[string]any{"id_value": "10.0.0.1", "tags": tags}, "tags"},
	}
	v := newCFEnv(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, body := v.do("POST", "/customer-gateways", map[string]any{"customer_gateway": tc.fields})
			if tc.msg == "" {
				mustStatus(t, st, http.StatusCreated, body)
				return
			}
			mustStatus(t, st, http.StatusBadRequest, body)
			mustCode(t, body, "VPN.0001", tc.msg)
		})
	}
	t.Run("no wrapper", func(t *testing.T) {
		st, body := v.do("POST", "/customer-gateways", map[string]any{"name": "x"})
		mustStatus(t, st, http.StatusBadRequest, body)
		mustCode(t, body, "VPN.0001", "customer_gateway is required")
	})
}

func TestCustomerGateway_updateValidationAndNotFound(t *testing.T) {
	v := newCFEnv(t, Options{})
	pki := newTestPKI(t)
	id := v.cgw(map[string]any{"id_value": "10.0.0.1"})
	st, body := v.do("PUT", "/customer-gateways/"+id, map[string]any{"customer_gateway": map[string]any{"name": "bad name"}})
	mustStatus(t, st, http.StatusBadRequest, body)
	st, body = v.do("PUT", "/customer-gateways/"+id, map[string]any{"customer_gateway": map[string]any{"ca_certificate": map[string]any{"content": pki.Leaf}}})
	mustStatus(t, st, http.StatusBadRequest, body)
	mustCode(t, body, "VPN.0001", "CA certificate")
	// The failed update changed nothing.
	got := obj(t, v.must(http.StatusOK, "GET", "/customer-gateways/"+id, nil), "customer_gateway")
	if got["ca_certificate"] != nil || !strings.HasPrefix(got["name"].(string), "cgw-") {
		t.Fatalf("failed update changed the record: %v", got)
	}
	missing := newUUID()
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		st, body := v.do(m, "/customer-gateways/"+missing, map[string]any{"customer_gateway": map[string]any{"name": "x"}})
		mustStatus(t, st, http.StatusNotFound, body)
		mustCode(t, body, "VPN.0004", missing)
	}
}

func TestCustomerGateway_paging(t *testing.T) {
	v := newCFEnv(t, Options{})
	want := map[string]bool{}
	for i := 0; i < 5; i++ { // same clock instant: created_at must still be unique
		want[v.cgw(map[string]any{"id_value": fmt.Sprintf("10.0.0.%d", i+1)})] = true
	}
	seen := map[string]bool{}
	path := "/customer-gateways?limit=2"
	var sizes []int
	for page := 0; page < 4; page++ {
		b := v.must(http.StatusOK, "GET", path, nil)
		items := b["customer_gateways"].([]any)
		sizes = append(sizes, len(items))
		if b["total_count"] != float64(5) {
			t.Fatalf("total_count %v", b["total_count"])
		}
		pi := obj(t, b, "page_info")
		if pi["current_count"] != float64(len(items)) {
			t.Fatalf("current_count %v for %d items", pi["current_count"], len(items))
		}
		for _, it := range items {
			id := it.(map[string]any)["id"].(string)
			if seen[id] {
				t.Fatalf("%s listed twice", id)
			}
			seen[id] = true
		}
		if len(items) < 2 {
			break
		}
		path = "/customer-gateways?limit=2&marker=" + pi["next_marker"].(string)
	}
	if fmt.Sprint(sizes) != "[2 2 1]" || len(seen) != 5 {
		t.Fatalf("pages %v, seen %d", sizes, len(seen))
	}
	for id := range want {
		if !seen[id] {
			t.Fatalf("%s never listed", id)
		}
	}
	all := v.must(http.StatusOK, "GET", "/customer-gateways", nil)["customer_gateways"].([]any)
	if len(all) != 5 {
		t.Fatalf("default limit listed %d", len(all))
	}
	for _, q := range []string{"limit=201", "limit=-1", "limit=x", "marker=2024-01-01T00:00:00.000Z", "limit=2&marker=yesterday"} {
		st, body := v.do("GET", "/customer-gateways?"+q, nil)
		mustStatus(t, st, http.StatusBadRequest, body)
	}
}

func TestCustomerGateway_quota(t *testing.T) {
	v := newCFEnv(t, Options{Quotas: map[string]int{KindCustomerGateway: 1}})
	v.cgw(map[string]any{"id_value": "10.0.0.1"})
	st, body := v.do("POST", "/customer-gateways", map[string]any{"customer_gateway": map[string]any{"id_value": "10.0.0.2"}})
	mustStatus(t, st, http.StatusBadRequest, body)
	mustCode(t, body, "VPN.0001", "quota")
}

func TestCustomerGateway_deleteInUse(t *testing.T) {
	v := newCFEnv(t, Options{})
	gw := v.gateway(gwOpts{})
	cg := v.cgw(map[string]any{"id_value": "10.0.0.1"})
	cid := v.conn(connBody(gw, cg))
	st, body := v.do("DELETE", "/customer-gateways/"+cg, nil)
	mustStatus(t, st, http.StatusBadRequest, body)
	mustCode(t, body, "VPN.0001", "invalid request: customer gateway "+cg+" has connection")
	v.must(http.StatusOK, "GET", "/vpn-connection/"+cid, nil) // settles PENDING_CREATE
	v.must(http.StatusNoContent, "DELETE", "/vpn-connection/"+cid, nil)
	v.must(http.StatusNotFound, "GET", "/vpn-connection/"+cid, nil)
	v.must(http.StatusNoContent, "DELETE", "/customer-gateways/"+cg, nil)
}
