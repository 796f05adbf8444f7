package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Reference 5.3 step 2 response (get a static connection); a stray duplicated
// timestamp line and the closing brace were repaired.
const refGetConnectionResponse = `{
  "vpn_connection": {
    "id": "98c5af8a-demo-a8df-va86-ae2280a6f4c3",
    "name": "vpn-1655",
    "status": "DOWN",
    "vgw_id": "b32d91a4-demo-a8df-va86-e907174eb11d",
    "vgw_ip": "0c464dad-demo-a8df-va86-c22bb0eb0bde",
    "style": "STATIC",
    "cgw_id": "5247ae10-demo-a8df-va86-dd36659a7f5d",
    "peer_subnets": ["192.168.44.0/24"],
    "tunnel_local_address": "169.254.56.225/30",
    "tunnel_peer_address": "169.254.56.226/30",
    "enable_nqa": false,
    "ikepolicy": {
      "ike_version": "v2",
      "authentication_algorithm": "sha2-256",
      "encryption_algorithm": "aes-128",
      "dh_group": "group15",
      "authentication_method": "pre-share",
      "lifetime_seconds": 86400,
      "local_id_type": "ip",
      "local_id": "10.***.***.134",
      "peer_id_type": "ip",
      "peer_id": "88.***.***.164",
      "dpd": {
        "timeout": 15,
        "interval": 30,
        "msg": "seq-hash-notify"
      }
    },
    "ipsecpolicy": {
      "authentication_algorithm": "sha2-256",
      "encryption_algorithm": "aes-128",
      "pfs": "group15",
      "transform_protocol": "esp",
      "lifetime_seconds": 3600,
      "encapsulation_mode": "tunnel"
    },
    "created_at": "2022-11-26T13:41:34.626Z",
    "updated_at": "2022-11-26T13:41:34.626Z",
    "enterprise_project_id": "0"
  },
  "request_id": "104c5608-b68b-462c-af17-ead2fb5ccee4"
}`

// Reference 4.1.3.3 response a, second item (a POLICY connection).
const refPolicyConnection = `{
  "id": "a4df33ca-demo-a8df-va86-410a7dd6973f",
  "name": "vpn-15ea",
  "status": "DOWN",
  "vgw_id": "02217fb1-demo-a8df-va86-806ea291a8f2",
  "vgw_ip": "f5acac2c-demo-a8df-va86-72b819a5f525",
  "style": "POLICY",
  "cgw_id": "10a4496f-demo-a8df-va86-7510f4b2af33",
  "tunnel_local_address": "169.254.77.169/30",
  "tunnel_peer_address": "169.254.77.170/30",
  "policy_rules": [{
    "rule_index": 1,
    "source": "10.0.0.0/24",
    "destination": ["192.168.44.0/24"]
  }],
  "ikepolicy": {
    "ike_version": "v2",
    "authentication_algorithm": "sha2-256",
    "encryption_algorithm": "aes-128",
    "dh_group": "group15",
    "authentication_method": "pre-share",
    "lifetime_seconds": 3600,
    "local_id_type": "ip",
    "local_id": "88.***.***.167",
    "peer_id_type": "ip",
    "peer_id": "10.***.***.21",
    "dpd": {"interval": 30, "timeout": 15, "msg": "seq-hash-notify"}
  },
  "ipsecpolicy": {
    "authentication_algorithm": "sha2-256",
    "encryption_algorithm": "aes-128",
    "pfs": "group15",
    "transform_protocol": "esp",
    "lifetime_seconds": 3600,
    "encapsulation_mode": "tunnel"
  },
  "created_at": "2022-12-09T07:24:27.674Z",
  "updated_at": "2022-12-09T07:24:27.674Z",
  "enterprise_project_id": "0",
  "ha_role": "master"
}`

// mtFullIKE and mtFullIPsec set every policy field.
func mtFullIKE() *IKEPolicy {
	return &IKEPolicy{IKEVersion: "v1", Phase1NegotiationMode: "main", AuthenticationAlgorithm: "sha2-512",
		EncryptionAlgorithm: "aes-256", DHGroup: "group16", AuthenticationMethod: "pre-share",
		LifetimeSeconds: mtPtr(172800), LocalIDType: "fqdn", LocalID: "local", PeerIDType: "fqdn", PeerID: "peer",
		DPD: &DPD{Timeout: mtPtr(30), Interval: mtPtr(60), Msg: "seq-notify-hash"}}
}

