#!/bin/bash
# Two initrds of odd sizes: the kernel must see them concatenated, the second
# starting at the next 4-byte aligned offset after zero padding (5 bytes,
# 3 of padding, then 70001 bytes; tk.initrd_size/crc32 cover exactly that).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
random_file "$SCRATCH/first.img" 5
random_file "$SCRATCH/second.img" 70001
boot two-initrds --timeout 120 --kernel "$TESTKERN" \
	--initrd "$SCRATCH/first.img" --initrd "$SCRATCH/second.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=two-initrds"
expect_boot_pass
expect_tk_all_ok
finish
