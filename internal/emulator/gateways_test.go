package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

const (
	testVPC    = "cb4a631d-demo-a8df-va86-ca3fa348c36c" // the reference's own example ids
	testSubnet = "f5741286-demo-a8df-va86-2c82bd9ee114"
	testEIP1   = "cff40e5e-demo-a8df-va86-7366077bf097"
	testEIP2   = "d290f1ee-demo-a8df-va86-d701748f0851"
	testER     = "c62fad0d-demo-a8df-va86-e06c4c351b9f"
)

// gwBody is a valid public vpc gateway body with new EIPs.
func gwBody() map[string]any {
	return map[string]any{
		"vpc_id":         testVPC,
		"local_subnets":  []any{"192.168.0.0/24", "192.168.1.0/24"},
		"connect_subnet": testSubnet,
		"eip1":           map[string]any{"type": "5_bgp", "bandwidth_size": 100},
		"eip2":           map[string]any{"type": "5_bgp", "bandwidth_size": 100},
	}
}

func wrap(gw map[string]any) map[string]any { return map[string]any{"vpn_gateway": gw} }

// createGW creates a gateway and returns its id.
func createGW(t *testing.T, srv *httptest.Server, e *Emulator, gw map[string]any) string {
	t.Helper()
	st, body := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(gw))
	mustStatus(t, st, http.StatusCreated, body)
	return obj(t, body, "vpn_gateway")["id"].(string)
}

func getGW(t *testing.T, srv *httptest.Server, e *Emulator, id string) map[string]any {
	t.Helper()
	st, body := signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusOK, body)
	return obj(t, body, "vpn_gateway")
}

func TestGateway_lifecycle(t *testing.T) {
	clk := newTestClock()
	e, srv := newTestServer(t, Options{Now: clk.Now, Delay: time.Minute})
	st, body := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(gwBody()))
	mustStatus(t, st, http.StatusCreated, body)
	gw := obj(t, body, "vpn_gateway")
	id := gw["id"].(string)
	if _, has := gw["status"]; has {
		t.Errorf("create answer has status; the reference's table has none")
	}
	if !regexp.MustCompile(`^vpngw-[0-9a-f]{4}$`).MatchString(gw["name"].(string)) {
		t.Errorf("generated name %v", gw["name"])
	}
	for k, want := range map[string]any{
		"bgp_asn": 64512.0, "flavor": "Professional1", "ha_mode": "active-active", "attachment_type": "vpc",
		"network_type": "public", "enterprise_project_id": "0", "access_vpc_id": testVPC, "access_subnet_id": testSubnet,
		"connection_number": 200.0, "used_connection_number": 0.0, "used_connection_group": 0.0,
	} {
		if gw[k] != want {
			t.Errorf("%s = %v, want %v", k, gw[k], want)
		}
	}
	if body["request_id"] == "" || body["request_id"] == nil {
		t.Errorf("no request_id")
	}

	g := getGW(t, srv, e, id)
	if g["status"] != "PENDING_CREATE" {
		t.Fatalf("status %v", g["status"])
	}
	for _, k := range []string{"eip1", "eip2", "created_at", "updated_at", "availability_zone_ids"} {
		if _, has := g[k]; has {
			t.Errorf("%s shown before ACTIVE", k)
		}
	}
	// Not ready while PENDING_CREATE.
	st, body = signedDo(t, srv, e, "PUT", projectPath(e, "/vpn-gateways/"+id), wrap(map[string]any{"name": "x"}))
	mustStatus(t, st, http.StatusForbidden, body)
	mustCode(t, body, "VPN.0003", "is not ready, currently CREATING")
	st, body = signedDo(t, srv, e, "DELETE", projectPath(e, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusForbidden, body)
	mustCode(t, body, "VPN.0003", "type=GATEWAY, ID="+id)
	st, body = signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways/"+id+"/update-specification"), wrap(map[string]any{"flavor": "Professional2"}))
	mustStatus(t, st, http.StatusForbidden, body)

	clk.Advance(time.Minute)
	g = getGW(t, srv, e, id)
	if g["status"] != "ACTIVE" {
		t.Fatalf("status %v", g["status"])
	}
	eip1, eip2 := obj(t, g, "eip1"), obj(t, g, "eip2")
	if !strings.HasPrefix(eip1["ip_address"].(string), "203.0.113.") || eip1["ip_address"] == eip2["ip_address"] {
		t.Errorf("eip addresses %v %v", eip1["ip_address"], eip2["ip_address"])
	}
	if !strings.HasPrefix(eip1["bandwidth_name"].(string), "vpngw-bandwidth-") || eip1["bandwidth_size"] != 100.0 {
		t.Errorf("eip1 %v", eip1)
	}
	if azs, _ := g["availability_zone_ids"].([]any); len(azs) != 2 {
		t.Errorf("availability_zone_ids %v", g["availability_zone_ids"])
	}
	if g["created_at"] == nil || g["updated_at"] == nil {
		t.Errorf("times missing: %v", g)
	}
	if sf, _ := g["supported_flavors"].([]any); len(sf) == 0 {
		t.Errorf("supported_flavors missing")
	}
	if pt := obj(t, g, "policy_template"); obj(t, pt, "ike_policy")["dh_group"] != "group15" {
		t.Errorf("policy_template %v", pt)
	}

	// Update passes PENDING_UPDATE.
	st, body = signedDo(t, srv, e, "PUT", projectPath(e, "/vpn-gateways/"+id), wrap(map[string]any{"name": "renamed", "local_subnets": []any{"10.0.0.0/16"}}))
	mustStatus(t, st, http.StatusOK, body)
	if obj(t, body, "vpn_gateway")["name"] != "renamed" {
		t.Errorf("update answer %v", body)
	}
	if g = getGW(t, srv, e, id); g["status"] != "PENDING_UPDATE" {
		t.Fatalf("status %v", g["status"])
	}
	_, body = signedDo(t, srv, e, "PUT", projectPath(e, "/vpn-gateways/"+id), wrap(map[string]any{"name": "again"}))
	mustCode(t, body, "VPN.0003", "currently UPDATING")
	clk.Advance(time.Minute)
	if g = getGW(t, srv, e, id); g["status"] != "ACTIVE" || g["name"] != "renamed" {
		t.Fatalf("after update: %v %v", g["status"], g["name"])
	}

	// Flavor change passes PENDING_UPDATE.
	st, body = signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways/"+id+"/update-specification"), wrap(map[string]any{"flavor": "Professional2"}))
	mustStatus(t, st, http.StatusOK, body)
	if g = getGW(t, srv, e, id); g["status"] != "PENDING_UPDATE" || g["flavor"] != "Professional2" {
		t.Fatalf("after spec: %v %v", g["status"], g["flavor"])
	}
	clk.Advance(time.Minute)

	// Delete passes PENDING_DELETE, then 404.
	st, body = signedDo(t, srv, e, "DELETE", projectPath(e, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusNoContent, body)
	if g = getGW(t, srv, e, id); g["status"] != "PENDING_DELETE" {
		t.Fatalf("status %v", g["status"])
	}
	clk.Advance(time.Minute)
	st, body = signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusNotFound, body)
	mustCode(t, body, "VPN.0004", id)
}

