package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// connSetup is a public active-active gateway, a customer gateway and a valid body.
func connSetup(t *testing.T, opts Options) (*cfEnv, testGateway, string) {
	t.Helper()
	v := newCFEnv(t, opts)
	gw := v.gateway(gwOpts{})
	cg := v.cgw(map[string]any{"id_value": "88.1.2.164"})
	return v, gw, cg
}

func TestConnection_lifecycle(t *testing.T) {
	v, gw, cg := connSetup(t, Options{})
	// Reference 5.3 request (ids and masked psk filled in).
	b := v.must(http.StatusCreated, "POST", "/vpn-connection", map[string]any{"vpn_connection": map[string]any{
		"vgw_id": gw.ID, "vgw_ip": gw.VgwIPs[0], "cgw_id": cg,
		"peer_subnets": []any{"192.168.44.0/24"}, "psk": "abcd1234A",
	}})
	c := obj(t, b, "vpn_connection")
	id := c["id"].(string)
	if _, has := c["status"]; has {
		t.Errorf("create answer has a status: %v", c)
	}
	if _, has := c["psk"]; has {
		t.Fatalf("psk returned: %v", c)
	}
	if c["style"] != "STATIC" || c["enable_nqa"] != false || c["ha_role"] != "master" || c["enterprise_project_id"] != "0" {
		t.Errorf("create answer %v", c)
	}
	if n, _ := c["name"].(string); !strings.HasPrefix(n, "vpn-") {
		t.Errorf("generated name %q", n)
	}
	if _, has := c["policy_rules"]; has {
		t.Errorf("policy_rules on a static connection: %v", c)
	}

	got := obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection")
	if got["status"] != "DOWN" {
		t.Fatalf("status after settle %v", got["status"])
	}
	ike := obj(t, got, "ikepolicy")
	wantIKE := map[string]any{
		"ike_version": "v2", "authentication_algorithm": "sha2-256", "encryption_algorithm": "aes-128",
		"dh_group": "group15", "authentication_method": "pre-share", "lifetime_seconds": float64(86400),
		"local_id_type": "ip", "local_id": gw.Addresses[0], "peer_id_type": "ip", "peer_id": "88.1.2.164",
	}
	for k, w := range wantIKE {
		if ike[k] != w {
			t.Errorf("ikepolicy.%s = %v, want %v", k, ike[k], w)
		}
	}
	if _, has := ike["phase1_negotiation_mode"]; has {
		t.Errorf("phase1_negotiation_mode with IKEv2: %v", ike)
	}
	if d := obj(t, ike, "dpd"); d["timeout"] != float64(15) || d["interval"] != float64(30) || d["msg"] != "seq-hash-notify" {
		t.Errorf("dpd %v", d)
	}
	ipsec := obj(t, got, "ipsecpolicy")
	wantIPsec := map[string]any{
		"authentication_algorithm": "sha2-256", "encryption_algorithm": "aes-128", "pfs": "group15",
		"transform_protocol": "esp", "lifetime_seconds": float64(3600), "encapsulation_mode": "tunnel",
	}
	for k, w := range wantIPsec {
		if ipsec[k] != w {
			t.Errorf("ipsecpolicy.%s = %v, want %v", k, ipsec[k], w)
		}
	}
	gwBody := obj(t, v.must(http.StatusOK, "GET", "/vpn-gateways/"+gw.ID, nil), "vpn_gateway")
	if gwBody["used_connection_number"] != float64(1) {
		t.Errorf("gateway usage after create: %v", gwBody["used_connection_number"])
	}

	up := obj(t, v.must(http.StatusOK, "PUT", "/vpn-connection/"+id, map[string]any{"vpn_connection": map[string]any{"name": "renamed", "psk": "Newpsk123"}}), "vpn_connection")
	if up["name"] != "renamed" {
		t.Fatalf("update answer %v", up)
	}
	if psk, sends, ok := v.e.ConnectionPSK(id); !ok || psk != "Newpsk123" || sends != 2 {
		t.Fatalf("ConnectionPSK = %q, %d, %v", psk, sends, ok)
	}
	if err := v.e.SetConnectionStatus(id, "ACTIVE"); err != nil { // PENDING_UPDATE settles first
		t.Fatal(err)
	}
	got = obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection")
	if got["status"] != "ACTIVE" || got["name"] != "renamed" {
		t.Fatalf("after update %v", got)
	}
	v.must(http.StatusOK, "PUT", "/vpn-connection/"+id, map[string]any{"vpn_connection": map[string]any{"name": "again"}})
	if got := obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection"); got["status"] != "ACTIVE" {
		t.Fatalf("update did not return to the settled status: %v", got["status"])
	}

	v.must(http.StatusNoContent, "DELETE", "/vpn-connection/"+id, nil)
	st, body := v.do("GET", "/vpn-connection/"+id, nil)
	mustStatus(t, st, http.StatusNotFound, body)
	mustCode(t, body, "VPN.0004", id)
	gwBody = obj(t, v.must(http.StatusOK, "GET", "/vpn-gateways/"+gw.ID, nil), "vpn_gateway")
	if gwBody["used_connection_number"] != float64(0) {
		t.Errorf("gateway usage after delete: %v", gwBody["used_connection_number"])
	}
}

