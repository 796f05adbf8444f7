package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Response samples from the reference (4.1.1.x). The PDF extraction lost
// braces and commas; only those were restored, every key and value is the
// reference's own.

// Reference 4.1.1.1, response a (create with existing EIPs).
const refCreateGatewayResponse = `{
  "vpn_gateway": {
    "id": "134f9fb1-demo-a8df-va86-2040a5c13325",
    "name": "vpngw-9f24",
    "network_type": "public",
    "attachment_type": "vpc",
    "vpc_id": "0cf79a3f-demo-a8df-va86-d7ace626b0fa",
    "local_subnets": ["192.168.0.0/24"],
    "connect_subnet": "f5741286-demo-a8df-va86-2c82bd9ee114",
    "bgp_asn": 64512,
    "flavor": "Professional1",
    "connection_number": 200,
    "used_connection_number": 0,
    "used_connection_group": 0,
    "enterprise_project_id": "0",
    "access_vpc_id": "0cf79a3f-demo-a8df-va86-d7ace626b0fa",
    "access_subnet_id": "f5741286-demo-a8df-va86-2c82bd9ee114",
    "ha_mode": "active-active"
  },
  "request_id": "7b37532a-d6e4-46b9-98dc-9169ec2ca58f"
}`

// Reference 4.1.1.2, response a (private gateway).
const refGetGatewayResponse = `{
  "vpn_gateway": {
    "id": "66ddeacb-demo-a8df-va86-9a414b5bd7d5",
    "name": "vpngw-5bd6",
    "network_type": "private",
    "status": "ACTIVE",
    "attachment_type": "vpc",
    "vpc_id": "91a74241-demo-a8df-va86-9b5f98c66c8c",
    "local_subnets": ["192.168.0.0/24"],
    "connect_subnet": "f5741286-demo-a8df-va86-2c82bd9ee114",
    "bgp_asn": 64512,
    "flavor": "Professional1",
    "availability_zone_ids": ["cn-south-1f", "cn-south-1e"],
    "connection_number": 200,
    "used_connection_number": 0,
    "used_connection_group": 0,
    "enterprise_project_id": "0",
    "created_at": "2022-11-28T02:22:27.24Z",
    "updated_at": "2022-11-28T02:22:27.24Z",
    "access_vpc_id": "0cf79a3f-demo-a8df-va86-d7ace626b0fa",
    "access_subnet_id": "f5741286-demo-a8df-va86-2c82bd9ee114",
    "access_private_ip_1": "192.168.146.45", "access_private_ip_2": "192.168.146.77",
    "ha_mode": "active-active"
  },
  "request_id": "28b795f8-d431-4f1e-93ab-1c401a82b799"
}`

