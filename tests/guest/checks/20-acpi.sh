# shellcheck shell=dash
# Sourced by /init. Linux must have found ACPI: the tables are in sysfs, and
# the RSDP it logged is boot_params.acpi_rsdp_addr, which Linux consults
# before the EFI configuration table (x86_default_get_root_pointer). That
# field must be the RSDP the firmware published: the ACPI 2.0 entry of the
# EFI configuration table, as the kernel read it from the system table
# itself (/sys/firmware/efi/systab), or its ACPI 1.0 entry with
# chainload.expect_rsdp=acpi10.
# Caveat: Linux's decompressor fills acpi_rsdp_addr from the EFI table when
# a loader left it 0, so this alone cannot tell that chainload set it; the
# test kernel checks the field as handed over (debian-noefi.sh does that
# after a fixture removed the ACPI 2.0 table, so chainload's ACPI 1.0
# fallback is what fills it).

check_acpi() {
	local t logged param entry key published
	for t in DSDT FACP APIC; do
		[ -e "/sys/firmware/acpi/tables/$t" ] || fail "no ACPI $t table in /sys/firmware/acpi/tables"
	done
	echo "GUEST: acpi_tables=$(cd /sys/firmware/acpi/tables && echo *)"
	logged=$(sed -n 's/.*ACPI: RSDP 0x\([0-9A-Fa-f]*\) .*/\1/p' /tmp/dmesg | head -n1)
	param=$(boot_param 0x70 8)
	echo "GUEST: rsdp=0x$(printf '%x' "$param")"
	if [ -r /sys/firmware/efi/systab ]; then
		for key in ACPI20 ACPI; do
			entry=$(sed -n "s/^$key=//p" /sys/firmware/efi/systab)
			echo "GUEST: efi_systab_$key=${entry:-none}"
		done
	fi
	case $(expected rsdp) in
	'' | acpi20) key=ACPI20 ;;
	acpi10) key=ACPI ;;
	*) fail "chainload.expect_rsdp is neither acpi20 nor acpi10"; return ;;
	esac
	published=$(sed -n "s/^$key=//p" /sys/firmware/efi/systab 2>/dev/null)
	if [ -z "$published" ]; then
		fail "no $key entry in /sys/firmware/efi/systab to compare acpi_rsdp_addr with"
	elif [ "$((published))" != "$param" ]; then
		fail "boot_params.acpi_rsdp_addr is $(printf '0x%x' "$param"), the firmware's $key entry $published"
	fi
	[ -n "$logged" ] || { fail "the kernel logged no ACPI: RSDP line"; return; }
	[ "$((0x$logged))" = "$param" ] ||
		fail "kernel used RSDP 0x$logged, boot_params.acpi_rsdp_addr is $(printf '0x%x' "$param")"
}

check_acpi