func TestConnection_pendingTransitions(t *testing.T) {
	v, gw, cg := connSetup(t, Options{Delays: map[string]time.Duration{KindConnection: time.Minute}})
	id := v.conn(connBody(gw, cg))
	get := func() string {
		return obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection")["status"].(string)
	}
	if s := get(); s != "PENDING_CREATE" {
		t.Fatalf("status %s", s)
	}
	for _, m := range []string{"PUT", "DELETE"} {
		st, body := v.do(m, "/vpn-connection/"+id, map[string]any{"vpn_connection": map[string]any{"name": "x"}})
		mustStatus(t, st, http.StatusForbidden, body)
		mustCode(t, body, "VPN.0003", "is not ready, currently CREATING")
	}
	v.clock.Advance(time.Minute)
	if s := get(); s != "DOWN" {
		t.Fatalf("status %s", s)
	}
	v.must(http.StatusOK, "PUT", "/vpn-connection/"+id, map[string]any{"vpn_connection": map[string]any{"name": "x"}})
	if s := get(); s != "PENDING_UPDATE" {
		t.Fatalf("status %s", s)
	}
	st, body := v.do("DELETE", "/vpn-connection/"+id, nil)
	mustStatus(t, st, http.StatusForbidden, body)
	mustCode(t, body, "VPN.0003", "UPDATING")
	v.clock.Advance(time.Minute)
	v.must(http.StatusNoContent, "DELETE", "/vpn-connection/"+id, nil)
	if s := get(); s != "PENDING_DELETE" {
		t.Fatalf("status %s", s)
	}
	v.clock.Advance(time.Minute)
	v.must(http.StatusNotFound, "GET", "/vpn-connection/"+id, nil)
}

func TestConnection_frozen(t *testing.T) {
	v, gw, cg := connSetup(t, Options{})
	id := v.conn(connBody(gw, cg))
	if err := v.e.SetConnectionStatus(id, "FREEZED"); err != nil {
		t.Fatal(err)
	}
	st, body := v.do("PUT", "/vpn-connection/"+id, map[string]any{"vpn_connection": map[string]any{"name": "x"}})
	mustStatus(t, st, http.StatusBadRequest, body)
	mustCode(t, body, "VPN.0001", "ILLEGAL not allowed update vpnConnection")
	st, body = v.do("DELETE", "/vpn-connection/"+id, nil)
	mustStatus(t, st, http.StatusBadRequest, body)
	mustCode(t, body, "VPN.0001", "ILLEGAL not allowed delete vpnConnection")
	if err := v.e.SetConnectionStatus(id, "BROKEN"); err == nil {
		t.Fatal("unknown status accepted")
	}
	if err := v.e.SetConnectionStatus(newUUID(), "DOWN"); err == nil {
		t.Fatal("unknown connection accepted")
	}
	if _, _, ok := v.e.ConnectionPSK(newUUID()); ok {
		t.Fatal("ConnectionPSK of an unknown connection")
	}
}

func TestConnection_gatewayNotActive(t *testing.T) {
	v := newCFEnv(t, Options{Delays: map[string]time.Duration{KindGateway: time.Hour}})
	b := v.must(http.StatusCreated, "POST", "/vpn-gateways", map[string]any{"vpn_gateway": map[string]any{
		"vpc_id": newUUID(), "local_subnets": []string{"192.168.0.0/24"}, "connect_subnet": newUUID(),
		"eip1": map[string]any{"id": newUUID()}, "eip2": map[string]any{"id": newUUID()},
	}})
	gwID := obj(t, b, "vpn_gateway")["id"].(string)
	cg := v.cgw(map[string]any{"id_value": "10.0.0.1"})
	v.e.mu.Lock()
	info, _ := v.e.lookupGateway(gwID)
	v.e.mu.Unlock()
	st, body := v.do("POST", "/vpn-connection", map[string]any{"vpn_connection": connBody(testGateway{ID: gwID, VgwIPs: info.VgwIPs}, cg)})
	mustStatus(t, st, http.StatusForbidden, body)
	mustCode(t, body, "VPN.0003", "type=GATEWAY, ID="+gwID+") is not ready, currently CREATING")
}

// connCase is one validation case: a change to the valid body and the
// expected error fragment ("" = accepted, "404" = not found).
type connCase struct {
	name string
	set  map[string]any // dotted path -> value (nil deletes)
	msg  string
}

func runConnCases(t *testing.T, v *cfEnv, base map[string]any, cases []connCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := clone(base)
			for p, val := range tc.set {
				setPath(body, p, val)
			}
			st, b := v.do("POST", "/vpn-connection", map[string]any{"vpn_connection": body})
			switch tc.msg {
			case "":
				mustStatus(t, st, http.StatusCreated, b)
			case "404":
				mustStatus(t, st, http.StatusNotFound, b)
				mustCode(t, b, "VPN.0004", "not found")
			default:
				mustStatus(t, st, http.StatusBadRequest, b)
				mustCode(t, b, "VPN.0001", tc.msg)
			}
		})
	}
}

func subnets(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = fmt.Sprintf("172.16.%d.0/24", i)
	}
	return out
}

func rules(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"source": fmt.Sprintf("10.0.%d.0/24", i), "destination": []any{"192.168.44.0/24"}}
	}
	return out
}

