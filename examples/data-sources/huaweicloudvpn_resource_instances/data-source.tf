# VPN connections tagged env = prod or env = staging whose name contains
# "branch", and the customer gateways that carry no tag at all.
data "huaweicloudvpn_resource_instances" "prod_branches" {
  resource_type = "vpn-connection"

  tags {
    key    = "env"
    values = ["prod", "staging"]
  }

  matches {
    key   = "resource_name"
    value = "branch"
  }
}

data "huaweicloudvpn_resource_instances" "untagged_peers" {
  resource_type   = "customer-gateway"
  without_any_tag = true
}

output "prod_branch_connection_ids" {
  value = data.huaweicloudvpn_resource_instances.prod_branches.resources[*].resource_id
}

output "untagged_peer_count" {
  value = data.huaweicloudvpn_resource_instances.untagged_peers.total_count
}
