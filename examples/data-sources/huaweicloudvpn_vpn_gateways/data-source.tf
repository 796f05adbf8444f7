# Active public gateways of the default enterprise project tagged env = prod.
data "huaweicloudvpn_vpn_gateways" "prod" {
  enterprise_project_id = "0"
  network_type          = "public"
  status                = "ACTIVE"
  tags = {
    env = "prod"
  }
}

output "prod_gateway_eips" {
  value = { for gw in data.huaweicloudvpn_vpn_gateways.prod.vpn_gateways : gw.name => [gw.eip1.ip_address, gw.eip2.ip_address] }
}
