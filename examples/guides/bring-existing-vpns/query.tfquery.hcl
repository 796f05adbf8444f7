# Every VPN object of the provider's region and project. `terraform query`
# lists them; `terraform query -generate-config-out=generated.tf` writes a
# resource block and an import block (by identity) for each.
list "huaweicloudvpn_vpn_gateway" "gateways" {
  provider         = huaweicloudvpn
  include_resource = true
}

list "huaweicloudvpn_customer_gateway" "customer_gateways" {
  provider         = huaweicloudvpn
  include_resource = true
}

list "huaweicloudvpn_vpn_connection" "connections" {
  provider         = huaweicloudvpn
  include_resource = true
}

list "huaweicloudvpn_connection_monitor" "monitors" {
  provider         = huaweicloudvpn
  include_resource = true
}