func mtFullIPsec() *IPsecPolicy {
	return &IPsecPolicy{AuthenticationAlgorithm: "sha2-512", EncryptionAlgorithm: "aes-256", PFS: "group16",
		TransformProtocol: "esp", LifetimeSeconds: mtPtr(7200), EncapsulationMode: "tunnel"}
}

// mtPolicyKeys are the flattened keys of mtFullIKE/mtFullIPsec under prefix.
func mtPolicyKeys(prefix string, withAuthMethod bool) []string {
	keys := []string{"ikepolicy", "ikepolicy.ike_version", "ikepolicy.phase1_negotiation_mode",
		"ikepolicy.authentication_algorithm", "ikepolicy.encryption_algorithm", "ikepolicy.dh_group",
		"ikepolicy.lifetime_seconds", "ikepolicy.local_id_type", "ikepolicy.local_id",
		"ikepolicy.peer_id_type", "ikepolicy.peer_id", "ikepolicy.dpd", "ikepolicy.dpd.timeout",
		"ikepolicy.dpd.interval", "ikepolicy.dpd.msg",
		"ipsecpolicy", "ipsecpolicy.authentication_algorithm", "ipsecpolicy.encryption_algorithm",
		"ipsecpolicy.pfs", "ipsecpolicy.transform_protocol", "ipsecpolicy.lifetime_seconds",
		"ipsecpolicy.encapsulation_mode"}
	if withAuthMethod {
		keys = append(keys, "ikepolicy.authentication_method")
	}
	for i := range keys {
		keys[i] = prefix + keys[i]
	}
	return keys
}

func TestCreateVPNConnection_wireAndResponse(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusCreated, refGetConnectionResponse))
	conn, err := c.CreateVPNConnection(context.Background(), &CreateVPNConnectionRequest{
		Name: "vpn-1655", VgwID: "vgw", VgwIP: "eip", Style: "static", CgwID: "cgw",
		PeerSubnets: []string{"192.168.44.0/24"}, PeerSubnetsV6: []string{"fd01::/64"},
		TunnelLocalAddress: "169.254.56.225/30", TunnelPeerAddress: "169.254.56.226/30",
		EnableNQA: mtPtr(true), EnableHub: mtPtr(false), EnableHealthCheck: mtPtr(true),
		PSK: "abcd1234!", PolicyRules: []PolicyRule{{RuleIndex: mtPtr(0), Source: "10.0.0.0/24", Destination: []string{"192.168.0.0/24"}}},
		PolicyRulesV6: []PolicyRule{{Source: "fd00::/64", Destination: []string{"fd01::/64"}}},
		IKEPolicy:     mtFullIKE(), IPsecPolicy: mtFullIPsec(), HARole: "master",
		Tags: []Tag{{Key: "k", Value: "v"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("vpn-connection"), nil)
	want := append([]string{"vpn_connection", "vpn_connection.name", "vpn_connection.vgw_id", "vpn_connection.vgw_ip",
		"vpn_connection.style", "vpn_connection.cgw_id", "vpn_connection.peer_subnets", "vpn_connection.peer_subnets_v6",
		"vpn_connection.tunnel_local_address", "vpn_connection.tunnel_peer_address", "vpn_connection.enable_nqa",
		"vpn_connection.enable_hub", "vpn_connection.enable_health_check", "vpn_connection.psk",
		"vpn_connection.policy_rules", "vpn_connection.policy_rules[].rule_index", "vpn_connection.policy_rules[].source",
		"vpn_connection.policy_rules[].destination", "vpn_connection.policy_rules_v6",
		"vpn_connection.policy_rules_v6[].source", "vpn_connection.policy_rules_v6[].destination",
		"vpn_connection.ha_role", "vpn_connection.tags", "vpn_connection.tags[].key", "vpn_connection.tags[].value"},
		mtPolicyKeys("vpn_connection.", true)...)
	mtExpectKeys(t, call.Body, want...)
	// rule_index 0 and enable_hub false are values, not "unset".
	rules := mtAt(t, call.Body, "vpn_connection.policy_rules").([]any)
	mtEqual(t, "rule_index", rules[0].(map[string]any)["rule_index"], any(float64(0)))
	mtEqual(t, "enable_hub", mtAt(t, call.Body, "vpn_connection.enable_hub"), any(false))

	mtEqual(t, "Status", conn.Status, ConnectionStatusDown)
	mtEqual(t, "Style", conn.Style, "STATIC")
	if conn.EnableNQA == nil || *conn.EnableNQA {
		t.Errorf("EnableNQA = %v, want explicit false", conn.EnableNQA)
	}
	if conn.IKEPolicy == nil || conn.IKEPolicy.DPD == nil || conn.IPsecPolicy == nil {
		t.Fatalf("policies not decoded: %s", mtJSON(conn))
	}
	mtEqual(t, "ike.local_id", conn.IKEPolicy.LocalID, "10.***.***.134")
	mtEqual(t, "ike.lifetime", *conn.IKEPolicy.LifetimeSeconds, 86400)
	mtEqual(t, "dpd.timeout", *conn.IKEPolicy.DPD.Timeout, 15)
	mtEqual(t, "dpd.msg", conn.IKEPolicy.DPD.Msg, "seq-hash-notify")
	mtEqual(t, "ipsec.encapsulation_mode", conn.IPsecPolicy.EncapsulationMode, "tunnel")
	mtEqual(t, "ipsec.lifetime", *conn.IPsecPolicy.LifetimeSeconds, 3600)
}

func TestCreateVPNConnection_explicitFalseNQA(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusCreated, refGetConnectionResponse))
	if _, err := c.CreateVPNConnection(context.Background(), &CreateVPNConnectionRequest{
		VgwID: "vgw", VgwIP: "eip", CgwID: "cgw", PSK: "p", PeerSubnets: []string{"10.1.0.0/16"}, EnableNQA: mtPtr(false),
	}); err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectKeys(t, call.Body, "vpn_connection", "vpn_connection.vgw_id", "vpn_connection.vgw_ip",
		"vpn_connection.cgw_id", "vpn_connection.psk", "vpn_connection.peer_subnets", "vpn_connection.enable_nqa")
	mtEqual(t, "enable_nqa", mtAt(t, call.Body, "vpn_connection.enable_nqa"), any(false))
}