func TestConnection_createValidation(t *testing.T) {
	v, gw, cg := connSetup(t, Options{})
	base := connBody(gw, cg)
	tunnel := map[string]any{"tunnel_local_address": "169.254.56.225/30", "tunnel_peer_address": "169.254.56.226/30"}
	withTunnel := func(m map[string]any) map[string]any {
		out := map[string]any{}
		for k, val := range tunnel {
			out[k] = val
		}
		for k, val := range m {
			out[k] = val
		}
		return out
	}
	cases := []connCase{
		{"valid", nil, ""},
		{"name ok", map[string]any{"name": "vpn_1.a-中"}, ""},
		{"name bad", map[string]any{"name": "vpn 1"}, "name"},
		{"name too long", map[string]any{"name": strings.Repeat("n", 65)}, "name"},
		{"vgw_id missing", map[string]any{"vgw_id": nil}, "vgw_id is required"},
		{"vgw_id not uuid", map[string]any{"vgw_id": "gw-1"}, "vgw_id"},
		{"vgw_id unknown", map[string]any{"vgw_id": newUUID()}, "404"},
		{"vgw_ip second eip", map[string]any{"vgw_ip": gw.VgwIPs[1]}, ""},
		{"vgw_ip missing", map[string]any{"vgw_ip": nil}, "vgw_ip is required"},
		{"vgw_ip foreign", map[string]any{"vgw_ip": newUUID()}, "vgw_ip"},
		{"cgw_id missing", map[string]any{"cgw_id": nil}, "cgw_id is required"},
		{"cgw_id not uuid", map[string]any{"cgw_id": "x"}, "cgw_id"},
		{"cgw_id unknown", map[string]any{"cgw_id": newUUID()}, "404"},
		{"style upper", map[string]any{"style": "STATIC"}, ""},
		{"style policy-template", map[string]any{"style": "policy-template"}, ""},
		{"style bad", map[string]any{"style": "dynamic"}, "style"},
		{"peer_subnets missing", map[string]any{"peer_subnets": nil}, "peer_subnets is required"},
		{"peer_subnet singular", map[string]any{"peer_subnets": nil, "peer_subnet": []any{"192.168.45.0/24"}}, ""},
		{"peer_subnets 50", map[string]any{"peer_subnets": subnets(50)}, ""},
		{"peer_subnets 51", map[string]any{"peer_subnets": subnets(51)}, "at most 50"},
		{"peer_subnets reserved 100.64", map[string]any{"peer_subnets": []any{"100.64.1.0/24"}}, "100.64.0.0/10"},
		{"peer_subnets reserved 214", map[string]any{"peer_subnets": []any{"214.0.0.0/16"}}, "214.0.0.0/8"},
		{"peer_subnets covers reserved", map[string]any{"peer_subnets": []any{"100.0.0.0/8"}}, "100.64.0.0/10"},
		{"peer_subnets host bits", map[string]any{"peer_subnets": []any{"192.168.44.1/24"}}, "network address"},
		{"peer_subnets duplicate", map[string]any{"peer_subnets": []any{"192.168.44.0/24", "192.168.44.0/24"}}, "twice"},
		{"tunnel ok static", tunnel, ""},
		{"tunnel only local", map[string]any{"tunnel_local_address": "169.254.56.225/30"}, "together"},
		{"tunnel mask 29", withTunnel(map[string]any{"tunnel_local_address": "169.254.56.225/29"}), "mask length 30"},
		{"tunnel 169.254.195", withTunnel(map[string]any{"tunnel_local_address": "169.254.195.1/30", "tunnel_peer_address": "169.254.195.2/30"}), "169.254.195.0/24"},
		{"tunnel outside 169.254", withTunnel(map[string]any{"tunnel_local_address": "10.0.0.1/30", "tunnel_peer_address": "10.0.0.2/30"}), "169.254.0.0/16"},
		{"tunnel network address", withTunnel(map[string]any{"tunnel_local_address": "169.254.56.224/30"}), "host address"},
		{"tunnel broadcast", withTunnel(map[string]any{"tunnel_peer_address": "169.254.56.227/30"}), "host address"},
		{"tunnel different /30", withTunnel(map[string]any{"tunnel_peer_address": "169.254.56.230/30"}), "same /30"},
		{"tunnel same address", withTunnel(map[string]any{"tunnel_peer_address": "169.254.56.225/30"}), "must differ"},
		{"bgp with tunnel", withTunnel(map[string]any{"style": "bgp"}), ""},
		{"bgp without tunnel", map[string]any{"style": "bgp"}, "required when style is bgp"},
		{"enable_nqa static", map[string]any{"enable_nqa": true}, ""},
		{"enable_nqa policy", map[string]any{"style": "policy", "enable_nqa": false}, "enable_nqa may only be set when style is static"},
		{"psk missing", map[string]any{"psk": nil}, "psk is required"},
		{"psk short", map[string]any{"psk": "Ab1cdef"}, "8-128"},
		{"psk 128", map[string]any{"psk": "A1" + strings.Repeat("b", 126)}, ""},
		{"psk 129", map[string]any{"psk": "A1" + strings.Repeat("b", 127)}, "8-128"},
		{"psk one class", map[string]any{"psk": "abcdefgh"}, "three"},
		{"psk two classes", map[string]any{"psk": "abcdefg1"}, "three"},
		{"psk specials", map[string]any{"psk": "abcd~!@#$%^()+={},./:;1"}, ""},
		{"psk space", map[string]any{"psk": "Abcd 1234"}, "special characters"},
		{"psk star", map[string]any{"psk": "Abcd*1234"}, "special characters"},
		{"policy_rules on static", map[string]any{"policy_rules": rules(1)}, "policy_rules may only be set when style is policy"},
		{"policy_rules 5", map[string]any{"style": "policy", "policy_rules": rules(5)}, ""},
		{"policy_rules 6", map[string]any{"style": "policy", "policy_rules": rules(6)}, "at most 5"},
		{"policy_rules duplicate source", map[string]any{"style": "policy", "policy_rules": []any{rules(1)[0], rules(1)[0]}}, "source"},
		{"policy_rules duplicate index", map[string]any{"style": "policy", "policy_rules": []any{
			map[string]any{"rule_index": 1, "source": "10.0.0.0/24", "destination": []any{"192.168.1.0/24"}},
			map[string]any{"rule_index": 1, "source": "10.0.1.0/24", "destination": []any{"192.168.1.0/24"}},
		}}, "rule_index"},
		{"policy_rules index 51", map[string]any{"style": "policy", "policy_rules": []any{map[string]any{"rule_index": 51, "source": "10.0.0.0/24", "destination": []any{"192.168.1.0/24"}}}}, "rule_index"},
		{"policy_rules 50 destinations", map[string]any{"style": "policy", "policy_rules": []any{map[string]any{"source": "10.0.0.0/24", "destination": subnets(50)}}}, ""},
		{"policy_rules 51 destinations", map[string]any{"style": "policy", "policy_rules": []any{map[string]any{"source": "10.0.0.0/24", "destination": subnets(51)}}}, "destinations"},
		{"policy_rules bad destination", map[string]any{"style": "policy", "policy_rules": []any{map[string]any{"source": "10.0.0.0/24", "destination": []any{"x"}}}}, "destination"},
		{"ike_version v1", map[string]any{"ikepolicy.ike_version": "v1"}, ""},
		{"ike_version v3", map[string]any{"ikepolicy.ike_version": "v3"}, "ike_version"},
		{"phase1 with v1", map[string]any{"ikepolicy.ike_version": "v1", "ikepolicy.phase1_negotiation_mode": "aggressive"}, ""},
		{"phase1 with v2", map[string]any{"ikepolicy.phase1_negotiation_mode": "main"}, "phase1_negotiation_mode may only"},
		{"phase1 bad", map[string]any{"ikepolicy.ike_version": "v1", "ikepolicy.phase1_negotiation_mode": "quick"}, "phase1_negotiation_mode"},
		{"ike auth sha2-512", map[string]any{"ikepolicy.authentication_algorithm": "sha2-512"}, ""},
		{"ike auth sm3 non-GM", map[string]any{"ikepolicy.authentication_algorithm": "sm3"}, "authentication_algorithm"},
		{"ike enc gcm-128 (SDK)", map[string]any{"ikepolicy.encryption_algorithm": "aes-256-gcm-128"}, ""},
		{"ike enc bad", map[string]any{"ikepolicy.encryption_algorithm": "aes-512"}, "encryption_algorithm"},
		{"ike enc sm4 non-GM", map[string]any{"ikepolicy.encryption_algorithm": "sm4"}, "encryption_algorithm"},
		{"dh_group21", map[string]any{"ikepolicy.dh_group": "group21"}, ""},
		{"dh_group bad", map[string]any{"ikepolicy.dh_group": "group3"}, "dh_group"},
		{"auth method envelope", map[string]any{"ikepolicy.authentication_method": "digital-envelope-v2"}, ""},
		{"auth method bad", map[string]any{"ikepolicy.authentication_method": "cert"}, "authentication_method"},
		{"ike lifetime 60", map[string]any{"ikepolicy.lifetime_seconds": 60}, ""},
		{"ike lifetime 59", map[string]any{"ikepolicy.lifetime_seconds": 59}, "lifetime_seconds"},
		{"ike lifetime 604801", map[string]any{"ikepolicy.lifetime_seconds": 604801}, "lifetime_seconds"},
		{"local fqdn", map[string]any{"ikepolicy.local_id_type": "fqdn", "ikepolicy.local_id": "vpn.example"}, ""},
		{"local fqdn without id", map[string]any{"ikepolicy.local_id_type": "fqdn"}, "local_id is required"},
		{"local_id_type bad", map[string]any{"ikepolicy.local_id_type": "dn"}, "local_id_type"},
		{"local_id forbidden char", map[string]any{"ikepolicy.local_id_type": "fqdn", "ikepolicy.local_id": "a<b"}, "local_id"},
		{"peer_id 256", map[string]any{"ikepolicy.peer_id_type": "fqdn", "ikepolicy.peer_id": strings.Repeat("p", 256)}, "peer_id"},
		{"peer_id_type bad", map[string]any{"ikepolicy.peer_id_type": "any"}, "peer_id_type"},
		{"dpd ok", map[string]any{"ikepolicy.dpd": map[string]any{"timeout": 2, "interval": 3600, "msg": "seq-notify-hash"}}, ""},
		{"dpd timeout 1", map[string]any{"ikepolicy.dpd.timeout": 1}, "dpd.timeout"},
		{"dpd timeout 61", map[string]any{"ikepolicy.dpd.timeout": 61}, "dpd.timeout"},
		{"dpd interval 9", map[string]any{"ikepolicy.dpd.interval": 9}, "dpd.interval"},
		{"dpd interval 3601", map[string]any{"ikepolicy.dpd.interval": 3601}, "dpd.interval"},
		{"dpd msg bad", map[string]any{"ikepolicy.dpd.msg": "hash"}, "dpd.msg"},
		{"ipsec auth md5", map[string]any{"ipsecpolicy.authentication_algorithm": "md5"}, ""},
		{"ipsec auth bad", map[string]any{"ipsecpolicy.authentication_algorithm": "sha3"}, "ipsecpolicy.authentication_algorithm"},
		{"ipsec enc 3des", map[string]any{"ipsecpolicy.encryption_algorithm": "3des"}, ""},
		{"ipsec enc bad", map[string]any{"ipsecpolicy.encryption_algorithm": "des"}, "ipsecpolicy.encryption_algorithm"},
		{"pfs disable", map[string]any{"ipsecpolicy.pfs": "disable"}, ""},
		{"pfs bad", map[string]any{"ipsecpolicy.pfs": "group3"}, "pfs"},
		{"transform esp", map[string]any{"ipsecpolicy.transform_protocol": "esp"}, ""},
		{"transform ah", map[string]any{"ipsecpolicy.transform_protocol": "ah"}, "transform_protocol"},
		{"encap tunnel", map[string]any{"ipsecpolicy.encapsulation_mode": "tunnel"}, ""},
		{"encap transport", map[string]any{"ipsecpolicy.encapsulation_mode": "transport"}, "encapsulation_mode"},
		{"ipsec lifetime 30", map[string]any{"ipsecpolicy.lifetime_seconds": 30}, ""},
		{"ipsec lifetime 29", map[string]any{"ipsecpolicy.lifetime_seconds": 29}, "ipsecpolicy.lifetime_seconds"},
		{"ha_role master", map[string]any{"ha_role": "master"}, ""},
		{"ha_role slave active-active", map[string]any{"ha_role": "slave"}, "active-standby"},
		{"ha_role bad", map[string]any{"ha_role": "boss"}, "ha_role"},
		{"tags ok", map[string]any{"tags": []any{map[string]any{"key": "env", "value": "test"}}}, ""},
		{"tags bad key", map[string]any{"tags": []any{map[string]any{"key": "", "value": "x"}}}, "tags"},
		{"tags without value", map[string]any{"tags": []any{map[string]any{"key": "env"}}}, "tags[0].value is required"},
	}
	runConnCases(t, v, base, cases)
	t.Run("malformed", func(t *testing.T) {
		st, b := v.do("POST", "/vpn-connection", `{"vpn_connection": {"vgw_id": 5}}`)
		mustStatus(t, st, http.StatusBadRequest, b)
		st, b = v.do("POST", "/vpn-connection", map[string]any{"name": "x"})
		mustStatus(t, st, http.StatusBadRequest, b)
		mustCode(t, b, "VPN.0001", "vpn_connection is required")
	})
}

