#!/bin/sh
# Post-link check: the ELF may not have undefined symbols (the firmware has no
# dynamic linker) and the PE image must carry the sections it needs.
set -eu
so=$1 efi=$2
undef=$(nm -D --undefined-only "$so" 2>/dev/null || true)
if [ -n "$undef" ]; then
	echo "check-efi: $so has undefined symbols:" >&2
	echo "$undef" >&2
	exit 1
fi
sections=$(objdump -h "$efi" | awk '$1 ~ /^[0-9]+$/ { print $2 }')
for s in .text .data .reloc; do
	echo "$sections" | grep -qx "$s" || { echo "check-efi: $efi lacks section $s" >&2; exit 1; }
done
objdump -f "$efi" | grep -q 'file format pei-x86-64' || {
	echo "check-efi: $efi is not a PE32+ x86-64 image" >&2; exit 1; }
