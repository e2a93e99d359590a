#!/bin/sh
# Post-link check: the ELF may not have undefined symbols (the firmware has no
# dynamic linker) and the PE image must carry the sections it needs.
# With --release (build/chainload.efi): the image must also hold no test
# knob, i.e. no fault of efi/fw/fault.h was compiled in (each one that is
# carries the text below) and none of the old test-build markers.
#
# The PE format must match the ELF's machine: pei-x86-64 (PE32+) for
# chainload.efi, pei-i386 (PE32) for chainload-ia32.efi.
#
# Usage: tools/check-efi.sh [--release] ELF PE
set -eu
release=0
if [ "${1:-}" = --release ]; then
	release=1
	shift
fi
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
# The machine the ELF was built for decides the PE format it must have.
case $(objdump -f "$so" | sed -n 's/.*file format //p') in
elf32-i386) want=pei-i386 ;;
*) want=pei-x86-64 ;;
esac
objdump -f "$efi" | grep -q "file format $want" || {
	echo "check-efi: $efi is not a $want image" >&2; exit 1; }
if [ "$release" -eq 1 ]; then
	knobs=$(strings -a "$efi" | grep -E 'TEST BUILD|FAULT_|CHAINLOAD_TEST' || true)
	if [ -n "$knobs" ]; then
		echo "check-efi: $efi is a release build but carries test knobs:" >&2
		echo "$knobs" >&2
		exit 1
	fi
fi