// Reference 4.1.1.3, response a, first and third gateways (EIPs, policy template).
const refListGatewaysResponse = `{
  "vpn_gateways": [{
    "id": "8e1d0686-demo-a8df-va86-91f32fa1dfc8",
    "name": "vpngw-1af3",
    "network_type": "public",
    "status": "ACTIVE",
    "attachment_type": "vpc",
    "vpc_id": "91a74241-demo-a8df-va86-9b5f98c66c8c",
    "local_subnets": ["192.168.15.0/24"],
    "connect_subnet": "f5741286-demo-a8df-va86-2c82bd9ee114",
    "bgp_asn": 64512,
    "flavor": "Professional1",
    "availability_zone_ids": ["cn-south-1f", "cn-south-1e"],
    "connection_number": 200,
    "used_connection_number": 0,
    "used_connection_group": 0,
    "enterprise_project_id": "0",
    "eip1": {
      "id": "8ff5d6b5-demo-a8df-va86-b9d598033153",
      "ip_version": 4,
      "type": "5_bgp",
      "ip_address": "88.***.***.111",
      "charge_mode": "bandwidth",
      "bandwidth_size": 300,
      "bandwidth_name": "vpngw-bandwidth-13a3"
    },
    "eip2": {
      "id": "08e7e927-demo-a8df-va86-26a6394021eb",
      "ip_version": 4,
      "type": "5_bgp",
      "ip_address": "88.***.***.199",
      "charge_mode": "bandwidth",
      "bandwidth_size": 300,
      "bandwidth_name": "vpngw-bandwidth-1afb"
    },
    "created_at": "2022-11-28T02:36:16.834Z",
    "updated_at": "2022-11-28T02:36:16.834Z",
    "access_vpc_id": "91a74241-demo-a8df-va86-9b5f98c66c8c",
    "access_subnet_id": "f5741286-demo-a8df-va86-2c82bd9ee114",
    "ha_mode": "active-active"
  }, {
    "id":"66ddeacb-demo-a8df-va86-9a414b5bd7d5",
    "name":"vpngw-5bd6",
    "network_type":"public",
    "status":"ACTIVE",
    "attachment_type":"vpc",
    "vpc_id":"c62fad0d-demo-a8df-va86-e06c4c351b9f",
    "local_subnets":["192.168.0.0/24"],
    "connect_subnet":"fd75bf7b--demo-a8df-va86-db13f03e299a",
    "bgp_asn":64512,
    "availability_zone_ids":["cn-north-7c"],
    "connection_number":200,
    "used_connection_number":0,
    "used_connection_group":0,
    "enterprise_project_id":"0",
    "ha_mode":"active-standby",
    "policy_template":{
      "ike_policy":{
        "encryption_algorithm":"aes-128",
        "dh_group":"group20",
        "authentication_algorithm": "sha2-256",
        "lifetime_seconds":86400
      },
      "ipsec_policy":{
        "authentication_algorithm":"sha2-256",
        "encryption_algorithm":"aes-128",
        "pfs":"group20",
        "lifetime_seconds":3600
      }
    },
    "created_at":"2022-11-28T02:22:27.24Z",
    "updated_at":"2022-11-28T02:22:27.24Z"
  }],
  "request_id": "de1b6caf-d024-4dac-850e-645af40c84f3"
}`

func TestCreateVPNGateway_wireAndResponse(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusCreated, refCreateGatewayResponse))
	req := &CreateVPNGatewayRequest{
		Name:                "vpngw-9f24",
		NetworkType:         "public",
		AttachmentType:      "vpc",
		IPVersion:           "ipv4",
		ErID:                "er-1",
		VpcID:               "0cf79a3f-demo-a8df-va86-d7ace626b0fa",
		LocalSubnets:        []string{"192.168.0.0/24"},
		LocalSubnetsV6:      []string{"fd00::/64"},
		ConnectSubnet:       "f5741286-demo-a8df-va86-2c82bd9ee114",
		BgpAsn:              mtPtr(int64(64512)),
		Flavor:              "Professional1",
		AvailabilityZoneIDs: []string{"cn-south-1f", "cn-south-1e"},
		EnterpriseProjectID: "0",
		EIP1:                &EIPRequest{ID: "eip-1"},
		EIP2: &EIPRequest{Type: "5_bgp", ChargeMode: "traffic", BandwidthSize: mtPtr(300),
			BandwidthName: "bw", BandwidthID: "bw-1"},
		AccessVpcID:      "access-vpc",
		AccessSubnetID:   "access-subnet",
		AccessPrivateIP1: "192.168.1.10",
		AccessPrivateIP2: "192.168.1.11",
		HAMode:           "active-active",
		Tags:             []Tag{{Key: "env", Value: "test"}},
	}
	gw, err := c.CreateVPNGateway(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("vpn-gateways"), nil)
	// Every field of CreateVgwRequestBodyContent, spelt as in the reference/SDK.
	mtExpectKeys(t, call.Body,
		"vpn_gateway", "vpn_gateway.name", "vpn_gateway.network_type", "vpn_gateway.attachment_type",
		"vpn_gateway.ip_version", "vpn_gateway.er_id", "vpn_gateway.vpc_id", "vpn_gateway.local_subnets",
		"vpn_gateway.local_subnets_v6", "vpn_gateway.connect_subnet", "vpn_gateway.bgp_asn",
		"vpn_gateway.flavor", "vpn_gateway.availability_zone_ids", "vpn_gateway.enterprise_project_id",
		"vpn_gateway.eip1", "vpn_gateway.eip1.id",
		"vpn_gateway.eip2", "vpn_gateway.eip2.type", "vpn_gateway.eip2.charge_mode",
		"vpn_gateway.eip2.bandwidth_size", "vpn_gateway.eip2.bandwidth_name", "vpn_gateway.eip2.bandwidth_id",
		"vpn_gateway.access_vpc_id", "vpn_gateway.access_subnet_id",
		"vpn_gateway.access_private_ip_1", "vpn_gateway.access_private_ip_2",
		"vpn_gateway.ha_mode", "vpn_gateway.tags", "vpn_gateway.tags[].key", "vpn_gateway.tags[].value")
	mtEqual(t, "bgp_asn", mtAt(t, call.Body, "vpn_gateway.bgp_asn"), any(float64(64512)))
	mtEqual(t, "eip2.bandwidth_size", mtAt(t, call.Body, "vpn_gateway.eip2.bandwidth_size"), any(float64(300)))

	mtEqual(t, "ID", gw.ID, "134f9fb1-demo-a8df-va86-2040a5c13325")
	mtEqual(t, "Flavor", gw.Flavor, "Professional1")
	mtEqual(t, "BgpAsn", gw.BgpAsn, int64(64512))
	mtEqual(t, "ConnectionNumber", gw.ConnectionNumber, 200)
	mtEqual(t, "HAMode", gw.HAMode, "active-active")
	mtEqual(t, "AccessSubnetID", gw.AccessSubnetID, "f5741286-demo-a8df-va86-2c82bd9ee114")
	if len(gw.LocalSubnets) != 1 || gw.LocalSubnets[0] != "192.168.0.0/24" {
		t.Errorf("LocalSubnets = %v", gw.LocalSubnets)
	}
}

