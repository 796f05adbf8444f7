# Every tag key in use on VPN gateways, with its values.
data "huaweicloudvpn_tags" "gateways" {
  resource_type = "vpn-gateway"
}

output "gateway_environments" {
  value = lookup(data.huaweicloudvpn_tags.gateways.tags, "env", [])
}
