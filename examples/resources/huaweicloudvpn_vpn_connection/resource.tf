# A static-routing connection between a public VPN gateway (its first EIP)
# and a customer gateway. The pre-shared key is write-only: Terraform sends
# it but never stores it (Terraform >= 1.11). Bump psk_wo_version to send a
# new key.
variable "vpn_psk" {
  type      = string
  sensitive = true
}

resource "huaweicloudvpn_vpn_connection" "example" {
  name         = "vpn-static"
  vgw_id       = huaweicloudvpn_vpn_gateway.example.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.example.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.example.id
  style        = "static"
  peer_subnets = ["10.10.0.0/16"]

  psk_wo         = var.vpn_psk
  psk_wo_version = 1

  # Optional: the service fills every field left out (IKEv2, sha2-256,
  # aes-128, group15, 86400 s, DPD 15/30).
  ikepolicy = {
    authentication_algorithm = "sha2-512"
    encryption_algorithm     = "aes-256"
    lifetime_seconds         = 28800
  }

  ipsecpolicy = {
    pfs              = "group16"
    lifetime_seconds = 3600
  }

  tags = {
    env = "prod"
  }

  timeouts {
    create = "15m"
  }
}