func TestUpdateVPNConnection_wire(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refGetConnectionResponse))
	ike := mtFullIKE()
	ike.AuthenticationMethod = "" // not part of UpdateIkePolicy
	_, err := c.UpdateVPNConnection(context.Background(), "conn-1", &UpdateVPNConnectionRequest{
		Name: "n", CgwID: "cgw2", PeerSubnets: []string{"192.168.1.0/24"}, PeerSubnetsV6: []string{"fd01::/64"},
		TunnelLocalAddress: "169.254.1.1/30", TunnelPeerAddress: "169.254.1.2/30",
		EnableHub: mtPtr(false), PSK: "new-psk-1",
		PolicyRules:   []PolicyRule{{Source: "10.0.0.0/24", Destination: []string{"192.168.0.0/24"}}},
		PolicyRulesV6: []PolicyRule{{Source: "fd00::/64", Destination: []string{"fd01::/64"}}},
		IKEPolicy:     ike, IPsecPolicy: mtFullIPsec(),
	})
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPut, mtPath("vpn-connection", "conn-1"), nil)
	want := append([]string{"vpn_connection", "vpn_connection.name", "vpn_connection.cgw_id",
		"vpn_connection.peer_subnets", "vpn_connection.peer_subnets_v6", "vpn_connection.tunnel_local_address",
		"vpn_connection.tunnel_peer_address", "vpn_connection.enable_hub",
		"vpn_connection.psk", "vpn_connection.policy_rules", "vpn_connection.policy_rules[].source",
		"vpn_connection.policy_rules[].destination", "vpn_connection.policy_rules_v6",
		"vpn_connection.policy_rules_v6[].source", "vpn_connection.policy_rules_v6[].destination"},
		mtPolicyKeys("vpn_connection.", false)...)
	mtExpectKeys(t, call.Body, want...)
	// false is sent, not dropped; enable_nqa is not part of the update body.
	mtEqual(t, "enable_hub", mtAt(t, call.Body, "vpn_connection.enable_hub"), any(false))
}

func TestUpdateVPNConnection_lifetimeOnly(t *testing.T) {
	// Reference 4.1.3.4 request c.
	c, s := mtNew(t, mtAlways(http.StatusOK, refGetConnectionResponse))
	if _, err := c.UpdateVPNConnection(context.Background(), "conn-1", &UpdateVPNConnectionRequest{
		IKEPolicy: &IKEPolicy{LifetimeSeconds: mtPtr(3600)}, IPsecPolicy: &IPsecPolicy{LifetimeSeconds: mtPtr(3600)},
	}); err != nil {
		t.Fatal(err)
	}
	mtExpectKeys(t, s.only().Body, "vpn_connection", "vpn_connection.ikepolicy", "vpn_connection.ikepolicy.lifetime_seconds",
		"vpn_connection.ipsecpolicy", "vpn_connection.ipsecpolicy.lifetime_seconds")
}

