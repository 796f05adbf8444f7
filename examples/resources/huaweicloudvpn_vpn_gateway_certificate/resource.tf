# The certificate of a GM (national cryptography) VPN gateway. The private
# keys are write-only (Terraform 1.11 or later): they are sent to the service
# and never stored in the plan or the state. Bump private_keys_wo_version to
# send them again.
#
# All three certificates must be GM (SM2 keys, signed SM3WITHSM2): the CA in
# ca.crt, and the signing and encryption certificates it issued (not CAs).
# OpenSSL 3 makes them, for example for the CA:
#   openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out ca.key
#   openssl req -x509 -new -key ca.key -sm3 -subj "/C=CN/O=Example/CN=Example CA" \
#     -days 365 -addext basicConstraints=critical,CA:TRUE -out ca.crt
resource "huaweicloudvpn_vpn_gateway" "gm" {
  name           = "vpngw-gm"
  flavor         = "GM"
  network_type   = "private"
  vpc_id         = var.vpc_id
  connect_subnet = var.subnet_id
  local_subnets  = ["192.168.10.0/24"]
}

resource "huaweicloudvpn_vpn_gateway_certificate" "example" {
  vgw_id            = huaweicloudvpn_vpn_gateway.gm.id
  name              = "vpngw-gm-cert"
  certificate       = file("${path.module}/sign.crt")
  certificate_chain = file("${path.module}/ca.crt")
  enc_certificate   = file("${path.module}/enc.crt")

  private_key_wo          = file("${path.module}/sign.key")
  enc_private_key_wo      = file("${path.module}/enc.key")
  private_keys_wo_version = 1
}

# GM connections need the bound certificate: depend on it.
resource "huaweicloudvpn_customer_gateway" "branch" {
  name     = "gm-branch"
  id_value = "203.0.113.20"

  ca_certificate = {
    content = file("${path.module}/peer-ca.crt")
  }
}

resource "huaweicloudvpn_vpn_connection" "gm" {
  name         = "gm-branch"
  vgw_id       = huaweicloudvpn_vpn_gateway.gm.id
  vgw_ip       = huaweicloudvpn_vpn_gateway.gm.access_private_ip_1
  cgw_id       = huaweicloudvpn_customer_gateway.branch.id
  peer_subnets = ["10.20.0.0/16"]

  depends_on = [huaweicloudvpn_vpn_gateway_certificate.example]
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the GM gateway serves."
}

variable "subnet_id" {
  type        = string
  description = "ID of a subnet of that VPC for the gateway."
}

output "certificate_expires" {
  value = huaweicloudvpn_vpn_gateway_certificate.example.certificate_expire_time
}
