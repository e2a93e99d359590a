# shellcheck shell=dash
# Sourced by /init. /sys/firmware/memmap is the e820 table exactly as the
# kernel received it (zero page plus SETUP_E820_EXT). With efi=debug the
# kernel also logs the EFI memory map chainload passed in efi_info, which is
# the map the e820 table was made from; converting it here (EFI type ->
# e820 type, adjacent ranges of one type merged) must give every range of
# /sys/firmware/memmap, no more, no fewer.
# chainload.expect_e820_min=N: at least N ranges; more than 128 must have
# come in a SETUP_E820_EXT node (type 0x1). Without the kernel's log of the
# map (efi=debug) the comparison cannot run, which fails, unless the
# scenario says chainload.expect_efi_map=0.

# "start end type" per line, decimal, inclusive end, from the EFI map lines;
# the number of descriptors goes to /tmp/efi.descs.
e820_from_efi_log() {
	awk '
	# Parameters get names of their own: busybox awk mixes them up with
	# globals of the same name.
	function hex(str,   v, k) {
		v = 0
		str = tolower(str)
		for (k = 3; k <= length(str); k++)
			v = v * 16 + index("0123456789abcdef", substr(str, k, 1)) - 1
		return v
	}
	function e820(efi_type) {
		if (efi_type ~ /^(Loader Code|Loader Data|Boot Code|Boot Data|Conventional)$/)
			return "System RAM"
		if (efi_type == "ACPI Reclaim") return "ACPI Tables"
		if (efi_type == "ACPI Mem NVS") return "ACPI Non-volatile Storage"
		if (efi_type == "Unusable") return "Unusable memory"
		if (efi_type == "Persistent") return "Persistent Memory"
		return "Reserved"
	}
	# The kernel logs the map again later (cleaned up, then the runtime
	# part): only the first run, mem00, mem01, ... as passed, counts.
	done { next }
	/efi: mem[0-9]+: \[/ {
		idx = $0; sub(/.*efi: mem/, "", idx); sub(/:.*/, "", idx); idx += 0
		if (idx != n) { done = 1; next }
		t = $0; sub(/.*efi: mem[0-9]+: \[/, "", t); sub(/ *\|.*/, "", t)
		r = $0; sub(/.*range=\[/, "", r); sub(/\].*/, "", r)
		split(r, a, "-")
		n++; s[n] = hex(a[1]); e[n] = hex(a[2]); ty[n] = e820(t)
	}
	END {
		for (i = 2; i <= n; i++)	# insertion sort by start
			for (j = i; j > 1 && s[j - 1] > s[j]; j--) {
				x = s[j]; s[j] = s[j - 1]; s[j - 1] = x
				x = e[j]; e[j] = e[j - 1]; e[j - 1] = x
				x = ty[j]; ty[j] = ty[j - 1]; ty[j - 1] = x
			}
		m = 0
		for (i = 1; i <= n; i++) {
			if (m && ty[i] == mt[m] && s[i] == me[m] + 1) { me[m] = e[i]; continue }
			m++; ms[m] = s[i]; me[m] = e[i]; mt[m] = ty[i]
		}
		for (i = 1; i <= m; i++) printf "%.0f %.0f %s\n", ms[i], me[i], mt[i]
		print n + 0 >"/tmp/efi.descs"
	}' /tmp/dmesg
}

# The same from /sys/firmware/memmap, sorted by start.
e820_from_sysfs() {
	local d
	for d in /sys/firmware/memmap/*; do
		echo "$(($(cat "$d/start"))) $(($(cat "$d/end"))) $(cat "$d/type")"
	done | sort -n
}

check_memmap() {
	local n min descs ext=no d
	e820_from_sysfs >/tmp/e820.sysfs
	n=$(wc -l </tmp/e820.sysfs)
	for d in /sys/kernel/boot_params/setup_data/*; do
		[ -e "$d/type" ] && [ "$(cat "$d/type")" = 0x1 ] && ext=yes
	done
	echo "GUEST: memmap=$n ranges, SETUP_E820_EXT $ext"
	min=$(expected e820_min)
	[ -z "$min" ] || [ "$n" -ge "$min" ] || fail "$n ranges in /sys/firmware/memmap, expected at least $min"
	[ "$n" -le 128 ] || [ $ext = yes ] || fail "$n ranges but no SETUP_E820_EXT node"
	e820_from_efi_log >/tmp/e820.efi
	descs=$(cat /tmp/efi.descs)
	if [ "$(expected efi_map)" = 0 ]; then
		echo "GUEST: memmap_vs_efi=not wanted (chainload.expect_efi_map=0)"
		return
	fi
	if [ "$descs" -eq 0 ]; then
		echo "GUEST: memmap_vs_efi=not compared"
		fail "the kernel logged no EFI memory map to compare /sys/firmware/memmap with (boot with efi=debug)"
		return
	fi
	if cmp -s /tmp/e820.efi /tmp/e820.sysfs; then
		echo "GUEST: memmap_vs_efi=all $n ranges match the $descs EFI descriptors"
	else
		echo "GUEST: memmap_vs_efi=MISMATCH"
		diff /tmp/e820.efi /tmp/e820.sysfs | head -n 10
		fail "/sys/firmware/memmap differs from the EFI memory map (see diff above)"
	fi
}

check_memmap
