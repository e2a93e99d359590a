#!/bin/bash
# More than 128 memory ranges: the zero page holds 128 e820 entries, the rest
# must reach the kernel in a SETUP_E820_EXT setup_data node. The fixture
# test-images/efi/fragment-memory.c runs from startup.nsh before chainload
# and leaves 300 reserved pages behind, every other page, so the memory map
# chainload turns into e820 has some 600 more ranges. The release
# chainload.efi boots; the test kernel counts the entries (zero page plus
# extension, tk.e820_min); Debian's kernel must list every one in
# /sys/firmware/memmap, equal to the EFI map it was made from.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

FRAGMENT=$ROOT/build/test-images/efi/fragment-memory.efi
# 300 reserved pages split free memory into ~600 ranges; 400 is far past 128.
MIN_ENTRIES=400

ensure_built
require_file "$FRAGMENT" "make test-images"
require_file "$TESTKERN" "make test-images"

# The fixture ran and the shell saw it succeed; the rest is the kernels' word.
expect_fixture_ran() {
	expect_line "CHAINLOAD-FIXTURE: fragment-memory.efi lasterror 0x0"
}

boot testkern --timeout 120 --pre-efi "$FRAGMENT" --loader-args -v \
	--cmdline "console=ttyS0 chainload.test=e820-ext tk.e820_min=$MIN_ENTRIES tk.load=$TK_LOAD_RELOC \
$TK_MACHINE"
expect_fixture_ran
expect_boot_pass
expect_tk_all_ok

debian_prepare
boot_debian_checked debian "efi=debug log_buf_len=1M chainload.expect_e820_min=$MIN_ENTRIES \
chainload.expect_cpus=1 chainload.expect_mem_mib=1024 chainload.expect_sb=disabled \
chainload.expect_rng=0 chainload.expect_fb=$FB_DEFAULT" \
	--pre-efi "$FRAGMENT" --loader-args -v
expect_fixture_ran
finish
