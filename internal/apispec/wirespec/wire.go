// Package wirespec holds the API's JSON objects as the reference's tables
// give them, for tests of the client and the emulator only: no production
// code imports it, so it is not linked into the provider or the emulator.
package wirespec

// The JSON objects of the API, transcribed field by field from the
// reference's request and response tables (sections 4.1.1.1-4.2.2.6), with
// the SDK's extra fields (sdk-field-reference.txt) marked "sdk:". The client
// and the emulator keep their own wire types; their tests compare those
// types with these models (WireDiff), so a JSON key misspelt the same way on
// both sides, or a number sent as a string, fails a test instead of passing
// against the emulator and failing against the service.

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// WireField is one key of a WireModels object. Kind is "string", "integer",
// "boolean", "[]string", "any", a model name (an object) or "[]" plus a
// model name (an array of objects).
type WireField struct {
	Kind string
	// SDKOnly marks a field the reference's tables omit and the SDK has.
	SDKOnly bool
}

// wireModel parses "name kind" lines; a "sdk:" prefix marks SDK-only fields.
func wireModel(lines ...string) map[string]WireField {
	m := make(map[string]WireField, len(lines))
	for _, l := range lines {
		name, kind, ok := strings.Cut(l, " ")
		if !ok {
			panic("wirespec: bad wire field " + l)
		}
		sdk := strings.HasPrefix(name, "sdk:")
		m[strings.TrimPrefix(name, "sdk:")] = WireField{Kind: kind, SDKOnly: sdk}
	}
	return m
}

