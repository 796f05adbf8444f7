#!/usr/bin/env bash
# Runs the acceptance tests with OpenTofu instead of Terraform (`make testacc-tofu`).
#
# `go install github.com/opentofu/opentofu/cmd/tofu@...` fails (the module has
# replace directives), so this builds OpenTofu from its module source: download
# the module with the Go toolchain, then `go build ./cmd/tofu` inside it. The
# binary is cached in ./bin/tofu and rebuilt only when its version differs.
#
# Environment:
#   TOFU_VERSION  OpenTofu module version to build (default below)
#   TESTARGS      extra arguments for go test (e.g. "-run TestAccVPNGateway")
#   TOFU_BUILD_ONLY=1  build ./bin/tofu and stop
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
TOFU_VERSION=${TOFU_VERSION:-v1.12.6}
bin_dir=$root/bin
tofu=$bin_dir/tofu

log() { printf '==> %s\n' "$*" >&2; }

current=""
if [ -x "$tofu" ]; then
	current=$(TF_CLI_CONFIG_FILE=/dev/null "$tofu" version 2>/dev/null | sed -n 's/^OpenTofu \(v[0-9][^ ]*\).*/\1/p' | head -n1) || current=""
fi
if [ "$current" != "$TOFU_VERSION" ]; then
	log "building OpenTofu $TOFU_VERSION from its module source into bin/tofu (about 2 minutes cold)"
	# Download from outside this module so that go.mod and go.sum stay untouched.
	dir=$(cd "${TMPDIR:-/tmp}" && GOFLAGS= go mod download -json "github.com/opentofu/opentofu@$TOFU_VERSION" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	if [ -z "$dir" ] || [ ! -d "$dir" ]; then
		echo "testacc-tofu: could not download github.com/opentofu/opentofu@$TOFU_VERSION" >&2
		exit 1
	fi
	mkdir -p "$bin_dir"
	# The module cache is read-only; building in place works because go
	# writes only to the build cache and to -o.
	(cd "$dir" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
		-ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
		-o "$tofu" ./cmd/tofu)
	log "built $(TF_CLI_CONFIG_FILE=/dev/null "$tofu" version 2>/dev/null | grep '^OpenTofu' || echo "$tofu")"
else
	log "using cached bin/tofu ($current)"
fi

if [ "${TOFU_BUILD_ONLY:-}" = "1" ]; then
	exit 0
fi

rc_file=$bin_dir/empty.tfrc
: >"$rc_file"
log "acceptance tests with OpenTofu (TF_ACC_PROVIDER_HOST=registry.opentofu.org)"
# shellcheck disable=SC2086 # TESTARGS is a list of words
TF_ACC=1 \
	TF_ACC_TERRAFORM_PATH="$tofu" \
	TF_ACC_PROVIDER_HOST=registry.opentofu.org \
	TF_CLI_CONFIG_FILE="$rc_file" \
	CHECKPOINT_DISABLE=1 \
	go test ./internal/provider/ -count=1 -timeout "${TEST_TIMEOUT:-30m}" -run "${TESTRUN:-TestAcc}" ${TESTARGS:-}