func TestGateway_zeroDelaySettlesOnNextRead(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, gwBody())
	if g := getGW(t, srv, e, id); g["status"] != "ACTIVE" {
		t.Fatalf("status %v", g["status"])
	}
}

func TestGateway_notFound(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	missing := "00000000-0000-4000-8000-000000000000"
	for _, c := range []struct{ method, path string }{
		{"GET", "/vpn-gateways/" + missing},
		{"PUT", "/vpn-gateways/" + missing},
		{"DELETE", "/vpn-gateways/" + missing},
		{"POST", "/vpn-gateways/" + missing + "/update-specification"},
	} {
		st, body := signedDo(t, srv, e, c.method, projectPath(e, c.path), wrap(map[string]any{"name": "a", "flavor": "Basic"}))
		mustStatus(t, st, http.StatusNotFound, body)
		mustCode(t, body, "VPN.0004", "type=GATEWAY, ID="+missing)
	}
}

// set returns a copy of the valid body with path (dotted) set to v; v == del removes it.
var del = struct{}{}

func set(base map[string]any, path string, v any) map[string]any {
	out := clone(base)
	if v == del {
		v = nil // setPath deletes on nil
	}
	setPath(out, path, v)
	return out
}

func privBody() map[string]any {
	b := set(gwBody(), "network_type", "private")
	b = set(b, "eip1", del)
	return set(b, "eip2", del)
}

func erBody() map[string]any {
	return map[string]any{
		"attachment_type": "er", "er_id": testER, "access_vpc_id": testVPC, "access_subnet_id": testSubnet,
		"eip1": map[string]any{"id": testEIP1}, "eip2": map[string]any{"id": testEIP2},
	}
}

