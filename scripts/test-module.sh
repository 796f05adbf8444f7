#!/usr/bin/env bash
# Runs a Terraform module's `terraform test` suite against the VPN emulator:
# a CI job in one script, for any shell-based CI (docs/guides/testing-modules.md).
#
#   PROVIDER_SRC  a checkout of terraform-provider-huaweicloudvpn (default: .),
#                 from which the provider and the emulator are built
#   MODULE_DIR    the module to test (default: examples/modules/site-to-site)
#   TERRAFORM     the Terraform CLI (default: terraform)
#
# Needs Go and Terraform 1.11 or later; no cloud account, no registry access.
set -euo pipefail

src=$(cd "${PROVIDER_SRC:-.}" && pwd)
module_dir=${MODULE_DIR:-examples/modules/site-to-site}
terraform=${TERRAFORM:-terraform}
work=$(mktemp -d)
emulator_pid=""
trap '[ -z "$emulator_pid" ] || kill "$emulator_pid"; rm -rf "$work"' EXIT

# 1. The provider and the emulator. (With the release archives, unpack
#    terraform-provider-huaweicloudvpn_v* and vpn-emulator into $work/bin.)
(cd "$src" && go build -o "$work/bin/terraform-provider-huaweicloudvpn" . &&
	go build -o "$work/bin/vpn-emulator" ./cmd/vpn-emulator)

# 2. The emulator on a free loopback port; it prints its address, then the
#    `export HW_...` lines that point the provider at it.
"$work/bin/vpn-emulator" -listen 127.0.0.1:0 -delay 0 -print-env >"$work/emulator.env" &
emulator_pid=$!
for _ in $(seq 100); do
	grep -q '^export HW_IAM_ENDPOINT=' "$work/emulator.env" && break
	sleep 0.1
done
eval "$(grep '^export HW_' "$work/emulator.env")"

# 3. Terraform takes the provider from $work/bin (dev_overrides), so the
#    tests need no `terraform init` and no registry.
cat >"$work/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/huaweicloudvpn/huaweicloudvpn" = "$work/bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

# 4. The module's tests (tests/*.tftest.hcl). Its exit status is the job's.
cd "$module_dir"
"$terraform" test
