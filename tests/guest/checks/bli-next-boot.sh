# shellcheck shell=dash
# Sourced by /init in the kernel-install scenario, after bli-menu.sh (which
# reported the variables as this boot found them) and 35-bli.sh (bli_mount,
# BLI_DIR, BLI_GUID). The OS's side of the next boot, as systemd's
# `systemctl reboot --boot-loader-entry=ID` and `--boot-loader-menu=SECONDS`
# write it: LoaderEntryOneShot or LoaderConfigTimeoutOneShot, non-volatile
# with boot-service and runtime access (attributes 0x7), UTF-16LE with its
# NUL, in one write. Like systemd, it refuses when the loader's
# LoaderFeatures lacks the bit for it (3: one-shot entry, 1: one-shot
# timeout). Words: chainload.next_entry=ID, chainload.next_menu=SECONDS.
# Prints GUEST: next_NAME=VALUE for each variable it wrote.

# NAME VALUE: write the variable, failing the boot if the kernel refuses.
next_write() {
	local tmp=/tmp/next-var i=0 c
	printf '\007\000\000\000' >"$tmp"
	while [ $i -lt ${#2} ]; do
		c=$(printf '%s' "$2" | cut -c$((i + 1)))
		printf '%s\000' "$c" >>"$tmp"
		i=$((i + 1))
	done
	printf '\000\000' >>"$tmp"
	# efivarfs takes a variable in a single write(2): cat writes it whole.
	if cat "$tmp" >"$BLI_DIR/$1-$BLI_GUID"; then
		echo "GUEST: next_$1=$2"
	else
		fail "the kernel refused to write $1"
	fi
}

# BIT: whether the loader's LoaderFeatures has bit BIT set.
next_feature() {
	local f=$BLI_DIR/LoaderFeatures-$BLI_GUID
	[ -f "$f" ] && [ $(($(tail -c +5 "$f" | od -An -tu8) >> $1 & 1)) -eq 1 ]
}

check_next_boot() {
	local entry menu
	entry=$(cmdline_word next_entry)
	menu=$(cmdline_word next_menu)
	[ -n "$entry$menu" ] || return 0
	bli_mount || { fail "cannot mount efivarfs to write the next boot"; return; }
	if [ -n "$entry" ]; then
		if next_feature 3; then
			next_write LoaderEntryOneShot "$entry"
		else
			fail "LoaderFeatures lacks the one-shot entry bit: systemd would refuse"
		fi
	fi
	if [ -n "$menu" ]; then
		if next_feature 1; then
			next_write LoaderConfigTimeoutOneShot "$menu"
		else
			fail "LoaderFeatures lacks the one-shot timeout bit: systemd would refuse"
		fi
	fi
}

check_next_boot
