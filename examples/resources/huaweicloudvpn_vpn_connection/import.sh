# Import a VPN connection by its id. The service never returns the
# pre-shared key, which is the only exception to an empty plan after import:
# - with psk, the first plan sets psk (an in-place update that sends the key);
# - with psk_wo and psk_wo_version, it sets psk_wo_version and sends psk_wo;
# - with psk_wo alone, the plan is empty and the key is not sent.
# Send the key the customer device already uses and the tunnel is not
# disturbed. Everything else, including policy rules the service split and a
# style written in another case, shows no diff.
terraform import huaweicloudvpn_vpn_connection.example 0f5a3c7e-2b1d-4e8f-9a6b-7c5d4e3f2a10
