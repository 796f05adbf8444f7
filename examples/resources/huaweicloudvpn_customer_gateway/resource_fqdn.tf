# A customer gateway identified by an FQDN (for example a device behind NAT
# or with a dynamic address). bgp_asn is only allowed with id_type = "ip".
resource "huaweicloudvpn_customer_gateway" "fqdn" {
  name     = "home-office"
  id_type  = "fqdn"
  id_value = "home-office.vpn.example.com"
}
