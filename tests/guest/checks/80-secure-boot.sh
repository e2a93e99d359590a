# shellcheck shell=dash
# Sourced by /init. The kernel logs boot_params.secure_boot
# ("secureboot: Secure boot disabled|enabled|could not be determined");
# it must say what the firmware's variables say: chainload.expect_sb=STATE
# (required).

check_secure_boot() {
	local want logged value
	want=$(expected sb)
	value=$(boot_param 0x1ec 1)
	logged=$(sed -n 's/.*secureboot: Secure boot //p' /tmp/dmesg | head -n1)
	echo "GUEST: secure_boot=${logged:-not logged} (boot_params $value)"
	[ -n "$logged" ] || fail "the kernel logged no Secure Boot state"
	[ -n "$want" ] || { fail "no chainload.expect_sb word: the scenario must say the Secure Boot state"; return; }
	[ "$logged" = "$want" ] || fail "Secure boot $logged, expected $want"
}

check_secure_boot
