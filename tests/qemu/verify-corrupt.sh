#!/bin/bash
# Verify after copy catches corruption: the test build chainload-corrupt
# (`make VARIANT=corrupt`: FAULT_CORRUPT_AFTER_DIGEST of efi/fw/fault.h)
# flips one staged kernel byte after its SHA-256 was taken.  No fixture can
# do that from outside: nothing but chainload runs between the digests and
# the exit.  The control blob must report the kernel segment and both
# digests on COM1 and halt, so the test kernel never starts.  The release
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

# It halts on purpose: the timeout ends the run, so no pass is expected.
boot corrupt --timeout 25 --efi "$corrupt" --loader-args -v --tk-words
payload=$(payload_bytes "$TESTKERN")
expect "COM1 names the kernel segment, its address and size" \
	log_has -E "^chainload: verify: kernel at 0x0*1600000 \\($payload bytes\\) does not match what was read\$"
expected=$(log_text | sed -n 's/^chainload: verify: expected \([0-9a-f]\{64\}\)$/\1/p')
found=$(log_text | sed -n 's/^chainload: verify: found    \([0-9a-f]\{64\}\)$/\1/p')
# shellcheck disable=SC2317 # called through expect
digests_differ() { [ -n "$expected" ] && [ -n "$found" ] && [ "$expected" != "$found" ]; }
expect "COM1 shows two different digests (expected $expected, found $found)" digests_differ
expect_line "chainload: verify: halted, the kernel was not started"
expect "the test kernel did not run" ! log_has '^tk: start'

# The same boot with the release binary and --no-verify off: a clean verify line.
boot release --timeout 60 --loader-args -v --tk-words
expect_boot_pass
expect_tk_all_ok
expect_stub_verified "the release binary verified both segments"
finish
