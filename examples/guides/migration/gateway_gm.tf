# The GM gateway of the official configuration, written for this provider.
resource "huaweicloudvpn_vpn_gateway" "gm" {
  name           = "off-gm"
  flavor         = "GM"
  network_type   = "private"
  vpc_id         = "11111111-2222-4333-8444-555555555555"
  local_subnets  = ["192.168.0.0/24"]
  connect_subnet = "66666666-7777-4888-9999-000000000000"
  availability_zone_ids = [
    data.huaweicloud_vpn_gateway_availability_zones.test.names[0],
    data.huaweicloud_vpn_gateway_availability_zones.test.names[1]
  ]
}

moved {
  from = huaweicloud_vpn_gateway.gm
  to   = huaweicloudvpn_vpn_gateway.gm
}
