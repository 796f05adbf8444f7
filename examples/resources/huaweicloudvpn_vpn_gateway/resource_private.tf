# A private VPN gateway: peers reach it on two private IPs of the access subnet.
resource "huaweicloudvpn_vpn_gateway" "private" {
  name                = "vpngw-private"
  network_type        = "private"
  vpc_id              = var.vpc_id
  connect_subnet      = var.subnet_id
  local_subnets       = ["192.168.10.0/24"]
  access_private_ip_1 = "192.168.100.10"
  access_private_ip_2 = "192.168.100.11"
}
