# A gateway certificate is imported by the id of its GM VPN gateway (a gateway
# has at most one certificate).
#
# The API never returns the PEM text of the certificates nor the private keys,
# so the import cannot read them back: certificate, certificate_chain,
# enc_certificate (and private_key, enc_private_key) stay empty in the state,
# and the first plan after the import shows them being added. Applying it calls
# no API when the configured certificates have the serial numbers the service
# reports; it only records them in the state.
terraform import huaweicloudvpn_vpn_gateway_certificate.example c7f1d3e3-0476-4a71-95a7-3ce8cbb969de
