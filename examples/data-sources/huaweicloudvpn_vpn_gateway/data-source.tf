# The gateway a stack attaches its connections to, looked up by name
# (an error when no gateway, or more than one, has the name).
data "huaweicloudvpn_vpn_gateway" "hub" {
  name = "vpngw-hub"
}

resource "huaweicloudvpn_vpn_connection" "branch" {
  name         = "branch-office"
  vgw_id       = data.huaweicloudvpn_vpn_gateway.hub.id
  vgw_ip       = data.huaweicloudvpn_vpn_gateway.hub.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.branch.id
  peer_subnets = ["172.16.0.0/16"]
  psk_wo       = var.branch_psk
}
