variable "name" {
  description = "Name of the VPN gateway, and prefix of the peers' customer gateways and connections (`<name>-<peer key>`)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,40}$", var.name))
    error_message = "name must be 1-40 letters, digits, '_', '-' or '.'."
  }
}

# --- the VPN gateway --------------------------------------------------------

variable "network_type" {
  description = "`public`: peers reach the gateway on two EIPs (see `eip`). `private`: on two private IPs of the subnet (see `access_private_ips`), over Direct Connect or another private line."
  type        = string
  default     = "public"

  validation {
    condition     = contains(["public", "private"], var.network_type)
    error_message = "network_type must be \"public\" or \"private\"."
  }
}

variable "attachment_type" {
  description = "`vpc`: the gateway serves the VPC `vpc_id` and routes to `local_subnets`. `er`: it attaches to the enterprise router `er_id`, which routes for it."
  type        = string
  default     = "vpc"

  validation {
    condition     = contains(["vpc", "er"], var.attachment_type)
    error_message = "attachment_type must be \"vpc\" or \"er\"."
  }
}

variable "vpc_id" {
  description = "ID of the VPC the gateway serves (`attachment_type = \"vpc\"`) or of the access VPC that carries the tunnels (`\"er\"`)."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (a UUID)."
  }
}

variable "subnet_id" {
  description = "ID of the subnet of `vpc_id` the gateway uses (its `connect_subnet`, or the access subnet of an enterprise-router gateway)."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.subnet_id))
    error_message = "subnet_id must be a subnet id (a UUID)."
  }
}

variable "er_id" {
  description = "ID of the enterprise router: required when `attachment_type` is `er`, not allowed otherwise."
  type        = string
  default     = null

  validation {
    condition     = (var.attachment_type == "er") == (var.er_id != null)
    error_message = "er_id is required when attachment_type is \"er\" and must be null otherwise."
  }
  validation {
    condition     = var.er_id == null || can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", coalesce(var.er_id, "-")))
    error_message = "er_id must be an enterprise router id (a UUID)."
  }
}

variable "local_subnets" {
  description = "Cloud-side CIDRs reachable through the VPN (at most 50): required when `attachment_type` is `vpc`, empty with `er` (the enterprise router routes)."
  type        = set(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.local_subnets : can(cidrnetmask(s))]) && length(var.local_subnets) <= 50
    error_message = "local_subnets must be at most 50 IPv4 CIDRs such as 192.168.0.0/24."
  }
  validation {
    condition     = (var.attachment_type == "vpc") == (length(var.local_subnets) > 0)
    error_message = "local_subnets is required when attachment_type is \"vpc\" and must be empty when it is \"er\"."
  }
}

variable "flavor" {
  description = "Gateway specification. `GM` (national cryptography) gateways authenticate with certificates instead of pre-shared keys and are not supported by this module."
  type        = string
  default     = "Professional1"

  validation {
    condition = contains([
      "Basic", "Professional1", "Professional2", "Professional3",
      "Professional1-NonFixedIP", "Professional2-NonFixedIP", "Professional3-NonFixedIP",
    ], var.flavor)
    error_message = "flavor must be one of Basic, Professional1, Professional2, Professional3 or their -NonFixedIP variants (GM is not supported by this module)."
  }
}

variable "ha_mode" {
  description = "`active-active` or `active-standby` (on which the gateway's second address carries the standby tunnels)."
  type        = string
  default     = "active-active"

  validation {
    condition     = contains(["active-active", "active-standby"], var.ha_mode)
    error_message = "ha_mode must be \"active-active\" or \"active-standby\"."
  }
}

variable "bgp_asn" {
  description = "BGP AS number of the gateway, for `bgp` peers. Null: the service's default, 64512."
  type        = number
  default     = null

  validation {
    condition     = var.bgp_asn == null || try(var.bgp_asn >= 1 && var.bgp_asn <= 4294967295 && floor(var.bgp_asn) == var.bgp_asn, false)
    error_message = "bgp_asn must be a whole number between 1 and 4294967295."
  }
}

variable "availability_zone_ids" {
  description = "Availability zones of the gateway: two, or one where the flavor has only one (the provider checks them against the flavor's zones at plan time). Null: the service chooses."
  type        = set(string)
  default     = null
}