func TestConnection_haAndAttachmentRules(t *testing.T) {
	v := newCFEnv(t, Options{})
	as := v.gateway(gwOpts{haMode: "active-standby"})
	er := v.gateway(gwOpts{attachment: "er", project: "0f7c1c3e-6a4b-4d2b-9b8e-111111111111"})
	cg := v.cgw(map[string]any{"id_value": "10.0.0.1"})
	runConnCases(t, v, connBody(as, cg), []connCase{
		{"standby master on eip1", map[string]any{"ha_role": "master"}, ""},
		{"standby default on eip1", nil, ""},
		{"standby slave on eip1", map[string]any{"ha_role": "slave"}, "ha_role must be master"},
		{"standby default on eip2", map[string]any{"vgw_ip": as.VgwIPs[1]}, "ha_role must be slave"},
		{"standby slave on eip2", map[string]any{"vgw_ip": as.VgwIPs[1], "ha_role": "slave"}, ""},
	})
	tunnel := map[string]any{"tunnel_local_address": "169.254.1.1/30", "tunnel_peer_address": "169.254.1.2/30"}
	runConnCases(t, v, connBody(er, cg), []connCase{
		{"er static needs peer subnets", map[string]any{"peer_subnets": nil}, "peer_subnets is required"},
		{"er policy without peer subnets", map[string]any{"style": "policy", "peer_subnets": nil}, ""},
		{"er policy with peer subnets", map[string]any{"style": "policy"}, "must not be set"},
		{"er bgp with peer subnets", map[string]any{"style": "bgp", "tunnel_local_address": tunnel["tunnel_local_address"], "tunnel_peer_address": tunnel["tunnel_peer_address"]}, "must not be set"},
	})
	// A slave connection reports slave; the er connection reports the gateway's project.
	b := v.do
	_, list := b("GET", "/vpn-connection?vgw_id="+as.ID, nil)
	roles := map[string]int{}
	for _, it := range list["vpn_connections"].([]any) {
		c := it.(map[string]any)
		roles[c["ha_role"].(string)]++
		if c["vgw_ip"] == as.VgwIPs[1] && c["ha_role"] != "slave" {
			t.Errorf("connection on eip2 has ha_role %v", c["ha_role"])
		}
	}
	if roles["master"] != 2 || roles["slave"] != 1 {
		t.Errorf("roles %v", roles)
	}
	_, list = b("GET", "/vpn-connection?enterprise_project_id=0f7c1c3e-6a4b-4d2b-9b8e-111111111111", nil)
	if n := len(list["vpn_connections"].([]any)); n != 1 {
		t.Errorf("project filter listed %d", n)
	}
}

