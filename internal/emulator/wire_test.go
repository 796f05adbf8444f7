package emulator

import (
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec"
	"github.com/huaweicloudvpn/terraform-provider-huaweicloudvpn/internal/apispec/wirespec"
)

// TestWire_typesMatchReference compares the emulator's own wire types with
// the reference's tables (wirespec.WireModels): every key it reads or writes
// is one the service has, with the service's kind (integer, boolean, array,
// object), and it reads and writes every key of the reference's tables
// (SDK-only keys may be missing).
func TestWire_typesMatchReference(t *testing.T) {
	all := wirespec.WireDiffOptions{Complete: true}
	cases := []struct {
		name  string
		typ   reflect.Type
		model string
		opts  wirespec.WireDiffOptions
	}{
		{"gatewayCreate", reflect.TypeFor[gatewayCreate](), "CreateVgwRequestBodyContent", all},
		{"gatewayUpdate", reflect.TypeFor[gatewayUpdate](), "UpdateVgwRequestBodyContent", all},
		{"gatewaySpec", reflect.TypeFor[gatewaySpec](), "UpdateVgwSpecificationRequestBodyContent", all},
		{"wireGateway", reflect.TypeFor[wireGateway](), "ResponseVpnGateway", all},
		{"ZoneLists", reflect.TypeFor[ZoneLists](), "VpnGatewayAvailabilityZones", all},
		{"certRequestBody", reflect.TypeFor[certRequestBody](), "CreateVpnGatewayCertificateRequestBody", all},
		{"certEnvelope", reflect.TypeFor[certEnvelope](), "VpnGatewayCertificateResponseBody", all},
		{"cgwRequestBody", reflect.TypeFor[cgwRequestBody](), "CreateCgwRequestBody", all},
		{"cgwEnvelope", reflect.TypeFor[cgwEnvelope](), "CustomerGatewayResponseBody", all},
		{"cgwListEnvelope", reflect.TypeFor[cgwListEnvelope](), "ListCgwsResponse", all},
		{"connRequestBody", reflect.TypeFor[connRequestBody](), "CreateVpnConnectionRequestBody", all},
		{"connEnvelope", reflect.TypeFor[connEnvelope](), "VpnConnectionResponseBody", all},
		{"connListEnvelope", reflect.TypeFor[connListEnvelope](), "ListVpnConnectionsResponse", all},
		{"monitorRequestBody", reflect.TypeFor[monitorRequestBody](), "CreateConnectionMonitorRequestBody", all},
		{"monitorEnvelope", reflect.TypeFor[monitorEnvelope](), "ConnectionMonitorResponseBody", all},
		{"monitorListEnvelope", reflect.TypeFor[monitorListEnvelope](), "ListConnectionMonitorsResponse", all},
		{"quotaInfo", reflect.TypeFor[quotaInfo](), "QuotaInfo", all},
		{"tagsBody", reflect.TypeFor[tagsBody](), "ResourceTagsRequestBody", all},
		{"filterBody", reflect.TypeFor[filterBody](), "QueryResourcesRequestBody", all},
		{"filterResource", reflect.TypeFor[filterResource](), "Resource", all},
		{"projectTag", reflect.TypeFor[projectTag](), "Tag", all},
		{"wireTag", reflect.TypeFor[wireTag](), "VpnResourceTag", all},
	}
	for _, c := range cases {
		if d := wirespec.WireDiff(c.typ, c.model, c.opts); len(d) > 0 {
			t.Errorf("%s vs %s:\n  %s", c.name, c.model, strings.Join(d, "\n  "))
		}
	}
}