variable "eip" {
  description = "Public gateways: the two EIPs. Either `existing_ids` (two EIP ids), or the `type`, `bandwidth_size` (Mbit/s) and `charge_mode` (`bandwidth` or `traffic`) of two new EIPs the service creates with the gateway. Ignored for private gateways."
  type = object({
    existing_ids   = optional(list(string))
    type           = optional(string, "5_bgp")
    bandwidth_size = optional(number, 10)
    charge_mode    = optional(string)
  })
  default = {}

  validation {
    condition     = var.eip.existing_ids == null || try(length(var.eip.existing_ids) == 2 && var.eip.existing_ids[0] != var.eip.existing_ids[1], false)
    error_message = "eip.existing_ids must name two different EIPs."
  }
  validation {
    condition     = var.eip.bandwidth_size >= 1 && var.eip.bandwidth_size <= 1000
    error_message = "eip.bandwidth_size must be between 1 and 1000 Mbit/s."
  }
  validation {
    condition     = var.eip.charge_mode == null || contains(["bandwidth", "traffic"], coalesce(var.eip.charge_mode, "-"))
    error_message = "eip.charge_mode must be \"bandwidth\" or \"traffic\"."
  }
}

variable "access_private_ips" {
  description = "Private gateways: the two private IPs of `subnet_id` peers connect to. Null: the service chooses them. Not allowed for public gateways."
  type        = list(string)
  default     = null

  validation {
    condition = var.access_private_ips == null || try(
      length(var.access_private_ips) == 2 &&
      alltrue([for ip in var.access_private_ips : can(cidrhost("${ip}/32", 0))]) &&
      var.access_private_ips[0] != var.access_private_ips[1],
    false)
    error_message = "access_private_ips must be two different IPv4 addresses."
  }
  validation {
    condition     = var.access_private_ips == null || var.network_type == "private"
    error_message = "access_private_ips is only for network_type = \"private\"."
  }
}

variable "tags" {
  description = "Tags of every resource of the module (merged over the provider's `default_tags`; a peer's own `tags` win)."
  type        = map(string)
  default     = {}
}

# --- the peers --------------------------------------------------------------

