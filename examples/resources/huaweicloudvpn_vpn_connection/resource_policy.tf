# A policy-based connection. The service splits a rule with several
# destinations into one rule per destination; the provider maps them back,
# so this configuration shows no diff.
resource "huaweicloudvpn_vpn_connection" "policy" {
  name         = "vpn-policy"
  vgw_id       = huaweicloudvpn_vpn_gateway.example.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.example.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.example.id
  style        = "policy"
  peer_subnets = ["10.10.0.0/16", "10.20.0.0/16"]
  psk          = var.vpn_psk # stored (sensitive) in the state; prefer psk_wo

  policy_rules = [
    {
      source      = "192.168.0.0/24"
      destination = ["10.10.0.0/16", "10.20.0.0/16"]
    },
    {
      source      = "192.168.1.0/24"
      destination = ["10.20.0.0/16"]
    },
  ]
}