func TestCreateVPNGateway_unsetFieldsNotSent(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusCreated, refCreateGatewayResponse))
	_, err := c.CreateVPNGateway(context.Background(), &CreateVPNGatewayRequest{
		VpcID: "v", LocalSubnets: []string{"10.0.0.0/24"}, ConnectSubnet: "s",
		EIP1: &EIPRequest{ID: "e1"}, EIP2: &EIPRequest{ID: "e2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	mtExpectKeys(t, s.only().Body, "vpn_gateway", "vpn_gateway.vpc_id", "vpn_gateway.local_subnets",
		"vpn_gateway.connect_subnet", "vpn_gateway.eip1", "vpn_gateway.eip1.id", "vpn_gateway.eip2", "vpn_gateway.eip2.id")
}

func TestGetVPNGateway_unwrapsReferenceSample(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refGetGatewayResponse))
	gw, err := c.GetVPNGateway(context.Background(), "66ddeacb-demo-a8df-va86-9a414b5bd7d5")
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodGet, mtPath("vpn-gateways", "66ddeacb-demo-a8df-va86-9a414b5bd7d5"), nil)
	if len(call.Raw) != 0 {
		t.Errorf("GET sent a body: %s", call.Raw)
	}
	mtEqual(t, "Status", gw.Status, GatewayStatusActive)
	mtEqual(t, "NetworkType", gw.NetworkType, "private")
	mtEqual(t, "AccessPrivateIP1", gw.AccessPrivateIP1, "192.168.146.45")
	mtEqual(t, "AccessPrivateIP2", gw.AccessPrivateIP2, "192.168.146.77")
	mtEqual(t, "CreatedAt", gw.CreatedAt, "2022-11-28T02:22:27.24Z")
	mtEqual(t, "AZ count", len(gw.AvailabilityZoneIDs), 2)
}

func TestGetVPNGateway_escapesID(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refGetGatewayResponse))
	if _, err := c.GetVPNGateway(context.Background(), "a/b c"); err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "path", s.only().Path, mtPath("vpn-gateways", "a%2Fb%20c"))
}