func TestGetDeleteVPNConnection_wire(t *testing.T) {
	c, s := mtNew(t, func(_ int, call mtCall) mtReply {
		if call.Method == http.MethodDelete {
			return mtReply{Status: http.StatusNoContent}
		}
		return mtReply{Body: `{"vpn_connection":` + refPolicyConnection + `}`}
	})
	conn, err := c.GetVPNConnection(context.Background(), "a4df33ca-demo-a8df-va86-410a7dd6973f")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteVPNConnection(context.Background(), "a4df33ca-demo-a8df-va86-410a7dd6973f"); err != nil {
		t.Fatal(err)
	}
	calls := s.Calls()
	mtExpectCall(t, calls[0], http.MethodGet, mtPath("vpn-connection", "a4df33ca-demo-a8df-va86-410a7dd6973f"), nil)
	mtExpectCall(t, calls[1], http.MethodDelete, mtPath("vpn-connection", "a4df33ca-demo-a8df-va86-410a7dd6973f"), nil)
	mtEqual(t, "Style", conn.Style, "POLICY")
	mtEqual(t, "HARole", conn.HARole, "master")
	if conn.EnableNQA != nil {
		t.Errorf("EnableNQA = %v, want nil (absent for POLICY)", *conn.EnableNQA)
	}
	if len(conn.PolicyRules) != 1 || conn.PolicyRules[0].RuleIndex == nil || *conn.PolicyRules[0].RuleIndex != 1 {
		t.Fatalf("PolicyRules = %s", mtJSON(conn.PolicyRules))
	}
	mtEqual(t, "rule destination", strings.Join(conn.PolicyRules[0].Destination, ","), "192.168.44.0/24")
}

func TestSDKOnlyConnectionFields_decode(t *testing.T) {
	c, _ := mtNew(t, mtAlways(http.StatusOK, `{"vpn_connection":{"id":"x","connection_monitor_id":"m","enable_hub":true,
		"peer_subnets_v6":["fd01::/64"],"policy_rules_v6":[{"rule_index":0,"source":"fd00::/64","destination":["fd01::/64"]}],
		"tags":[{"key":"k","value":"v"}],
		"bgp_peer":{"peer_ip_address":"169.254.1.2","peer_asn":65000,"state":"Established","state_duration":"1h",
		"num_received_routes":3,"num_message_received":10,"num_message_sent":11}}}`))
	conn, err := c.GetVPNConnection(context.Background(), "x")
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "ConnectionMonitorID", conn.ConnectionMonitorID, "m")
	mtEqual(t, "EnableHub", conn.EnableHub != nil && *conn.EnableHub, true)
	mtEqual(t, "PeerSubnetsV6", strings.Join(conn.PeerSubnetsV6, ","), "fd01::/64")
	mtEqual(t, "PolicyRulesV6 index", *conn.PolicyRulesV6[0].RuleIndex, 0)
	mtEqual(t, "Tags", mtJSON(conn.Tags), `[{"key":"k","value":"v"}]`)
	if conn.BGPPeer == nil {
		t.Fatal("bgp_peer not decoded")
	}
	mtEqual(t, "BGPPeer", *conn.BGPPeer, BGPPeer{PeerIPAddress: "169.254.1.2", PeerAsn: 65000, State: "Established",
		StateDuration: "1h", NumReceivedRoutes: 3, NumMessageReceived: 10, NumMessageSent: 11})
}

// mtConnPage is one page of connections with the given ids and next marker.
func mtConnPage(next string, ids ...string) mtReply {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = fmt.Sprintf(`{"id":%q,"status":"ACTIVE","style":"STATIC","created_at":"t-%s"}`, id, id)
	}
	return mtReply{Body: fmt.Sprintf(`{"vpn_connections":[%s],"page_info":{"next_marker":%q,"current_count":%d},"request_id":"r","total_count":12}`,
		strings.Join(items, ","), next, len(ids))}
}

func TestListVPNConnections_threePagesWithFilters(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtConnPage("t-2", "1", "2"), mtConnPage("t-4", "3", "4"), mtConnPage("", "5")))
	got, err := c.ListVPNConnections(context.Background(), &ListVPNConnectionsOptions{VgwID: "vgw", VgwIP: "eip", EnterpriseProjectID: "0"})
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "items", len(got), 5)
	mtEqual(t, "last", got[4].ID, "5")
	calls := s.Calls()
	mtEqual(t, "pages", len(calls), 3)
	for i, marker := range []string{"", "t-2", "t-4"} {
		q := url.Values{"limit": {"200"}, "vgw_id": {"vgw"}, "vgw_ip": {"eip"}, "enterprise_project_id": {"0"}}
		if marker != "" {
			q.Set("marker", marker)
		}
		mtExpectCall(t, calls[i], http.MethodGet, mtPath("vpn-connection"), q)
	}
}

