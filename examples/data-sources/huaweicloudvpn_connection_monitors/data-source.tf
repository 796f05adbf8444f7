# The monitor of one connection (an empty list when it has none).
data "huaweicloudvpn_connection_monitors" "example" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.example.id
}

output "monitored" {
  value = length(data.huaweicloudvpn_connection_monitors.example.ids) > 0
}
