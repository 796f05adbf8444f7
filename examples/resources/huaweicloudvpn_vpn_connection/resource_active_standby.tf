# An active-standby pair: the master connection uses the gateway's first
# address, the slave connection its second. ha_role may be omitted: the
# provider sends the role that matches vgw_ip. Each connection goes to its
# own customer device.
resource "huaweicloudvpn_vpn_gateway" "ha" {
  name           = "vpngw-ha"
  vpc_id         = var.vpc_id
  local_subnets  = ["192.168.0.0/24"]
  connect_subnet = var.subnet_id
  ha_mode        = "active-standby"

  eip1 = {
    type           = "5_bgp"
    bandwidth_size = 10
  }
  eip2 = {
    type           = "5_bgp"
    bandwidth_size = 10
  }
}

resource "huaweicloudvpn_customer_gateway" "primary" {
  name     = "branch-primary"
  id_value = "203.0.113.30"
}

resource "huaweicloudvpn_customer_gateway" "backup" {
  name     = "branch-backup"
  id_value = "203.0.113.31"
}

resource "huaweicloudvpn_vpn_connection" "master" {
  name         = "vpn-master"
  vgw_id       = huaweicloudvpn_vpn_gateway.ha.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.ha.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.primary.id
  peer_subnets = ["10.10.0.0/16"]
  ha_role      = "master"
  psk_wo       = var.vpn_psk
}

resource "huaweicloudvpn_vpn_connection" "slave" {
  name         = "vpn-slave"
  vgw_id       = huaweicloudvpn_vpn_gateway.ha.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.ha.eip2.id
  cgw_id       = huaweicloudvpn_customer_gateway.backup.id
  peer_subnets = ["10.10.0.0/16"]
  ha_role      = "slave"
  psk_wo       = var.vpn_psk
}