func TestConnection_policyRulesSplit(t *testing.T) {
	v, gw, cg := connSetup(t, Options{})
	body := connBody(gw, cg)
	body["style"] = "POLICY"
	body["policy_rules"] = []any{
		map[string]any{"rule_index": 7, "source": "10.0.1.0/24", "destination": []any{"192.168.3.0/24"}},
		map[string]any{"rule_index": 2, "source": "10.0.0.0/24", "destination": []any{"192.168.1.0/24", "192.168.2.0/24"}},
	}
	id := v.conn(body)
	c := obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection")
	if c["style"] != "POLICY" {
		t.Fatalf("style %v", c["style"])
	}
	if _, has := c["enable_nqa"]; has {
		t.Errorf("enable_nqa on a policy connection")
	}
	got, _ := json.Marshal(c["policy_rules"])
	want := `[{"destination":["192.168.1.0/24"],"rule_index":1,"source":"10.0.0.0/24"},` +
		`{"destination":["192.168.2.0/24"],"rule_index":2,"source":"10.0.0.0/24"},` +
		`{"destination":["192.168.3.0/24"],"rule_index":3,"source":"10.0.1.0/24"}]`
	if string(got) != want {
		t.Fatalf("policy_rules\n got %s\nwant %s", got, want)
	}
	// Update replaces the rules.
	v.must(http.StatusOK, "PUT", "/vpn-connection/"+id, map[string]any{"vpn_connection": map[string]any{"policy_rules": []any{
		map[string]any{"source": "10.9.0.0/16", "destination": []any{"192.168.9.0/24"}},
	}}})
	c = obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection")
	if rs := c["policy_rules"].([]any); len(rs) != 1 || rs[0].(map[string]any)["source"] != "10.9.0.0/16" {
		t.Fatalf("policy_rules after update %v", c["policy_rules"])
	}
}

