#!/bin/bash
# A machine without a display (-vga none) has no GOP: chainload must say so
# with -v and still boot, leaving screen_info without a framebuffer
# (tk.fb=none); everything else is handed over as usual.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
boot no-vga --timeout 120 --loader-args -v --qemu-arg -vga --qemu-arg none \
	--cmdline "console=ttyS0 chainload.test=headless tk.load=$TK_LOAD_RELOC tk.fb=none \
tk.expect_rng=0 tk.secure_boot=2"
expect_boot_pass
expect_tk_all_ok
expect "chainload -v says there is no framebuffer" log_has '^chainload: no framebuffer for Linux'
finish
