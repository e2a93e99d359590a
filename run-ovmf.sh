#!/bin/bash
# run-ovmf.sh: the quick start. Installs what is missing, builds chainload
# and the test kernel, puts them (or the kernel and initrds you name) on an
# ESP disk image, boots it in QEMU with OVMF with the serial console on your
# terminal, and exits 0 iff the guest passed. See `./run-ovmf.sh -h`.
#
# The boot itself is the QEMU test library's (tests/qemu/guest.bash, whose
# options these are): the scenarios boot the same way.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=tests/qemu/guest.bash
. "$ROOT/tests/qemu/guest.bash"

usage() {
	cat <<'EOF'
Usage: run-ovmf.sh [--no-build] [OPTIONS]

Installs the Debian packages that are missing (tools/install-deps.sh) and
builds chainload (make), unless --no-build; then boots once:

EOF
	guest_usage
}

main() {
	local build=1 args=()
	while [ $# -gt 0 ]; do
		case $1 in
		-h | --help) usage; exit 0 ;;
		--no-build) build=0 ;;
		*)
			args+=("$1")
			# An option's value passes as it is, whatever it looks like.
			if [[ $GUEST_VALUE_OPTIONS == *" $1 "* ]] && [ $# -ge 2 ]; then
				args+=("$2")
				shift
			fi
			;;
		esac
		shift
	done
	if [ "$build" -eq 1 ]; then
		"$ROOT/tools/install-deps.sh"
		make -C "$ROOT" all
	fi
	# A subshell: the boot sets traps and globals of its own.
	(guest_boot "${args[@]}")
}

main "$@"