// TestConnection_referenceExamples sends the request examples of 4.1.3.1 and
// 4.1.3.4 with their masked values (ids, psk) filled in.
func TestConnection_referenceExamples(t *testing.T) {
	v, gw, cg := connSetup(t, Options{})
	policy := `{"vpn_connection": {"vgw_id": "%s", "vgw_ip": "%s", "style": "policy", "cgw_id": "%s",
	  "peer_subnets": ["192.168.44.0/24"], "psk": "abcd1234A",
	  "policy_rules": [{"rule_index": 1, "source": "10.0.0.0/24", "destination": ["192.168.0.0/24"]}]}}`
	b := v.must(http.StatusCreated, "POST", "/vpn-connection", fmt.Sprintf(policy, gw.ID, gw.VgwIPs[0], cg))
	pc := obj(t, b, "vpn_connection")
	if pc["style"] != "POLICY" {
		t.Errorf("policy example style %v", pc["style"])
	}
	if rs, _ := pc["policy_rules"].([]any); len(rs) != 1 || rs[0].(map[string]any)["rule_index"] != float64(1) {
		t.Errorf("policy example rules %v", pc["policy_rules"])
	}
	bgp := `{"vpn_connection": {"name": "vpn-1655", "vgw_id": "%s", "vgw_ip": "%s", "style": "bgp", "cgw_id": "%s",
	  "peer_subnets": ["192.168.44.0/24"], "tunnel_local_address": "169.254.56.225/30", "tunnel_peer_address": "169.254.56.226/30",
	  "psk": "abcd1234A",
	  "ikepolicy": {"ike_version": "v2", "authentication_algorithm": "sha2-512", "encryption_algorithm": "aes-256",
	    "dh_group": "group16", "lifetime_seconds": 172800, "local_id": "123***", "peer_id": "456***",
	    "dpd": {"timeout": 30, "interval": 60, "msg": "seq-notify-hash"}},
	  "ipsecpolicy": {"authentication_algorithm": "sha2-512", "encryption_algorithm": "aes-256", "pfs": "group16",
	    "transform_protocol": "esp", "lifetime_seconds": 7200, "encapsulation_mode": "tunnel"}}}`
	b = v.must(http.StatusCreated, "POST", "/vpn-connection", fmt.Sprintf(bgp, gw.ID, gw.VgwIPs[1], cg))
	bc := obj(t, b, "vpn_connection")
	ike := obj(t, bc, "ikepolicy")
	if bc["style"] != "BGP" || ike["dh_group"] != "group16" || ike["lifetime_seconds"] != float64(172800) ||
		obj(t, ike, "dpd")["msg"] != "seq-notify-hash" || obj(t, bc, "ipsecpolicy")["lifetime_seconds"] != float64(7200) {
		t.Errorf("bgp example answer %v", bc)
	}
	if ike["local_id"] != gw.Addresses[1] {
		t.Errorf("local_id %v, want the gateway address %s", ike["local_id"], gw.Addresses[1])
	}
	id := pc["id"].(string)
	v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil)
	for _, u := range []string{
		`{"vpn_connection": {"peer_subnets": ["192.168.1.0/24"]}}`,
		`{"vpn_connection": {"policy_rules": [{"rule_index": 1, "source": "10.0.0.0/24", "destination": ["192.168.1.0/24"]}]}}`,
		`{"vpn_connection": {"ikepolicy": {"lifetime_seconds": 3600}, "ipsecpolicy": {"lifetime_seconds": 3600}}}`,
		`{"vpn_connection": {"name": "vpn_connection_name"}}`,
	} {
		v.must(http.StatusOK, "PUT", "/vpn-connection/"+id, u)
		v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil) // settle PENDING_UPDATE
	}
	c := obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection")
	if c["name"] != "vpn_connection_name" || obj(t, c, "ikepolicy")["lifetime_seconds"] != float64(3600) ||
		c["peer_subnets"].([]any)[0] != "192.168.1.0/24" {
		t.Errorf("after the update examples %v", c)
	}
}

