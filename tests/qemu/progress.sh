#!/bin/bash
# The progress bar for files larger than 16 MiB (efi/fw/progress.h): drawn in
# place while a 20 MiB initrd is read when a screen is among the consoles
# (QEMU's standard VGA), ended by a line break so the next message starts
# on its own line; not drawn at all when every console is serial
# (-vga none; tk.fb=none tells the test kernel there is no screen).
# Either way the test kernel must get the initrd intact.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
random_file "$SCRATCH/big.img" $((20 * 1024 * 1024 + 1))

boot vga --timeout 180 --kernel "$TESTKERN" --initrd "$SCRATCH/big.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=progress tk.load=$TK_LOAD_RELOC $TK_MACHINE"
expect_boot_pass
expect_tk_all_ok
# On the serial side the carriage returns leave one line: every update, the
# last at 100%.
bar=$(log_text | grep -a '^chainload: reading ' || true)
ok=0
[[ $bar == *'[####################] 100% 20/20 MiB' ]] || ok=1
record $ok "the bar ends at 100% 20/20 MiB (got \"${bar: -60}\")"
updates=$(grep -o 'chainload: reading' <<<"$bar" | wc -l)
ok=0
[ "$updates" -ge 10 ] || ok=1
record $ok "the bar was redrawn as the file was read ($updates times)"
ok=0
log_text | grep -aA1 '^chainload: reading ' | tail -n1 | grep -aq '^chainload: \\boot\\vmlinuz ' || ok=1
record $ok "the summary line follows on a line of its own"

boot serial-only --timeout 180 --kernel "$TESTKERN" --initrd "$SCRATCH/big.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=progress-serial tk.load=$TK_LOAD_RELOC tk.fb=none \
tk.expect_rng=0 tk.secure_boot=2" \
	--qemu-arg -vga --qemu-arg none
expect_boot_pass
expect_tk_all_ok
ok=0
! log_text | grep -aq 'chainload: reading' || ok=1
record $ok "no bar when every console is serial"
finish
