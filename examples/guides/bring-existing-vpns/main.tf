# The provider for the region and project to look into (credentials from
# HW_ACCESS_KEY and HW_SECRET_KEY). Terraform 1.14 or later runs
# `terraform query`; identity imports need 1.12.
terraform {
  required_version = ">= 1.14"
  required_providers {
    huaweicloudvpn = { source = "huaweicloudvpn/huaweicloudvpn" }
  }
}

provider "huaweicloudvpn" {
  region = "cn-north-4"
}
