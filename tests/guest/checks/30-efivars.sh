# shellcheck shell=dash
# Sourced by /init. EFI runtime services must work (efi_info gave Linux the
# system table and the final memory map): write a variable through efivarfs,
# read it back (each read is a GetVariable call, not a cache), delete it.
# chainload.expect_efivars=0 (e.g. with `noefi`): runtime services must be off.

# efivarfs is a module in Debian's kernel; make-initramfs.sh packs it.
efivars_mount() {
	local dir=/sys/firmware/efi/efivars
	grep -q efivarfs /proc/filesystems || insmod /lib/modules/efivarfs.ko 2>/dev/null
	grep -q efivarfs /proc/filesystems || return 1
	mount -t efivarfs efivarfs $dir 2>/dev/null
}

check_efivars() {
	local dir=/sys/firmware/efi/efivars
	# efivarfs makes variables of unknown GUIDs immutable (busybox has no
	# chattr to undo that); those under Linux's crash-dump GUID stay
	# deletable. efi-pstore, the GUID's user, is not loaded here.
	local var=$dir/ChainloadTest-cfc8fc79-be2e-4ddc-97f0-9f98bfe298a0
	local token got
	if [ "$(expected efivars)" = 0 ]; then
		if efivars_mount && [ -n "$(ls $dir)" ]; then
			fail "EFI variables readable although runtime services should be off"
		fi
		echo "GUEST: efivars=off as expected"
		return
	fi
	efivars_mount || { fail "cannot mount efivarfs"; return; }
	set -- $dir/*
	[ -e "$1" ] || set --
	echo "GUEST: efivars=$# variables"
	token=chainload-$(cat /proc/sys/kernel/random/uuid)
	# 4 bytes of attributes (NV|BS|RT, little endian), then the data.
	printf '\007\000\000\000%s' "$token" >"$var" || { fail "cannot write $var"; return; }
	got=$(tail -c +5 "$var")
	echo "GUEST: efivar=wrote and read back ${#token} bytes"
	[ "$got" = "$token" ] || fail "EFI variable read back \"$got\", wrote \"$token\""
	rm -f "$var"
	[ ! -e "$var" ] || fail "cannot delete $var"
}

check_efivars
