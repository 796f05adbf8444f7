# A customer gateway identified by its public IPv4 address, with the AS
# number of the on-premises device for BGP-routed connections.
resource "huaweicloudvpn_customer_gateway" "example" {
  name     = "branch-office"
  id_value = "203.0.113.10" # id_type defaults to "ip"
  bgp_asn  = 65000

  tags = {
    site = "branch-office"
  }
}
