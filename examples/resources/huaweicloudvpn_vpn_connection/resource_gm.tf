# A connection on a GM (Chinese cryptography) gateway. GM connections
# authenticate with certificates: the gateway needs its certificate and the
# customer gateway a CA certificate first, and neither psk nor psk_wo is set.
# Algorithms are sm3/sm4 and IKE v1; DH group, PFS and ids do not apply.
resource "huaweicloudvpn_vpn_connection" "gm" {
  name         = "vpn-gm"
  vgw_id       = huaweicloudvpn_vpn_gateway.gm.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.gm.eip1.id
  cgw_id       = huaweicloudvpn_customer_gateway.gm.id
  peer_subnets = ["10.10.0.0/16"]

  ikepolicy = {
    ike_version              = "v1"
    phase1_negotiation_mode  = "main"
    authentication_algorithm = "sm3"
    encryption_algorithm     = "sm4"
    authentication_method    = "digital-envelope-v2"
  }

  ipsecpolicy = {
    authentication_algorithm = "sm3"
    encryption_algorithm     = "sm4"
  }

  depends_on = [huaweicloudvpn_vpn_gateway_certificate.gm]
}
