# For Terraform versions before 1.11, which have no write-only attributes:
# the same keys as sensitive attributes. They are stored (marked sensitive)
# in the state, so keep the state encrypted.
resource "huaweicloudvpn_vpn_gateway_certificate" "legacy" {
  vgw_id            = var.gm_gateway_id
  certificate       = file("${path.module}/sign.crt")
  certificate_chain = file("${path.module}/ca.crt")
  enc_certificate   = file("${path.module}/enc.crt")

  private_key     = file("${path.module}/sign.key")
  enc_private_key = file("${path.module}/enc.key")
}

variable "gm_gateway_id" {
  type        = string
  description = "ID of an existing VPN gateway with flavor GM."
}
