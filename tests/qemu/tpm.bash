# shellcheck shell=bash
# A software TPM for QEMU scenarios and the checks of what chainload measured;
# source after lib.sh (tests/qemu/measured-boot.sh, secure-boot.sh). Not a
# scenario itself, hence not *.sh.
#
# tpm_start         starts swtpm (TPM 2.0) on a fresh Unix socket; sets
#                   TPM_QEMU_ARGS, the run-ovmf.sh options that attach it
# expect_measured   replays the event log the guest printed (tcg-log.py)
#                   and checks the PCR 4 kernel event, the PCR 9 initrd
#                   and command-line events, and the PCR values

TPM_DIR=
TPM_QEMU_ARGS=()
# The Linux EFI stub's tagged events (efi/trust/measure.h): id, then the text
# with its NUL, both as the event data holds them (id little-endian).
TAG_INITRD=ec223b8f0d000000$(printf 'Linux initrd\0' | od -An -tx1 -v | tr -d ' \n')
TAG_CMDLINE=ed223b8f1a000000$(printf 'LOADED_IMAGE::LoadOptions\0' | od -An -tx1 -v | tr -d ' \n')

# Start swtpm for one QEMU run. A new state directory each time, so the
# PCRs start from reset. The socket lives under /tmp: its path must stay
# short (108 bytes), whatever the checkout's path.
tpm_start() {
	tpm_stop
	TPM_DIR=$(mktemp -d /tmp/chainload-tpm.XXXXXX)
	mkdir "$TPM_DIR/state"
	# --terminate: swtpm exits when QEMU closes the socket.
	swtpm socket --tpm2 --tpmstate dir="$TPM_DIR/state" \
		--ctrl type=unixio,path="$TPM_DIR/sock" --terminate --daemon \
		--pid file="$TPM_DIR/pid" --log file="$TPM_DIR/log" ||
		abort "swtpm did not start (tools/install-deps.sh installs swtpm)"
	for _ in $(seq 50); do
		[ -S "$TPM_DIR/sock" ] && break
		sleep 0.1
	done
	[ -S "$TPM_DIR/sock" ] || abort "swtpm made no socket (log: $TPM_DIR/log)"
	# shellcheck disable=SC2034 # the scenarios pass it to boot
	TPM_QEMU_ARGS=(--qemu-arg -chardev --qemu-arg "socket,id=chrtpm,path=$TPM_DIR/sock"
		--qemu-arg -tpmdev --qemu-arg "emulator,id=tpm0,chardev=chrtpm"
		--qemu-arg -device --qemu-arg "tpm-tis,tpmdev=tpm0")
}

# Stop swtpm if QEMU never connected (it ends by itself otherwise) and
# remove its state.
tpm_stop() {
	[ -n "$TPM_DIR" ] || return 0
	if [ -s "$TPM_DIR/pid" ]; then
		kill "$(cat "$TPM_DIR/pid")" 2>/dev/null || true
	fi
	rm -rf "$TPM_DIR"
	TPM_DIR=
}
trap tpm_stop EXIT

# The last boot's event log, decoded: "event PCR TYPE SHA256 DATA" lines,
# then "pcr PCR SHA256" (the replay), into $SCRATCH/events-NAME.txt.
tpm_events() {
	local out=$SCRATCH/events-$1.txt
	log_text | sed -n 's/^TPMLOG: //p' >"$SCRATCH/tpmlog-$1.hex"
	python3 "$ROOT/tests/qemu/tcg-log.py" "$SCRATCH/tpmlog-$1.hex" >"$out" 2>&1 || true
	echo "$out"
}

# What chainload (or the firmware, for the kernel) measured, judged from the
# guest's event log: expect_measured NAME KERNEL INITRD_IMAGE CMDLINE
# KERNEL_EVENTS. The kernel's PE hash must appear KERNEL_EVENTS times in
# PCR 4 (1: measured once, by chainload or the firmware's LoadImage); PCR 9
# must hold exactly the initrd and then the command-line event; replaying
# the log must give the PCR values the guest read from the TPM.
expect_measured() {
	local name=$1 kernel=$2 initrd=$3 cmdline=$4 kernel_events=$5
	local events want got pcr9 n
	events=$(tpm_events "$name")
	n=$(grep -c '^event ' "$events" || true)
	expect "the guest printed the TPM event log ($n events, $events)" [ "$n" -gt 0 ]
	want=$(python3 "$ROOT/tests/qemu/pe-hash.py" "$kernel")
	n=$(grep -c "^event 4 0x80000003 $want " "$events" || true)
	expect_eq "PCR 4 EV_EFI_BOOT_SERVICES_APPLICATION events with the kernel's PE hash" \
		"$n" "$kernel_events"
	pcr9=$(sed -n 's/^event 9 //p' "$events" | cut -d' ' -f1-3 | paste -sd'|')
	want="0x00000006 $(sha256sum "$initrd" | cut -d' ' -f1) $TAG_INITRD"
	want="$want|0x00000006 $(printf '%s\0' "$cmdline" | sha256sum | cut -d' ' -f1) $TAG_CMDLINE"
	expect_eq "PCR 9 events (type, SHA-256, tagged event)" "$pcr9" "$want"
	for n in 4 9; do
		want=$(guest_value "pcr_sha256_$n" | tr 'A-F' 'a-f')
		got=$(sed -n "s/^pcr $n //p" "$events")
		expect_eq "PCR $n replayed from the log equals the TPM's" "$got" "${want:-(no PCR read)}"
	done
}
