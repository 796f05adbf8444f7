# A connection on a GM (Chinese cryptography) gateway, with the gateway, its
# certificate and the customer gateway of the huaweicloudvpn_vpn_gateway_certificate
# example. GM connections authenticate with certificates: the gateway needs
# its bound certificate and the customer gateway a CA certificate first, and
# neither psk nor psk_wo is set. The service fills IKE v1, sm3 and sm4 when
# the policies are left out; DH group, PFS and ids do not apply.
resource "huaweicloudvpn_vpn_connection" "gm_policies" {
  name         = "vpn-gm"
  vgw_id       = huaweicloudvpn_vpn_gateway.gm.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.gm.access_private_ip_1 # a private gateway
  cgw_id       = huaweicloudvpn_customer_gateway.branch.id
  peer_subnets = ["10.30.0.0/16"]

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

  depends_on = [huaweicloudvpn_vpn_gateway_certificate.example]
}
