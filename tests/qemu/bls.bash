# shellcheck shell=bash
# Boot Loader Specification trees made and read by systemd's own tools, for
# the kernel-install scenario: kernel-install lays out the entries a
# distribution would, bootctl says how systemd lists and orders them.
# Sourced after lib.sh.

# The machine id every entry here is installed for (kernel-install's entry
# token, the entries' machine-id key).
BLS_MACHINE_ID=c0ffee00c0ffee00c0ffee00c0ffee00

# Install KERNEL as VERSION into the tree BOOT_ROOT as kernel-install does
# on a Debian machine with layout=bls, the command line WORDS and, if TRIES
# is given, boot counting (/etc/kernel/tries):
#   bls_kernel_install BOOT_ROOT VERSION KERNEL INITRD WORDS [TRIES]
# Prints the entry file's path. Runs in a clean environment with its own
# configuration directory, so the host's /etc/kernel plays no part.
bls_kernel_install() {
	local root=$1 version=$2 kernel=$3 initrd=$4 words=$5 tries=${6:-} conf entry
	conf=$(mktemp -d "$SCRATCH/kernel-install.XXXXXX")
	printf 'layout=bls\n' >"$conf/install.conf"
	printf '%s\n' "$words" >"$conf/cmdline"
	[ -z "$tries" ] || printf '%s\n' "$tries" >"$conf/tries"
	mkdir -p "$root/loader/entries"
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin KERNEL_INSTALL_CONF_ROOT="$conf" \
		BOOT_ROOT="$root" MACHINE_ID="$BLS_MACHINE_ID" \
		kernel-install add "$version" "$kernel" "$initrd" >/dev/null ||
		abort "kernel-install add $version failed"
	rm -rf "$conf"
	entry=$(ls "$root/loader/entries/$BLS_MACHINE_ID-$version"*.conf)
	# systemd 252's 90-loaderentry.install makes the paths relative to
	# BOOT_ROOT's mount point, not to BOOT_ROOT: on a directory that is not
	# a mount of its own they come out as host paths.
	sed -i "s#^\(linux\|initrd\)\( *\)$root/#\1\2/#" "$entry"
	echo "$entry"
}

# The value of KEY in entry FILE (its first line for KEY).
bls_entry_value() {
	sed -n "s/^$2[[:space:]]\+//p" "$1" | head -n1
}

# What `bootctl list` says of the trees ESP and XBOOTLDR, one line per
# entry in bootctl's order: the values of the FIELDs (id, showTitle, ...),
# separated by tabs:
#   bootctl_fields ESP XBOOTLDR FIELD...
# bootctl reads an XBOOTLDR on the ESP's file system as the ESP itself, so
# XBOOTLDR's entries are read from a copy on another one (/dev/shm).
bootctl_fields() {
	local esp=$1 xb
	shift
	xb=$(mktemp -d /dev/shm/chainload-xbootldr.XXXXXX)
	cp -r "$1/loader" "$xb/"
	shift
	[ "$(stat -c %d "$xb")" != "$(stat -c %d "$esp")" ] ||
		abort "bootctl: $xb is on the ESP's file system"
	SYSTEMD_ESP_PATH=$esp SYSTEMD_XBOOTLDR_PATH=$xb bootctl list --no-pager --json=short |
		python3 -c 'import json, sys
for line in sys.stdin:
    entry = json.loads(line)
    print("\t".join(entry[f] for f in sys.argv[1:]))' "$@"
	rm -rf "$xb"
}