// TestWire_responsesMatchReference calls every endpoint of sections 4.1.1.1
// to 4.2.2.6 and checks each answer: its top-level keys are exactly the
// reference's response table, and every nested key and value kind is one
// the reference (or the SDK) defines.
func TestWire_responsesMatchReference(t *testing.T) {
	v := newCFEnv(t, Options{})
	pki := newTestPKI(t)
	check := func(name string, body map[string]any, model string) {
		t.Helper()
		if d := wirespec.WireDiffJSON(body, model); len(d) > 0 {
			t.Errorf("%s vs %s:\n  %s", name, model, strings.Join(d, "\n  "))
		}
		var want []string
		for k := range wirespec.WireModels[model] {
			want = append(want, k)
		}
		if got := keysOf(body); !slices.Equal(got, sortedCopy(want)) {
			t.Errorf("%s: top-level keys %v, reference %s has %v", name, got, model, sortedCopy(want))
		}
	}

	// 4.1.1: gateways of every shape, availability zones, GM certificate.
	var gwIDs []string
	for _, o := range []gwOpts{{}, {network: "private"}, {attachment: "er"}, {haMode: "active-standby"}, {flavor: "GM"}} {
		gwIDs = append(gwIDs, v.gateway(o).ID)
	}
	created := v.must(http.StatusCreated, "POST", "/vpn-gateways", map[string]any{"vpn_gateway": map[string]any{
		"vpc_id": newUUID(), "local_subnets": []string{"10.1.0.0/24"}, "connect_subnet": newUUID(),
		"eip1": map[string]any{"type": "5_bgp", "charge_mode": "traffic", "bandwidth_size": 10},
		"eip2": map[string]any{"type": "5_bgp", "charge_mode": "traffic", "bandwidth_size": 10},
	}})
	check("create gateway", created, "VpnGatewayResponseBody")
	for _, id := range gwIDs {
		check("get gateway", v.must(http.StatusOK, "GET", "/vpn-gateways/"+id, nil), "VpnGatewayResponseBody")
	}
	check("list gateways", v.must(http.StatusOK, "GET", "/vpn-gateways", nil), "ListVgwsResponse")
	check("update gateway", v.must(http.StatusOK, "PUT", "/vpn-gateways/"+gwIDs[0], map[string]any{"vpn_gateway": map[string]any{
		"name": "gw-renamed", "policy_template": map[string]any{"ike_policy": map[string]any{"lifetime_seconds": 3600}},
	}}), "VpnGatewayResponseBody")
	check("update specification", v.must(http.StatusOK, "POST", "/vpn-gateways/"+gwIDs[1]+"/update-specification",
		map[string]any{"vpn_gateway": map[string]any{"flavor": "Professional2"}}), "VpnGatewayResponseBody")
	zones := v.must(http.StatusOK, "GET", "/vpn-gateways/availability-zones", nil)
	check("availability zones", zones, "ListAvailabilityZonesResponse")
	for k, z := range obj(t, zones, "availability_zones") {
		if !slices.Contains(apispec.AvailabilityZoneKeys, k) {
			t.Errorf("availability zones: unknown flavor key %q", k)
		}
		if d := wirespec.WireDiffJSON(z, "VpnGatewayAvailabilityZones"); len(d) > 0 {
			t.Errorf("availability zones %s: %v", k, d)
		}
	}
	gm := gwIDs[4]
	check("upload certificate", v.must(http.StatusCreated, "POST", "/vpn-gateways/"+gm+"/certificate",
		map[string]any{"certificate": certBody(pki)}), "VpnGatewayCertificateConfigResponseBody")
	cert := v.must(http.StatusOK, "GET", "/vpn-gateways/"+gm+"/certificate", nil)
	check("get certificate", cert, "VpnGatewayCertificateResponseBody")
	certID := obj(t, cert, "certificate")["id"].(string)
	check("update certificate", v.must(http.StatusOK, "PUT", "/vpn-gateways/"+gm+"/certificate/"+certID,
		map[string]any{"certificate": map[string]any{"name": "cert-renamed"}}), "VpnGatewayCertificateConfigResponseBody")

	// 4.1.2: customer gateways, with and without a CA certificate.
	cgwBody := v.must(http.StatusCreated, "POST", "/customer-gateways", map[string]any{"customer_gateway": map[string]any{
		"id_value": "10.12.13.21", "bgp_asn": 65000, "ca_certificate": map[string]any{"content": pki.CA},
		"tags": []any{map[string]any{"key": "k", "value": "v"}},
	}})
	check("create customer gateway", cgwBody, "CustomerGatewayResponseBody")
	cgw := obj(t, cgwBody, "customer_gateway")["id"].(string)
	fqdn := v.cgw(map[string]any{"id_type": "fqdn", "id_value": "peer.example.com"})
	check("get customer gateway", v.must(http.StatusOK, "GET", "/customer-gateways/"+fqdn, nil), "CustomerGatewayResponseBody")
	check("update customer gateway", v.must(http.StatusOK, "PUT", "/customer-gateways/"+cgw,
		map[string]any{"customer_gateway": map[string]any{"name": "cgw-renamed"}}), "CustomerGatewayResponseBody")
	check("list customer gateways", v.must(http.StatusOK, "GET", "/customer-gateways?limit=1", nil), "ListCgwsResponse")

	// 4.1.3: connections of each style, 4.1.4: a monitor.
	gw := v.gateway(gwOpts{})
	static := connBody(gw, cgw)
	static["enable_nqa"] = true
	static["tags"] = []any{map[string]any{"key": "k", "value": "v"}}
	connCreated := v.must(http.StatusCreated, "POST", "/vpn-connection", map[string]any{"vpn_connection": static})
	check("create connection", connCreated, "VpnConnectionResponseBody")
	connID := obj(t, connCreated, "vpn_connection")["id"].(string)
	policy := connBody(gw, cgw)
	policy["style"] = "policy"
	policy["policy_rules"] = []any{map[string]any{"source": "10.0.0.0/24", "destination": []any{"192.168.0.0/24", "192.168.1.0/24"}}}
	policy["ikepolicy"] = map[string]any{"ike_version": "v1", "local_id_type": "fqdn", "local_id": "a.example", "peer_id_type": "fqdn", "peer_id": "b.example"}
	policyID := v.conn(policy)
	bgp := connBody(gw, cgw)
	bgp["style"] = "bgp"
	bgp["vgw_ip"] = gw.VgwIPs[1]
	bgp["tunnel_local_address"], bgp["tunnel_peer_address"] = "169.254.56.225/30", "169.254.56.226/30"
	v.conn(bgp)
	monitorCreated := v.must(http.StatusCreated, "POST", "/connection-monitors",
		map[string]any{"connection_monitor": map[string]any{"vpn_connection_id": connID}})
	check("create monitor", monitorCreated, "ConnectionMonitorResponseBody")
	monitorID := obj(t, monitorCreated, "connection_monitor")["id"].(string)
	for _, id := range []string{connID, policyID} {
		check("get connection", v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "VpnConnectionResponseBody")
	}
	check("update connection", v.must(http.StatusOK, "PUT", "/vpn-connection/"+policyID,
		map[string]any{"vpn_connection": map[string]any{"name": "vpn-renamed"}}), "VpnConnectionResponseBody")
	check("list connections", v.must(http.StatusOK, "GET", "/vpn-connection?vgw_id="+gw.ID+"&limit=2", nil), "ListVpnConnectionsResponse")
	check("get monitor", v.must(http.StatusOK, "GET", "/connection-monitors/"+monitorID, nil), "ConnectionMonitorResponseBody")
	check("list monitors", v.must(http.StatusOK, "GET", "/connection-monitors?vpn_connection_id="+connID, nil), "ListConnectionMonitorsResponse")

	// 4.2: quotas and tags.
	check("quotas", v.must(http.StatusOK, "GET", "/vpn/quotas", nil), "ShowQuotasInfoResponse")
	for _, rt := range apispec.ResourceTypes {
		filter := map[string]any{"without_any_tag": false, "tags": []any{map[string]any{"key": "k", "values": []any{}}}}
		check(rt+" filter", v.must(http.StatusOK, "POST", "/"+rt+"/resource-instances/filter", filter), "ListResourcesByTagsResponse")
		check(rt+" count", v.must(http.StatusOK, "POST", "/"+rt+"/resource-instances/count", filter), "CountResourcesByTagsResponse")
		check(rt+" project tags", v.must(http.StatusOK, "GET", "/"+rt+"/tags", nil), "ListProjectTagsResponse")
	}
	check("resource tags", v.must(http.StatusOK, "GET", "/vpn-connection/"+connID+"/tags", nil), "ShowResourceTagsResponse")
}

func keysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
