# shellcheck shell=dash
# Sourced by /init. chainload.expect_mem_mib=M (the machine's -m): the RAM
# the kernel uses must be the machine's, less what two parties keep:
#
# - the firmware: e820 RAM (sum of "System RAM" in /sys/firmware/memmap) is
#   M minus OVMF's reservations (legacy hole, ACPI, runtime services): we
#   measured 6.5 MiB at 256 MiB, 2 GiB and 6 GiB; allowed: 16 MiB, or
#   chainload.expect_fw_kib=K where SMM takes more;
# - the kernel: MemTotal is e820 RAM minus what Linux keeps for itself: one
#   64-byte struct page per 4 KiB page (1/64 of RAM), its image and early
#   allocations (about 100 MiB for Debian's 6.1, whatever the RAM size) and,
#   with RAM above 4 GiB, a 64 MiB swiotlb bounce buffer; allowed: RAM/64 +
#   128 MiB (+ 64 MiB). Booted through its own EFI stub on the same
#   machines, the kernel reports the same MemTotal to within 1 MiB, so this
#   is the kernel's share, not ours.
# A loader that drops RAM (an e820 entry past 128, memory above 4 GiB) is
# far outside both margins; 70-memmap.sh checks every range exactly.
# chainload.expect_mem_mib is required.

check_memory() {
	local want ram=0 d memtotal fw fw_max kern kern_max
	want=$(expected mem_mib)
	for d in /sys/firmware/memmap/*; do
		[ "$(cat "$d/type")" = "System RAM" ] || continue
		ram=$((ram + ($(cat "$d/end") - $(cat "$d/start") + 1) / 1024))
	done
	memtotal=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
	echo "GUEST: memory=e820 RAM $ram kB, MemTotal $memtotal kB${want:+, machine $((want * 1024)) kB}"
	[ -n "$want" ] || { fail "no chainload.expect_mem_mib word: the scenario must say the RAM size"; return; }
	fw=$((want * 1024 - ram))
	fw_max=$(expected fw_kib)
	fw_max=${fw_max:-16384}
	kern=$((ram - memtotal))
	kern_max=$((ram / 64 + 131072))
	[ "$ram" -le $((4 * 1024 * 1024)) ] || kern_max=$((kern_max + 65536))
	echo "GUEST: memory_kept=firmware $fw kB (max $fw_max), kernel $kern kB (max $kern_max)"
	if [ "$fw" -lt 0 ] || [ "$fw" -gt "$fw_max" ]; then
		fail "e820 RAM $ram kB, machine $((want * 1024)) kB: firmware keeps $fw kB"
	fi
	if [ "$kern" -lt 0 ] || [ "$kern" -gt "$kern_max" ]; then
		fail "MemTotal $memtotal kB is $kern kB below e820 RAM $ram kB (max $kern_max)"
	fi
}

check_memory
