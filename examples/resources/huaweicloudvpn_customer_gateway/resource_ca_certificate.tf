# A customer gateway with a CA certificate, as GM (national cryptography) VPN
# gateways require: a GM CA certificate (SM2 key, signed SM3WITHSM2), such as
# the one OpenSSL 3 makes with `openssl req -x509 -sm3` from an SM2 key
# (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2`). The
# certificate is read from a file; line endings and trailing newlines never
# cause a diff. Changing the file updates the
# certificate in place; removing the block replaces the customer gateway.
resource "huaweicloudvpn_customer_gateway" "with_ca" {
  name     = "gm-branch"
  id_type  = "fqdn"
  id_value = "gm-branch.vpn.example.com"

  ca_certificate = {
    content = file("${path.module}/peer-ca.pem")
  }
}

output "peer_ca_expires" {
  value = huaweicloudvpn_customer_gateway.with_ca.ca_certificate.expire_time
}
