data "huaweicloudvpn_quotas" "connections" {
  type = "vpn_connection"
}

# Fail the plan early when the project cannot take the connections a module needs.
locals {
  connections_available = data.huaweicloudvpn_quotas.connections.quotas[0].available
}

output "connections_available" {
  value = local.connections_available
}

# Every quota.
data "huaweicloudvpn_quotas" "all" {}

output "quotas" {
  value = { for q in data.huaweicloudvpn_quotas.all.quotas : q.type => "${q.used}/${q.quota}" }
}