// WireModels are the API's objects by the reference's (or SDK's) model name.
var WireModels = map[string]map[string]WireField{
	// 4.1.1.1 表4-3 / SDK CreateVgwRequestBodyContent. er_id: NOTES.md item 2.
	"CreateVgwRequestBodyContent": wireModel(
		"name string", "network_type string", "attachment_type string", "sdk:ip_version string", "sdk:er_id string",
		"vpc_id string", "local_subnets []string", "sdk:local_subnets_v6 []string", "connect_subnet string",
		"bgp_asn integer", "flavor string", "availability_zone_ids []string", "enterprise_project_id string",
		"eip1 CreateRequestEip", "eip2 CreateRequestEip", "access_vpc_id string", "access_subnet_id string",
		"ha_mode string", "access_private_ip_1 string", "access_private_ip_2 string", "tags []VpnResourceTag"),
	// 表4-4.
	"CreateRequestEip": wireModel(
		"id string", "type string", "sdk:charge_mode string", "bandwidth_size integer", "bandwidth_name string",
		"sdk:bandwidth_id string"),
	// 表4-5 and every VpnResourceTag table.
	"VpnResourceTag": wireModel("key string", "value string"),
	// 表4-7/4-14/4-23/4-36/4-46 ResponseVpnGateway; er_id is in the list example and the SDK.
	"ResponseVpnGateway": wireModel(
		"id string", "name string", "status string", "network_type string", "attachment_type string",
		"sdk:ip_version string", "certificate_id string", "sdk:er_id string", "sdk:er_attachment_id string",
		"vpc_id string", "local_subnets []string", "sdk:local_subnets_v6 []string", "connect_subnet string",
		"access_vpc_id string", "access_subnet_id string", "access_private_ip_1 string", "access_private_ip_2 string",
		"bgp_asn integer", "flavor string", "availability_zone_ids []string", "sdk:public_border_group string",
		"connection_number integer", "used_connection_number integer", "used_connection_group integer",
		"enterprise_project_id string", "ha_mode string", "eip1 ResponseEip", "eip2 ResponseEip",
		"created_at string", "sdk:applied_at string", "updated_at string", "policy_template PolicyTemplate",
		"sdk:supported_flavors []string", "sdk:supported_features []string", "sdk:upgrade_info string",
		"tags []VpnResourceTag"),
	// 表4-15.
	"ResponseEip": wireModel(
		"id string", "ip_version integer", "ip_billing_info string", "type string", "ip_address string",
		"charge_mode string", "sdk:bandwidth_id string", "bandwidth_size integer", "bandwidth_name string",
		"bandwidth_billing_info string", "sdk:share_type string"),
	// 表4-9/4-10/4-11 (responses) and 表4-32/4-33/4-34 (update request).
	"PolicyTemplate": wireModel("ike_policy VgwIkePolicy", "ipsec_policy VgwIpsecPolicy"),
	"VgwIkePolicy": wireModel(
		"encryption_algorithm string", "dh_group string", "authentication_algorithm string", "lifetime_seconds integer"),
	"VgwIpsecPolicy": wireModel(
		"authentication_algorithm string", "encryption_algorithm string", "pfs string", "lifetime_seconds integer"),
	// 4.1.1.4 表4-31.
	"UpdateVgwRequestBodyContent": wireModel(
		"name string", "local_subnets []string", "sdk:local_subnets_v6 []string", "eip_id_1 string",
		"eip_id_2 string", "policy_template PolicyTemplate"),
	// 4.1.1.5 表4-44.
	"UpdateVgwSpecificationRequestBodyContent": wireModel("flavor string"),
	// 4.1.1.7 表4-56 (er: the example and the SDK).
	"VpnGatewayAvailabilityZones": wireModel("vpc []string", "er []string"),
	// 4.1.1.8 表4-59.
	"CreateVpnGatewayCertificateRequestBodyContent": wireModel(
		"name string", "certificate string", "private_key string", "certificate_chain string",
		"enc_certificate string", "enc_private_key string"),
	// 4.1.1.10 表4-67.
	"UpdateVpnGatewayCertificateRequestBodyContent": wireModel(
		"name string", "certificate string", "private_key string", "certificate_chain string",
		"enc_certificate string", "enc_private_key string"),
	// 4.1.1.9 表4-64.
	"VpnGatewayCertificate": wireModel(
		"id string", "name string", "project_id string", "vgw_id string", "status string", "issuer string",
		"signature_algorithm string", "certificate_serial_number string", "certificate_subject string",
		"certificate_expire_time string", "certificate_chain_serial_number string",
		"certificate_chain_subject string", "certificate_chain_expire_time string",
		"enc_certificate_serial_number string", "enc_certificate_subject string",
		"enc_certificate_expire_time string", "created_at string", "updated_at string"),
	// 4.1.1.8 表4-61 / 4.1.1.10 表4-69.
	"VpnGatewayCertificateConfig": wireModel(
		"id string", "name string", "vgw_id string", "issuer string",
		"signature_algorithm string", "certificate_serial_number string", "certificate_subject string",
		"certificate_expire_time string", "certificate_chain_serial_number string",
		"certificate_chain_subject string", "certificate_chain_expire_time string",
		"enc_certificate_serial_number string", "enc_certificate_subject string",
		"enc_certificate_expire_time string", "created_at string"),

	// 4.1.2.1 表4-72.
	"CreateCgwRequestBodyContent": wireModel(
		"name string", "id_type string", "id_value string", "bgp_asn integer",
		"ca_certificate CaCertificateRequest", "tags []VpnResourceTag"),
	// 表4-73 / 4-94.
	"CaCertificateRequest": wireModel("id string", "content string"),
	// 4.1.2.4 表4-93.
	"UpdateCgwRequestBodyContent": wireModel("name string", "ca_certificate CaCertificateRequest"),
	// 表4-76/4-81/4-87/4-96.
	"ResponseCustomerGateway": wireModel(
		"id string", "name string", "id_type string", "id_value string", "bgp_asn integer",
		"ca_certificate CaCertificate", "created_at string", "updated_at string", "tags []VpnResourceTag"),
	// 表4-77.
	"CaCertificate": wireModel(
		"id string", "serial_number string", "signature_algorithm string", "issuer string", "subject string",
		"expire_time string", "is_updatable boolean"),
	// 表4-90 / 4-132.
	"PageInfo": wireModel("next_marker string", "current_count integer"),
	// 表4-86.
	"ListCgwsResponse": wireModel(
		"customer_gateways []ResponseCustomerGateway", "total_count integer", "page_info PageInfo",
		"request_id string"),

	// 4.1.3.1 表4-102. The table spells the peer subnets "peer_subnet"; the
	// examples and the SDK "peer_subnets" (NOTES.md: accept both).
	"CreateVpnConnectionRequestBodyContent": wireModel(
		"name string", "vgw_id string", "vgw_ip string", "style string", "cgw_id string",
		"peer_subnet []string", "peer_subnets []string", "tunnel_local_address string",
		"tunnel_peer_address string", "enable_nqa boolean", "sdk:enable_hub boolean",
		"sdk:enable_health_check boolean", "psk string", "policy_rules []PolicyRule", "ikepolicy IkePolicy",
		"ipsecpolicy IpsecPolicy", "ha_role string", "tags []VpnResourceTag", "sdk:peer_subnets_v6 []string",
		"sdk:policy_rules_v6 []PolicyRule"),
	// 表4-103 / 4-110.
	"PolicyRule": wireModel("rule_index integer", "source string", "destination []string"),
	// 表4-104 / 4-111.
	"IkePolicy": wireModel(
		"ike_version string", "phase1_negotiation_mode string", "authentication_algorithm string",
		"encryption_algorithm string", "dh_group string", "authentication_method string",
		"lifetime_seconds integer", "local_id_type string", "local_id string", "peer_id_type string",
		"peer_id string", "dpd Dpd"),
	// 表4-105 / 4-112 / 4-138 (UpdateDpd has the same keys).
	"Dpd": wireModel("timeout integer", "interval integer", "msg string"),
	// 表4-106 / 4-113 / 4-139.
	"IpsecPolicy": wireModel(
		"authentication_algorithm string", "encryption_algorithm string", "pfs string",
		"transform_protocol string", "lifetime_seconds integer", "encapsulation_mode string"),
	// 4.1.3.4 表4-135.
	"UpdateVpnConnectionRequestBodyContent": wireModel(
		"name string", "cgw_id string", "peer_subnets []string", "tunnel_local_address string",
		"tunnel_peer_address string", "sdk:enable_hub boolean", "psk string", "policy_rules []PolicyRule",
		"ikepolicy UpdateIkePolicy", "ipsecpolicy IpsecPolicy", "sdk:peer_subnets_v6 []string",
		"sdk:policy_rules_v6 []PolicyRule"),
	// 表4-137: IkePolicy without authentication_method.
	"UpdateIkePolicy": wireModel(
		"ike_version string", "phase1_negotiation_mode string", "authentication_algorithm string",
		"encryption_algorithm string", "dh_group string", "lifetime_seconds integer", "local_id_type string",
		"local_id string", "peer_id_type string", "peer_id string", "dpd Dpd"),
	// 表4-109/4-117/4-126 (+ SDK CreateResponseVpnConnection's enable_health_check).
	"ResponseVpnConnection": wireModel(
		"id string", "name string", "status string", "vgw_id string", "vgw_ip string", "style string",
		"cgw_id string", "peer_subnets []string", "tunnel_local_address string", "tunnel_peer_address string",
		"enable_nqa boolean", "sdk:enable_hub boolean", "sdk:enable_health_check boolean",
		"policy_rules []PolicyRule", "ikepolicy IkePolicy", "ipsecpolicy IpsecPolicy", "created_at string",
		"updated_at string", "enterprise_project_id string", "connection_monitor_id string", "ha_role string",
		"tags []VpnResourceTag", "sdk:peer_subnets_v6 []string", "sdk:policy_rules_v6 []PolicyRule",
		"sdk:bgp_peer BgpPeer"),
	"BgpPeer": wireModel(
		"sdk:peer_ip_address string", "sdk:peer_asn integer", "sdk:state string", "sdk:state_duration string",
		"sdk:num_received_routes integer", "sdk:num_message_received integer", "sdk:num_message_sent integer"),
	// 表4-125.
	"ListVpnConnectionsResponse": wireModel(
		"vpn_connections []ResponseVpnConnection", "page_info PageInfo", "request_id string",
		"total_count integer"),

	// 4.1.4.1 表4-150.
	"CreateConnectionMonitorRequestBodyContent": wireModel("vpn_connection_id string"),
	// 表4-152 (no status in the create answer) / 4-155 / 4-159.
	"ConnectionMonitorInfo": wireModel(
		"id string", "status string", "vpn_connection_id string", "type string", "source_ip string",
		"destination_ip string", "proto_type string"),

	// Envelopes: the request bodies (表4-2/4-30/4-43/4-58/4-66/4-71/4-92/4-101/
	// 4-134/4-149/4-179/4-182) and response bodies (表4-6/4-60/4-63/4-75/4-108/
	// 4-151/4-158) around the objects above.
	"CreateVgwRequestBody":                   wireModel("vpn_gateway CreateVgwRequestBodyContent"),
	"UpdateVgwRequestBody":                   wireModel("vpn_gateway UpdateVgwRequestBodyContent"),
	"UpdateVgwSpecificationRequestBody":      wireModel("vpn_gateway UpdateVgwSpecificationRequestBodyContent"),
	"CreateVpnGatewayCertificateRequestBody": wireModel("certificate CreateVpnGatewayCertificateRequestBodyContent"),
	"UpdateVpnGatewayCertificateRequestBody": wireModel("certificate UpdateVpnGatewayCertificateRequestBodyContent"),
	"CreateCgwRequestBody":                   wireModel("customer_gateway CreateCgwRequestBodyContent"),
	"UpdateCgwRequestBody":                   wireModel("customer_gateway UpdateCgwRequestBodyContent"),
	"UpdateVpnConnectionRequestBody":         wireModel("vpn_connection UpdateVpnConnectionRequestBodyContent"),
	"CreateVpnConnectionRequestBody":         wireModel("vpn_connection CreateVpnConnectionRequestBodyContent"),
	"CreateConnectionMonitorRequestBody":     wireModel("connection_monitor CreateConnectionMonitorRequestBodyContent"),
	"ResourceTagsRequestBody":                wireModel("tags []ResourceTag"),
	"VpnGatewayCertificateResponseBody":      wireModel("certificate VpnGatewayCertificate", "request_id string"),
	"CustomerGatewayResponseBody":            wireModel("customer_gateway ResponseCustomerGateway", "request_id string"),
	"VpnConnectionResponseBody":              wireModel("vpn_connection ResponseVpnConnection", "request_id string"),
	"ConnectionMonitorResponseBody":          wireModel("connection_monitor ConnectionMonitorInfo", "request_id string"),
	"ListConnectionMonitorsResponse":         wireModel("connection_monitors []ConnectionMonitorInfo", "request_id string"),

	"VpnGatewayResponseBody":                  wireModel("vpn_gateway ResponseVpnGateway", "request_id string"),
	"ListVgwsResponse":                        wireModel("vpn_gateways []ResponseVpnGateway", "request_id string"),
	"ListAvailabilityZonesResponse":           wireModel("availability_zones any", "request_id string"),
	"VpnGatewayCertificateConfigResponseBody": wireModel("certificate VpnGatewayCertificateConfig", "request_id string"),
	"ShowQuotasInfoResponse":                  wireModel("quotas Quotas", "request_id string"),
	"Quotas":                                  wireModel("resources []QuotaInfo"),
	// The tag answers (表4-170/4-177/4-185/4-188) have no request_id.
	"ListResourcesByTagsResponse":  wireModel("resources []Resource", "total_count integer"),
	"CountResourcesByTagsResponse": wireModel("total_count integer"),
	"ShowResourceTagsResponse":     wireModel("tags []ResourceTag"),
	"ListProjectTagsResponse":      wireModel("tags []Tag"),

	// 4.2.1.1 表4-164.
	"QuotaInfo": wireModel("type string", "quota integer", "used integer"),

	// 4.2.2.1/2 表4-167.
	"QueryResourcesRequestBody": wireModel(
		"without_any_tag boolean", "tags []Tag", "matches []Match"),
	// 表4-168 / 4-189 (project tags answer).
	"Tag":   wireModel("key string", "values []string"),
	"Match": wireModel("key string", "value string"),
	// 表4-171.
	"Resource": wireModel(
		"resource_id string", "resource_detail any", "tags []ResourceTag", "resource_name string"),
	// 表4-172 / 4-180 / 4-183 / 4-186.
	"ResourceTag": wireModel("key string", "value string"),
}