func TestGetVPNGateway_errors(t *testing.T) {
	c, _ := mtNew(t, mtSeq(mtReply{Status: http.StatusNotFound, Body: mtNotFound},
		mtReply{Body: `{"request_id":"x"}`}, mtReply{Body: `{"vpn_gateway":null}`}))
	_, err := c.GetVPNGateway(context.Background(), "gone")
	if !IsNotFound(err) {
		t.Errorf("404: IsNotFound(%v) = false", err)
	}
	for _, what := range []string{"missing", "null"} {
		gw, err := c.GetVPNGateway(context.Background(), "x")
		if err == nil || gw != nil || !strings.Contains(err.Error(), "no vpn_gateway object") {
			t.Errorf("%s wrapper: got %v, %v; want an error naming vpn_gateway", what, gw, err)
		}
	}
}

func TestListVPNGateways_queryAndSample(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refListGatewaysResponse))
	gws, err := c.ListVPNGateways(context.Background(), &ListVPNGatewaysOptions{EnterpriseProjectID: "ep-1", VgwID: "g-1"})
	if err != nil {
		t.Fatal(err)
	}
	mtExpectCall(t, s.only(), http.MethodGet, mtPath("vpn-gateways"), url.Values{"enterprise_project_id": {"ep-1"}, "vgw_id": {"g-1"}})
	if len(gws) != 2 {
		t.Fatalf("got %d gateways, want 2", len(gws))
	}
	if gws[0].EIP1 == nil || gws[0].EIP2 == nil {
		t.Fatalf("EIPs not decoded: %s", mtJSON(gws[0]))
	}
	mtEqual(t, "EIP1.IPAddress", gws[0].EIP1.IPAddress, "88.***.***.111")
	mtEqual(t, "EIP1.IPVersion", gws[0].EIP1.IPVersion, 4)
	mtEqual(t, "EIP2.BandwidthSize", gws[0].EIP2.BandwidthSize, 300)
	mtEqual(t, "EIP2.ChargeMode", gws[0].EIP2.ChargeMode, "bandwidth")
	pt := gws[1].PolicyTemplate
	if pt == nil || pt.IKEPolicy == nil || pt.IPsecPolicy == nil {
		t.Fatalf("policy_template not decoded: %s", mtJSON(gws[1]))
	}
	mtEqual(t, "ike.dh_group", pt.IKEPolicy.DHGroup, "group20")
	mtEqual(t, "ike.lifetime", *pt.IKEPolicy.LifetimeSeconds, 86400)
	mtEqual(t, "ipsec.pfs", pt.IPsecPolicy.PFS, "group20")
	mtEqual(t, "ipsec.lifetime", *pt.IPsecPolicy.LifetimeSeconds, 3600)
	mtEqual(t, "HAMode", gws[1].HAMode, "active-standby")
}

func TestListVPNGateways_noOptions(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, `{"vpn_gateways":[],"request_id":"r"}`))
	gws, err := c.ListVPNGateways(context.Background(), nil)
	if err != nil || len(gws) != 0 {
		t.Fatalf("got %v, %v", gws, err)
	}
	mtExpectCall(t, s.only(), http.MethodGet, mtPath("vpn-gateways"), nil)
}

func TestSDKOnlyGatewayFields_decode(t *testing.T) {
	body := `{"vpn_gateway":{"id":"g","ip_version":"ipv6","er_attachment_id":"att","local_subnets_v6":["fd00::/64"],
		"supported_flavors":["Professional2"],"supported_features":["ipv6"],"public_border_group":"center",
		"applied_at":"2024-01-01T00:00:00Z","upgrade_info":"ready","certificate_id":"cert"}}`
	c, _ := mtNew(t, mtAlways(http.StatusOK, body))
	gw, err := c.GetVPNGateway(context.Background(), "g")
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "IPVersion", gw.IPVersion, "ipv6")
	mtEqual(t, "ErAttachmentID", gw.ErAttachmentID, "att")
	mtEqual(t, "PublicBorderGroup", gw.PublicBorderGroup, "center")
	mtEqual(t, "AppliedAt", gw.AppliedAt, "2024-01-01T00:00:00Z")
	mtEqual(t, "UpgradeInfo", gw.UpgradeInfo, "ready")
	mtEqual(t, "CertificateID", gw.CertificateID, "cert")
	mtEqual(t, "SupportedFlavors", strings.Join(gw.SupportedFlavors, ","), "Professional2")
	mtEqual(t, "SupportedFeatures", strings.Join(gw.SupportedFeatures, ","), "ipv6")
	mtEqual(t, "LocalSubnetsV6", strings.Join(gw.LocalSubnetsV6, ","), "fd00::/64")
}