func TestConnection_updateValidation(t *testing.T) {
	v, gw, cg := connSetup(t, Options{})
	body := connBody(gw, cg)
	body["style"] = "bgp"
	body["tunnel_local_address"] = "169.254.1.1/30"
	body["tunnel_peer_address"] = "169.254.1.2/30"
	id := v.conn(body)
	v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil)
	cases := []struct {
		name string
		in   map[string]any
		want int
		msg  string
	}{
		// The update body has no enable_nqa (reference and SDK): it is ignored, like
		// any field the update does not take; the response below proves it was not stored.
		{"enable_nqa ignored on update", map[string]any{"enable_nqa": true}, 200, ""},
		{"empty peer_subnets", map[string]any{"peer_subnets": []any{}}, 400, "must not be empty"},
		{"reserved peer subnet", map[string]any{"peer_subnets": []any{"214.1.0.0/16"}}, 400, "214.0.0.0/8"},
		{"tunnel peer outside the /30", map[string]any{"tunnel_peer_address": "169.254.1.6/30"}, 400, "same /30"},
		{"tunnel pair moved", map[string]any{"tunnel_local_address": "169.254.1.5/30", "tunnel_peer_address": "169.254.1.6/30"}, 200, ""},
		{"policy rules on bgp", map[string]any{"policy_rules": rules(1)}, 400, "policy_rules"},
		{"psk weak", map[string]any{"psk": "password"}, 400, "psk"},
		{"psk ok", map[string]any{"psk": "Passw0rd!"}, 200, ""},
		{"unknown cgw", map[string]any{"cgw_id": newUUID()}, 404, "not found"},
		{"phase1 ignored with v2", map[string]any{"ikepolicy": map[string]any{"phase1_negotiation_mode": "aggressive"}}, 200, ""},
		{"ike v1 then phase1", map[string]any{"ikepolicy": map[string]any{"ike_version": "v1", "phase1_negotiation_mode": "aggressive"}}, 200, ""},
		{"dpd out of range", map[string]any{"ikepolicy": map[string]any{"dpd": map[string]any{"interval": 5}}}, 400, "dpd.interval"},
		{"ipsec pfs bad", map[string]any{"ipsecpolicy": map[string]any{"pfs": "group99"}}, 400, "pfs"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, b := v.do("PUT", "/vpn-connection/"+id, map[string]any{"vpn_connection": tc.in})
			mustStatus(t, st, tc.want, b)
			if tc.msg != "" {
				if m, _ := b["error_msg"].(string); !strings.Contains(m, tc.msg) {
					t.Fatalf("error_msg %q lacks %q", m, tc.msg)
				}
			}
			v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil)
		})
	}
	c := obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection")
	ike := obj(t, c, "ikepolicy")
	if ike["ike_version"] != "v1" || ike["phase1_negotiation_mode"] != "aggressive" || c["tunnel_local_address"] != "169.254.1.5/30" {
		t.Fatalf("after updates %v", c)
	}
	if _, sends, _ := v.e.ConnectionPSK(id); sends != 2 {
		t.Fatalf("psk sends %d, want 2 (create + one accepted update)", sends)
	}
	if _, has := c["enable_nqa"]; has {
		t.Fatal("enable_nqa on a BGP connection")
	}
}

func TestConnection_listFiltersAndPaging(t *testing.T) {
	v, gw, cg := connSetup(t, Options{})
	gw2 := v.gateway(gwOpts{})
	var ids []string
	for i := 0; i < 5; i++ {
		b := connBody(gw, cg)
		b["vgw_ip"] = gw.VgwIPs[i%2]
		ids = append(ids, v.conn(b))
	}
	other := v.conn(connBody(gw2, cg))
	count := func(q string) int {
		b := v.must(http.StatusOK, "GET", "/vpn-connection?"+q, nil)
		return len(b["vpn_connections"].([]any))
	}
	if n := count("vgw_id=" + gw.ID); n != 5 {
		t.Errorf("vgw_id filter %d", n)
	}
	if n := count("vgw_ip=" + gw.VgwIPs[1]); n != 2 {
		t.Errorf("vgw_ip filter %d", n)
	}
	if n := count("vgw_id=" + gw2.ID); n != 1 {
		t.Errorf("vgw_id filter gw2 %d", n)
	}
	if n := count("enterprise_project_id=0"); n != 6 {
		t.Errorf("project filter %d", n)
	}
	if n := count("enterprise_project_id=" + newUUID()); n != 0 {
		t.Errorf("foreign project filter %d", n)
	}
	seen := map[string]bool{}
	var sizes []int
	path := "/vpn-connection?vgw_id=" + gw.ID + "&limit=2"
	for i := 0; i < 4; i++ {
		b := v.must(http.StatusOK, "GET", path, nil)
		items := b["vpn_connections"].([]any)
		sizes = append(sizes, len(items))
		for _, it := range items {
			c := it.(map[string]any)
			seen[c["id"].(string)] = true
			if c["status"] == nil {
				t.Fatal("list item without status")
			}
		}
		if len(items) < 2 {
			break
		}
		path = "/vpn-connection?vgw_id=" + gw.ID + "&limit=2&marker=" + obj(t, b, "page_info")["next_marker"].(string)
	}
	if fmt.Sprint(sizes) != "[2 2 1]" || len(seen) != 5 || seen[other] {
		t.Fatalf("pages %v seen %v", sizes, seen)
	}
	for _, id := range ids {
		if !seen[id] {
			t.Fatalf("%s not listed", id)
		}
	}
}