func TestGateway_createValidation(t *testing.T) {
	fifty := make([]any, 50)
	for i := range fifty {
		fifty[i] = fmt.Sprintf("10.%d.0.0/16", i)
	}
	fiftyOne := append(append([]any{}, fifty...), "10.200.0.0/16")
	tags20 := make([]any, 20)
	for i := range tags20 {
		tags20[i] = map[string]any{"key": fmt.Sprintf("k%d", i), "value": "v"}
	}
	tags21 := append(append([]any{}, tags20...), map[string]any{"key": "k20", "value": "v"})

	cases := []struct {
		rule    string
		valid   map[string]any
		invalid map[string]any
		msg     string
	}{
		{"name charset", set(gwBody(), "name", "gw_1.a-中文"), set(gwBody(), "name", "gw 1"), "name contains"},
		{"name length", set(gwBody(), "name", strings.Repeat("a", 64)), set(gwBody(), "name", strings.Repeat("a", 65)), "name must be 1-64"},
		{"name empty", set(gwBody(), "name", "a"), set(gwBody(), "name", ""), "name must be 1-64"},
		{"network_type enum", set(gwBody(), "network_type", "public"), set(gwBody(), "network_type", "internet"), "network_type must be one of"},
		{"attachment_type enum", set(gwBody(), "attachment_type", "vpc"), set(gwBody(), "attachment_type", "cc"), "attachment_type must be one of"},
		{"flavor enum", set(gwBody(), "flavor", "Professional2"), set(gwBody(), "flavor", "professional2"), "flavor must be one of"},
		{"flavor sdk extras", set(gwBody(), "flavor", "Professional3-NonFixedIP"), set(gwBody(), "flavor", "Professional4"), "flavor must be one of"},
		{"ha_mode enum", set(gwBody(), "ha_mode", "active-standby"), set(gwBody(), "ha_mode", "standby"), "ha_mode must be one of"},
		{"ip_version enum", set(set(set(gwBody(), "ip_version", "ipv6"), "local_subnets", del), "local_subnets_v6", []any{"2001:db8::/64"}), set(gwBody(), "ip_version", "ipv5"), "ip_version must be one of"},
		{"bgp_asn max", set(gwBody(), "bgp_asn", 4294967295), set(gwBody(), "bgp_asn", 4294967296), "bgp_asn must be between 1 and 4294967295"},
		{"bgp_asn min", set(gwBody(), "bgp_asn", 1), set(gwBody(), "bgp_asn", 0), "bgp_asn must be between"},
		{"bgp_asn type", set(gwBody(), "bgp_asn", 65000), set(gwBody(), "bgp_asn", "65000"), "bgp_asn must be of type number"},
		{"enterprise_project_id", set(gwBody(), "enterprise_project_id", "7354dda9-demo-a8df-va86-a6b08fb92043"), set(gwBody(), "enterprise_project_id", "default"), "enterprise_project_id must be a 36-character UUID or \"0\""},
		{"vpc_id uuid", set(gwBody(), "vpc_id", "0cf79a3f-demo-a8df-va86-d7ace626b0fa"), set(gwBody(), "vpc_id", "vpc-1"), "vpc_id must be a 36-character UUID"},
		{"connect_subnet uuid", gwBody(), set(gwBody(), "connect_subnet", "f5741286"), "connect_subnet must be a 36-character UUID"},
		{"vpc requires vpc_id", gwBody(), set(gwBody(), "vpc_id", del), "vpc_id is required when attachment_type is vpc"},
		{"vpc requires connect_subnet", gwBody(), set(gwBody(), "connect_subnet", del), "connect_subnet is required"},
		{"vpc requires local_subnets", gwBody(), set(gwBody(), "local_subnets", del), "local_subnets is required"},
		{"vpc rejects er_id", gwBody(), set(gwBody(), "er_id", testER), "er_id must not be set"},
		{"local_subnets cidr", set(gwBody(), "local_subnets", []any{"172.16.0.0/12"}), set(gwBody(), "local_subnets", []any{"172.16.0.0/33"}), "local_subnets must be an IPv4 CIDR"},
		{"local_subnets network address", gwBody(), set(gwBody(), "local_subnets", []any{"192.168.0.1/24"}), "must be a network address"},
		{"local_subnets duplicates", gwBody(), set(gwBody(), "local_subnets", []any{"192.168.0.0/24", "192.168.0.0/24"}), "twice"},
		{"local_subnets at most 50", set(gwBody(), "local_subnets", fifty), set(gwBody(), "local_subnets", fiftyOne), "at most 50"},
		{"local_subnets not empty", gwBody(), set(gwBody(), "local_subnets", []any{}), "local_subnets must not be empty"},
		{"er requires er_id", erBody(), set(erBody(), "er_id", del), "er_id is required when attachment_type is er"},
		{"er_id uuid", erBody(), set(erBody(), "er_id", "er-1"), "er_id must be a 36-character UUID"},
		{"er rejects local_subnets", erBody(), set(erBody(), "local_subnets", []any{"10.0.0.0/8"}), "local_subnets must not be set when attachment_type is er"},
		{"er access vpc from vpc_id", set(set(erBody(), "access_vpc_id", del), "vpc_id", testVPC), set(erBody(), "access_vpc_id", del), "access_vpc_id (or vpc_id) is required"},
		{"er access subnet from connect_subnet", set(set(erBody(), "access_subnet_id", del), "connect_subnet", testSubnet), set(erBody(), "access_subnet_id", del), "access_subnet_id (or connect_subnet) is required"},
		{"public requires eip1", gwBody(), set(gwBody(), "eip1", del), "eip1 is required when network_type is public"},
		{"public requires eip2", gwBody(), set(gwBody(), "eip2", del), "eip2 is required"},
		{"public rejects access ips", gwBody(), set(gwBody(), "access_private_ip_1", "172.16.0.9"), "must not be set when network_type is public"},
		{"private rejects eips", privBody(), set(privBody(), "eip1", map[string]any{"id": testEIP1}), "eip1 and eip2 must not be set when network_type is private"},
		{"private ips together", set(set(privBody(), "access_private_ip_1", "172.16.0.9"), "access_private_ip_2", "172.16.0.10"), set(privBody(), "access_private_ip_1", "172.16.0.9"), "must be set together"},
		{"private ips distinct", set(set(privBody(), "access_private_ip_1", "172.16.0.19"), "access_private_ip_2", "172.16.0.20"), set(set(privBody(), "access_private_ip_1", "172.16.0.9"), "access_private_ip_2", "172.16.0.9"), "must differ"},
		{"private ip format", set(set(privBody(), "access_private_ip_1", "172.16.0.29"), "access_private_ip_2", "172.16.0.30"), set(set(privBody(), "access_private_ip_1", "172.16.0.300"), "access_private_ip_2", "172.16.0.30"), "access_private_ip_1 must be an IPv4 address"},
		{"access_vpc_id uuid", set(gwBody(), "access_vpc_id", testVPC), set(gwBody(), "access_vpc_id", "x"), "access_vpc_id must be"},
		{"access_subnet_id uuid", set(gwBody(), "access_subnet_id", testSubnet), set(gwBody(), "access_subnet_id", "x"), "access_subnet_id must be"},
		{"eip id or type", gwBody(), set(gwBody(), "eip1", map[string]any{"bandwidth_size": 10}), "eip1.id or eip1.type is required"},
		{"eip id uuid", set(set(gwBody(), "eip1", map[string]any{"id": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}), "eip2", map[string]any{"id": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeef"}), set(gwBody(), "eip1", map[string]any{"id": "eip"}), "eip1.id must be a 36-character UUID"},
		{"eip ids distinct", set(set(gwBody(), "eip1", map[string]any{"id": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeee1"}), "eip2", map[string]any{"id": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeee2"}), set(set(gwBody(), "eip1", map[string]any{"id": testEIP1}), "eip2", map[string]any{"id": testEIP1}), "eip2.id must differ"},
		{"existing eip takes no type", gwBody(), set(gwBody(), "eip1", map[string]any{"id": testEIP1, "type": "5_bgp"}), "eip1.type must not be set together with eip1.id"},
		{"eip type length", set(gwBody(), "eip1.type", strings.Repeat("t", 36)), set(gwBody(), "eip1.type", strings.Repeat("t", 37)), "eip1.type must be 1-36"},
		{"new eip needs bandwidth_size", gwBody(), set(gwBody(), "eip1.bandwidth_size", del), "eip1.bandwidth_size is required"},
		{"bandwidth Basic 1000", set(set(gwBody(), "flavor", "Basic"), "eip1.bandwidth_size", 1000), set(set(gwBody(), "flavor", "Basic"), "eip1.bandwidth_size", 1001), "must be between 1 and 1000"},
		{"bandwidth Professional1 300", set(gwBody(), "eip1.bandwidth_size", 300), set(gwBody(), "eip1.bandwidth_size", 301), "at most 300 for flavor Professional1"},
		{"bandwidth Professional2 1000", set(set(gwBody(), "flavor", "Professional2"), "eip1.bandwidth_size", 1000), set(set(gwBody(), "flavor", "Professional2"), "eip1.bandwidth_size", 1001), "must be between 1 and 1000"},
		{"bandwidth GM 500", set(set(gwBody(), "flavor", "GM"), "eip2.bandwidth_size", 500), set(set(gwBody(), "flavor", "GM"), "eip2.bandwidth_size", 501), "at most 500 for flavor GM"},
		{"bandwidth min", set(gwBody(), "eip1.bandwidth_size", 1), set(gwBody(), "eip1.bandwidth_size", 0), "must be between 1 and 1000"},
		{"bandwidth_name", set(gwBody(), "eip1.bandwidth_name", "bw-1"), set(gwBody(), "eip1.bandwidth_name", "bw 1"), "eip1.bandwidth_name contains"},
		{"charge_mode", set(gwBody(), "eip1.charge_mode", "traffic"), set(gwBody(), "eip1.charge_mode", "free"), "eip1.charge_mode must be one of"},
		{"shared bandwidth", set(set(gwBody(), "eip1.bandwidth_size", del), "eip1.bandwidth_id", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"), set(gwBody(), "eip1.bandwidth_id", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"), "must not be set with eip1.bandwidth_id"},
		{"local_subnets_v6 only ipv6", gwBody(), set(gwBody(), "local_subnets_v6", []any{"2001:db8::/64"}), "local_subnets_v6 must not be set when ip_version is ipv4"},
		{"availability zones", set(gwBody(), "availability_zone_ids", []any{"r1a", "r1c"}), set(gwBody(), "availability_zone_ids", []any{"r1a", "r1z"}), "\"r1z\" is not a zone"},
		{"availability zones count", set(gwBody(), "availability_zone_ids", []any{"r1b", "r1c"}), set(gwBody(), "availability_zone_ids", []any{"r1a"}), "exactly 2 zones"},
		{"availability zones distinct", set(gwBody(), "availability_zone_ids", []any{"r1c", "r1a"}), set(gwBody(), "availability_zone_ids", []any{"r1a", "r1a"}), "twice"},
		{"er zones", set(erBody(), "availability_zone_ids", []any{"r1a", "r1b"}), set(erBody(), "availability_zone_ids", []any{"r1a", "r1c"}), "\"r1c\" is not a zone"},
		{"tags at most 20", set(gwBody(), "tags", tags20), set(gwBody(), "tags", tags21), "at most 20 tags"},
		{"tag key charset", set(gwBody(), "tags", []any{map[string]any{"key": "a b_.:=+-@ñ中", "value": "v"}}), set(gwBody(), "tags", []any{map[string]any{"key": "a/b", "value": "v"}}), "tags[0].key contains"},
		{"tag key length", set(gwBody(), "tags", []any{map[string]any{"key": strings.Repeat("k", 128), "value": ""}}), set(gwBody(), "tags", []any{map[string]any{"key": strings.Repeat("k", 129), "value": ""}}), "tags[0].key must be 1-128"},
		{"tag value length", set(gwBody(), "tags", []any{map[string]any{"key": "k", "value": strings.Repeat("v", 255)}}), set(gwBody(), "tags", []any{map[string]any{"key": "k", "value": strings.Repeat("v", 256)}}), "tags[0].value must be at most 255"},
		{"tag value required", set(gwBody(), "tags", []any{map[string]any{"key": "k", "value": ""}}), set(gwBody(), "tags", []any{map[string]any{"key": "k"}}), "tags[0].value is required"},
		{"tag keys unique", gwBody(), set(gwBody(), "tags", []any{map[string]any{"key": "k", "value": "1"}, map[string]any{"key": "k", "value": "2"}}), "twice"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			e, srv := newTestServer(t, Options{Region: "r1"})
			st, body := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(c.valid))
			mustStatus(t, st, http.StatusCreated, body)
			st, body = signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(c.invalid))
			mustStatus(t, st, http.StatusBadRequest, body)
			mustCode(t, body, "VPN.0001", "invalid request: ")
			mustCode(t, body, "VPN.0001", c.msg)
		})
	}
	t.Run("body shape", func(t *testing.T) {
		e, srv := newTestServer(t, Options{})
		for _, b := range []any{"", "{", map[string]any{}, map[string]any{"vpn_gateway": "x"}} {
			st, body := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), b)
			mustStatus(t, st, http.StatusBadRequest, body)
			mustCode(t, body, "VPN.0001", "invalid request")
		}
	})
}

