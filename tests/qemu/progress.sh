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

# The line after the last bar update is chainload's summary line.
# shellcheck disable=SC2317 # called through expect
summary_follows_bar() {
	log_text | grep -aA1 '^chainload: reading ' | tail -n1 | grep -aq '^chainload: \\boot\\vmlinuz '
}

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
expect "the bar ends at 100% 20/20 MiB (got \"${bar: -60}\")" \
	[ "${bar%'[####################] 100% 20/20 MiB'}" != "$bar" ]
updates=$(grep -o 'chainload: reading' <<<"$bar" | wc -l)
expect "the bar was redrawn as the file was read ($updates times)" [ "$updates" -ge 10 ]
expect "the summary line follows on a line of its own" summary_follows_bar

boot serial-only --timeout 180 --kernel "$TESTKERN" --initrd "$SCRATCH/big.img" --tk-words \
	--cmdline "console=ttyS0 chainload.test=progress-serial tk.load=$TK_LOAD_RELOC tk.fb=none \
tk.expect_rng=0 tk.secure_boot=2" \
	--qemu-arg -vga --qemu-arg none
expect_boot_pass
expect_tk_all_ok
expect "no bar when every console is serial" ! log_has 'chainload: reading'
finish
