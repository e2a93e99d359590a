#!/bin/bash
# A failed ExitBootServices: the fixture test-images/efi/drivers/exit-fails.c,
# loaded before chainload, makes ExitBootServices return
# EFI_INVALID_PARAMETER (a stale map key) every time, never exiting, and
# counts by name every call chainload makes after its first attempt other
# than the memory services: boot services and calls to its files. Proven,
# each by what is not chainload's account of its own work: chainload tried
# exactly 8 times (EXIT_ATTEMPTS) and then called nothing but memory
# services (the fixture's line), said so in exactly one error line naming
# ExitBootServices and EFI_INVALID_PARAMETER, returned that status to the
# shell (its %lasterror%), and the test kernel never started (no tk: line).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
boot_testkern_with_driver exit-fails exit-fails "" --expect-exit 0

expect_boot_pass
expect "the fixture replaced ExitBootServices" \
	log_has -E '^exit-fails: ExitBootServices returns EFI_INVALID_PARAMETER from now on; calls after it are counted \([1-9][0-9]* file systems wrapped\)$'
expect_line "exit-fails: ExitBootServices refused 8 times; after the first, 0 calls other than memory services: none"
errors=$(log_text | grep -a '^chainload: error:' || true)
expect "chainload printed exactly one error line (got: ${errors:-none})" \
	[ "$(grep -c . <<<"$errors")" -eq 1 ]
expect "that line is about ExitBootServices, with EFI_INVALID_PARAMETER" \
	grep -qE '^chainload: error: ExitBootServices: .*\(EFI_INVALID_PARAMETER\)$' <<<"$errors"
expect_line "CHAINLOAD-RUN: loader returned to the shell, lasterror 0x2"
expect "the test kernel never started (no tk: line)" ! log_has 'tk: '
finish