func TestConnection_quota(t *testing.T) {
	v, gw, cg := connSetup(t, Options{Quotas: map[string]int{KindConnection: 1}})
	v.conn(connBody(gw, cg))
	st, b := v.do("POST", "/vpn-connection", map[string]any{"vpn_connection": connBody(gw, cg)})
	mustStatus(t, st, http.StatusBadRequest, b)
	mustCode(t, b, "VPN.0001", "quota")
}

func TestConnection_gm(t *testing.T) {
	v := newCFEnv(t, Options{Delays: map[string]time.Duration{KindCertificate: time.Minute}})
	pki := newTestPKI(t)
	gw := v.gateway(gwOpts{flavor: "GM"})
	cgPlain := v.cgw(map[string]any{"id_value": "10.0.0.1"})
	cgCA := v.cgw(map[string]any{"id_value": "10.0.0.2", "ca_certificate": map[string]any{"content": pki.CA}})
	body := map[string]any{"vgw_id": gw.ID, "vgw_ip": gw.VgwIPs[0], "cgw_id": cgCA, "peer_subnets": []any{"192.168.44.0/24"}}

	st, b := v.do("POST", "/vpn-connection", map[string]any{"vpn_connection": body})
	mustStatus(t, st, http.StatusBadRequest, b)
	mustCode(t, b, "VPN.0001", "has no certificate")

	v.must(http.StatusCreated, "POST", "/vpn-gateways/"+gw.ID+"/certificate", map[string]any{"certificate": map[string]any{
		"certificate": pki.Leaf, "private_key": pki.LeafKey, "certificate_chain": pki.CA,
		"enc_certificate": pki.Leaf2, "enc_private_key": pki.Leaf2Key,
	}})
	st, b = v.do("POST", "/vpn-connection", map[string]any{"vpn_connection": body})
	mustStatus(t, st, http.StatusForbidden, b)
	mustCode(t, b, "VPN.0003", "BINDING")
	v.clock.Advance(time.Minute)

	runConnCases(t, v, body, []connCase{
		{"cgw without CA", map[string]any{"cgw_id": cgPlain}, "ca_certificate"},
		{"sha2-256 on GM", map[string]any{"ikepolicy.authentication_algorithm": "sha2-256"}, "authentication_algorithm"},
		{"aes on GM", map[string]any{"ipsecpolicy.encryption_algorithm": "aes-128"}, "encryption_algorithm"},
		{"ike v2 on GM", map[string]any{"ikepolicy.ike_version": "v2"}, "ike_version"},
		{"aggressive on GM", map[string]any{"ikepolicy.phase1_negotiation_mode": "aggressive"}, "phase1_negotiation_mode"},
		{"dh_group on GM", map[string]any{"ikepolicy.dh_group": "group15"}, "dh_group is not used"},
		{"peer_id_type on GM", map[string]any{"ikepolicy.peer_id_type": "ip"}, "peer_id_type is not used"},
		{"pfs on GM", map[string]any{"ipsecpolicy.pfs": "group15"}, "pfs is not used"},
		{"sm algorithms", map[string]any{"ikepolicy.authentication_algorithm": "sm3", "ikepolicy.encryption_algorithm": "sm4", "ipsecpolicy.authentication_algorithm": "sm3"}, ""},
	})
	id := v.conn(body)
	c := obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection")
	ike, ipsec := obj(t, c, "ikepolicy"), obj(t, c, "ipsecpolicy")
	if ike["ike_version"] != "v1" || ike["phase1_negotiation_mode"] != "main" || ike["authentication_algorithm"] != "sm3" ||
		ike["encryption_algorithm"] != "sm4" || ipsec["authentication_algorithm"] != "sm3" || ipsec["encryption_algorithm"] != "sm4" {
		t.Fatalf("GM defaults %v %v", ike, ipsec)
	}
	for _, k := range []string{"dh_group", "local_id_type", "local_id", "peer_id_type", "peer_id"} {
		if _, has := ike[k]; has {
			t.Errorf("GM ikepolicy has %s", k)
		}
	}
	if _, has := ipsec["pfs"]; has {
		t.Error("GM ipsecpolicy has pfs")
	}
	st, b = v.do("PUT", "/vpn-connection/"+id, map[string]any{"vpn_connection": map[string]any{"psk": "Abcd1234"}})
	mustStatus(t, st, http.StatusBadRequest, b)
	mustCode(t, b, "VPN.0001", "psk cannot be updated")
}
