# Monitor a VPN connection: the gateway probes the customer gateway with ICMP
# and reports round-trip time and packet loss. A connection has at most one
# monitor.
variable "vpc_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "vpn_psk" {
  type      = string
  sensitive = true
}

resource "huaweicloudvpn_vpn_gateway" "example" {
  name           = "vpngw-monitored"
  vpc_id         = var.vpc_id
  connect_subnet = var.subnet_id
  local_subnets  = ["192.168.0.0/24"]
  eip1           = { type = "5_bgp", bandwidth_size = 10 }
  eip2           = { type = "5_bgp", bandwidth_size = 10 }
}

resource "huaweicloudvpn_customer_gateway" "example" {
  name     = "branch-office"
  id_value = "203.0.113.20"
}

resource "huaweicloudvpn_vpn_connection" "example" {
  name         = "vpn-monitored"
  vgw_id       = huaweicloudvpn_vpn_gateway.example.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.example.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.example.id
  peer_subnets = ["10.20.0.0/16"]
  psk          = var.vpn_psk
}

resource "huaweicloudvpn_connection_monitor" "example" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.example.id

  timeouts {
    create = "5m"
    delete = "5m"
  }
}

output "monitor_probe" {
  value = "${huaweicloudvpn_connection_monitor.example.source_ip} -> ${huaweicloudvpn_connection_monitor.example.destination_ip} (${huaweicloudvpn_connection_monitor.example.proto_type})"
}