func TestUpdateVPNGateway_wire(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refGetGatewayResponse))
	gw, err := c.UpdateVPNGateway(context.Background(), "g-1", &UpdateVPNGatewayRequest{
		Name:           "vpngw-4321",
		LocalSubnets:   []string{"192.168.0.0/24"},
		LocalSubnetsV6: []string{"fd00::/64"},
		EIPID1:         "e1",
		EIPID2:         "e2",
		PolicyTemplate: &PolicyTemplate{
			IKEPolicy: &PolicyTemplateIKE{EncryptionAlgorithm: "aes-256", DHGroup: "group21",
				AuthenticationAlgorithm: "sha2-512", LifetimeSeconds: mtPtr(3600)},
			IPsecPolicy: &PolicyTemplateIPsec{EncryptionAlgorithm: "aes-256", AuthenticationAlgorithm: "sha2-512",
				PFS: "disable", LifetimeSeconds: mtPtr(1800)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPut, mtPath("vpn-gateways", "g-1"), nil)
	mtExpectKeys(t, call.Body, "vpn_gateway", "vpn_gateway.name", "vpn_gateway.local_subnets",
		"vpn_gateway.local_subnets_v6", "vpn_gateway.eip_id_1", "vpn_gateway.eip_id_2",
		"vpn_gateway.policy_template", "vpn_gateway.policy_template.ike_policy",
		"vpn_gateway.policy_template.ike_policy.encryption_algorithm",
		"vpn_gateway.policy_template.ike_policy.dh_group",
		"vpn_gateway.policy_template.ike_policy.authentication_algorithm",
		"vpn_gateway.policy_template.ike_policy.lifetime_seconds",
		"vpn_gateway.policy_template.ipsec_policy",
		"vpn_gateway.policy_template.ipsec_policy.encryption_algorithm",
		"vpn_gateway.policy_template.ipsec_policy.authentication_algorithm",
		"vpn_gateway.policy_template.ipsec_policy.pfs",
		"vpn_gateway.policy_template.ipsec_policy.lifetime_seconds")
	mtEqual(t, "ID", gw.ID, "66ddeacb-demo-a8df-va86-9a414b5bd7d5")
}

func TestUpdateVPNGateway_retriesWhileNotReady(t *testing.T) {
	c, s := mtNew(t, mtSeq(
		mtReply{Status: http.StatusForbidden, Body: mtNotReady},
		mtReply{Status: http.StatusForbidden, Body: mtNotReady},
		mtReply{Body: refGetGatewayResponse}))
	if _, err := c.UpdateVPNGateway(context.Background(), "g-1", &UpdateVPNGatewayRequest{Name: "n"}); err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "calls", len(s.Calls()), 3)
}

func TestDeleteVPNGateway_authErrorNotRetried(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusForbidden, `{"error_code":"VPN.0003","error_msg":"authentication failed"}`))
	err := c.DeleteVPNGateway(context.Background(), "g-1")
	if e, ok := AsAPIError(err); !ok || e.Code != "VPN.0003" {
		t.Fatalf("err = %v, want the VPN.0003 APIError", err)
	}
	mtEqual(t, "calls", len(s.Calls()), 1)
}

func TestUpdateVPNGatewaySpecification_wire(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusOK, refGetGatewayResponse))
	if _, err := c.UpdateVPNGatewaySpecification(context.Background(), "g-1",
		&UpdateVPNGatewaySpecificationRequest{Flavor: "Basic"}); err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodPost, mtPath("vpn-gateways", "g-1", "update-specification"), nil)
	mtExpectKeys(t, call.Body, "vpn_gateway", "vpn_gateway.flavor")
	mtEqual(t, "flavor", mtAt(t, call.Body, "vpn_gateway.flavor"), any("Basic"))
}

