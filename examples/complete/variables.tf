variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "demo"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 1-40 letters, digits, '_', '-' or '.'."
  }
}

variable "vpc_id" {
  description = "ID of the VPC the VPN gateway serves. The default is a placeholder the emulator accepts; set your own VPC against a real account."
  type        = string
  default     = "7d1f3c2a-5b6e-4a8f-9c0d-1e2f3a4b5c6d"
}

variable "connect_subnet_id" {
  description = "ID of the VPC subnet the VPN gateway uses (its `connect_subnet`). The default is a placeholder the emulator accepts; set a subnet of your VPC against a real account."
  type        = string
  default     = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
}

variable "local_subnets" {
  description = "Cloud-side subnets (CIDRs of the VPC) reachable through the VPN."
  type        = set(string)
  default     = ["192.168.0.0/24", "192.168.1.0/24"]
}

variable "gateway_flavor" {
  description = "VPN gateway specification, such as Professional1 or Professional2."
  type        = string
  default     = "Professional1"
}

variable "eip_type" {
  description = "Type of the two EIPs the service creates for the gateway (`5_bgp` is dynamic BGP)."
  type        = string
  default     = "5_bgp"
}

variable "eip_bandwidth_size" {
  description = "Bandwidth of each new EIP in Mbit/s."
  type        = number
  default     = 10
}

variable "static_peer" {
  description = "The branch office reached through a static-routing connection: its public IPv4 address and its subnets."
  type = object({
    ip_address = string
    subnets    = set(string)
  })
  default = {
    ip_address = "198.51.100.10"
    subnets    = ["10.10.0.0/16"]
  }
}

variable "bgp_peer" {
  description = "The data centre reached through a BGP connection: its public IPv4 address, its AS number, the /30 tunnel addresses of both ends and its subnets."
  type = object({
    ip_address           = string
    bgp_asn              = number
    tunnel_local_address = string
    tunnel_peer_address  = string
    subnets              = set(string)
  })
  default = {
    ip_address           = "198.51.100.20"
    bgp_asn              = 65010
    tunnel_local_address = "169.254.70.1/30"
    tunnel_peer_address  = "169.254.70.2/30"
    subnets              = ["10.20.0.0/16"]
  }
}

variable "psk" {
  description = "Pre-shared key of both connections (8-128 characters, at least three of: upper case, lower case, digits, special characters). Sent write-only (`psk_wo`): it is never stored in the plan or the state."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "psk_version" {
  description = "Change this number to send a new `psk` to the service (write-only values cannot be compared)."
  type        = number
  default     = 1
}

variable "default_tags" {
  description = "Tags the provider adds to every taggable resource."
  type        = map(string)
  default = {
    project    = "vpn-demo"
    managed_by = "terraform"
  }
}
