#!/bin/bash
# Two initrds of odd sizes: the kernel must see them concatenated, the second
# starting at the next 4-byte aligned offset after zero padding (5 bytes,
# 3 of padding, then 70001 bytes; tk.initrd_size/crc32 cover exactly that).
# The display is told a resolution other than its default: screen_info must
# carry that mode.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
random_file "$SCRATCH/first.img" 5
random_file "$SCRATCH/second.img" 70001
boot two-initrds --timeout 120 --kernel "$TESTKERN" \
	--initrd "$SCRATCH/first.img" --initrd "$SCRATCH/second.img" --tk-words \
	--qemu-arg -vga --qemu-arg none --qemu-arg -device --qemu-arg VGA,xres=1024,yres=768 \
	--cmdline "console=ttyS0 chainload.test=two-initrds tk.load=$TK_LOAD_RELOC tk.fb=1024x768 \
tk.expect_rng=0 tk.secure_boot=2"
expect_boot_pass
expect_tk_all_ok
finish
