#!/bin/bash
# More than 128 memory ranges: the zero page holds 128 e820 entries, the rest
# must reach the kernel in a SETUP_E820_EXT setup_data node. The test-only
# build build/test/chainload-fragment.efi (efi/test_fragment.c) reserves 300
# pages, every other page, before the final memory map, so the e820 table
# has some 600 entries. The test kernel counts them (zero page plus
# extension, tk.e820_min); Debian's kernel must list every one in
# /sys/firmware/memmap, equal to the EFI map it was made from.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

FRAGMENT_EFI=$ROOT/build/test/chainload-fragment.efi
# 300 reserved pages split free memory into ~600 ranges; 400 is far past 128.
MIN_ENTRIES=400

[ "${CHAINLOAD_NO_BUILD:-0}" = 1 ] || make -C "$ROOT" -s "$FRAGMENT_EFI"
ensure_built
require_file "$FRAGMENT_EFI" "make build/test/chainload-fragment.efi"
require_file "$TESTKERN" "make test-images"

# The knob is test-only: the release binary must not carry it.
ok=0
! grep -aq 'TEST BUILD' "$ROOT/build/chainload.efi" || ok=1
record $ok "build/chainload.efi has no test-fragment code"

boot testkern --timeout 120 --efi "$FRAGMENT_EFI" --loader-args -v \
	--cmdline "console=ttyS0 chainload.test=e820-ext tk.e820_min=$MIN_ENTRIES tk.load=$TK_LOAD_RELOC \
$TK_MACHINE"
expect_boot_pass
expect_tk_all_ok
ok=0
log_text | grep -aq '^chainload: TEST BUILD: 300 reserved pages' || ok=1
record $ok "the fragment build reserved its pages"

debian_prepare
boot_debian_checked debian "efi=debug log_buf_len=1M chainload.expect_e820_min=$MIN_ENTRIES \
chainload.expect_cpus=1 chainload.expect_mem_mib=1024 chainload.expect_sb=disabled \
chainload.expect_rng=0 chainload.expect_fb=$FB_DEFAULT" \
	--efi "$FRAGMENT_EFI" --loader-args -v
finish
