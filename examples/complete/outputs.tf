output "vpn_gateway_id" {
  description = "ID of the VPN gateway."
  value       = huaweicloudvpn_vpn_gateway.this.id
}

output "vpn_gateway_status" {
  description = "Status of the VPN gateway (ACTIVE once created)."
  value       = huaweicloudvpn_vpn_gateway.this.status
}

output "vpn_gateway_public_ips" {
  description = "The gateway's two EIP addresses: configure them as the peer addresses on the customer devices."
  value = [
    huaweicloudvpn_vpn_gateway.this.eip1.ip_address,
    huaweicloudvpn_vpn_gateway.this.eip2.ip_address,
  ]
}

output "vpn_gateway_availability_zones" {
  description = "Availability zones the gateway runs in, and those the region offers for its flavor."
  value = {
    chosen  = huaweicloudvpn_vpn_gateway.this.availability_zone_ids
    offered = data.huaweicloudvpn_availability_zones.this.names
  }
}

output "customer_gateway_ids" {
  description = "IDs of the customer gateways."
  value = {
    static = huaweicloudvpn_customer_gateway.static_peer.id
    bgp    = huaweicloudvpn_customer_gateway.bgp_peer.id
  }
}

output "vpn_connections" {
  description = "ID and status of each connection (DOWN until the customer device negotiates, then ACTIVE)."
  value = {
    static = {
      id     = huaweicloudvpn_vpn_connection.static.id
      status = huaweicloudvpn_vpn_connection.static.status
    }
    bgp = {
      id     = huaweicloudvpn_vpn_connection.bgp.id
      status = huaweicloudvpn_vpn_connection.bgp.status
    }
  }
}

output "connection_monitor_id" {
  description = "ID of the monitor of the static connection."
  value       = huaweicloudvpn_connection_monitor.static.id
}

output "quotas" {
  description = "VPN quotas of the project and their use, this stack included."
  value = {
    for q in data.huaweicloudvpn_quotas.this.quotas : q.type => "${q.used} used of ${q.quota} (${q.available} available)"
  }
}
