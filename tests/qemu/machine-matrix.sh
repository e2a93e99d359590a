#!/bin/bash
# The machines chainload must hand over correctly: q35 and pc (i440fx), with
# 256 MiB, 2 GiB and 6 GiB (initrd and part of RAM above 4 GiB), 1 and 4 CPUs,
# with and without an RNG; the test kernel and Debian's kernel each judge
# the hand-off from inside (test-images/README.md, tests/guest/checks).
#
# `make test` runs a representative subset (each machine type, memory size,
# CPU count and kernel at least once); CHAINLOAD_MATRIX=full (`make
# test-full`) runs every combination, 24 boots.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

# KERNEL MACHINE MEMORY_MIB CPUS RNG(1 = virtio-rng-pci)
SUBSET=(
	"debian q35 6144 4 1"
	"debian pc 256 1 0"
	"testkern pc 6144 4 1"
	"testkern q35 256 1 0"
	"testkern pc 2048 1 1"
)

# Every combination; the RNG comes and goes with the CPU count so that both
# cases meet every machine and memory size.
full_matrix() {
	local kernel machine mem cpus
	for kernel in testkern debian; do
		for machine in q35 pc; do
			for mem in 256 2048 6144; do
				for cpus in 1 4; do
					echo "$kernel $machine $mem $cpus $((cpus > 1))"
				done
			done
		done
	done
}

# Above 4 GiB of RAM the initrd must go above 4 GiB too: both kernels set
# XLF_CAN_BE_LOADED_ABOVE_4G and chainload places the initrd top-down.
HIGH=0x100000000

# One machine: boot_machine KERNEL MACHINE MEMORY_MIB CPUS RNG
boot_machine() {
	local kernel=$1 machine=$2 mem=$3 cpus=$4 rng=$5 name words start
	local args=(--machine "$machine" --memory "$mem" --smp "$cpus" --loader-args -v)
	name=$kernel-$machine-${mem}m-${cpus}cpu-rng$rng
	[ "$rng" -eq 0 ] || args+=(--qemu-arg -device --qemu-arg virtio-rng-pci)
	start=$SECONDS
	if [ "$kernel" = testkern ]; then
		random_file "$SCRATCH/initrd-$name.img" $((64 * 1024 + 3))
		words="console=ttyS0 chainload.test=$SCENARIO-$name tk.load=$TK_LOAD_RELOC tk.fb=$FB_DEFAULT"
		words="$words tk.expect_rng=$rng tk.secure_boot=2"
		[ "$mem" -le 4096 ] || words="$words tk.initrd_min=$HIGH"
		boot "$name" --timeout 120 --kernel "$TESTKERN" --initrd "$SCRATCH/initrd-$name.img" \
			--tk-words --cmdline "$words" "${args[@]}"
		expect_boot_pass
		expect_tk_all_ok
	else
		words="efi=debug log_buf_len=1M chainload.expect_cpus=$cpus chainload.expect_mem_mib=$mem"
		words="$words chainload.expect_rng=$rng chainload.expect_sb=disabled chainload.expect_fb=$FB_DEFAULT"
		[ "$mem" -le 4096 ] || words="$words chainload.expect_initrd_min=$HIGH"
		boot_debian_checked "$name" "$words" "${args[@]}"
	fi
	expect_handoff_matches_machine "$FB_DEFAULT"
	say "time $name: $((SECONDS - start)) s"
}

ensure_built
require_file "$TESTKERN" "make test-images"
if [ "${CHAINLOAD_MATRIX:-subset}" = full ]; then
	mapfile -t MACHINES < <(full_matrix)
else
	MACHINES=("${SUBSET[@]}")
fi
debian_prepare
for m in "${MACHINES[@]}"; do
	# shellcheck disable=SC2086 # five words
	boot_machine $m
done
finish
