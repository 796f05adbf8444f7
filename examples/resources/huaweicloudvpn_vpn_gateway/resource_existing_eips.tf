# An active-standby gateway using two existing EIPs. Changing an EIP id later
# swaps the EIP in place (the old one is unbound through the EIP service
# first). Destroying or replacing the gateway unbinds both EIPs and keeps them
# in the account; release_existing_eips_on_delete = true would release them
# with the gateway instead.
resource "huaweicloudvpn_vpn_gateway" "existing_eips" {
  name           = "vpngw-standby"
  vpc_id         = var.vpc_id
  connect_subnet = var.subnet_id
  local_subnets  = ["10.10.0.0/16"]
  ha_mode        = "active-standby"
  bgp_asn        = 65010

  eip1 = { id = var.master_eip_id }
  eip2 = { id = var.standby_eip_id }

  release_existing_eips_on_delete = false # the default: keep the customer's EIPs

  policy_template = {
    ike_policy = {
      dh_group         = "group20"
      lifetime_seconds = 28800
    }
    ipsec_policy = {
      encryption_algorithm = "aes-256"
    }
  }
}

variable "master_eip_id" {
  type = string
}

variable "standby_eip_id" {
  type = string
}
