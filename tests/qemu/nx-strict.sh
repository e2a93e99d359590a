#!/bin/bash
# A strict no-execute policy: the fixture test-images/efi/drivers/nx-strict.c, loaded
# before chainload, maps every loader page non-executable in the firmware's
# page tables and offers EFI_MEMORY_ATTRIBUTE_PROTOCOL over them (this OVMF
# has neither). The relocation stub starts on those tables, so the boot
# passes only if chainload made its code page executable: without that the
# CPU faults at the stub's first instruction. The fixture's own reading of
# the page tables, printed at each Set and Clear, says the code page was XP
# before chainload changed it and is RO, executable, after its last change.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
boot_testkern_with_driver nx-strict nx-strict -v

expect "the fixture imposed its policy" \
	log_has '^nx-strict: EFER.NXE was .*; EFI_MEMORY_ATTRIBUTE_PROTOCOL installed$'
# The fixture's readings, "PAGE BEFORE AFTER" per Set or Clear; the code
# page is the first whose XP was cleared.
readings=$(log_text | sed -n 's/^nx-strict: \(Set\|Clear\)MemoryAttributes([A-Z+]*) 0x\([0-9A-Fa-f]*\), [0-9]* pages: page tables \([^ ]*\) -> \([^ ]*\) (entry .*)$/\2 \3 \4/p')
page=$(log_text | sed -n 's/^nx-strict: ClearMemoryAttributes(XP) 0x\([0-9A-Fa-f]*\), .*/\1/p' | head -n1)
expect "the fixture saw the code page's XP cleared (page 0x${page:-none})" [ -n "$page" ]
page_readings=$(grep "^$page " <<<"$readings" || true)
expect_eq "the code page before its first change, in the page tables" \
	"$(head -n1 <<<"$page_readings" | cut -d' ' -f2)" XP
expect_eq "the code page after its last change, in the page tables (executable)" \
	"$(tail -n1 <<<"$page_readings" | cut -d' ' -f3)" RO
expect_boot_pass
expect_tk_all_ok
finish
