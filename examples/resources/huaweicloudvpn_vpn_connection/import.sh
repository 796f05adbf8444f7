# Import a VPN connection by its id. The service never returns the
# pre-shared key, so the first plan after an import is not empty for the key:
# with psk it shows psk being set, with psk_wo it shows psk_wo_version being
# set; applying it sends the configured key again. Everything else, including
# policy rules the service split and a style written in another case, shows
# no diff.
terraform import huaweicloudvpn_vpn_connection.example 0f5a3c7e-2b1d-4e8f-9a6b-7c5d4e3f2a10