func TestGateway_conflicts(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	b := set(set(gwBody(), "eip1", map[string]any{"id": testEIP1}), "eip2", map[string]any{"id": testEIP2})
	createGW(t, srv, e, b)
	st, body := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(b))
	mustStatus(t, st, http.StatusBadRequest, body)
	mustCode(t, body, "VPN.0001", "is already bound to vpn gateway")

	p := set(set(privBody(), "access_private_ip_1", "172.16.0.50"), "access_private_ip_2", "172.16.0.51")
	createGW(t, srv, e, p)
	st, body = signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(set(p, "access_private_ip_2", "172.16.0.52")))
	mustStatus(t, st, http.StatusBadRequest, body)
	mustCode(t, body, "VPN.0001", "access_private_ip_1 172.16.0.50 is already used")
	// Chosen private IPs skip used ones and are returned only for private gateways.
	id := createGW(t, srv, e, privBody())
	g := getGW(t, srv, e, id)
	if g["access_private_ip_1"] == nil || g["access_private_ip_1"] == g["access_private_ip_2"] || g["access_private_ip_1"] == "172.16.0.50" {
		t.Fatalf("chosen private IPs %v %v", g["access_private_ip_1"], g["access_private_ip_2"])
	}
	if _, has := g["eip1"]; has {
		t.Fatalf("private gateway shows eip1")
	}
}

