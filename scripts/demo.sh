#!/usr/bin/env bash
# `make demo`: a whole site-to-site VPN stack applied and destroyed on this
# machine, with no cloud account.
#
# Builds the provider and the VPN emulator into ./bin, starts the emulator on
# a free loopback port (state file in a temporary folder), points Terraform at
# the local provider build through a CLI configuration with dev_overrides,
# then runs plan, apply, outputs, a second plan that must be empty, and
# destroy on a copy of examples/complete. The emulator is stopped and the
# temporary folder removed however the script ends.
#
# Environment:
#   TF_BIN      Terraform or OpenTofu binary (default: terraform, else tofu)
#   DEMO_DELAY  how long the emulator's asynchronous transitions take (default 1s)
#   DEMO_KEEP=1 keep the temporary folder (state, logs) at the end
#   DEMO_EXAMPLE  configuration to apply (default: examples/complete)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
bin_dir=$root/bin
delay=${DEMO_DELAY:-1s}
example=${DEMO_EXAMPLE:-examples/complete}
started=$SECONDS
step=0
steps=8

say() { printf '\n\033[1m==> [%d/%d] %s\033[0m (%ss)\n' "$step" "$steps" "$*" "$((SECONDS - started))"; }
next() {
	step=$((step + 1))
	say "$@"
}
info() { printf '    %s\n' "$*"; }
die() {
	printf '\ndemo: %s\n' "$*" >&2
	exit 1
}

# --- prerequisites -----------------------------------------------------------
command -v go >/dev/null || die "Go is not on PATH (https://go.dev/dl/)"
tf=${TF_BIN:-}
if [ -z "$tf" ]; then
	if command -v terraform >/dev/null; then
		tf=terraform
	elif command -v tofu >/dev/null; then
		tf=tofu
	elif [ -x "$bin_dir/tofu" ]; then
		tf=$bin_dir/tofu
	else
		die "neither terraform nor tofu is on PATH (set TF_BIN)"
	fi
fi
command -v "$tf" >/dev/null || die "$tf not found"
tfn=$(basename "$tf") # terraform or tofu, for the progress lines

work=$(mktemp -d "${TMPDIR:-/tmp}/huaweicloudvpn-demo.XXXXXX")
emu_pid=""
ok=0

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [ -n "$emu_pid" ] && kill -0 "$emu_pid" 2>/dev/null; then
		printf '\n==> stopping the emulator (pid %s)\n' "$emu_pid"
		kill "$emu_pid" 2>/dev/null || true
		wait "$emu_pid" 2>/dev/null || true
	fi
	if [ "$ok" != 1 ]; then
		if [ -s "$work/emulator.log" ]; then
			printf '\n==> last lines of the emulator log (%s):\n' "$work/emulator.log" >&2
			tail -n 20 "$work/emulator.log" >&2 || true
		fi
		printf '\ndemo: FAILED after %ss (exit %s); files kept in %s\n' "$((SECONDS - started))" "$rc" "$work" >&2
		exit "$rc"
	fi
	if [ "${DEMO_KEEP:-}" = 1 ]; then
		printf '==> files kept in %s\n' "$work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. build ----------------------------------------------------------------
next "Building the provider and the emulator into ./bin"
mkdir -p "$bin_dir"
version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$bin_dir/terraform-provider-huaweicloudvpn" .
go build -trimpath -o "$bin_dir/vpn-emulator" ./cmd/vpn-emulator
info "provider $version, $(TF_CLI_CONFIG_FILE=/dev/null "$tf" version 2>/dev/null | grep -m1 -E '^(Terraform|OpenTofu) v' || echo "$tf")"

# --- 2. emulator -------------------------------------------------------------
next "Starting the VPN emulator on a free loopback port (transitions take $delay)"
"$bin_dir/vpn-emulator" -listen 127.0.0.1:0 -delay "$delay" -print-env \
	-state-file "$work/emulator-state.json" -log \
	>"$work/emulator.out" 2>"$work/emulator.log" &
emu_pid=$!
for _ in $(seq 1 100); do
	grep -q '^export HW_IAM_ENDPOINT=' "$work/emulator.out" 2>/dev/null && break
	kill -0 "$emu_pid" 2>/dev/null || die "the emulator exited: $(cat "$work/emulator.log")"
	sleep 0.1
done
grep -q '^export HW_IAM_ENDPOINT=' "$work/emulator.out" || die "the emulator did not report its address within 10s"
info "$(head -n1 "$work/emulator.out") (pid $emu_pid, state in $work/emulator-state.json)"
# The emulator prints shell-quoted `export HW_...=...` lines (-print-env).
eval "$(grep '^export HW_' "$work/emulator.out")"
info "HW_REGION_NAME=$HW_REGION_NAME HW_ACCESS_KEY=$HW_ACCESS_KEY HW_VPN_ENDPOINT=$HW_VPN_ENDPOINT"

# --- 3. Terraform configuration ----------------------------------------------
next "Pointing $tfn at ./bin (dev_overrides) and copying $example"
cat >"$work/terraformrc" <<EOF
# Written by scripts/demo.sh: use the provider just built, no registry.
provider_installation {
  dev_overrides {
    "registry.terraform.io/huaweicloudvpn/huaweicloudvpn" = "$bin_dir"
    "registry.opentofu.org/huaweicloudvpn/huaweicloudvpn" = "$bin_dir"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE=$work/terraformrc
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 TF_INPUT=0
unset TF_WORKSPACE TF_DATA_DIR
mkdir -p "$work/stack"
case $example in
/*) src=$example ;;
*) src=$root/$example ;;
esac
cp "$src"/*.tf "$work/stack/"
cd "$work/stack"
# A fresh pre-shared key for this run. The connections take it write-only
# (psk_wo), so it never reaches the plan or the state.
TF_VAR_psk="Demo.$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export TF_VAR_psk
info "TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE; working copy in $work/stack"
info "no '$tfn init': with dev_overrides the provider needs none (and no registry is used)"

# --- 4. plan -----------------------------------------------------------------
next "$tfn plan"
"$tf" plan -input=false -compact-warnings

# --- 5. apply ----------------------------------------------------------------
next "$tfn apply -auto-approve (waits for the asynchronous gateway, connections and monitor)"
apply_start=$SECONDS
"$tf" apply -input=false -auto-approve -compact-warnings
info "apply took $((SECONDS - apply_start))s"

# --- 6. outputs --------------------------------------------------------------
next "$tfn output"
"$tf" output
info "resources in the state:"
"$tf" state list | sed 's/^/      /'

# --- 7. second plan ----------------------------------------------------------
next "A second plan must be empty ($tfn plan -detailed-exitcode)"
set +e
"$tf" plan -input=false -detailed-exitcode -compact-warnings >"$work/plan2.txt" 2>&1
code=$?
set -e
case $code in
0) info "no changes: the provider reads back exactly what it applied" ;;
2)
	cat "$work/plan2.txt"
	die "the second plan is not empty (see above)"
	;;
*)
	cat "$work/plan2.txt"
	die "the second plan failed (exit $code)"
	;;
esac

# --- 8. destroy --------------------------------------------------------------
next "$tfn destroy -auto-approve"
"$tf" destroy -input=false -auto-approve -compact-warnings
left=$("$tf" state list | wc -l)
[ "$left" -eq 0 ] || die "$left resources still in the state after destroy"

ok=1
printf '\n\033[1m==> demo finished in %ss: plan, apply, empty re-plan and destroy against the emulator\033[0m\n' "$((SECONDS - started))"
info "Against a real account: see examples/complete/README.md"
