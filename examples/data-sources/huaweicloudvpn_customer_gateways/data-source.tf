# Every customer gateway of the project.
data "huaweicloudvpn_customer_gateways" "all" {}

# Customer gateways tagged env = prod that are identified by an FQDN.
data "huaweicloudvpn_customer_gateways" "prod_fqdn" {
  id_type = "fqdn"
  tags = {
    env = "prod"
  }
}

# One customer gateway by its exact name.
data "huaweicloudvpn_customer_gateways" "branch" {
  name = "branch-office"
}

output "branch_customer_gateway_id" {
  value = one(data.huaweicloudvpn_customer_gateways.branch.ids)
}

output "prod_peer_addresses" {
  value = data.huaweicloudvpn_customer_gateways.prod_fqdn.customer_gateways[*].id_value
}