// WireDiffOptions tunes WireDiff.
type WireDiffOptions struct {
	// Complete also reports the model's keys the Go type lacks (SDK-only
	// keys only with SDK set): for response types that must drop nothing.
	Complete bool
	// SDK makes Complete include the SDK-only keys.
	SDK bool
	// Allow lists extra keys (dotted paths such as "ikepolicy.x") the Go type may have.
	Allow []string
}

var rawMessageType = reflect.TypeFor[json.RawMessage]()

// WireDiff compares the JSON keys and kinds of Go type t with the model and
// returns one line per difference (nil when they agree). Nested objects are
// compared with their own models.
func WireDiff(t reflect.Type, model string, opts WireDiffOptions) []string {
	var out []string
	wireDiff(t, model, "", opts, &out)
	return out
}

func wireDiff(t reflect.Type, model, prefix string, opts WireDiffOptions, out *[]string) {
	fields, ok := WireModels[model]
	if !ok {
		*out = append(*out, fmt.Sprintf("%s: no model %q", prefix, model))
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	goFields := map[string]reflect.Type{}
	jsonFields(t, goFields)
	for _, name := range slices.Sorted(maps.Keys(goFields)) {
		path := prefix + name
		f, ok := fields[name]
		if !ok {
			if !slices.Contains(opts.Allow, path) {
				*out = append(*out, fmt.Sprintf("%s: not a key of %s", path, model))
			}
			continue
		}
		got := goKind(goFields[name])
		want := f.Kind
		switch {
		case got == "object" && WireModels[want] != nil:
			wireDiff(goFields[name], want, path+".", opts, out)
		case got == "[]object" && strings.HasPrefix(want, "[]") && WireModels[want[2:]] != nil:
			wireDiff(derefSlice(goFields[name]), want[2:], path+"[].", opts, out)
		case got != want && got != "any":
			*out = append(*out, fmt.Sprintf("%s: is %s in Go, %s in %s", path, got, want, model))
		}
	}
	if opts.Complete {
		for _, name := range slices.Sorted(maps.Keys(fields)) {
			if _, ok := goFields[name]; !ok && (!fields[name].SDKOnly || opts.SDK) {
				*out = append(*out, fmt.Sprintf("%s%s: key of %s missing in Go", prefix, name, model))
			}
		}
	}
}

// WireDiffJSON compares a decoded JSON value (map[string]any, as
// encoding/json decodes an object) with the model: every key must be one of
// the model's and every value of its kind, recursively; null is accepted
// for objects and arrays. Missing keys are not reported.
func WireDiffJSON(v any, model string) []string {
	var out []string
	wireDiffJSON(v, model, "", &out)
	return out
}

func wireDiffJSON(v any, model, prefix string, out *[]string) {
	fields, ok := WireModels[model]
	if !ok {
		*out = append(*out, fmt.Sprintf("%s: no model %q", prefix, model))
		return
	}
	obj, ok := v.(map[string]any)
	if !ok {
		*out = append(*out, fmt.Sprintf("%s: %T is not an object (%s)", prefix, v, model))
		return
	}
	for _, name := range slices.Sorted(maps.Keys(obj)) {
		path := prefix + name
		f, ok := fields[name]
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: not a key of %s", path, model))
			continue
		}
		wireValue(obj[name], f.Kind, path, out)
	}
}

