# A gateway attached to an enterprise router. local_subnets do not apply; the
# access VPC and subnet carry the tunnels.
resource "huaweicloudvpn_vpn_gateway" "er" {
  name             = "vpngw-er"
  attachment_type  = "er"
  er_id            = var.er_id
  access_vpc_id    = var.vpc_id
  access_subnet_id = var.subnet_id
  flavor           = "Professional2"

  eip1 = {
    type           = "5_bgp"
    bandwidth_size = 500
  }
  eip2 = {
    type           = "5_bgp"
    bandwidth_size = 500
  }
}

variable "er_id" {
  type = string
}
