# A VPN gateway is imported by its id.
terraform import huaweicloudvpn_vpn_gateway.example 0b6e0a4c-3c51-4f57-9a4e-1f2b3c4d5e6f
