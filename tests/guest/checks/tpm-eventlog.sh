# shellcheck shell=dash
# Sourced by /init for tests/qemu/measured-boot.sh and secure-boot.sh:
# prints the TPM event log the kernel received (hex, 64 bytes a line, each
# line "TPMLOG: OFFSET HEX") and the SHA-256 values of PCRs 4 and 9, which
# the host replays and compares. Linux has the log only if the loader handed it over
# (chainload installs the LINUX_EFI_TPM_EVENT_LOG table, as the EFI stub
# does): no log is a failure.

check_tpm_eventlog() {
	local log=/sys/kernel/security/tpm0/binary_bios_measurements pcr level
	mkdir -p /sys/kernel/security
	mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
	if [ ! -r "$log" ]; then
		fail "no TPM event log at $log"
		return
	fi
	# securityfs files report size 0: copy before counting.
	cat "$log" >/tmp/tpm_log.bin
	echo "GUEST: tpm_log_bytes=$(wc -c </tmp/tpm_log.bin)"
	# Kernel messages on the console would split the lines: hold them back.
	level=$(cut -f1 /proc/sys/kernel/printk)
	dmesg -n 1
	hexdump -v -e '"TPMLOG: %08_ax " 64/1 "%02x" "\n"' /tmp/tpm_log.bin
	dmesg -n "$level"
	for pcr in 4 9; do
		echo "GUEST: pcr_sha256_$pcr=$(cat /sys/class/tpm/tpm0/pcr-sha256/$pcr 2>/dev/null)"
	done
}

check_tpm_eventlog