func TestListVPNConnections_referenceSample(t *testing.T) {
	body := `{"vpn_connections":[` + refPolicyConnection + `],"page_info":{"next_marker":"2022-12-09T07:24:27.674Z","current_count":1},"request_id":"r","total_count":1}`
	c, s := mtNew(t, mtSeq(mtReply{Body: body}, mtConnPage("2022-12-09T07:24:27.674Z")))
	got, err := c.ListVPNConnections(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "items", len(got), 1)
	mtEqual(t, "ike.dpd.interval", *got[0].IKEPolicy.DPD.Interval, 30)
	mtEqual(t, "pages", len(s.Calls()), 2)
	mtExpectCall(t, s.Calls()[0], http.MethodGet, mtPath("vpn-connection"), url.Values{"limit": {"200"}})
}

func TestListVPNConnections_repeatedMarker(t *testing.T) {
	c, _ := mtNew(t, mtSeq(mtConnPage("m1", "1"), mtConnPage("m1", "2")))
	if _, err := c.ListVPNConnections(context.Background(), nil); !errors.Is(err, ErrRepeatedMarker) {
		t.Fatalf("err = %v, want ErrRepeatedMarker", err)
	}
}

func mtConnStatus(status string) mtReply {
	return mtReply{Body: `{"vpn_connection":{"id":"conn-1","status":"` + status + `"}}`}
}

func TestWaitVPNConnectionSettled_downIsSettled(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtConnStatus("PENDING_CREATE"), mtConnStatus("DOWN"), mtConnStatus("ACTIVE")))
	conn, err := c.WaitVPNConnectionSettled(context.Background(), "conn-1")
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "Status", conn.Status, "DOWN")
	mtEqual(t, "polls", len(s.Calls()), 2)
}

func TestWaitVPNConnectionSettled_active(t *testing.T) {
	c, _ := mtNew(t, mtSeq(mtConnStatus("PENDING_UPDATE"), mtConnStatus("ACTIVE")))
	conn, err := c.WaitVPNConnectionSettled(context.Background(), "conn-1")
	if err != nil || conn.Status != "ACTIVE" {
		t.Fatalf("got %v, %v", conn, err)
	}
}

func TestWaitVPNConnectionSettled_error(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtConnStatus("PENDING_CREATE"), mtConnStatus("ERROR"), mtConnStatus("DOWN")))
	_, err := c.WaitVPNConnectionSettled(context.Background(), "conn-1")
	var use *UnexpectedStatusError
	if !errors.As(err, &use) || use.Status != "ERROR" || !strings.Contains(err.Error(), "VPN connection conn-1") {
		t.Fatalf("err = %v, want ERROR naming the connection", err)
	}
	mtEqual(t, "polls", len(s.Calls()), 2)
}

func TestWaitVPNConnectionDeleted(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtConnStatus("PENDING_DELETE"), mtConnStatus("ERROR"), mtReply{Status: http.StatusNotFound, Body: mtNotFound}))
	if err := c.WaitVPNConnectionDeleted(context.Background(), "conn-1"); err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "polls", len(s.Calls()), 3)
}

func TestWaitVPNConnectionDeleted_otherErrorStops(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusBadRequest, `{"error_code":"VPN.0001","error_msg":"invalid"}`))
	err := c.WaitVPNConnectionDeleted(context.Background(), "conn-1")
	if e, ok := AsAPIError(err); !ok || e.Code != "VPN.0001" {
		t.Fatalf("err = %v", err)
	}
	mtEqual(t, "polls", len(s.Calls()), 1)
}

func TestConnectionRequests_StringMasksPSK(t *testing.T) {
	for _, v := range []any{
		CreateVPNConnectionRequest{Name: "n", PSK: "SECRET-PSK"},
		&UpdateVPNConnectionRequest{Name: "n", PSK: "SECRET-PSK"},
	} {
		out := fmt.Sprintf("%+v", v)
		if strings.Contains(out, "SECRET") || !strings.Contains(out, "***") {
			t.Errorf("%T printed as %q", v, out)
		}
	}
}
