# Apply runs against the VPN emulator (or a real account): a public VPC
# gateway with a static peer (with NQA and a monitor) and a BGP peer, then a
# peer changed in place, a peer added and a peer removed. The runs share one
# state, and `terraform test` destroys everything at the end.

variables {
  name          = "s2s-test"
  vpc_id        = "7d1f3c2a-5b6e-4a8f-9c0d-1e2f3a4b5c6d"
  subnet_id     = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
  local_subnets = ["192.168.0.0/24", "192.168.1.0/24"]
  tags          = { team = "network" }
  peers = {
    branch = {
      ip_address = "198.51.100.10"
      subnets    = ["10.10.0.0/16"]
      enable_nqa = true
      monitor    = true
    }
    datacenter = {
      ip_address           = "198.51.100.20"
      routing              = "bgp"
      subnets              = ["10.20.0.0/16"]
      gateway_address      = 2
      bgp_asn              = 65010
      tunnel_local_address = "169.254.70.1/30"
      tunnel_peer_address  = "169.254.70.2/30"
    }
  }
  # Not inputs of the module: the peers the later runs change and add.
  branch_v2 = {
    ip_address  = "198.51.100.10"
    subnets     = ["10.10.0.0/16", "10.11.0.0/16"]
    enable_nqa  = true
    monitor     = true
    psk_version = 2
    ike         = { encryption_algorithm = "aes-256", dh_group = "group20" }
    ipsec       = { encryption_algorithm = "aes-256", pfs = "group20" }
  }
  warehouse = {
    ip_address = "198.51.100.30"
    routing    = "policy"
    subnets    = ["10.30.0.0/16", "10.31.0.0/16"]
    policy_rules = [
      { source = "192.168.0.0/24", destination = ["10.30.0.0/16", "10.31.0.0/16"] },
    ]
    ike     = { version = "v1" }
    monitor = true
  }
  peer_psks = {
    branch     = "Branch.Key.2024"
    datacenter = "Datacenter.Key.2024"
    warehouse  = "Warehouse.Key.2024"
  }
}

run "create" {
  assert {
    condition     = output.vpn_gateway.status == "ACTIVE"
    error_message = "The VPN gateway is ${output.vpn_gateway.status}, want ACTIVE."
  }
  assert {
    condition     = length(output.vpn_gateway_ip_addresses) == 2 && alltrue([for ip in output.vpn_gateway_ip_addresses : can(cidrhost("${ip}/32", 0))])
    error_message = "The gateway must report two IPv4 addresses, got ${jsonencode(output.vpn_gateway_ip_addresses)}."
  }
  assert {
    condition     = output.vpn_gateway.ip_addresses[0] != output.vpn_gateway.ip_addresses[1] && length(output.vpn_gateway.eip_ids) == 2
    error_message = "The gateway's two EIPs must differ."
  }
  assert {
    condition     = toset(keys(output.connections)) == toset(["branch", "datacenter"]) && toset(keys(output.customer_gateway_ids)) == toset(["branch", "datacenter"])
    error_message = "One customer gateway and one connection per peer: got ${jsonencode(keys(output.connections))}."
  }
  assert {
    condition     = alltrue([for c in values(output.connections) : c.status == "DOWN"])
    error_message = "New connections are DOWN until the peer's device negotiates: got ${jsonencode({ for k, c in output.connections : k => c.status })}."
  }
  assert {
    condition     = output.connections.branch.customer_gateway_id == output.customer_gateway_ids.branch && output.connections.datacenter.routing == "bgp"
    error_message = "Each connection must use its peer's customer gateway and routing."
  }
  assert {
    condition     = output.connections.branch.monitor_status == "ACTIVE" && output.connections.datacenter.monitor_id == null
    error_message = "Only the branch asked for a monitor, which must be ACTIVE."
  }
  assert {
    condition     = huaweicloudvpn_vpn_connection.this["branch"].enable_nqa && huaweicloudvpn_vpn_connection.this["branch"].tags_all["team"] == "network"
    error_message = "The branch connection must have NQA on and the module's tags."
  }

  # What the network team configures on the devices.
  assert {
    condition     = output.peer_device_settings.branch.remote_address == output.vpn_gateway_ip_addresses[0] && output.peer_device_settings.datacenter.remote_address == output.vpn_gateway_ip_addresses[1]
    error_message = "Each device's remote address must be the gateway address its tunnel ends on (gateway_address)."
  }
  assert {
    condition     = output.peer_device_settings.branch.local_subnets == toset(["10.10.0.0/16"]) && output.peer_device_settings.branch.remote_subnets == toset(["192.168.0.0/24", "192.168.1.0/24"])
    error_message = "The branch device's local subnets are its own, its remote subnets the cloud's."
  }
  assert {
    condition = jsonencode(output.peer_device_settings.branch.ike) == jsonencode({
      version                  = "v2"
      phase1_negotiation_mode  = null
      authentication_method    = "pre-share"
      encryption_algorithm     = "aes-128"
      authentication_algorithm = "sha2-256"
      dh_group                 = "group15"
      lifetime_seconds         = 86400
      dpd                      = { interval = 30, timeout = 15, msg = "seq-hash-notify" }
    })
    error_message = "The branch's IKE settings must be the service's defaults: got ${jsonencode(output.peer_device_settings.branch.ike)}."
  }
  assert {
    condition     = output.peer_device_settings.branch.ipsec.pfs == "group15" && output.peer_device_settings.branch.ipsec.lifetime_seconds == 3600
    error_message = "The branch's IPsec settings must be the service's defaults: got ${jsonencode(output.peer_device_settings.branch.ipsec)}."
  }
  assert {
    condition = output.peer_device_settings.datacenter.bgp == {
      local_asn             = 65010
      remote_asn            = 64512
      local_tunnel_address  = "169.254.70.2/30"
      remote_tunnel_address = "169.254.70.1/30"
    }
    error_message = "The data centre's BGP settings are seen from the device: got ${jsonencode(output.peer_device_settings.datacenter.bgp)}."
  }
  assert {
    condition     = !strcontains(jsonencode(output.peer_device_settings), "Key.2024")
    error_message = "The outputs must not carry a pre-shared key."
  }
}

