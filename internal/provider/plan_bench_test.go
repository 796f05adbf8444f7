package provider

import (
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The per-RPC cost of the provider, as Terraform meets it for each resource
// it plans: ValidateResourceConfig then PlanResourceChange of a new
// resource, through the real provider server (terraform-plugin-go's
// tfprotov6 interface over the framework), with provider-level default_tags.
// Run with:
//
//	go test ./internal/provider -run '^$' -bench PlanResourceChange -benchmem
//
// A regression in schema building, validators, plan modifiers, default_tags
// merging or logging shows in ns/op and allocs/op. Values Terraform does not
// know yet at plan time (ids of resources created in the same plan) are
// unknown, as in a real first plan; so is the certificate resource's PEM
// material, which would need a GM PKI.

// benchUnknown marks an unknown value in a benchmark configuration.
type benchUnknown struct{}

// benchPlanConfigs are one representative configuration per resource type.
var benchPlanConfigs = map[string]map[string]any{
	"huaweicloudvpn_customer_gateway": {
		"name": "branch-office", "id_type": "ip", "id_value": "203.0.113.10",
		"tags": map[string]any{"site": "branch"},
	},
	"huaweicloudvpn_vpn_gateway": {
		"name": "vgw", "vpc_id": "0b4f6c2e-1d3a-4e5f-8a9b-0c1d2e3f4a5b",
		"connect_subnet": "1c5a7d3f-2e4b-4f6a-9b0c-1d2e3f4a5b6c",
		"local_subnets":  []any{"192.168.0.0/24", "192.168.1.0/24"},
		"eip1":           map[string]any{"type": "5_bgp", "bandwidth_size": 10},
		"eip2":           map[string]any{"type": "5_bgp", "bandwidth_size": 10},
		"tags":           map[string]any{"role": "vpn"},
	},
	"huaweicloudvpn_vpn_connection": {
		"name": "conn", "vgw_id": benchUnknown{}, "vgw_ip": benchUnknown{}, "cgw_id": benchUnknown{},
		"peer_subnets": []any{"10.10.0.0/16"}, "psk": "Bench.psk.1",
		"ikepolicy":   map[string]any{"encryption_algorithm": "aes-256", "dh_group": "group15"},
		"ipsecpolicy": map[string]any{"pfs": "group15"},
		"tags":        map[string]any{"routing": "static"},
	},
	"huaweicloudvpn_connection_monitor": {
		"vpn_connection_id": benchUnknown{},
	},
	"huaweicloudvpn_vpn_gateway_certificate": {
		"vgw_id": benchUnknown{}, "name": "cert", "certificate": benchUnknown{},
		"certificate_chain": benchUnknown{}, "enc_certificate": benchUnknown{},
		"private_key": benchUnknown{}, "enc_private_key": benchUnknown{},
	},
}

func BenchmarkPlanResourceChange(b *testing.B) {
	env := newTestEnv(b)
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(newTestProvider())()
	if err != nil {
		b.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		b.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	o := env.Emu.Options()
	providerType := schemas.Provider.ValueType()
	providerConfig := benchDynamicValue(b, providerType, map[string]any{
		"region": o.Region, "access_key": o.AccessKey, "secret_key": o.SecretKey, "project_id": o.ProjectID,
		"endpoints":    map[string]any{"vpn": env.Server.URL, "iam": env.Server.URL},
		"default_tags": map[string]any{"tags": map[string]any{"managed_by": "terraform", "team": "network"}},
	})
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.4", Config: providerConfig,
	})
	if err != nil || len(configured.Diagnostics) > 0 {
		b.Fatalf("ConfigureProvider: %v %v", err, configured.Diagnostics)
	}
	for _, typeName := range []string{
		"huaweicloudvpn_customer_gateway", "huaweicloudvpn_vpn_gateway", "huaweicloudvpn_vpn_connection",
		"huaweicloudvpn_connection_monitor", "huaweicloudvpn_vpn_gateway_certificate",
	} {
		s, ok := schemas.ResourceSchemas[typeName]
		if !ok {
			b.Fatalf("no schema for %s", typeName)
		}
		typ := s.ValueType()
		config := benchDynamicValue(b, typ, benchPlanConfigs[typeName])
		prior := benchDynamicValue(b, typ, nil)
		b.Run(typeName, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: config})
				if err != nil || benchHasError(v.Diagnostics) {
					b.Fatalf("ValidateResourceConfig: %v %v", err, v.Diagnostics)
				}
				p, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
					TypeName: typeName, PriorState: prior, ProposedNewState: config, Config: config,
				})
				if err != nil || benchHasError(p.Diagnostics) {
					b.Fatalf("PlanResourceChange: %v %v", err, p.Diagnostics)
				}
			}
		})
	}
}

func benchHasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// benchDynamicValue encodes v (nil: a null object) as typ.
func benchDynamicValue(tb testing.TB, typ tftypes.Type, v map[string]any) *tfprotov6.DynamicValue {
	tb.Helper()
	var val tftypes.Value
	if v == nil {
		val = tftypes.NewValue(typ, nil)
	} else {
		val = benchValue(tb, typ, v)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, val)
	if err != nil {
		tb.Fatalf("encoding %v: %v", v, err)
	}
	return &dv
}

// benchValue builds a value of typ from Go values: attributes an object's
// map leaves out are null, benchUnknown{} is unknown.
func benchValue(tb testing.TB, typ tftypes.Type, v any) tftypes.Value {
	tb.Helper()
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(typ, nil)
	case benchUnknown:
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	case int:
		return tftypes.NewValue(typ, big.NewFloat(float64(v)))
	case string, bool:
		return tftypes.NewValue(typ, v)
	case []any:
		var elem tftypes.Type
		switch t := typ.(type) {
		case tftypes.List:
			elem = t.ElementType
		case tftypes.Set:
			elem = t.ElementType
		default:
			tb.Fatalf("a list for %s", typ)
		}
		elems := make([]tftypes.Value, len(v))
		for i, e := range v {
			elems[i] = benchValue(tb, elem, e)
		}
		return tftypes.NewValue(typ, elems)
	case map[string]any:
		switch t := typ.(type) {
		case tftypes.Object:
			attrs := make(map[string]tftypes.Value, len(t.AttributeTypes))
			for name, at := range t.AttributeTypes {
				attrs[name] = benchValue(tb, at, v[name])
			}
			for name := range v {
				if _, ok := t.AttributeTypes[name]; !ok {
					tb.Fatalf("no attribute %q in %s", name, typ)
				}
			}
			return tftypes.NewValue(typ, attrs)
		case tftypes.Map:
			elems := make(map[string]tftypes.Value, len(v))
			for k, e := range v {
				elems[k] = benchValue(tb, t.ElementType, e)
			}
			return tftypes.NewValue(typ, elems)
		}
	}
	tb.Fatalf("cannot build %s from %#v", typ, v)
	return tftypes.Value{}
}

// BenchmarkGetProviderSchema is the schema work of each provider process
// Terraform starts (three per plan): every resource's and data source's
// schema, converted to the protocol.
func BenchmarkGetProviderSchema(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		server, err := providerserver.NewProtocol6WithError(newTestProvider())()
		if err != nil {
			b.Fatal(err)
		}
		resp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || len(resp.Diagnostics) > 0 {
			b.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
		}
	}
}
