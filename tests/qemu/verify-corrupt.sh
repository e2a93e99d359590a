#!/bin/bash
# Verify after copy catches corruption in every kind of segment: the test
# build chainload-corrupt (`make VARIANT=corrupt`: FAULT_CORRUPT_AFTER_DIGEST
# of efi/fw/fault.h) flips one staged byte in the middle of the kernel and
# one in the initrd after their digests were taken.  No fixture can do that
# from outside: nothing but chainload runs between the digests and the exit.
# Three boots: the default digest with both segments read in place, the
# default digest with both copied by the stub (--force-copy), and SHA-256
# (--verify=sha256).  Each time the control blob must name both segments
# with their addresses and sizes, show two different digests of the kind's
# length for each, and halt, so the test kernel never starts.  The release
# binary, loaded the same way, must boot (it has no fault compiled in).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

corrupt=$ROOT/build/test/chainload-corrupt.efi
if [ "${CHAINLOAD_NO_BUILD:-0}" != 1 ]; then
	make -C "$ROOT" -s build/chainload.efi test-images "$corrupt"
fi
require_file "$corrupt" "make build/test/chainload-corrupt.efi"
require_file "$TESTKERN" "make test-images"
kernel_bytes=$(payload_bytes "$TESTKERN")
random_file "$SCRATCH/initrd.img" $((1024 * 1024 + 3))
initrd_bytes=$(stat -c %s "$SCRATCH/initrd.img")

# The digests COM1 showed for SEGMENT, "expected found", each DIGITS hex digits.
digests_of() {
	log_text | awk -v seg="$1" -v n="$2" '
		$0 ~ "^chainload: verify: " seg " at " { on = 1; next }
		on && /^chainload: verify: expected [0-9a-f]+$/ && length($4) == n { e = $4; next }
		on && /^chainload: verify: found    [0-9a-f]+$/ && length($4) == n { print e, $4; exit }'
}

# shellcheck disable=SC2317 # called through expect
two_digests_differ() {
	local pair
	pair=$(digests_of "$1" "$2")
	[ -n "$pair" ] && [ "${pair% *}" != "${pair#* }" ]
}

# corrupt_case NAME PAGES-REGEX DIGITS LOADER-OPTION...
corrupt_case() {
	local name=$1 pages=$2 digits=$3
	shift 3
	# It halts on purpose: the timeout ends the run, so no pass is expected.
	boot "$name" --timeout 30 --efi "$corrupt" --loader-args "-v $*" \
		--initrd "$SCRATCH/initrd.img" --tk-words \
		--stop-on '^chainload: verify: halted'
	expect "$name: the segments were $pages" log_has -E "^  pages: $pages"
	expect "$name: COM1 names the kernel segment, its address and size" \
		log_has -E "^chainload: verify: kernel at 0x0*1600000 \\($kernel_bytes bytes\\) does not match what was read\$"
	expect "$name: COM1 names the initrd segment, its address and size" \
		log_has -E "^chainload: verify: initrd at 0x[0-9a-f]{16} \\($initrd_bytes bytes\\) does not match what was read\$"
	expect "$name: two different $digits-digit digests for the kernel ($(digests_of kernel "$digits"))" \
		two_digests_differ kernel "$digits"
	expect "$name: two different $digits-digit digests for the initrd ($(digests_of initrd "$digits"))" \
		two_digests_differ initrd "$digits"
	expect "$name: halted once, after both" \
		[ "$(log_text | grep -acx 'chainload: verify: halted, the kernel was not started')" = 1 ]
	expect "$name: the test kernel did not run" ! log_has '^tk: start'
}

corrupt_case in-place "[0-9]+ read in place, 0 copied" 16
corrupt_case copied "0 read in place, [0-9]+ copied" 16 --force-copy
corrupt_case sha256 "[0-9]+ read in place, 0 copied" 64 --verify=sha256

# The same boot with the release binary: a clean verify line.
boot release --timeout 60 --loader-args -v --initrd "$SCRATCH/initrd.img" --tk-words
expect_boot_pass
expect_tk_all_ok
expect_stub_verified "the release binary verified both segments"
finish