# Stronger IKE/IPsec, one more subnet and a new key for the branch: an
# in-place update of its connection.
run "change_peer_in_place" {
  variables {
    peers = merge(var.peers, { branch = var.branch_v2 })
  }

  assert {
    condition     = output.connections.branch.id == run.create.connections.branch.id && output.connections.branch.monitor_id == run.create.connections.branch.monitor_id
    error_message = "The branch connection and its monitor must be updated in place, not replaced."
  }
  assert {
    condition     = output.customer_gateway_ids == run.create.customer_gateway_ids && output.vpn_gateway.id == run.create.vpn_gateway.id
    error_message = "The gateway and the customer gateways must be kept."
  }
  assert {
    condition     = output.peer_device_settings.branch.ike.encryption_algorithm == "aes-256" && output.peer_device_settings.branch.ike.dh_group == "group20"
    error_message = "The branch's IKE settings must be updated: got ${jsonencode(output.peer_device_settings.branch.ike)}."
  }
  assert {
    condition     = output.peer_device_settings.branch.ipsec.encryption_algorithm == "aes-256" && output.peer_device_settings.branch.ipsec.pfs == "group20"
    error_message = "The branch's IPsec settings must be updated: got ${jsonencode(output.peer_device_settings.branch.ipsec)}."
  }
  assert {
    condition     = huaweicloudvpn_vpn_connection.this["branch"].peer_subnets == toset(["10.10.0.0/16", "10.11.0.0/16"]) && huaweicloudvpn_vpn_connection.this["branch"].psk_wo_version == 2
    error_message = "The branch's subnets and key version must be updated."
  }
  assert {
    condition     = output.connections.datacenter.id == run.create.connections.datacenter.id && output.peer_device_settings.datacenter == run.create.peer_device_settings.datacenter
    error_message = "The data centre must not change."
  }
}

# A third site, with policy-based routing and IKEv1.
run "add_peer" {
  variables {
    peers = merge(var.peers, { branch = var.branch_v2, warehouse = var.warehouse })
  }

  assert {
    condition     = length(output.connections) == 3 && output.connections.warehouse.status == "DOWN" && output.connections.warehouse.monitor_status == "ACTIVE"
    error_message = "The warehouse must get a connection (DOWN) and a monitor (ACTIVE)."
  }
  assert {
    condition     = output.connections.branch.id == run.change_peer_in_place.connections.branch.id && output.connections.datacenter.id == run.change_peer_in_place.connections.datacenter.id
    error_message = "Adding a peer must not replace the others' connections."
  }
  assert {
    condition     = output.connections.warehouse.routing == "policy" && output.peer_device_settings.warehouse.ike.version == "v1" && output.peer_device_settings.warehouse.ike.phase1_negotiation_mode == "main"
    error_message = "The warehouse's connection must be policy-based with IKEv1 (main mode by default): got ${jsonencode(output.peer_device_settings.warehouse.ike)}."
  }
  assert {
    condition = output.peer_device_settings.warehouse.policy_rules == [
      { source = toset(["10.30.0.0/16", "10.31.0.0/16"]), destination = "192.168.0.0/24" },
    ]
    error_message = "The warehouse's policy rules must be mirrored for the device: got ${jsonencode(output.peer_device_settings.warehouse.policy_rules)}."
  }
}

# The data centre goes away: its resources are destroyed, the others kept.
run "remove_peer" {
  variables {
    peers = { branch = var.branch_v2, warehouse = var.warehouse }
  }

  assert {
    condition     = toset(keys(output.connections)) == toset(["branch", "warehouse"]) && toset(keys(output.customer_gateway_ids)) == toset(["branch", "warehouse"])
    error_message = "The data centre's customer gateway and connection must be gone: got ${jsonencode(keys(output.connections))}."
  }
  assert {
    condition     = output.connections.branch.id == run.add_peer.connections.branch.id && output.connections.warehouse.id == run.add_peer.connections.warehouse.id
    error_message = "Removing a peer must not replace the others' connections."
  }
}
