# A public VPN gateway for one VPC, with two EIPs created by the service.
resource "huaweicloudvpn_vpn_gateway" "example" {
  name           = "vpngw-example"
  vpc_id         = var.vpc_id
  connect_subnet = var.subnet_id
  local_subnets  = ["192.168.0.0/24", "192.168.1.0/24"]
  flavor         = "Professional1"

  eip1 = {
    type           = "5_bgp"
    bandwidth_size = 100
    bandwidth_name = "vpngw-example-bw1"
  }
  eip2 = {
    type           = "5_bgp"
    bandwidth_size = 100
    bandwidth_name = "vpngw-example-bw2"
  }

  tags = {
    env = "example"
  }

  timeouts {
    create = "20m"
  }
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the gateway serves."
}

variable "subnet_id" {
  type        = string
  description = "ID of a subnet of that VPC for the gateway."
}

output "vpn_gateway_addresses" {
  value = [
    huaweicloudvpn_vpn_gateway.example.eip1.ip_address,
    huaweicloudvpn_vpn_gateway.example.eip2.ip_address,
  ]
}
