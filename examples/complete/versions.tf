terraform {
  # Write-only attributes (psk_wo) and ephemeral variables need Terraform 1.11
  # or OpenTofu 1.11.
  required_version = ">= 1.11.0"

  required_providers {
    huaweicloudvpn = {
      source = "huaweicloudvpn/huaweicloudvpn"
    }
  }
}

# Region, credentials, project and endpoints come from the environment
# (HW_REGION_NAME, HW_ACCESS_KEY, HW_SECRET_KEY, HW_SECURITY_TOKEN,
# HW_PROJECT_ID, HW_VPN_ENDPOINT, HW_IAM_ENDPOINT): the same files run
# against a real account and against the emulator. See README.md.
provider "huaweicloudvpn" {
  default_tags {
    tags = var.default_tags
  }
}
