# Plan-only checks of the module's variable validation: each run breaks one
# rule and expects exactly that variable to be rejected, before anything
# reaches the provider's API.

variables {
  name          = "s2s-validation"
  vpc_id        = "7d1f3c2a-5b6e-4a8f-9c0d-1e2f3a4b5c6d"
  subnet_id     = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
  local_subnets = ["192.168.0.0/24"]
  peers = {
    branch = {
      ip_address = "198.51.100.10"
      subnets    = ["10.10.0.0/16"]
    }
  }
  peer_psks = {
    branch = "Branch.Key.2024"
  }
}

# The valid configuration plans: one of each resource, no monitor.
run "valid_plan" {
  command = plan

  assert {
    condition     = huaweicloudvpn_vpn_connection.this["branch"].style == "static" && length(huaweicloudvpn_connection_monitor.this) == 0
    error_message = "A static peer without monitor plans one static connection and no monitor."
  }
  assert {
    condition     = huaweicloudvpn_vpn_gateway.this.eip1.bandwidth_name == "s2s-validation-bw1" && huaweicloudvpn_vpn_gateway.this.eip2.type == "5_bgp"
    error_message = "A public gateway gets two new EIPs."
  }
  assert {
    condition     = huaweicloudvpn_customer_gateway.this["branch"].name == "s2s-validation-branch"
    error_message = "Peer resources are named <name>-<peer key>."
  }
}

run "name_with_spaces" {
  command = plan
  variables { name = "my gateway" }
  expect_failures = [var.name]
}

run "unknown_network_type" {
  command = plan
  variables { network_type = "internet" }
  expect_failures = [var.network_type]
}

run "er_without_er_id" {
  command = plan
  variables {
    attachment_type = "er"
    local_subnets   = []
  }
  expect_failures = [var.er_id]
}

run "er_with_local_subnets" {
  command = plan
  variables {
    attachment_type = "er"
    er_id           = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
  }
  expect_failures = [var.local_subnets]
}

run "vpc_without_local_subnets" {
  command = plan
  variables { local_subnets = [] }
  expect_failures = [var.local_subnets]
}

run "gm_flavor" {
  command = plan
  variables { flavor = "GM" }
  expect_failures = [var.flavor]
}

run "one_existing_eip" {
  command = plan
  variables { eip = { existing_ids = ["0b6e0a4c-3c51-4f57-9a4e-1f2b3c4d5e6f"] } }
  expect_failures = [var.eip]
}

run "private_ips_on_public_gateway" {
  command = plan
  variables { access_private_ips = ["192.168.100.10", "192.168.100.11"] }
  expect_failures = [var.access_private_ips]
}

run "no_peers" {
  command = plan
  variables {
    peers     = {}
    peer_psks = {}
  }
  expect_failures = [var.peers]
}

run "peer_address_not_ipv4" {
  command = plan
  variables {
    peers = {
      branch = { ip_address = "vpn.example.com", subnets = ["10.10.0.0/16"] }
    }
  }
  expect_failures = [var.peers]
}

run "unknown_routing" {
  command = plan
  variables {
    peers = {
      branch = { ip_address = "198.51.100.10", subnets = ["10.10.0.0/16"], routing = "ospf" }
    }
  }
  expect_failures = [var.peers]
}

run "static_peer_without_subnets" {
  command = plan
  variables {
    peers = {
      branch = { ip_address = "198.51.100.10" }
    }
  }
  expect_failures = [var.peers]
}

run "bgp_peer_without_tunnel_addresses" {
  command = plan
  variables {
    peers = {
      branch = { ip_address = "198.51.100.10", subnets = ["10.10.0.0/16"], routing = "bgp", bgp_asn = 65010 }
    }
  }
  expect_failures = [var.peers]
}

run "bgp_tunnel_addresses_in_two_subnets" {
  command = plan
  variables {
    peers = {
      branch = {
        ip_address           = "198.51.100.10"
        subnets              = ["10.10.0.0/16"]
        routing              = "bgp"
        bgp_asn              = 65010
        tunnel_local_address = "169.254.70.1/30"
        tunnel_peer_address  = "169.254.70.5/30"
      }
    }
  }
  expect_failures = [var.peers]
}

run "bgp_peer_with_subnets_on_er_gateway" {
  command = plan
  variables {
    attachment_type = "er"
    er_id           = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
    local_subnets   = []
    peers = {
      branch = {
        ip_address           = "198.51.100.10"
        subnets              = ["10.10.0.0/16"]
        routing              = "bgp"
        bgp_asn              = 65010
        tunnel_local_address = "169.254.70.1/30"
        tunnel_peer_address  = "169.254.70.2/30"
      }
    }
  }
  expect_failures = [var.peers]
}

run "policy_rules_on_static_peer" {
  command = plan
  variables {
    peers = {
      branch = {
        ip_address   = "198.51.100.10"
        subnets      = ["10.10.0.0/16"]
        policy_rules = [{ source = "192.168.0.0/24", destination = ["10.10.0.0/16"] }]
      }
    }
  }
  expect_failures = [var.peers]
}

run "third_gateway_address" {
  command = plan
  variables {
    peers = {
      branch = { ip_address = "198.51.100.10", subnets = ["10.10.0.0/16"], gateway_address = 3 }
    }
  }
  expect_failures = [var.peers]
}

run "peer_without_psk" {
  command = plan
  variables {
    peer_psks = { headquarters = "Branch.Key.2024" }
  }
  expect_failures = [var.peer_psks]
}

run "weak_psk" {
  command = plan
  variables {
    peer_psks = { branch = "password" }
  }
  expect_failures = [var.peer_psks]
}