func TestGateway_referenceExamples(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	// 5.1: create a vpc gateway with existing EIPs (the data table's values).
	id := createGW(t, srv, e, map[string]any{
		"vpc_id": testVPC, "local_subnets": []any{"192.168.0.0/24", "192.168.1.0/24"}, "connect_subnet": testSubnet,
		"eip1": map[string]any{"id": testEIP1}, "eip2": map[string]any{"id": testEIP2},
	})
	g := getGW(t, srv, e, id)
	if obj(t, g, "eip1")["id"] != testEIP1 || obj(t, g, "eip2")["id"] != testEIP2 {
		t.Fatalf("eips %v %v", g["eip1"], g["eip2"])
	}
	// 4.1.1.1 b: a private vpc gateway, Professional2, bgp_asn 65533.
	id2 := createGW(t, srv, e, map[string]any{
		"network_type": "private", "vpc_id": testVPC, "local_subnets": []any{"192.168.0.0/24", "192.168.1.0/24"},
		"connect_subnet": testSubnet, "bgp_asn": 65533, "flavor": "Professional2",
	})
	if g := getGW(t, srv, e, id2); g["bgp_asn"] != 65533.0 || g["network_type"] != "private" {
		t.Fatalf("private example %v", g)
	}
	// NOTES.md vector 3's body (eips absent: public needs them, so it is made private here? no: it must fail as public).
	raw := `{"vpn_gateway":{"name":"vpngw-anchor","vpc_id":"11111111-2222-3333-4444-555555555555","local_subnets":["192.168.0.0/24","192.168.1.0/24"],"connect_subnet":"66666666-7777-8888-9999-000000000000","bgp_asn":64512,"flavor":"Professional1","network_type":"private"}}` + "\n"
	st, body := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), raw)
	mustStatus(t, st, http.StatusCreated, body)
	// 4.1.1.5's example: update-specification to Basic.
	st, body = signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways/"+id+"/update-specification"), `{"vpn_gateway": {"flavor": "Basic"}}`)
	mustStatus(t, st, http.StatusOK, body)
	if obj(t, body, "vpn_gateway")["flavor"] != "Basic" {
		t.Fatalf("spec answer %v", body)
	}
}