variable "peers" {
  description = <<-EOT
    The on-premises sites, by a short key (used in names and outputs). Each becomes a customer gateway, a
    VPN connection and optionally a connection monitor:

    - `ip_address`: the public (or, for a private gateway, private) IPv4 address of the site's VPN device.
    - `routing`: `static` (default), `policy` or `bgp`.
    - `subnets`: the site's CIDRs. Required, except for `policy` and `bgp` peers of an enterprise-router
      gateway, which must leave it empty (the router learns the routes).
    - `gateway_address`: `1` (default) or `2`, which of the gateway's two addresses the tunnel ends on (on
      an active-standby gateway, `2` is the standby).
    - `bgp_asn`, `tunnel_local_address`, `tunnel_peer_address`: `bgp` peers (required there): the site's AS
      number and the /30 tunnel interface addresses of the gateway and of the device in 169.254.0.0/16.
    - `policy_rules`: `policy` peers: `{ source = cloud CIDR, destination = [site CIDRs] }`, at most 5.
    - `ike`, `ipsec`: IKE and IPsec parameters; those left out are the service's defaults (shown in the
      `peer_device_settings` output).
    - `enable_nqa`: NQA probing of a `static` connection. `monitor`: create a connection monitor.
    - `psk_version`: raise it to send a new key from `peer_psks`. `tags`: extra tags of the peer's resources.
  EOT
  type = map(object({
    ip_address           = string
    routing              = optional(string, "static")
    subnets              = optional(set(string), [])
    gateway_address      = optional(number, 1)
    bgp_asn              = optional(number)
    tunnel_local_address = optional(string)
    tunnel_peer_address  = optional(string)
    policy_rules = optional(list(object({
      source      = string
      destination = set(string)
    })))
    ike = optional(object({
      version                  = optional(string)
      encryption_algorithm     = optional(string)
      authentication_algorithm = optional(string)
      dh_group                 = optional(string)
      lifetime_seconds         = optional(number)
    }), {})
    ipsec = optional(object({
      encryption_algorithm     = optional(string)
      authentication_algorithm = optional(string)
      pfs                      = optional(string)
      lifetime_seconds         = optional(number)
    }), {})
    enable_nqa  = optional(bool, false)
    monitor     = optional(bool, false)
    psk_version = optional(number, 1)
    tags        = optional(map(string), {})
  }))

  validation {
    condition     = length(var.peers) > 0
    error_message = "peers must have at least one peer."
  }
  validation {
    condition     = alltrue([for k in keys(var.peers) : can(regex("^[A-Za-z0-9_.-]{1,20}$", k))])
    error_message = "Each key of peers must be 1-20 letters, digits, '_', '-' or '.'."
  }
  validation {
    condition     = alltrue([for p in values(var.peers) : can(cidrhost("${p.ip_address}/32", 0)) && can(regex("^[0-9.]+$", p.ip_address))])
    error_message = "Each peer's ip_address must be an IPv4 address such as 203.0.113.10."
  }
  validation {
    condition     = alltrue([for p in values(var.peers) : contains(["static", "policy", "bgp"], p.routing)])
    error_message = "Each peer's routing must be \"static\", \"policy\" or \"bgp\"."
  }
  validation {
    condition     = alltrue([for p in values(var.peers) : alltrue([for s in p.subnets : can(cidrnetmask(s))]) && length(p.subnets) <= 50])
    error_message = "Each peer's subnets must be at most 50 IPv4 CIDRs such as 10.10.0.0/16."
  }
  validation {
    condition = alltrue([for p in values(var.peers) :
      var.attachment_type == "er" && p.routing != "static" ? length(p.subnets) == 0 : length(p.subnets) > 0
    ])
    error_message = "Each peer needs subnets, except policy and bgp peers of an enterprise-router gateway (attachment_type = \"er\"), which must have none."
  }
  validation {
    condition     = alltrue([for p in values(var.peers) : contains([1, 2], p.gateway_address)])
    error_message = "Each peer's gateway_address must be 1 or 2."
  }
  validation {
    condition = alltrue([for p in values(var.peers) :
      p.routing == "bgp"
      ? p.bgp_asn != null && p.tunnel_local_address != null && p.tunnel_peer_address != null
      : p.bgp_asn == null && p.tunnel_local_address == null && p.tunnel_peer_address == null
    ])
    error_message = "bgp peers need bgp_asn, tunnel_local_address and tunnel_peer_address; other peers take none of them."
  }
  validation {
    condition = alltrue([for p in values(var.peers) : p.bgp_asn == null || try(
      p.bgp_asn >= 1 && p.bgp_asn <= 4294967295 && floor(p.bgp_asn) == p.bgp_asn,
    false)])
    error_message = "Each peer's bgp_asn must be a whole number between 1 and 4294967295."
  }
  validation {
    condition = alltrue([for p in values(var.peers) : p.tunnel_local_address == null || try(
      cidrhost(p.tunnel_local_address, 0) == cidrhost(p.tunnel_peer_address, 0) &&
      endswith(p.tunnel_local_address, "/30") && p.tunnel_local_address != p.tunnel_peer_address &&
      cidrhost("169.254.0.0/16", 0) == cidrhost("${split("/", p.tunnel_local_address)[0]}/16", 0),
    false)])
    error_message = "Each bgp peer's tunnel_local_address and tunnel_peer_address must be two different addresses of one /30 in 169.254.0.0/16, such as 169.254.70.1/30 and 169.254.70.2/30."
  }
  validation {
    condition     = alltrue([for p in values(var.peers) : p.policy_rules == null || p.routing == "policy"])
    error_message = "policy_rules is only for peers with routing = \"policy\"."
  }
  validation {
    condition     = alltrue([for p in values(var.peers) : !p.enable_nqa || p.routing == "static"])
    error_message = "enable_nqa is only for peers with routing = \"static\"."
  }
}

variable "peer_psks" {
  description = "Pre-shared key of each peer, by the keys of `peers` (8-128 characters with at least three of: upper case, lower case, digits, special characters). Ephemeral: sent write-only (`psk_wo`), never stored in the plan or the state."
  type        = map(string)
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = alltrue([for k in keys(var.peers) : contains(keys(var.peer_psks), k)])
    error_message = "peer_psks must have a key for every peer."
  }
  validation {
    condition = alltrue([for psk in values(var.peer_psks) :
      length(psk) >= 8 && length(psk) <= 128 && can(regex("^[A-Za-z0-9~!@#$%^()+={},./:;]+$", psk)) &&
      length([for class in ["[A-Z]", "[a-z]", "[0-9]", "[~!@#$%^()+={},./:;]"] : class if can(regex(class, psk))]) >= 3
    ])
    error_message = "Each of peer_psks must be 8-128 characters of letters, digits and ~!@#$%^()+={},./:; with at least three of: upper case, lower case, digits, special characters."
  }
}
