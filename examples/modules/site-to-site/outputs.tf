locals {
  gw = huaweicloudvpn_vpn_gateway.this

  # The gateway's two addresses, as the peers' devices see them.
  gateway_ips = local.public ? [local.gw.eip1.ip_address, local.gw.eip2.ip_address] : [local.gw.access_private_ip_1, local.gw.access_private_ip_2]
}

output "vpn_gateway" {
  description = "The VPN gateway: `id`, `status` (`ACTIVE` once created), `network_type`, `attachment_type`, `ha_mode`, `flavor`, `bgp_asn`, `ip_addresses` (its two addresses: EIPs of a public gateway, access private IPs of a private one), `eip_ids` (public gateways), `er_attachment_id` (enterprise-router gateways) and `availability_zone_ids`."
  value = {
    id                    = local.gw.id
    status                = local.gw.status
    network_type          = local.gw.network_type
    attachment_type       = local.gw.attachment_type
    ha_mode               = local.gw.ha_mode
    flavor                = local.gw.flavor
    bgp_asn               = local.gw.bgp_asn
    ip_addresses          = local.gateway_ips
    eip_ids               = local.public ? [local.gw.eip1.id, local.gw.eip2.id] : []
    er_attachment_id      = local.gw.er_attachment_id
    availability_zone_ids = local.gw.availability_zone_ids
  }
}

output "vpn_gateway_ip_addresses" {
  description = "The gateway's two addresses (EIPs of a public gateway, access private IPs of a private one): the remote addresses to configure on the peers' devices."
  value       = local.gateway_ips
}

output "customer_gateway_ids" {
  description = "ID of each peer's customer gateway, by peer key."
  value       = { for k, c in huaweicloudvpn_customer_gateway.this : k => c.id }
}

output "connections" {
  description = "Each peer's VPN connection, by peer key: `id`, `status` (`DOWN` until the peer's device negotiates, then `ACTIVE`), `routing`, `customer_gateway_id`, `monitor_id` and `monitor_status` (null without a monitor)."
  value = {
    for k, c in huaweicloudvpn_vpn_connection.this : k => {
      id                  = c.id
      status              = c.status
      routing             = lower(c.style)
      customer_gateway_id = c.cgw_id
      monitor_id          = try(huaweicloudvpn_connection_monitor.this[k].id, null)
      monitor_status      = try(huaweicloudvpn_connection_monitor.this[k].status, null)
    }
  }
}

output "peer_device_settings" {
  description = <<-EOT
    What to configure on each peer's VPN device, by peer key, seen from the device (no secret: the pre-shared key
    is the one given in `peer_psks`): `remote_address` (the gateway address the tunnel ends on), `local_address`
    (the device's own address), `routing`, `local_subnets` (the site's CIDRs), `remote_subnets` (the cloud CIDRs;
    empty for an enterprise-router gateway, whose routes come from the router), `ike` and `ipsec` (the
    parameters in force, the service's defaults included), `local_id`/`remote_id` (IKE identities), `policy_rules`
    (`policy` peers, from the device's side) and `bgp` (`bgp` peers: AS numbers and tunnel interface addresses).
  EOT
  value = {
    for k, c in huaweicloudvpn_vpn_connection.this : k => {
      remote_address = local.gateway_ips[local.peers[k].gateway_address - 1]
      local_address  = local.peers[k].ip_address
      routing        = lower(c.style)
      local_subnets  = local.peers[k].subnets
      remote_subnets = local.vpc ? var.local_subnets : toset([])
      local_id       = c.ikepolicy.peer_id_type == "fqdn" ? c.ikepolicy.peer_id : local.peers[k].ip_address
      remote_id      = c.ikepolicy.local_id_type == "fqdn" ? c.ikepolicy.local_id : local.gateway_ips[local.peers[k].gateway_address - 1]
      ike = {
        version                  = c.ikepolicy.ike_version
        phase1_negotiation_mode  = c.ikepolicy.phase1_negotiation_mode
        authentication_method    = c.ikepolicy.authentication_method
        encryption_algorithm     = c.ikepolicy.encryption_algorithm
        authentication_algorithm = c.ikepolicy.authentication_algorithm
        dh_group                 = c.ikepolicy.dh_group
        lifetime_seconds         = c.ikepolicy.lifetime_seconds
        dpd                      = c.ikepolicy.dpd
      }
      ipsec = {
        transform_protocol       = c.ipsecpolicy.transform_protocol
        encapsulation_mode       = c.ipsecpolicy.encapsulation_mode
        encryption_algorithm     = c.ipsecpolicy.encryption_algorithm
        authentication_algorithm = c.ipsecpolicy.authentication_algorithm
        pfs                      = c.ipsecpolicy.pfs
        lifetime_seconds         = c.ipsecpolicy.lifetime_seconds
      }
      # The gateway's rules (source: cloud, destination: site) mirrored.
      policy_rules = lower(c.style) != "policy" ? null : [
        for r in coalesce(local.peers[k].policy_rules, []) : { source = r.destination, destination = r.source }
      ]
      bgp = lower(c.style) != "bgp" ? null : {
        local_asn             = local.peers[k].bgp_asn
        remote_asn            = local.gw.bgp_asn
        local_tunnel_address  = c.tunnel_peer_address
        remote_tunnel_address = c.tunnel_local_address
      }
    }
  }
}
