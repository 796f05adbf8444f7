# A gateway certificate is imported by the id of its GM VPN gateway (a gateway
# has at most one certificate). The service never returns the certificates
# nor the private keys: the first apply after the import records the
# configured certificates without sending them when their serial numbers are
# the ones the service reports.
terraform import huaweicloudvpn_vpn_gateway_certificate.example c7f1d3e3-0476-4a71-95a7-3ce8cbb969de
