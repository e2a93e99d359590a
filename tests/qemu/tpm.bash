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
# tpm_nsh_pcr_read  startup.nsh lines with which the UEFI shell reads PCRs
#                   4 and 9 from the TPM's registers itself
# tpm_shell_pcr     a PCR value from such a read in the log
# tpm_extend        what a PCR holds after one extend

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

# --- PCRs read by the UEFI shell, beside the firmware and chainload ---

# TIS registers of locality 0 (TCG PC Client Platform TPM Profile, 6.5.2).
TIS_ACCESS=FED40000
TIS_STS=FED40018
TIS_FIFO=FED40024
# TPM2_PCR_Read of SHA-256 PCRs 4 and 9: header (tag TPM_ST_NO_SESSIONS,
# 20 bytes, TPM_CC_PCR_Read), one TPMS_PCR_SELECTION (TPM_ALG_SHA256, 3
# bytes of bitmap: bit 4, bit 9).
PCR_READ_CMD="80 01 00 00 00 14 00 00 01 7E 00 00 00 01 00 0B 03 10 02 00"
# Its 96-byte answer: header (96 bytes, TPM_RC_SUCCESS), a 4-byte update
# counter, the same selection, 2 digests, each a 2-byte size (32) and the
# value (PCR 4 at byte 30, PCR 9 at byte 64). The fixed bytes:
PCR_READ_HEAD=80010000006000000000                 # bytes 0..9
PCR_READ_MID=00000001000b03100200000000020020      # bytes 14..29
PCR_READ_SIZE=0020                                 # bytes 62..63

# startup.nsh lines that send that command to the TPM through its MMIO
# registers with the shell's `mm` (no firmware TPM driver, no chainload)
# and print the 96 response bytes between TPM-PCR-TAG-BEGIN and
# TPM-PCR-TAG-END: tpm_nsh_pcr_read TAG. The TPM answers within
# microseconds; the stall leaves room for a busy host.
tpm_nsh_pcr_read() {
	local tag=$1 b
	echo "mm $TIS_ACCESS 02 -w 1 -MMIO -n"
	echo "mm $TIS_STS 40 -w 1 -MMIO -n"
	for b in $PCR_READ_CMD; do
		echo "mm $TIS_FIFO $b -w 1 -MMIO -n"
	done
	echo "mm $TIS_STS 20 -w 1 -MMIO -n"
	echo 'stall 1000000'
	echo "echo TPM-PCR-$tag-BEGIN"
	echo 'for %b run (1 96)'
	echo "  mm $TIS_FIFO -w 1 -MMIO -n"
	echo 'endfor'
	echo "echo TPM-PCR-$tag-END"
	echo "mm $TIS_STS 40 -w 1 -MMIO -n"
}

# The SHA-256 value of PCR 4 or 9 from the TAG read in the last boot's log,
# lower-case hex; a message in parentheses if the answer is not a
# well-formed, successful one: tpm_shell_pcr TAG 4|9
tpm_shell_pcr() {
	local tag=$1 pcr=$2 hex fixed
	hex=$(log_text | sed -n "/^TPM-PCR-$tag-BEGIN\$/,/^TPM-PCR-$tag-END\$/p" |
		sed -n 's/^0x\([0-9A-Fa-f][0-9A-Fa-f]\)$/\1/p' | tr -d '\n' | tr 'A-F' 'a-f')
	fixed=${hex:0:20}${hex:28:32}${hex:124:4}
	if [ ${#hex} -ne 192 ] || [ "$fixed" != "$PCR_READ_HEAD$PCR_READ_MID$PCR_READ_SIZE" ]; then
		echo "(no valid PCR read $tag: ${hex:0:40}...)"
		return
	fi
	case $pcr in
	4) echo "${hex:60:64}" ;;
	9) echo "${hex:128:64}" ;;
	esac
}

# What a PCR holds after extending OLD by DIGEST (SHA-256, hex).
tpm_extend() {
	python3 -c 'import hashlib, sys; print(hashlib.sha256(bytes.fromhex(sys.argv[1]) + bytes.fromhex(sys.argv[2])).hexdigest())' "$1" "$2" 2>/dev/null ||
		echo "(cannot extend \"$1\" by \"$2\")"
}