func wireValue(v any, kind, path string, out *[]string) {
	bad := func() { *out = append(*out, fmt.Sprintf("%s: %T %v is not %s", path, v, v, kind)) }
	switch kind {
	case "any":
	case "string":
		if _, ok := v.(string); !ok {
			bad()
		}
	case "integer":
		if n, ok := v.(float64); !ok || n != float64(int64(n)) {
			bad()
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad()
		}
	default:
		if v == nil {
			return
		}
		if elem, isArray := strings.CutPrefix(kind, "[]"); isArray {
			list, ok := v.([]any)
			if !ok {
				bad()
				return
			}
			for i, item := range list {
				wireValue(item, elem, fmt.Sprintf("%s[%d]", path, i), out)
			}
			return
		}
		wireDiffJSON(v, kind, path+".", out)
	}
}

// jsonFields collects the JSON keys of struct t (embedded structs inlined).
func jsonFields(t reflect.Type, into map[string]reflect.Type) {
	if t.Kind() != reflect.Struct {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			jsonFields(ft, into)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		into[name] = f.Type
	}
}

func derefSlice(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Elem()
}

// goKind names the JSON kind a Go type encodes to.
func goKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawMessageType {
		return "any"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Bool:
		return "boolean"
	case reflect.Interface, reflect.Map:
		return "any"
	case reflect.Struct:
		return "object"
	case reflect.Slice, reflect.Array:
		switch goKind(t.Elem()) {
		case "string":
			return "[]string"
		case "object":
			return "[]object"
		default:
			return "[]" + goKind(t.Elem())
		}
	}
	return t.Kind().String()
}