func TestGateway_updateValidation(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, set(set(gwBody(), "eip1", map[string]any{"id": testEIP1}), "eip2", map[string]any{"id": testEIP2}))
	erID := createGW(t, srv, e, set(set(erBody(), "eip1", map[string]any{"type": "5_bgp", "bandwidth_size": 5}), "eip2", map[string]any{"type": "5_bgp", "bandwidth_size": 5}))
	privID := createGW(t, srv, e, privBody())
	getGW(t, srv, e, id) // settle
	put := func(gwID string, u map[string]any) (int, map[string]any) {
		return signedDo(t, srv, e, "PUT", projectPath(e, "/vpn-gateways/"+gwID), wrap(u))
	}
	cases := []struct {
		rule           string
		gw             string
		valid, invalid map[string]any
		msg            string
	}{
		{"name", id, map[string]any{"name": "n1"}, map[string]any{"name": "n 1"}, "name contains"},
		{"local_subnets", id, map[string]any{"local_subnets": []any{"10.1.0.0/16"}}, map[string]any{"local_subnets": []any{"10.1.0.0/8"}}, "must be a network address"},
		{"local_subnets empty", id, map[string]any{"local_subnets": []any{"10.2.0.0/16"}}, map[string]any{"local_subnets": []any{}}, "must not be empty"},
		{"local_subnets vpc only", id, map[string]any{"name": "x"}, nil, ""},
		{"local_subnets er", erID, map[string]any{"name": "er1"}, map[string]any{"local_subnets": []any{"10.1.0.0/16"}}, "only be set when attachment_type is vpc"},
		{"eip swap", id, map[string]any{"eip_id_1": testEIP2, "eip_id_2": testEIP1}, map[string]any{"eip_id_1": testEIP1}, "would both be EIP"},
		{"eip uuid", id, map[string]any{"name": "uuid"}, map[string]any{"eip_id_2": "eip-2"}, "eip_id_2 must be a 36-character UUID"},
		{"eip private", privID, map[string]any{"name": "p1"}, map[string]any{"eip_id_1": testEIP1}, "only be set when network_type is public"},
		{"eip taken", erID, map[string]any{"name": "er2"}, map[string]any{"eip_id_1": testEIP1}, "is already bound to vpn gateway"},
		{"ike encryption", id, map[string]any{"policy_template": map[string]any{"ike_policy": map[string]any{"encryption_algorithm": "aes-256-gcm-16"}}}, map[string]any{"policy_template": map[string]any{"ike_policy": map[string]any{"encryption_algorithm": "3des"}}}, "policy_template.ike_policy.encryption_algorithm must be one of"},
		{"ike dh", id, map[string]any{"policy_template": map[string]any{"ike_policy": map[string]any{"dh_group": "group21"}}}, map[string]any{"policy_template": map[string]any{"ike_policy": map[string]any{"dh_group": "group2"}}}, "dh_group must be one of"},
		{"ike auth", id, map[string]any{"policy_template": map[string]any{"ike_policy": map[string]any{"authentication_algorithm": "sha2-512"}}}, map[string]any{"policy_template": map[string]any{"ike_policy": map[string]any{"authentication_algorithm": "md5"}}}, "authentication_algorithm must be one of"},
		{"ike lifetime", id, map[string]any{"policy_template": map[string]any{"ike_policy": map[string]any{"lifetime_seconds": 60}}}, map[string]any{"policy_template": map[string]any{"ike_policy": map[string]any{"lifetime_seconds": 59}}}, "lifetime_seconds must be between 60 and 604800"},
		{"ipsec lifetime", id, map[string]any{"policy_template": map[string]any{"ipsec_policy": map[string]any{"lifetime_seconds": 30}}}, map[string]any{"policy_template": map[string]any{"ipsec_policy": map[string]any{"lifetime_seconds": 604801}}}, "lifetime_seconds must be between 30 and 604800"},
		{"ipsec pfs", id, map[string]any{"policy_template": map[string]any{"ipsec_policy": map[string]any{"pfs": "disable"}}}, map[string]any{"policy_template": map[string]any{"ipsec_policy": map[string]any{"pfs": "group1"}}}, "pfs must be one of"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			getGW(t, srv, e, c.gw) // settle a previous update
			st, body := put(c.gw, c.valid)
			mustStatus(t, st, http.StatusOK, body)
			getGW(t, srv, e, c.gw)
			if c.invalid == nil {
				return
			}
			st, body = put(c.gw, c.invalid)
			mustStatus(t, st, http.StatusBadRequest, body)
			mustCode(t, body, "VPN.0001", c.msg)
		})
	}
	// The swap happened; the partial policy_template merged over the defaults.
	g := getGW(t, srv, e, id)
	if obj(t, g, "eip2")["id"] != testEIP1 || obj(t, g, "eip1")["id"] != testEIP2 {
		t.Errorf("eips after swap: %v %v", g["eip1"], g["eip2"])
	}
	ike := obj(t, obj(t, g, "policy_template"), "ike_policy")
	if ike["encryption_algorithm"] != "aes-256-gcm-16" || ike["dh_group"] != "group21" || ike["lifetime_seconds"] != 60.0 {
		t.Errorf("ike_policy %v", ike)
	}
}

func TestGateway_updateSpecification(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, set(set(gwBody(), "flavor", "Professional2"), "eip1.bandwidth_size", 500))
	gm := createGW(t, srv, e, set(gwBody(), "flavor", "GM"))
	spec := func(gw string, body any) (int, map[string]any) {
		return signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways/"+gw+"/update-specification"), body)
	}
	getGW(t, srv, e, id)
	for _, c := range []struct {
		name string
		gw   string
		body any
		msg  string
	}{
		{"GM flavor refused", id, wrap(map[string]any{"flavor": "GM"}), "flavor must be one of"},
		{"unknown flavor", id, wrap(map[string]any{"flavor": "Professional3"}), "flavor must be one of"},
		{"flavor required", id, wrap(map[string]any{}), "flavor is required"},
		{"body required", id, map[string]any{}, "vpn_gateway is required"},
		{"bandwidth over new flavor", id, wrap(map[string]any{"flavor": "Professional1"}), "allows at most 300 Mbit/s, eip1 has 500"},
		{"GM gateway fixed", gm, wrap(map[string]any{"flavor": "Professional1"}), "flavor of a GM gateway cannot be changed"},
	} {
		st, body := spec(c.gw, c.body)
		mustStatus(t, st, http.StatusBadRequest, body)
		mustCode(t, body, "VPN.0001", c.msg)
	}
	st, body := spec(id, wrap(map[string]any{"flavor": "Professional2-NonFixedIP"}))
	mustStatus(t, st, http.StatusOK, body)
	if g := getGW(t, srv, e, gm); g["supported_flavors"] != nil {
		t.Errorf("GM gateway lists supported_flavors %v", g["supported_flavors"])
	}
}

