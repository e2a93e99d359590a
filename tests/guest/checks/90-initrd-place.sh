# shellcheck shell=dash
# Sourced by /init. Where the kernel found its initrd ("RAMDISK: [mem A-B]");
# chainload.expect_initrd_min=0xADDR: it must start at or above ADDR (e.g.
# above 4 GiB on a large machine, which XLF_CAN_BE_LOADED_ABOVE_4G allows);
# chainload.expect_initrd_end_max=0xADDR: it must end by ADDR (below 4 GiB
# for the 32-bit entry, whatever the kernel allows).
# The kernel must log the range: without it there is nothing to judge.

check_initrd_place() {
	local range start min max
	range=$(sed -n 's/.*RAMDISK: \[mem \(0x[0-9a-f]*-0x[0-9a-f]*\)\].*/\1/p' /tmp/dmesg | head -n1)
	echo "GUEST: ramdisk=${range:-not logged}"
	[ -n "$range" ] || { fail "the kernel logged no RAMDISK range"; return; }
	min=$(expected initrd_min)
	start=${range%-*}
	if [ -n "$min" ] && [ "$((start))" -lt "$((min))" ]; then
		fail "initrd at $range, expected at or above $min"
	fi
	max=$(expected initrd_end_max)
	# The range's end is its last byte.
	if [ -n "$max" ] && [ "$((${range#*-} + 1))" -gt "$((max))" ]; then
		fail "initrd at $range, expected to end by $max"
	fi
}

check_initrd_place
