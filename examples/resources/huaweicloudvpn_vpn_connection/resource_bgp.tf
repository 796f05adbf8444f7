# A BGP connection: tunnel interface addresses are required, in one /30 of
# 169.254.0.0/16 (not 169.254.195.0/24). The customer gateway carries the
# peer's BGP AS number.
resource "huaweicloudvpn_vpn_connection" "bgp" {
  name                 = "vpn-bgp"
  vgw_id               = huaweicloudvpn_vpn_gateway.example.id
  vgw_ip               = huaweicloudvpn_vpn_gateway.example.eip2.id
  cgw_id               = huaweicloudvpn_customer_gateway.example.id
  style                = "bgp"
  peer_subnets         = ["10.10.0.0/16"]
  tunnel_local_address = "169.254.56.225/30"
  tunnel_peer_address  = "169.254.56.226/30"

  psk_wo         = var.vpn_psk
  psk_wo_version = 1

  ikepolicy = {
    local_id_type = "fqdn"
    local_id      = "vpn.example.com"
    dpd = {
      timeout  = 30
      interval = 60
      msg      = "seq-notify-hash"
    }
  }
}
