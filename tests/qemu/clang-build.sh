#!/bin/bash
# The EFI binary built with clang (make efi-clang) must boot too, not just
# link: the test kernel through the page list (--force-copy: every page
# copied by the stub, none read in place, and the kernel's checks of its
# initrd and command line pass), and the fixed-address variant, whose pages
# the stub must move.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

clang_efi=$ROOT/build/clang/chainload.efi
if [ "${CHAINLOAD_NO_BUILD:-0}" != 1 ] || [ ! -f "$clang_efi" ]; then
	make -C "$ROOT" -s efi-clang test-images
fi
require_file "$clang_efi" "make efi-clang"

random_file "$SCRATCH/initrd.img" $((1024 * 1024 + 3))
boot force-copy --timeout 60 --efi "$clang_efi" --loader-args "--force-copy -v" \
	--kernel "$TESTKERN" --initrd "$SCRATCH/initrd.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=clang-force-copy tk.load=$TK_LOAD_RELOC $TK_MACHINE"
expect_boot_pass
expect_tk_all_ok
expect_all_pages_copied "$TESTKERN" "$SCRATCH/initrd.img"
expect_tk_ok initrd cmdline
boot fixed --timeout 60 --efi "$clang_efi" --kernel "$TESTKERN_FIXED" --tk-words \
	--cmdline "console=ttyS0 chainload.test=clang-fixed tk.load=0x1000000 $TK_MACHINE"
expect_boot_pass
expect_tk_all_ok
finish
