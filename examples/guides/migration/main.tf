# public.tf of the official provider written for huaweicloudvpn: the same values, and a moved
# block for each resource. The availability zones data source stays with the official provider.
resource "huaweicloudvpn_vpn_gateway" "gw" {
  name           = "off-gw"
  vpc_id         = "11111111-2222-4333-8444-555555555555"
  local_subnets  = ["192.168.0.0/24", "192.168.1.0/24"]
  connect_subnet = "66666666-7777-4888-9999-000000000000"
  availability_zone_ids = [
    data.huaweicloud_vpn_gateway_availability_zones.test.names[0],
    data.huaweicloud_vpn_gateway_availability_zones.test.names[1]
  ]
  eip1 = { bandwidth_name = "off-bw1", type = "5_bgp", bandwidth_size = 5, charge_mode = "traffic" }
  eip2 = { bandwidth_name = "off-bw2", type = "5_bgp", bandwidth_size = 5, charge_mode = "traffic" }
  tags = { env = "off" }
}
resource "huaweicloudvpn_customer_gateway" "c" {
  name     = "off-cgw"
  id_value = "198.51.100.9"
  bgp_asn  = 65000 # the official provider always sets one
  tags     = { site = "branch" }
}
resource "huaweicloudvpn_vpn_connection" "conn" {
  name         = "off-conn"
  vgw_id       = huaweicloudvpn_vpn_gateway.gw.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.gw.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.c.id
  peer_subnets = ["172.16.1.0/24"]
  style        = "static"
  psk          = "Test@123"
  enable_nqa   = true
  ikepolicy = {
    authentication_algorithm = "sha2-256"
    authentication_method    = "pre-share"
    encryption_algorithm     = "aes-128"
    ike_version              = "v2"
    lifetime_seconds         = 86400
    dh_group                 = "group14"
  }
  ipsecpolicy = {
    authentication_algorithm = "sha2-256"
    encapsulation_mode       = "tunnel"
    encryption_algorithm     = "aes-128"
    lifetime_seconds         = 3600
    pfs                      = "group14"
    transform_protocol       = "esp"
  }
  tags = { routing = "static" }
}
resource "huaweicloudvpn_connection_monitor" "hc" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.conn.id
}

moved {
  from = huaweicloud_vpn_gateway.gw
  to   = huaweicloudvpn_vpn_gateway.gw
}
moved {
  from = huaweicloud_vpn_customer_gateway.c
  to   = huaweicloudvpn_customer_gateway.c
}
moved {
  from = huaweicloud_vpn_connection.conn
  to   = huaweicloudvpn_vpn_connection.conn
}
moved {
  from = huaweicloud_vpn_connection_health_check.hc
  to   = huaweicloudvpn_connection_monitor.hc
}
