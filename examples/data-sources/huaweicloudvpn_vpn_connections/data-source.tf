# Connections of one gateway that are not up yet.
data "huaweicloudvpn_vpn_connections" "down" {
  vgw_id = huaweicloudvpn_vpn_gateway.example.id
  status = "DOWN"
}

output "connections_waiting_for_peer" {
  value = { for c in data.huaweicloudvpn_vpn_connections.down.vpn_connections : c.name => c.peer_subnets }
}

# Connections in BGP mode (style matches in any case).
data "huaweicloudvpn_vpn_connections" "bgp" {
  style = "bgp"
}
