#!/bin/bash
# The relocatable test kernel with --force-copy: every segment goes through
# the page list and the relocation stub even where it could load in place.
# chainload -v must count no page read in place and every page of the
# kernel and initrd copied, and the stub's verify after the copy must pass;
# the kernel's own checks of its initrd and command line (tk.* words) say
# the bytes arrived.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
random_file "$SCRATCH/initrd.img" $((1024 * 1024 + 3))
# A copy that broke the image halts in the stub's verify: stop there rather
# than at the timeout.
boot force-copy --timeout 120 --loader-args "--force-copy -v" \
	--kernel "$TESTKERN" --initrd "$SCRATCH/initrd.img" --tk-words \
	--stop-on '^chainload: verify: halted' \
	--cmdline "console=ttyS0 chainload.test=force-copy tk.load=$TK_LOAD_RELOC $TK_MACHINE"
expect_boot_pass
expect_tk_all_ok
expect_all_pages_copied "$TESTKERN" "$SCRATCH/initrd.img"
expect_stub_verified "every copied page matches its digest at its destination (stub verify)"
expect_tk_ok initrd cmdline
finish
