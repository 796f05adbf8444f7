# A complete site-to-site VPN stack: a public active-active VPN gateway with
# two new EIPs, two customer gateways, a static-routing connection (with a
# connection monitor) and a BGP connection, plus the quota and availability
# zone data sources. `make demo` applies it to the emulator; README.md shows
# how to apply it to a real account.

# Availability zones that offer the gateway's flavor to VPC-attached
# gateways: checked before the gateway is planned, and shown in the outputs.
data "huaweicloudvpn_availability_zones" "this" {
  flavor          = var.gateway_flavor
  attachment_type = "vpc"
}

# The project's VPN quotas and their use. Read after the stack exists
# (depends_on), so the use includes it and a second plan shows no change.
data "huaweicloudvpn_quotas" "this" {
  depends_on = [
    huaweicloudvpn_vpn_gateway.this,
    huaweicloudvpn_customer_gateway.static_peer,
    huaweicloudvpn_customer_gateway.bgp_peer,
    huaweicloudvpn_vpn_connection.static,
    huaweicloudvpn_vpn_connection.bgp,
  ]
}

resource "huaweicloudvpn_vpn_gateway" "this" {
  name           = "${var.name_prefix}-vgw"
  vpc_id         = var.vpc_id
  connect_subnet = var.connect_subnet_id
  local_subnets  = var.local_subnets
  flavor         = var.gateway_flavor
  ha_mode        = "active-active"
  network_type   = "public"

  # Two new EIPs, created by the service with the gateway.
  eip1 = {
    type           = var.eip_type
    bandwidth_size = var.eip_bandwidth_size
    bandwidth_name = "${var.name_prefix}-vgw-bw1"
  }
  eip2 = {
    type           = var.eip_type
    bandwidth_size = var.eip_bandwidth_size
    bandwidth_name = "${var.name_prefix}-vgw-bw2"
  }

  # The service picks the availability zones (two, for active-active) among
  # those that offer the flavor; they are known once the gateway is ACTIVE.

  tags = {
    role = "vpn-gateway"
  }

  lifecycle {
    precondition {
      condition     = length(data.huaweicloudvpn_availability_zones.this.names) > 0
      error_message = "The region offers no availability zone for flavor ${var.gateway_flavor} with a VPC attachment."
    }
  }
}

resource "huaweicloudvpn_customer_gateway" "static_peer" {
  name     = "${var.name_prefix}-cgw-branch"
  id_type  = "ip"
  id_value = var.static_peer.ip_address

  tags = {
    site = "branch"
  }
}

resource "huaweicloudvpn_customer_gateway" "bgp_peer" {
  name     = "${var.name_prefix}-cgw-dc"
  id_type  = "ip"
  id_value = var.bgp_peer.ip_address
  bgp_asn  = var.bgp_peer.bgp_asn

  tags = {
    site = "datacenter"
  }
}

# Static routing on the gateway's first EIP, with NQA probing.
resource "huaweicloudvpn_vpn_connection" "static" {
  name         = "${var.name_prefix}-conn-static"
  vgw_id       = huaweicloudvpn_vpn_gateway.this.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.this.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.static_peer.id
  style        = "static"
  peer_subnets = var.static_peer.subnets
  enable_nqa   = true

  psk_wo         = var.psk
  psk_wo_version = var.psk_version

  ikepolicy = {
    ike_version              = "v2"
    encryption_algorithm     = "aes-256"
    authentication_algorithm = "sha2-256"
    dh_group                 = "group15"
  }
  ipsecpolicy = {
    encryption_algorithm     = "aes-256"
    authentication_algorithm = "sha2-256"
    pfs                      = "group15"
  }

  tags = {
    routing = "static"
  }
}

# BGP routing on the gateway's second EIP, over a /30 tunnel subnet.
resource "huaweicloudvpn_vpn_connection" "bgp" {
  name                 = "${var.name_prefix}-conn-bgp"
  vgw_id               = huaweicloudvpn_vpn_gateway.this.id
  vgw_ip               = huaweicloudvpn_vpn_gateway.this.eip2.id
  cgw_id               = huaweicloudvpn_customer_gateway.bgp_peer.id
  style                = "bgp"
  peer_subnets         = var.bgp_peer.subnets
  tunnel_local_address = var.bgp_peer.tunnel_local_address
  tunnel_peer_address  = var.bgp_peer.tunnel_peer_address

  psk_wo         = var.psk
  psk_wo_version = var.psk_version

  tags = {
    routing = "bgp"
  }
}

# Health monitoring of the static connection's tunnel.
resource "huaweicloudvpn_connection_monitor" "static" {
  vpn_connection_id = huaweicloudvpn_vpn_connection.static.id
}
