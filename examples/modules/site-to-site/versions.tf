terraform {
  # Write-only arguments (psk_wo), ephemeral input variables and validation
  # rules that refer to other variables need Terraform 1.11 or later.
  required_version = ">= 1.11.0"

  required_providers {
    huaweicloudvpn = {
      source = "huaweicloudvpn/huaweicloudvpn"
    }
  }
}
