package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestReferenceExamples_accepted sends every request body the reference
// prints (sections 4 and 5), in its own words, and expects the documented
// success status. Only what the reference masks or leaves to the reader is
// filled in: the demo ids become the ids of resources created here, "****"
// masks become valid values, and PEM placeholders become real PEM texts.
// Where the printed text is not valid JSON (missing brackets, "peer subnets"
// with a space) the evident body is used. Two deliberate readings:
// without_any_tag is sent as the boolean the tables and SDK define
// (NOTES.md item 8: one example quotes it), and the certificate update is a
// PUT and tags/delete a POST (NOTES.md item 7: the URI lines win over the
// example lines).
func TestReferenceExamples_accepted(t *testing.T) {
	v := newCFEnv(t, Options{})
	pki := newTestPKI(t)
	q := func(s string) string { // a JSON string literal
		b, _ := json.Marshal(s)
		return string(b)
	}
	ids := map[string]string{}
	fill := func(body string) string {
		pairs := []string{
			`"abcd****"`, `"abcd1234A"`, // psk mask
			`"10.***.***.21"`, `"10.12.13.21"`, // customer gateway address mask
			`"******"`, q(pki.CA), // ca_certificate.content mask
			`"-----BEGIN CERTIFICATE-----******-----END CERTIFICATE-----"`, q(pki.Leaf) + "/*sign*/",
			`"-----BEGIN EC PRIVATE KEY-----*******-----END EC PRIVATE KEY-----"`, q(pki.LeafKey) + "/*signkey*/",
			`"-----BEGIN CERTIFICATE-----*******-----END CERTIFICATE-----"`, q(pki.Leaf2),
			`"-----BEGIN EC PRIVATE KEY-----******-----END EC PRIVATE KEY-----"`, q(pki.Leaf2Key),
		}
		for demo, actual := range ids {
			pairs = append(pairs, demo, actual)
		}
		out := strings.NewReplacer(pairs...).Replace(body)
		// certificate and certificate_chain share one placeholder: the first is the
		// signing certificate, the one after "certificate_chain" the CA.
		out = strings.Replace(out, `"certificate_chain": `+q(pki.Leaf)+"/*sign*/", `"certificate_chain": `+q(pki.CA), 1)
		return strings.NewReplacer("/*sign*/", "", "/*signkey*/", "").Replace(out)
	}
	send := func(want int, method, path, body string) map[string]any {
		t.Helper()
		filled := fill(body)
		if !json.Valid([]byte(filled)) {
			t.Fatalf("%s %s: the example body is not JSON after filling: %s", method, path, filled)
		}
		return v.must(want, method, path, filled)
	}
	id := func(b map[string]any, key string) string {
		t.Helper()
		return obj(t, b, key)["id"].(string)
	}

	// 5.1: a vpc gateway on two existing EIPs (the body is the data table's values).
	gwID := id(send(http.StatusCreated, "POST", "/vpn-gateways", `{"vpn_gateway": {
		"vpc_id": "cb4a631d-demo-a8df-va86-ca3fa348c36c",
		"local_subnets": ["192.168.0.0/24", "192.168.1.0/24"],
		"connect_subnet": "f5741286-demo-a8df-va86-2c82bd9ee114",
		"eip1": {"id": "cff40e5e-demo-a8df-va86-7366077bf097"},
		"eip2": {"id": "d290f1ee-demo-a8df-va86-d701748f0851"}}}`), "vpn_gateway")
	v.must(http.StatusOK, "GET", "/vpn-gateways/"+gwID, nil) // settles (delay 0)
	ids["b32d91a4-demo-a8df-va86-e907174eb11d"] = gwID
	ids["0c464dad-demo-a8df-va86-c22bb0eb0bde"] = "cff40e5e-demo-a8df-va86-7366077bf097"

	// 5.2: customer gateway.
	cgwID := id(send(http.StatusCreated, "POST", "/customer-gateways", `{"customer_gateway": {
		"name": "cgw-3ebf",
		"id_type": "ip",
		"id_value": "10.***.***.21"}}`), "customer_gateway")
	ids["5247ae10-demo-a8df-va86-dd36659a7f5d"] = cgwID

	// 4.1.2.1: customer gateway with a BGP ASN and a CA certificate.
	cgw2 := id(send(http.StatusCreated, "POST", "/customer-gateways", `{
		"customer_gateway": {
			"name": "cgw-2abf",
			"id_type": "ip",
			"id_value": "10.***.***.21",
			"bgp_asn": 65000,
			"ca_certificate": {
				"content":"******"
			}
		}
	}`), "customer_gateway")
	// 4.1.2.4: rename and replace the CA certificate.
	send(http.StatusOK, "PUT", "/customer-gateways/"+cgw2, `{
		"customer_gateway": {
			"name": "cgw-f846",
			"ca_certificate": {
				"content":"******"
			}
		}
	}`)

	// 5.3 / 4.1.3.1 a: static connection.
	static := id(send(http.StatusCreated, "POST", "/vpn-connection", `{
		"vpn_connection": {
			"vgw_id": "b32d91a4-demo-a8df-va86-e907174eb11d",
			"vgw_ip": "0c464dad-demo-a8df-va86-c22bb0eb0bde",
			"cgw_id": "5247ae10-demo-a8df-va86-dd36659a7f5d",
			"peer_subnets": [
				"192.168.44.0/24"
			],
			"psk": "abcd****"
		}
	}`), "vpn_connection")
	// 4.1.3.1 b: policy connection.
	policy := id(send(http.StatusCreated, "POST", "/vpn-connection", `{
		"vpn_connection": {
			"vgw_id": "b32d91a4-demo-a8df-va86-e907174eb11d",
			"vgw_ip": "0c464dad-demo-a8df-va86-c22bb0eb0bde",
			"style": "policy",
			"cgw_id": "5247ae10-demo-a8df-va86-dd36659a7f5d",
			"peer_subnets": [
				"192.168.44.0/24"
			],
			"psk": "abcd****",
			"policy_rules": [{
				"rule_index": 1,
				"source": "10.0.0.0/24",
				"destination": [
					"192.168.0.0/24"
				]
			}]
		}
	}`), "vpn_connection")
	// 4.1.3.1 c: bgp connection.
	send(http.StatusCreated, "POST", "/vpn-connection", `{
		"vpn_connection": {
			"name": "vpn-1655",
			"vgw_id": "b32d91a4-demo-a8df-va86-e907174eb11d",
			"vgw_ip": "0c464dad-demo-a8df-va86-c22bb0eb0bde",
			"style": "bgp",
			"cgw_id": "5247ae10-demo-a8df-va86-dd36659a7f5d",
			"peer_subnets": [
				"192.168.44.0/24"
			],
			"tunnel_local_address": "169.254.56.225/30",
			"tunnel_peer_address": "169.254.56.226/30",
			"psk": "abcd****",
			"ikepolicy": {
				"ike_version": "v2",
				"authentication_algorithm": "sha2-512",
				"encryption_algorithm": "aes-256",
				"dh_group": "group16",
				"lifetime_seconds": 172800,
				"local_id": "123***",
				"peer_id": "456***",
				"dpd": {
					"timeout": 30,
					"interval": 60,
					"msg": "seq-notify-hash"
				}
			},
			"ipsecpolicy": {
				"authentication_algorithm": "sha2-512",
				"encryption_algorithm": "aes-256",
				"pfs": "group16",
				"transform_protocol": "esp",
				"lifetime_seconds": 7200,
				"encapsulation_mode": "tunnel"
			}
		}
	}`)

	// 4.1.3.4 a, c, d (b has no body in the reference).
	for _, u := range []string{
		`{"vpn_connection": {"peer_subnets": ["192.168.1.0/24"]}}`,
		`{"vpn_connection": {"ikepolicy": {"lifetime_seconds": 3600}, "ipsecpolicy": {"lifetime_seconds": 3600}}}`,
		`{"vpn_connection": {"name": "vpn_connection_name"}}`,
	} {
		send(http.StatusOK, "PUT", "/vpn-connection/"+policy, u)
		v.must(http.StatusOK, "GET", "/vpn-connection/"+policy, nil) // settle PENDING_UPDATE
	}

	// 5.4 / 4.1.4.1: connection monitor.
	ids["cae286f2-demo-a8df-va86-e22416ca1220"] = static
	send(http.StatusCreated, "POST", "/connection-monitors", `{
		"connection_monitor": {
			"vpn_connection_id": "cae286f2-demo-a8df-va86-e22416ca1220"
		}
	}`)

	// 4.2.2.3 / 4.2.2.4: tags create and delete, 4.2.2.1 / 4.2.2.2: filter and count.
	tags := `{
		"tags": [{
			"key": "key1",
			"value": "value1"
		}]
	}`
	send(http.StatusNoContent, "POST", "/vpn-connection/"+static+"/tags/create", tags)
	send(http.StatusNoContent, "POST", "/vpn-connection/"+static+"/tags/delete", tags)
	filter := `{
		"tags": [{
			"key": "key1",
			"values": [
				"value2"
			]
		},
		{
			"key": "key2",
			"values": [
				"value1",
				"value1",
				"value2"
			]
		}],
		"matches": [{
			"key": "resource_name",
			"value": "resource1"
		}],
		"without_any_tag": false
	}`
	if b := send(http.StatusOK, "POST", "/vpn-connection/resource-instances/filter", filter); b["total_count"] != float64(0) {
		t.Errorf("filter answer %v", b)
	}
	if b := send(http.StatusOK, "POST", "/vpn-connection/resource-instances/count", filter); b["total_count"] != float64(0) {
		t.Errorf("count answer %v", b)
	}

	// 4.1.1.8 / 4.1.1.10: a GM gateway's certificate, uploaded then updated.
	gm := v.gateway(gwOpts{flavor: "GM"})
	certBody := `{
		"certificate": {
			"name": "cert-dce7",
			"certificate": "-----BEGIN CERTIFICATE-----******-----END CERTIFICATE-----",
			"private_key": "-----BEGIN EC PRIVATE KEY-----*******-----END EC PRIVATE KEY-----",
			"enc_certificate": "-----BEGIN CERTIFICATE-----*******-----END CERTIFICATE-----",
			"enc_private_key": "-----BEGIN EC PRIVATE KEY-----******-----END EC PRIVATE KEY-----",
			"certificate_chain": "-----BEGIN CERTIFICATE-----******-----END CERTIFICATE-----"
		}
	}`
	certID := id(send(http.StatusCreated, "POST", "/vpn-gateways/"+gm.ID+"/certificate", certBody), "certificate")
	v.must(http.StatusOK, "GET", "/vpn-gateways/"+gm.ID+"/certificate", nil) // settles BINDING -> BOUND
	send(http.StatusOK, "PUT", "/vpn-gateways/"+gm.ID+"/certificate/"+certID, certBody)
	v.must(http.StatusOK, "GET", "/vpn-gateways/"+gm.ID+"/certificate", nil)

	// 4.1.3.1 d (no body printed): a GM static connection, without psk, on a
	// customer gateway that has a CA certificate.
	ids["b32d91a4-demo-a8df-va86-e907174eb11d"] = gm.ID
	ids["0c464dad-demo-a8df-va86-c22bb0eb0bde"] = gm.VgwIPs[0]
	ids["5247ae10-demo-a8df-va86-dd36659a7f5d"] = cgw2
	send(http.StatusCreated, "POST", "/vpn-connection", `{
		"vpn_connection": {
			"vgw_id": "b32d91a4-demo-a8df-va86-e907174eb11d",
			"vgw_ip": "0c464dad-demo-a8df-va86-c22bb0eb0bde",
			"cgw_id": "5247ae10-demo-a8df-va86-dd36659a7f5d",
			"peer_subnets": [
				"192.168.44.0/24"
			]
		}
	}`)

	// 4.1.1.5: change the first gateway's flavor.
	send(http.StatusOK, "POST", "/vpn-gateways/"+gwID+"/update-specification", `{
		"vpn_gateway": {
			"flavor": "Basic"
		}
	}`)
}
