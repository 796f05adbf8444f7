terraform {
  required_providers {
    huaweicloudvpn = {
      source = "huaweicloudvpn/huaweicloudvpn"
    }
  }
}

# Credentials are best left to the environment (HW_REGION_NAME, HW_ACCESS_KEY,
# HW_SECRET_KEY and, for temporary credentials, HW_SECURITY_TOKEN).
provider "huaweicloudvpn" {
  region = "cn-north-4"

  # Optional: the project id is looked up through IAM when it is not set.
  # project_id = "0123456789abcdef0123456789abcdef"

  default_tags {
    tags = {
      managed_by = "terraform"
    }
  }
}
