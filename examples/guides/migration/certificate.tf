# The official gateway's certificate block has no move: it is the resource
# huaweicloudvpn_vpn_gateway_certificate, imported by the id of its gateway in
# the same plan as the move. The service never returns PEM texts or keys:
# write the ones the certificate block had.
resource "huaweicloudvpn_vpn_gateway_certificate" "gm" {
  vgw_id             = huaweicloudvpn_vpn_gateway.gm.id
  name               = "off-cert"
  certificate        = file("certs/sign.pem")
  certificate_chain  = file("certs/ca.pem")
  enc_certificate    = file("certs/enc.pem")
  private_key_wo     = file("certs/sign.key")
  enc_private_key_wo = file("certs/enc.key")
}

import {
  to = huaweicloudvpn_vpn_gateway_certificate.gm
  id = huaweicloudvpn_vpn_gateway.gm.id
}