func TestDeleteVPNGateway_wire(t *testing.T) {
	c, s := mtNew(t, mtAlways(http.StatusNoContent, ""))
	if err := c.DeleteVPNGateway(context.Background(), "g-1"); err != nil {
		t.Fatal(err)
	}
	call := s.only()
	mtExpectCall(t, call, http.MethodDelete, mtPath("vpn-gateways", "g-1"), nil)
	if len(call.Raw) != 0 {
		t.Errorf("DELETE sent a body: %s", call.Raw)
	}
}

func mtGatewayStatus(status string) mtReply {
	return mtReply{Body: `{"vpn_gateway":{"id":"g-1","status":"` + status + `","flavor":"Professional1"}}`}
}

func TestWaitVPNGatewayActive(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtGatewayStatus("PENDING_CREATE"), mtGatewayStatus("PENDING_CREATE"), mtGatewayStatus("ACTIVE")))
	gw, err := c.WaitVPNGatewayActive(context.Background(), "g-1")
	if err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "Status", gw.Status, "ACTIVE")
	calls := s.Calls()
	mtEqual(t, "polls", len(calls), 3)
	for _, call := range calls {
		mtExpectCall(t, call, http.MethodGet, mtPath("vpn-gateways", "g-1"), nil)
	}
}

func TestWaitVPNGatewayActive_faultFailsFast(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtGatewayStatus("PENDING_CREATE"), mtGatewayStatus("FAULT"), mtGatewayStatus("ACTIVE")))
	gw, err := c.WaitVPNGatewayActive(context.Background(), "g-1")
	var use *UnexpectedStatusError
	if !errors.As(err, &use) {
		t.Fatalf("err = %v, want *UnexpectedStatusError", err)
	}
	mtEqual(t, "Status", use.Status, "FAULT")
	if !strings.Contains(err.Error(), "VPN gateway g-1") || !strings.Contains(err.Error(), "FAULT") {
		t.Errorf("error %q does not name the gateway and its status", err)
	}
	if gw == nil || gw.Status != "FAULT" {
		t.Errorf("last gateway = %+v, want the FAULT one", gw)
	}
	mtEqual(t, "polls", len(s.Calls()), 2)
}

func TestWaitVPNGatewayDeleted_404Ends(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtGatewayStatus("PENDING_DELETE"), mtGatewayStatus("FAULT"),
		mtReply{Status: http.StatusNotFound, Body: mtNotFound}))
	if err := c.WaitVPNGatewayDeleted(context.Background(), "g-1"); err != nil {
		t.Fatal(err)
	}
	mtEqual(t, "polls", len(s.Calls()), 3)
}

// A delete wait does not poll on through a lasting FREEZED (the account is
// frozen: nothing is deleted until the freeze is lifted).
func TestWaitVPNGatewayDeleted_persistentFreezedFails(t *testing.T) {
	c, s := mtNew(t, mtSeq(mtGatewayStatus("PENDING_DELETE"), mtGatewayStatus("FREEZED"),
		mtGatewayStatus("FREEZED"), mtGatewayStatus("FREEZED"), mtGatewayStatus("PENDING_DELETE")))
	err := c.WaitVPNGatewayDeleted(context.Background(), "g-1")
	var ue *UnexpectedStatusError
	if !errors.As(err, &ue) || ue.Status != "FREEZED" || !strings.Contains(err.Error(), "account is frozen") {
		t.Fatalf("err = %v, want a FREEZED UnexpectedStatusError", err)
	}
	mtEqual(t, "polls", len(s.Calls()), 4)
}

func TestWaitVPNGatewayDeleted_honoursCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := mtNew(t, func(i int, _ mtCall) mtReply {
		if i == 2 {
			cancel()
		}
		return mtGatewayStatus("PENDING_DELETE")
	})
	err := c.WaitVPNGatewayDeleted(ctx, "g-1")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