func TestGateway_list(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	eps := "7354dda9-demo-a8df-va86-a6b08fb92043"
	a := createGW(t, srv, e, gwBody())
	b := createGW(t, srv, e, set(gwBody(), "enterprise_project_id", eps))
	list := func(q string) []string {
		st, body := signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateways"+q), nil)
		mustStatus(t, st, http.StatusOK, body)
		var ids []string
		for _, g := range body["vpn_gateways"].([]any) {
			ids = append(ids, g.(map[string]any)["id"].(string))
		}
		return ids
	}
	if got := list(""); len(got) != 2 || got[0] != b || got[1] != a {
		t.Fatalf("all: %v", got)
	}
	if got := list("?enterprise_project_id=" + eps); len(got) != 1 || got[0] != b {
		t.Fatalf("eps filter: %v", got)
	}
	if got := list("?enterprise_project_id=0&enterprise_project_id=" + eps); len(got) != 2 {
		t.Fatalf("two eps: %v", got)
	}
	if got := list("?vgw_id=" + a); len(got) != 1 || got[0] != a {
		t.Fatalf("vgw_id filter: %v", got)
	}
	st, body := signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateways?enterprise_project_id=bad"), nil)
	mustStatus(t, st, http.StatusBadRequest, body)
	e.Reset()
	st, body = signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateways"), nil)
	mustStatus(t, st, http.StatusOK, body)
	if l, ok := body["vpn_gateways"].([]any); !ok || len(l) != 0 {
		t.Fatalf("empty list must be [], got %v", body["vpn_gateways"])
	}
}

func TestGateway_availabilityZones(t *testing.T) {
	e, srv := newTestServer(t, Options{Region: "r1"})
	for _, p := range []string{"/v5/", "/v5.1/"} {
		st, body := signedDo(t, srv, e, "GET", p+e.Options().ProjectID+"/vpn-gateways/availability-zones", nil)
		mustStatus(t, st, http.StatusOK, body)
		az := obj(t, body, "availability_zones")
		for _, k := range []string{"basic", "professional1", "professional2", "gm", "Professional1-NonFixedIP", "Professional2-NonFixedIP"} {
			z := obj(t, az, k)
			if vpc, _ := z["vpc"].([]any); len(vpc) != 3 || vpc[0] != "r1a" {
				t.Errorf("%s %s vpc %v", p, k, z["vpc"])
			}
			if er, _ := z["er"].([]any); len(er) != 2 {
				t.Errorf("%s %s er %v", p, k, z["er"])
			}
		}
	}
}

func TestGateway_deleteTakesConnections(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, gwBody())
	getGW(t, srv, e, id)
	e.mu.Lock()
	e.st.Connections["c1"] = &connectionRecord{ID: "c1", VgwID: id, CgwID: "g1", Status: "DOWN"}
	e.st.Connections["c2"] = &connectionRecord{ID: "c2", VgwID: id, CgwID: "g1", Status: "DOWN"}
	e.st.Connections["c3"] = &connectionRecord{ID: "c3", VgwID: id, CgwID: "g2", Status: "DOWN"}
	e.refreshGatewayUsage(id)
	info, ok := e.lookupGateway(id)
	e.mu.Unlock()
	if !ok || len(info.VgwIPs) != 2 || info.Status != "ACTIVE" || info.Flavor != "Professional1" || info.VgwAddresses[0] == "" {
		t.Fatalf("lookupGateway %+v", info)
	}
	g := getGW(t, srv, e, id)
	if g["used_connection_number"] != 3.0 || g["used_connection_group"] != 2.0 {
		t.Fatalf("usage %v %v", g["used_connection_number"], g["used_connection_group"])
	}
	e.mu.Lock()
	e.st.Monitors["m1"] = &monitorRecord{ID: "m1", ConnectionID: "c1"}
	e.mu.Unlock()
	// No source forbids deleting a gateway that has connections (item 8 of
	// issue 14): they go with it, monitors included.
	st, body := signedDo(t, srv, e, "DELETE", projectPath(e, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusNoContent, body)
	st, body = signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusNotFound, body)
	if r := e.Resources(); len(r[KindConnection]) != 0 || len(r[KindMonitor]) != 0 {
		t.Fatalf("left after the gateway: %v", r)
	}
}

// TestGateway_unsourcedRulesDropped: rules no source states are not
// enforced (issue 14 item 8): a GM gateway takes a policy_template update,
// and a Basic gateway reports 200 connections.
func TestGateway_unsourcedRulesDropped(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	gm := createGW(t, srv, e, set(gwBody(), "flavor", "GM"))
	getGW(t, srv, e, gm)
	st, body := signedDo(t, srv, e, "PUT", projectPath(e, "/vpn-gateways/"+gm),
		wrap(map[string]any{"policy_template": map[string]any{"ipsec_policy": map[string]any{"pfs": "group14"}}}))
	mustStatus(t, st, http.StatusOK, body)
	// Nor does one refuse IPv6 on GM (ip_version is the SDK's, for every flavor).
	createGW(t, srv, e, set(set(set(set(gwBody(), "flavor", "GM"), "ip_version", "ipv6"), "local_subnets", del), "local_subnets_v6", []any{"2001:db8::/64"}))
	basic := createGW(t, srv, e, set(gwBody(), "flavor", "Basic"))
	if n := getGW(t, srv, e, basic)["connection_number"]; n != 200.0 {
		t.Errorf("Basic connection_number %v", n)
	}
}

