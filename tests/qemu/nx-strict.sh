#!/bin/bash
# A strict no-execute policy: the fixture test-images/efi/drivers/nx-strict.c, loaded
# before chainload, maps every loader page non-executable in the firmware's
# page tables and offers EFI_MEMORY_ATTRIBUTE_PROTOCOL over them (this OVMF
# has neither). The relocation stub starts on those tables, so the boot
# passes only if chainload made its code page executable: without that the
# CPU faults at the stub's first instruction. The fixture's own reading of
# the page tables says the code page was XP before and is RO, executable,
# after.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
d=$SCRATCH
random_file "$d/initrd.img" $((64 * 1024 + 5))

# The test kernel's words for its initrd and command line checks, as
# run-ovmf.sh --tk-words makes them (CRC-32 from gzip's trailer).
crc32_hex() {
	gzip -1 -c | tail -c 8 | head -c 4 | od -An -tx4 --endian=little | tr -d ' \n'
}
cmdline="console=ttyS0 chainload.test=nx-strict tk.initrd_size=$(stat -c %s "$d/initrd.img")"
cmdline="$cmdline tk.load=$TK_LOAD_RELOC $TK_MACHINE"
cmdline="$cmdline tk.initrd_crc32=$(crc32_hex <"$d/initrd.img")"
cmdline="$cmdline tk.cmdline_crc32=$(printf '%s' "$cmdline" | crc32_hex)"

printf '%s\n' '@echo -off' 'fs0:' 'load \EFI\test\nx-strict.efi' \
	"\\EFI\\chainload\\chainload.efi -v -i \\boot\\initrd0.img \\boot\\vmlinuz $cmdline" \
	'echo CHAINLOAD-RUN: loader returned to the shell, lasterror %lasterror%' 'reset -s' |
	sed 's/$/\r/' >"$d/startup.nsh"

boot nx-strict --timeout 180 --kernel "$TESTKERN" --initrd "$d/initrd.img" \
	--startup "$d/startup.nsh" --esp-file "$ROOT/build/test-images/efi/drivers/nx-strict.efi:/EFI/test/nx-strict.efi"

ok=0
log_text | grep -aq '^nx-strict: EFER.NXE was .*; EFI_MEMORY_ATTRIBUTE_PROTOCOL installed$' || ok=1
record $ok "the fixture imposed its policy"
ok=0
log_text | grep -aqE '^chainload: code page 0x[0-9a-f]+: attributes XP -> RO \(EFI_MEMORY_ATTRIBUTE_PROTOCOL\)$' ||
	ok=1
record $ok "the page tables had the code page XP before and RO, executable, after"
expect_boot_pass
expect_tk_all_ok
finish
