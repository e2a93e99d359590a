#!/bin/bash
# The 32-bit entry on 64-bit firmware (--entry=32): after the copy and its
# verify the stub leaves long mode and enters the kernel's startup_32 in
# protected mode with paging off. A 6 GiB machine, where a kernel that
# allows it would otherwise get its initrd above 4 GiB:
#   testkern  --force-copy too, so the stub moves every page first. The test
#             kernel records the CPU state at its first 32-bit instruction
#             (test-images/entry.S) and judges it: protected mode, paging
#             and long mode off, flat CS 0x10 and DS/ES/SS 0x18, IF clear,
#             %esi = boot_params, %ebx %edi %ebp zero, code32_start where it
#             runs, kernel, zero page, command line and initrd below 4 GiB;
#             then every other check as on the 64-bit entry, and tk.entry=32
#             says which entry it must have been
#   debian    Debian's amd64 kernel (which has both entries) reaches
#             userspace with its exact command line and payload, and its own
#             RAMDISK line ends below 4 GiB
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

MEM=6144
FOUR_GIB=0x100000000

ensure_built
require_file "$TESTKERN" "make test-images"
random_file "$SCRATCH/initrd.img" $((1024 * 1024 + 3))
boot testkern --timeout 120 --memory "$MEM" --loader-args "--entry=32 --force-copy -v" \
	--kernel "$TESTKERN" --initrd "$SCRATCH/initrd.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=$SCENARIO tk.load=$TK_LOAD_RELOC $TK_MACHINE tk.entry=32"
expect_boot_pass
expect_tk_all_ok
expect_line "tk: entry: startup_32 at $TK_LOAD_RELOC"
expect_all_pages_copied "$TESTKERN" "$SCRATCH/initrd.img"

debian_prepare
boot_debian_checked debian "efi=debug chainload.expect_mem_mib=$MEM chainload.expect_cpus=1 \
chainload.expect_sb=disabled chainload.expect_rng=0 chainload.expect_fb=$FB_DEFAULT \
chainload.expect_initrd_end_max=$FOUR_GIB" \
	--memory "$MEM" --loader-args "--entry=32 -v"
expect_eq "guest EFI" "$(guest_value efi)" yes
finish