func TestGateway_hooks(t *testing.T) {
	e, srv := newTestServer(t, Options{Delay: time.Hour})
	id := createGW(t, srv, e, gwBody())
	if err := e.SetGatewayStatus(id, "BROKEN"); err == nil {
		t.Fatal("SetGatewayStatus accepted an unknown status")
	}
	if err := e.SetGatewayStatus("nope", "FAULT"); err == nil {
		t.Fatal("SetGatewayStatus accepted an unknown id")
	}
	if err := e.SetGatewayStatus(id, "FAULT"); err != nil {
		t.Fatal(err)
	}
	raw, ok := e.Gateway(id)
	var g map[string]any
	if !ok || json.Unmarshal(raw, &g) != nil || g["status"] != "FAULT" || g["id"] != id {
		t.Fatalf("Gateway: %s", raw)
	}
	// FAULT is settled: updates are not ready, a delete is accepted.
	_, body := signedDo(t, srv, e, "PUT", projectPath(e, "/vpn-gateways/"+id), wrap(map[string]any{"name": "x"}))
	mustCode(t, body, "VPN.0003", "currently FAULT")
	st, body := signedDo(t, srv, e, "DELETE", projectPath(e, "/vpn-gateways/"+id), nil)
	mustStatus(t, st, http.StatusNoContent, body)

	id2 := createGW(t, srv, e, set(gwBody(), "tags", []any{map[string]any{"key": "k", "value": "v"}}))
	if !e.DeleteResource(KindGateway, id2) || e.DeleteResource(KindGateway, id2) {
		t.Fatal("DeleteResource did not report the removal once")
	}
	if _, ok := e.Gateway(id2); ok {
		t.Fatal("gateway still there")
	}
	if len(e.st.Tags[id2]) != 0 {
		t.Fatal("tags left behind")
	}
	e.mu.Lock()
	e.st.CustomerGateways["cg"] = &customerGatewayRecord{ID: "cg"}
	e.st.Monitors["m"] = &monitorRecord{ID: "m"}
	e.st.Certificates["gw"] = &certificateRecord{ID: "cert", VgwID: "gw"}
	e.mu.Unlock()
	for kind, rid := range map[string]string{KindCustomerGateway: "cg", KindMonitor: "m", KindCertificate: "cert"} {
		if !e.DeleteResource(kind, rid) {
			t.Errorf("DeleteResource(%s)", kind)
		}
	}
	if n := len(e.Resources()[KindCertificate]) + len(e.Resources()[KindMonitor]) + len(e.Resources()[KindCustomerGateway]); n != 0 {
		t.Errorf("%d resources left", n)
	}
}

func TestGateway_gmCertificateID(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, set(gwBody(), "flavor", "GM"))
	e.mu.Lock()
	e.st.Certificates[id] = &certificateRecord{ID: "cert-1", VgwID: id, Status: "BOUND"}
	e.mu.Unlock()
	g := getGW(t, srv, e, id)
	if g["certificate_id"] != "cert-1" {
		t.Fatalf("certificate_id %v", g["certificate_id"])
	}
	if _, has := g["policy_template"]; has {
		t.Fatalf("GM gateway shows policy_template")
	}
}

func TestGateway_erAttachment(t *testing.T) {
	e, srv := newTestServer(t, Options{})
	id := createGW(t, srv, e, set(erBody(), "vpc_id", testVPC))
	g := getGW(t, srv, e, id)
	if g["er_id"] != testER || g["er_attachment_id"] == nil || g["access_vpc_id"] != testVPC {
		t.Fatalf("er gateway %v", g)
	}
	if _, has := g["vpc_id"]; has {
		t.Fatalf("er gateway returns vpc_id")
	}
	if _, has := g["local_subnets"]; has {
		t.Fatalf("er gateway returns local_subnets")
	}
}

// TestGateway_availabilityZoneCount: a flavor with one zone takes one zone
// (reference 4.1.1.1: "支持一个可用区时填写一个") and gets that one when none
// is given; a flavor with none cannot be created; two or more take two.
func TestGateway_availabilityZoneCount(t *testing.T) {
	e, srv := newTestServer(t, Options{Region: "r1", Zones: map[string]ZoneLists{
		"gm":    {VPC: []string{"r1c"}, ER: []string{}},
		"basic": {VPC: []string{}},
	}})
	gm := func(azs ...any) map[string]any {
		b := set(gwBody(), "flavor", "GM")
		if azs != nil {
			b = set(b, "availability_zone_ids", azs)
		}
		return b
	}
	id := createGW(t, srv, e, gm("r1c"))
	if got := getGW(t, srv, e, id)["availability_zone_ids"]; !reflect.DeepEqual(got, []any{"r1c"}) {
		t.Errorf("one zone given: %v", got)
	}
	id = createGW(t, srv, e, gm())
	if got := getGW(t, srv, e, id)["availability_zone_ids"]; !reflect.DeepEqual(got, []any{"r1c"}) {
		t.Errorf("none given: %v, want the only zone", got)
	}
	for body, msg := range map[*map[string]any]string{
		ptr(gm("r1c", "r1a")):                 "must list exactly 1 zones (flavor GM supports 1), got 2",
		ptr(gm("r1a")):                        `"r1a" is not a zone of flavor GM`,
		ptr(set(gwBody(), "flavor", "Basic")): "flavor Basic with attachment vpc has no availability zone",
		ptr(set(gwBody(), "availability_zone_ids", []any{"r1a"})): "must list exactly 2 zones (flavor Professional1 supports 3), got 1",
	} {
		st, b := signedDo(t, srv, e, "POST", projectPath(e, "/vpn-gateways"), wrap(*body))
		mustStatus(t, st, http.StatusBadRequest, b)
		mustCode(t, b, "VPN.0001", msg)
	}
	st, b := signedDo(t, srv, e, "GET", projectPath(e, "/vpn-gateways/availability-zones"), nil)
	mustStatus(t, st, http.StatusOK, b)
	if vpc := obj(t, obj(t, b, "availability_zones"), "gm")["vpc"]; !reflect.DeepEqual(vpc, []any{"r1c"}) {
		t.Errorf("availability-zones gm.vpc %v", vpc)
	}
}

func ptr[T any](v T) *T { return &v }
