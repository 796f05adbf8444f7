# Zones where a Professional2 gateway attached to a VPC can be deployed.
data "huaweicloudvpn_availability_zones" "professional2" {
  flavor          = "Professional2"
  attachment_type = "vpc"
}

resource "huaweicloudvpn_vpn_gateway" "zonal" {
  name                  = "vpngw-zonal"
  flavor                = "Professional2"
  vpc_id                = var.vpc_id
  connect_subnet        = var.subnet_id
  local_subnets         = ["192.168.1.0/24"]
  availability_zone_ids = slice(data.huaweicloudvpn_availability_zones.professional2.names, 0, 2)
  eip1                  = { type = "5_bgp", bandwidth_size = 100 }
  eip2                  = { type = "5_bgp", bandwidth_size = 100 }
}

# The whole table: zones of GM gateways attached to an enterprise router.
output "gm_er_zones" {
  value = data.huaweicloudvpn_availability_zones.professional2.flavors["gm"].er
}
