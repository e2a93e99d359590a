# shellcheck shell=dash
# Sourced by /init. chainload.expect_rng=1: the kernel must have used the
# SETUP_RNG_SEED node. Evidence: the node is still listed under
# /sys/kernel/boot_params/setup_data with type 0x9, but the kernel wiped it
# (length 0) after mixing it in, and "random: crng init done" came before
# "Kernel command line:", i.e. inside setup_arch(), where the only entropy
# it can credit is the boot loader's (the seed is worth 256 bits; without
# it the crng is not ready until much later). chainload.expect_rng=0: no
# node and no early crng. The word is required.

check_rng_seed() {
	local want d nodes='' seed=no crng cmdline early=no
	want=$(expected rng)
	for d in /sys/kernel/boot_params/setup_data/*; do
		[ -e "$d/type" ] || continue
		nodes="$nodes $(cat "$d/type")/$(wc -c <"$d/data")"
		[ "$(cat "$d/type")" = 0x9 ] && seed="wiped to $(wc -c <"$d/data") bytes"
	done
	crng=$(grep -n 'random: crng init done' /tmp/dmesg | head -n1 | cut -d: -f1)
	cmdline=$(grep -n 'Kernel command line:' /tmp/dmesg | head -n1 | cut -d: -f1)
	[ -n "$crng" ] && [ -n "$cmdline" ] && [ "$crng" -lt "$cmdline" ] && early=yes
	echo "GUEST: setup_data=${nodes# }"
	echo "GUEST: rng_seed=$seed crng_ready_in_setup_arch=$early"
	case $want in
	1)
		[ "$seed" = "wiped to 0 bytes" ] || fail "no consumed RNG_SEED setup_data node ($seed)"
		[ $early = yes ] || fail "crng was not ready before 'Kernel command line:'"
		;;
	0)
		[ "$seed" = no ] || fail "an RNG_SEED node although the machine has no RNG"
		[ $early = no ] || fail "crng ready in setup_arch without a seed"
		;;
	*) fail "chainload.expect_rng is \"$want\", not 0 or 1: the scenario must say whether there is an RNG" ;;
	esac
}

check_rng_seed
