# A site-to-site VPN: one VPN gateway and, for each entry of var.peers, a
# customer gateway, a VPN connection and, when asked for, a connection
# monitor. The module configures no provider: the caller's huaweicloudvpn
# provider (region, credentials, default_tags) is used.

locals {
  public = var.network_type == "public"
  vpc    = var.attachment_type == "vpc"

  # The gateway's two EIPs (public gateways): two existing EIPs when
  # var.eip.existing_ids names them, else two new ones the service creates.
  existing_eips = var.eip.existing_ids != null
  eips = [for i in [0, 1] : {
    id             = local.existing_eips ? var.eip.existing_ids[i] : null
    type           = local.existing_eips ? null : var.eip.type
    bandwidth_size = local.existing_eips ? null : var.eip.bandwidth_size
    charge_mode    = local.existing_eips ? null : var.eip.charge_mode
    bandwidth_name = local.existing_eips ? null : "${var.name}-bw${i + 1}"
  }]

  # The peers' settings with every optional part filled in.
  peers = {
    for key, p in var.peers : key => merge(p, {
      name = "${var.name}-${key}"
      # Routes of bgp and policy connections on an enterprise-router gateway
      # come from the router: the service takes no peer subnets then.
      peer_subnets = local.vpc || p.routing == "static" ? p.subnets : null
    })
  }
}

resource "huaweicloudvpn_vpn_gateway" "this" {
  name            = var.name
  network_type    = var.network_type
  attachment_type = var.attachment_type
  flavor          = var.flavor
  ha_mode         = var.ha_mode
  bgp_asn         = var.bgp_asn

  # A VPC gateway serves vpc_id through subnet_id; an enterprise-router
  # gateway reaches er_id through the access VPC and subnet.
  vpc_id           = var.vpc_id
  connect_subnet   = local.vpc ? var.subnet_id : null
  local_subnets    = local.vpc ? var.local_subnets : null
  er_id            = local.vpc ? null : var.er_id
  access_vpc_id    = local.vpc ? null : var.vpc_id
  access_subnet_id = local.vpc ? null : var.subnet_id

  availability_zone_ids = var.availability_zone_ids

  eip1 = local.public ? local.eips[0] : null
  eip2 = local.public ? local.eips[1] : null

  access_private_ip_1 = local.public || var.access_private_ips == null ? null : var.access_private_ips[0]
  access_private_ip_2 = local.public || var.access_private_ips == null ? null : var.access_private_ips[1]

  tags = var.tags
}

resource "huaweicloudvpn_customer_gateway" "this" {
  for_each = local.peers

  name     = each.value.name
  id_type  = "ip"
  id_value = each.value.ip_address
  bgp_asn  = each.value.bgp_asn

  tags = merge(var.tags, each.value.tags)
}

resource "huaweicloudvpn_vpn_connection" "this" {
  for_each = local.peers

  name   = each.value.name
  vgw_id = huaweicloudvpn_vpn_gateway.this.id
  # The gateway address the tunnel ends on: an EIP id of a public gateway,
  # an access private IP of a private one.
  vgw_ip = (local.public
    ? [huaweicloudvpn_vpn_gateway.this.eip1.id, huaweicloudvpn_vpn_gateway.this.eip2.id][each.value.gateway_address - 1]
    : [huaweicloudvpn_vpn_gateway.this.access_private_ip_1, huaweicloudvpn_vpn_gateway.this.access_private_ip_2][each.value.gateway_address - 1]
  )
  cgw_id       = huaweicloudvpn_customer_gateway.this[each.key].id
  style        = each.value.routing
  peer_subnets = each.value.peer_subnets
  enable_nqa   = each.value.routing == "static" ? each.value.enable_nqa : null

  tunnel_local_address = each.value.tunnel_local_address
  tunnel_peer_address  = each.value.tunnel_peer_address

  policy_rules = each.value.policy_rules

  # The pre-shared key is write-only: sent to the service, never stored in
  # the plan or the state. Raise the peer's psk_version to send a new one.
  psk_wo         = var.peer_psks[each.key]
  psk_wo_version = each.value.psk_version

  # Fields left null are filled by the service and reported back, so the
  # outputs always show the values in force.
  ikepolicy = {
    ike_version              = each.value.ike.version
    encryption_algorithm     = each.value.ike.encryption_algorithm
    authentication_algorithm = each.value.ike.authentication_algorithm
    dh_group                 = each.value.ike.dh_group
    lifetime_seconds         = each.value.ike.lifetime_seconds
  }
  ipsecpolicy = {
    encryption_algorithm     = each.value.ipsec.encryption_algorithm
    authentication_algorithm = each.value.ipsec.authentication_algorithm
    pfs                      = each.value.ipsec.pfs
    lifetime_seconds         = each.value.ipsec.lifetime_seconds
  }

  tags = merge(var.tags, each.value.tags)
}

resource "huaweicloudvpn_connection_monitor" "this" {
  for_each = { for key, p in local.peers : key => p if p.monitor }

  vpn_connection_id = huaweicloudvpn_vpn_connection.this[each.key].id
}
