# A private VPN gateway attached to an enterprise router, applied against the
# VPN emulator (or a real account): peers reach it on two private IPs, and
# the router routes for bgp peers (no peer subnets, no cloud-side subnets).

variables {
  name               = "s2s-private"
  network_type       = "private"
  attachment_type    = "er"
  er_id              = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
  vpc_id             = "7d1f3c2a-5b6e-4a8f-9c0d-1e2f3a4b5c6d"
  subnet_id          = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
  flavor             = "Professional2"
  ha_mode            = "active-standby"
  bgp_asn            = 64600
  access_private_ips = ["192.168.100.10", "192.168.100.11"]
  peers = {
    dc-primary = {
      ip_address           = "172.16.0.10"
      routing              = "bgp"
      bgp_asn              = 65020
      tunnel_local_address = "169.254.80.1/30"
      tunnel_peer_address  = "169.254.80.2/30"
    }
    dc-standby = {
      ip_address           = "172.16.0.11"
      routing              = "bgp"
      gateway_address      = 2
      bgp_asn              = 65020
      tunnel_local_address = "169.254.80.5/30"
      tunnel_peer_address  = "169.254.80.6/30"
    }
    lab = {
      ip_address = "172.16.1.10"
      subnets    = ["10.50.0.0/16"]
    }
  }
  peer_psks = {
    dc-primary = "Primary.Key.2024"
    dc-standby = "Standby.Key.2024"
    lab        = "Lab.Key.2024x"
  }
}

run "private_er_gateway" {
  assert {
    condition     = output.vpn_gateway.status == "ACTIVE" && output.vpn_gateway.network_type == "private" && output.vpn_gateway.attachment_type == "er"
    error_message = "The gateway must be an ACTIVE private enterprise-router gateway: got ${jsonencode(output.vpn_gateway)}."
  }
  assert {
    condition     = jsonencode(output.vpn_gateway_ip_addresses) == jsonencode(["192.168.100.10", "192.168.100.11"]) && length(output.vpn_gateway.eip_ids) == 0
    error_message = "A private gateway's addresses are its access private IPs: got ${jsonencode(output.vpn_gateway_ip_addresses)}."
  }
  assert {
    condition     = output.vpn_gateway.er_attachment_id != null && output.vpn_gateway.er_attachment_id != ""
    error_message = "An enterprise-router gateway must report its attachment."
  }
  assert {
    condition     = alltrue([for c in values(output.connections) : c.status == "DOWN"]) && length(output.connections) == 3
    error_message = "Each peer must get a connection, DOWN until its device negotiates."
  }
  assert {
    condition     = huaweicloudvpn_vpn_connection.this["dc-primary"].ha_role == "master" && huaweicloudvpn_vpn_connection.this["dc-standby"].ha_role == "slave"
    error_message = "On an active-standby gateway the second address carries the standby (slave) connection."
  }
  assert {
    condition     = huaweicloudvpn_vpn_connection.this["dc-primary"].peer_subnets == null && huaweicloudvpn_vpn_connection.this["lab"].peer_subnets == toset(["10.50.0.0/16"])
    error_message = "bgp connections of an enterprise-router gateway take no peer subnets; static ones do."
  }
  assert {
    condition     = output.peer_device_settings["dc-standby"].remote_address == "192.168.100.11" && length(output.peer_device_settings["dc-standby"].remote_subnets) == 0
    error_message = "The standby device connects to the second private IP; the router, not the device, knows the cloud's routes."
  }
  assert {
    condition     = output.peer_device_settings["dc-primary"].bgp.remote_asn == 64600 && output.peer_device_settings["dc-primary"].bgp.local_asn == 65020
    error_message = "The devices peer with the gateway's AS number: got ${jsonencode(output.peer_device_settings["dc-primary"].bgp)}."
  }
}
