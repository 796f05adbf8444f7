package emulator

import (
	"net/http"
	"testing"
)

// NOTES.md item 3: the gateway's policy_template sets the defaults of its
// policy-template style connections; other styles keep the standard defaults.
func TestConnection_policyTemplateDefaults(t *testing.T) {
	v, gw, cg := connSetup(t, Options{})
	v.must(http.StatusOK, "PUT", "/vpn-gateways/"+gw.ID, map[string]any{"vpn_gateway": map[string]any{
		"policy_template": map[string]any{
			"ike_policy": map[string]any{
				"encryption_algorithm": "aes-256", "dh_group": "group20",
				"authentication_algorithm": "sha2-512", "lifetime_seconds": 7200,
			},
			"ipsec_policy": map[string]any{
				"authentication_algorithm": "sha2-384", "encryption_algorithm": "aes-256-gcm-16",
				"pfs": "group21", "lifetime_seconds": 1800,
			},
		},
	}})
	v.must(http.StatusOK, "GET", "/vpn-gateways/"+gw.ID, nil) // settle PENDING_UPDATE

	create := func(style string, extra map[string]any) (ike, ipsec map[string]any) {
		t.Helper()
		body := connBody(gw, cg)
		body["style"] = style
		for k, val := range extra {
			body[k] = val
		}
		id := v.conn(body)
		c := obj(t, v.must(http.StatusOK, "GET", "/vpn-connection/"+id, nil), "vpn_connection")
		return obj(t, c, "ikepolicy"), obj(t, c, "ipsecpolicy")
	}
	check := func(what string, got map[string]any, want map[string]any) {
		t.Helper()
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s.%s = %v, want %v", what, k, got[k], w)
			}
		}
	}

	ike, ipsec := create("policy-template", nil)
	check("policy-template ikepolicy", ike, map[string]any{
		"encryption_algorithm": "aes-256", "dh_group": "group20", "authentication_algorithm": "sha2-512",
		"lifetime_seconds": float64(7200), "ike_version": "v2", "authentication_method": "pre-share",
	})
	check("policy-template ipsecpolicy", ipsec, map[string]any{
		"authentication_algorithm": "sha2-384", "encryption_algorithm": "aes-256-gcm-16", "pfs": "group21",
		"lifetime_seconds": float64(1800), "transform_protocol": "esp", "encapsulation_mode": "tunnel",
	})

	// A field the request sets wins over the template.
	ike, ipsec = create("policy-template", map[string]any{
		"peer_subnets": []any{"192.168.45.0/24"},
		"ikepolicy":    map[string]any{"dh_group": "group19"},
		"ipsecpolicy":  map[string]any{"lifetime_seconds": 900},
	})
	check("explicit ikepolicy", ike, map[string]any{"dh_group": "group19", "encryption_algorithm": "aes-256"})
	check("explicit ipsecpolicy", ipsec, map[string]any{"lifetime_seconds": float64(900), "pfs": "group21"})

	// Other styles keep the standard defaults (NOTES.md item 13).
	ike, ipsec = create("static", map[string]any{"peer_subnets": []any{"192.168.46.0/24"}})
	check("static ikepolicy", ike, map[string]any{
		"encryption_algorithm": "aes-128", "dh_group": "group15", "authentication_algorithm": "sha2-256",
		"lifetime_seconds": float64(86400),
	})
	check("static ipsecpolicy", ipsec, map[string]any{
		"authentication_algorithm": "sha2-256", "encryption_algorithm": "aes-128", "pfs": "group15",
		"lifetime_seconds": float64(3600),
	})
}
