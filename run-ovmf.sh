#!/bin/bash
# run-ovmf.sh: put chainload.efi, a kernel and its initrds on a GPT/FAT ESP
# disk image, boot it in QEMU with OVMF, and exit 0 iff the guest passed.
# See usage() or `./run-ovmf.sh -h`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOCK=/tmp/chainload-qemu.lock
ESP_TYPE=C12A7328-F81F-11D2-BA4B-00A0C93EC93B
ESP_START_MIB=1
# mtools addresses the FAT partition inside the image by byte offset.
export MTOOLS_SKIP_CHECK=1

usage() {
	cat <<'EOF'
Usage: run-ovmf.sh [OPTIONS]

Builds chainload, makes an ESP disk image (GPT, one FAT EFI System partition):
  \EFI\chainload\chainload.efi, \boot\vmlinuz, \boot\initrd0.img, ...,
  \startup.nsh (runs chainload.efi with the kernel, initrds and cmdline)
and boots it in QEMU + OVMF (TCG unless --kvm), serial console on stdout.

Modes (--mode), the three ways firmware starts chainload:
  shell      (default) the UEFI shell runs \startup.nsh, which runs chainload
             with the loader args, -i for each initrd, the kernel and cmdline.
  entry      a firmware boot entry (Boot####) with those words as its
             options (UTF-16LE): a first QEMU run registers it from the shell
             (bcfg boot add / -opt / mv) and resets; a second run on the same
             VARS and disk boots it directly, without the shell.
  removable  chainload as \EFI\BOOT\BOOTX64.EFI with a chainload.conf beside
             it (linux, initrd and options lines made from --kernel,
             --initrd, --cmdline, or --config FILE); the firmware boots it with
             no shell and no arguments.
In entry and removable modes \startup.nsh only reports that chainload
returned (the boot manager falls through to the shell) and powers off.

With neither --kernel nor --startup it runs the default test: the test kernel
build/test-images/testkern.bzimage, a random initrd of 1 MiB + 3 bytes unless
--initrd is given, cmdline "console=ttyS0 chainload.test=default" and the
words that describe the default machine to the test kernel (tk.load,
tk.fb, tk.expect_rng, tk.secure_boot) unless --cmdline is given, plus the
tk.* words of --tk-words.

Guest and ESP:
  --kernel FILE          kernel to boot, placed at \boot\vmlinuz
  --initrd FILE          initrd, placed at \boot\initrdN.img (repeatable, in order)
  --cmdline STR          kernel command line (whitespace runs become one space;
                         the UEFI shell characters # % ^ " < > | are refused)
  --tk-words             append tk.initrd_size, tk.initrd_crc32 and (last)
                         tk.cmdline_crc32 for the test kernel
  --loader-args STR      options for chainload.efi itself, e.g. "--force-copy -v"
  --efi FILE             loader binary (default build/chainload.efi)
  --pre-efi FILE         shell mode: run the EFI application FILE (a test
                         fixture, test-images/efi/) from \startup.nsh before
                         the loader, as \fixtures\NAME (repeatable, in order)
  --startup FILE         use FILE as \startup.nsh instead of the generated one
                         (shell mode)
  --esp-file SRC:PATH    also copy SRC to PATH on the ESP (repeatable)
  --config FILE          chainload.conf to put beside the loader (removable
                         mode: instead of the generated one)
  --entry-opts FILE      entry mode: FILE's bytes are the entry's options,
                         instead of the generated UTF-16LE words; repeat for
                         several entries, booted in the order given
  --entry-bom            entry mode: the generated options start with a
                         byte-order mark and have no NUL terminator (both
                         occur in the wild)
  --part-uuid UUID       the ESP partition's GPT GUID (default: random)
  --mode MODE            shell, entry or removable (see above)
  --esp-only PATH        write the ESP disk image to PATH and stop (in entry
                         mode: the image of the first, registering run)
Machine:
  --machine q35|pc       QEMU machine type (default q35)
  --memory MB            guest RAM (default 1024)
  --smp N                CPUs (default 1)
  --cpu MODEL            QEMU -cpu model (default: QEMU's own)
  --kvm                  use KVM (default TCG)
  --ovmf-code FILE       firmware code (default /usr/share/OVMF/OVMF_CODE_4M.fd)
  --ovmf-vars FILE       VARS template copied for this run
                         (default /usr/share/OVMF/OVMF_VARS_4M.fd)
  --vars-store FILE      keep VARS in FILE across runs (created from the template)
  --qemu-arg ARG         extra QEMU argument (repeatable)
Run:
  --timeout S            kill QEMU after S seconds (default 120)
  --expect-exit N        QEMU exit status meaning pass (default 33, test kernel)
  --log FILE             serial log (default build/qemu/serial.log)
  --keep                 keep the work directory (ESP image, VARS)
  --no-build             do not run make
  -h, --help             this text

Verdict: pass iff QEMU's exit status equals --expect-exit, or QEMU exited 0
(guest powered off) and the log has a line "CHAINLOAD-VERDICT: PASS" and no
"CHAINLOAD-VERDICT: FAIL" line. Exit status 0 on pass, 1 on fail, 2 on usage.
In entry mode the registering run must also succeed; its log is LOG with
".register" before the extension.
EOF
}

# Report a fatal error in one line and stop.
die() {
	echo "run-ovmf: error: $*" >&2
	exit 1
}

# Refuse a bad command line early, with the usage hint.
usage_error() {
	echo "run-ovmf: $*" >&2
	echo "run-ovmf: try --help" >&2
	exit 2
}

# Defaults, overridden by parse_args.
kernel='' startup='' cmdline='' cmdline_set=0 tk_words=0 loader_args=''
efi=$ROOT/build/chainload.efi
machine=q35 memory=1024 smp=1 cpu='' use_kvm=0
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd
ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
vars_store='' timeout_s=120 expect_exit=33
log=$ROOT/build/qemu/serial.log
keep=0 build=1
mode=shell esp_only='' config='' part_uuid='' entry_bom=0
initrds=() esp_files=() qemu_extra=() entry_opts=() pre_efis=()

# Options that take a value, to tell "unknown" from "missing value".
VALUE_OPTIONS=" --kernel --initrd --cmdline --loader-args --efi --pre-efi --startup --esp-file \
--machine --memory --smp --cpu --ovmf-code --ovmf-vars --vars-store --qemu-arg \
--timeout --expect-exit --log --mode --esp-only --config --entry-opts --part-uuid "

# Fill the option globals from the command line.
parse_args() {
	while [ $# -gt 0 ]; do
		case $1 in
		-h | --help) usage; exit 0 ;;
		--tk-words) tk_words=1; shift; continue ;;
		--kvm) use_kvm=1; shift; continue ;;
		--keep) keep=1; shift; continue ;;
		--entry-bom) entry_bom=1; shift; continue ;;
		--no-build) build=0; shift; continue ;;
		esac
		if [[ $VALUE_OPTIONS != *" $1 "* ]]; then
			usage_error "unknown option $1"
		fi
		[ $# -ge 2 ] || usage_error "option $1 needs a value"
		case $1 in
		--kernel) kernel=$2 ;;
		--initrd) initrds+=("$2") ;;
		--cmdline) cmdline=$2; cmdline_set=1 ;;
		--loader-args) loader_args=$2 ;;
		--efi) efi=$2 ;;
		--pre-efi)
			pre_efis+=("${2##*/}")
			esp_files+=("$2:/fixtures/${2##*/}")
			;;
		--startup) startup=$2 ;;
		--esp-file) esp_files+=("$2") ;;
		--machine) machine=$2 ;;
		--memory) memory=$2 ;;
		--smp) smp=$2 ;;
		--cpu) cpu=$2 ;;
		--ovmf-code) ovmf_code=$2 ;;
		--ovmf-vars) ovmf_vars=$2 ;;
		--vars-store) vars_store=$2 ;;
		--qemu-arg) qemu_extra+=("$2") ;;
		--timeout) timeout_s=$2 ;;
		--expect-exit) expect_exit=$2 ;;
		--log) log=$2 ;;
		--mode) mode=$2 ;;
		--esp-only) esp_only=$2 ;;
		--config) config=$2 ;;
		--entry-opts) entry_opts+=("$2") ;;
		--part-uuid) part_uuid=$2 ;;
		*) usage_error "unknown option $1" ;;
		esac
		shift 2
	done
	case $machine in q35 | pc) ;; *) usage_error "--machine must be q35 or pc" ;; esac
	case $mode in shell | entry | removable) ;; *) usage_error "--mode must be shell, entry or removable" ;; esac
	[ "$mode" = shell ] || [ -z "$startup" ] || usage_error "--startup is for --mode shell"
	[ "$mode" = entry ] || [ "${#entry_opts[@]}" -eq 0 ] || usage_error "--entry-opts is for --mode entry"
	if [ "${#pre_efis[@]}" -gt 0 ] && { [ "$mode" != shell ] || [ -n "$startup" ]; }; then
		usage_error "--pre-efi is for --mode shell without --startup"
	fi
	# The removable path has no arguments: nowhere to put loader options.
	[ "$mode" != removable ] || [ -z "$loader_args" ] ||
		usage_error "--loader-args cannot reach chainload in --mode removable"
	[ -z "$part_uuid" ] || [[ $part_uuid =~ ^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$ ]] ||
		usage_error "--part-uuid wants a GUID, got $part_uuid"
	local n
	for n in "$memory" "$smp" "$timeout_s" "$expect_exit"; do
		[[ $n =~ ^[0-9]+$ ]] || usage_error "not a number: $n"
	done
}

# The UEFI shell would reinterpret these characters inside startup.nsh
# (comment, variable, escape, quote, redirection, pipe), so the words the
# loader receives would differ from what the test expects.
check_shell_text() {
	local what=$1 text=$2
	if [[ $text == *[\#%^\"\<\>\|]* ]] || [[ $text =~ [^[:print:][:space:]] ]]; then
		usage_error "$what contains a character the UEFI shell would alter: $text"
	fi
}

# Collapse whitespace runs: the shell splits on them and the loader rejoins
# the words with single spaces.
normalize_words() {
	local -a words
	read -ra words <<<"$1"
	printf '%s\n' "${words[*]}"
}

# zlib CRC-32 of stdin as 8 lowercase hex digits: gzip's trailer carries it.
crc32_hex() {
	gzip -1 -c | tail -c 8 | head -c 4 | od -An -tx4 --endian=little | tr -d ' \n'
}

# Concatenate the initrds as the kernel will see them: each file starts at a
# 4-byte aligned offset, zero padding between, no padding after the last.
concat_initrds() {
	local out=$1 f size pad
	shift
	: >"$out"
	for f in "$@"; do
		size=$(stat -c %s "$out")
		pad=$(((4 - size % 4) % 4))
		[ "$pad" -eq 0 ] || head -c "$pad" /dev/zero >>"$out"
		cat "$f" >>"$out"
	done
}

# Append the words the test kernel checks; tk.cmdline_crc32 must come last
# and covers every byte before the space that precedes it.
add_tk_words() {
	local joined="$work/initrd-joined.bin" size crc
	concat_initrds "$joined" "${initrds[@]}"
	size=$(stat -c %s "$joined")
	crc=$(crc32_hex <"$joined")
	cmdline="${cmdline:+$cmdline }tk.initrd_size=$size tk.initrd_crc32=$crc"
	cmdline="$cmdline tk.cmdline_crc32=$(printf '%s' "$cmdline" | crc32_hex)"
}

# Fill in the embedded default test when no guest was named.
apply_default_guest() {
	[ -z "$kernel" ] && [ -z "$startup" ] || return 0
	kernel=$ROOT/build/test-images/testkern.bzimage
	if [ "${#initrds[@]}" -eq 0 ]; then
		head -c $((1024 * 1024 + 3)) /dev/urandom >"$work/initrd-default.img"
		initrds=("$work/initrd-default.img")
	fi
	# What the test kernel must find on the default machine (test-images/README.md).
	[ "$cmdline_set" -eq 1 ] || cmdline="console=ttyS0 chainload.test=default tk.load=0x1600000 \
tk.fb=1280x800 tk.expect_rng=0 tk.secure_boot=2"
	tk_words=1
}

# Every input file must exist before we spend time on the image.
check_inputs() {
	local f spec
	[ -f "$efi" ] || die "$efi: not found (run make, or pass --efi)"
	for f in "$kernel" "${initrds[@]}" "$startup" "$config" "${entry_opts[@]}" \
		"$ovmf_code" "$ovmf_vars"; do
		[ -z "$f" ] || [ -f "$f" ] || die "$f: not found"
	done
	for spec in "${esp_files[@]}"; do
		[[ $spec == *:* ]] || usage_error "--esp-file wants SRC:ESPPATH, got $spec"
		[ -f "${spec%%:*}" ] || die "${spec%%:*}: not found"
	done
	[ "${#initrds[@]}" -eq 0 ] || [ -n "$kernel" ] || usage_error "--initrd needs --kernel"
}

# The words chainload gets after its own name: options before KERNEL (every
# word after it is the cmdline), one -i per initrd.
loader_words() {
	local i args=()
	for i in "${!initrds[@]}"; do
		args+=(-i "\\boot\\initrd$i.img")
	done
	printf '%s\n' "${loader_args:+$loader_args }${args[*]:+${args[*]} }\\boot\\vmlinuz${cmdline:+ $cmdline}"
}

# Write stdin to FILE as a shell script (the UEFI shell wants CR LF).
nsh() {
	sed 's/$/\r/' >"$1"
}

# The generated \startup.nsh of shell mode: run the loader, and if it comes
# back, say so and power off, so a failed launch ends the run at once
# instead of at the timeout.
write_startup() {
	local f
	{
		echo '@echo -off'
		echo 'fs0:'
		for f in "${pre_efis[@]}"; do
			printf '%s\n' "\\fixtures\\$f"
			echo "echo CHAINLOAD-FIXTURE: $f lasterror %lasterror%"
		done
		printf '%s\n' "\\EFI\\chainload\\chainload.efi $(loader_words)"
		echo 'echo CHAINLOAD-RUN: loader returned to the shell, lasterror %lasterror%'
		echo 'reset -s'
	} | nsh "$1"
}

# \startup.nsh of entry and removable modes: the shell runs only when the
# boot manager fell through to it, i.e. chainload returned.
write_fallthrough_startup() {
	{
		echo '@echo -off'
		echo 'echo CHAINLOAD-RUN: loader returned to the boot manager, which started the shell'
		echo 'reset -s'
	} | nsh "$1"
}

# The first run of entry mode: one Boot#### per options file, the first
# file's entry first in BootOrder. bcfg refuses -opt on index 0, so each
# entry is added at index 1, given its options there, then moved to 0; hence
# the files go in reverse order.
write_register_startup() {
	local out=$1 n=$2 i
	{
		echo '@echo -off'
		echo 'fs0:'
		for ((i = n - 1; i >= 0; i--)); do
			printf '%s\n' "bcfg boot add 1 \\EFI\\chainload\\chainload.efi \"chainload $i\""
			echo "echo CHAINLOAD-BCFG: add $i %lasterror%"
			printf '%s\n' "bcfg boot -opt 1 \\entry\\opts$i.bin"
			echo "echo CHAINLOAD-BCFG: opt $i %lasterror%"
			echo 'bcfg boot mv 1 0'
			echo "echo CHAINLOAD-BCFG: mv $i %lasterror%"
		done
		echo 'echo CHAINLOAD-ENTRY: registered'
		echo 'reset'
	} | nsh "$out"
}

# Entry mode's options files: the --entry-opts files, or the loader words
# as UTF-16LE with a terminating NUL, as a boot entry carries them (with
# --entry-bom: a byte-order mark first and no NUL).
make_entry_opts() {
	local dir=$1
	if [ "${#entry_opts[@]}" -eq 0 ]; then
		{
			[ "$entry_bom" -eq 0 ] || printf '\377\376'
			printf '%s' "$(loader_words)" | iconv -f UTF-8 -t UTF-16LE
			[ "$entry_bom" -eq 1 ] || printf '\0\0'
		} >"$dir/opts0.bin"
		entry_opts=("$dir/opts0.bin")
	fi
}

# Removable mode's chainload.conf, made from the kernel, initrds and cmdline.
write_config() {
	local i
	{
		echo '# made by run-ovmf.sh --mode removable'
		echo 'title run-ovmf'
		echo 'linux /boot/vmlinuz'
		for i in "${!initrds[@]}"; do
			echo "initrd /boot/initrd$i.img"
		done
		[ -z "$cmdline" ] || echo "options $cmdline"
	} >"$1"
}

# Print "SRC<tab>ESPPATH" lines for everything that goes on the ESP.
esp_manifest() {
	local i spec dst dir=/EFI/chainload loader=chainload.efi
	if [ "$mode" = removable ]; then
		dir=/EFI/BOOT loader=BOOTX64.EFI
	fi
	printf '%s\t%s\n' "$efi" "$dir/$loader"
	[ -z "$config_file" ] || printf '%s\t%s\n' "$config_file" "$dir/chainload.conf"
	[ -z "$kernel" ] || printf '%s\t%s\n' "$kernel" /boot/vmlinuz
	for i in "${!initrds[@]}"; do
		printf '%s\t%s\n' "${initrds[$i]}" "/boot/initrd$i.img"
	done
	for i in "${!entry_opts[@]}"; do
		printf '%s\t%s\n' "${entry_opts[$i]}" "/entry/opts$i.bin"
	done
	printf '%s\t%s\n' "$startup_file" /startup.nsh
	for spec in "${esp_files[@]}"; do
		dst=${spec#*:}
		printf '%s\t%s\n' "${spec%%:*}" "${dst//\\//}"
	done
}

# Make a GPT disk with one EFI System partition and copy the files into its
# FAT file system with mtools: no loop device, no root.
build_esp() {
	local img=$1 manifest=$2 src dst bytes=0 mib part_sectors dir
	local -A made=()
	while IFS=$'\t' read -r src dst; do
		bytes=$((bytes + $(stat -c %s "$src")))
	done <"$manifest"
	# Room for FAT overhead and slack; FAT16 up to 2 GiB, mformat picks.
	mib=$((bytes * 5 / 4 / 1048576 + 32))
	[ "$mib" -ge 64 ] || mib=64
	part_sectors=$(((mib - 2 * ESP_START_MIB) * 2048))
	rm -f "$img"
	truncate -s "${mib}M" "$img"
	printf 'label: gpt\nstart=%d, size=%d, type=%s, name="EFI System"%s\n' \
		$((ESP_START_MIB * 2048)) "$part_sectors" "$ESP_TYPE" \
		"${part_uuid:+, uuid=$part_uuid}" | sfdisk -q "$img"
	local fat="$img@@${ESP_START_MIB}M"
	mformat -i "$fat" -T "$part_sectors" -h 64 -s 32 -H $((ESP_START_MIB * 2048)) -v ESP ::
	while IFS=$'\t' read -r src dst; do
		# mmd refuses existing directories; create each parent once.
		dir=${dst%/*}
		local path='' part
		for part in ${dir//\// }; do
			path="$path/$part"
			[ -n "${made[$path]:-}" ] || { mmd -i "$fat" "::$path"; made[$path]=1; }
		done
		mcopy -o -i "$fat" "$src" "::$dst"
	done <"$manifest"
}

# The QEMU command line, into the global array qemu_cmd.
make_qemu_cmd() {
	local img=$1 vars=$2
	qemu_cmd=(qemu-system-x86_64 -machine "$machine" -m "$memory" -smp "$smp")
	if [ "$use_kvm" -eq 1 ]; then
		qemu_cmd+=(-accel kvm -cpu "${cpu:-host}")
	else
		qemu_cmd+=(-accel tcg)
		[ -z "$cpu" ] || qemu_cmd+=(-cpu "$cpu")
	fi
	qemu_cmd+=(
		-drive "if=pflash,format=raw,unit=0,readonly=on,file=$ovmf_code"
		-drive "if=pflash,format=raw,unit=1,file=$vars"
		-drive "if=virtio,format=raw,file=$img"
		# No NIC: OVMF would try PXE before falling back to the shell.
		-nic none
		-display none -monitor none -no-reboot
		-chardev 'stdio,id=com1,signal=off' -serial chardev:com1
		-device 'isa-debug-exit,iobase=0xf4,iosize=0x04'
		-pidfile "$work/qemu.pid"
	)
	qemu_cmd+=("${qemu_extra[@]}")
}

# End the shell's 5 s startup.nsh countdown: send a key on the serial line
# as soon as its prompt appears in the log.
skip_countdown() {
	local key_fd=$1
	until grep -aq 'seconds to skip' "$log" 2>/dev/null; do
		sleep 0.2
	done
	printf '\r' >&"$key_fd"
}

# OVMF halts forever after dumping a CPU exception; stop QEMU then rather
# than at the timeout.
stop_on_exception() {
	local pidfile=$1
	until grep -aq '^!!!! X64 Exception' "$log" 2>/dev/null; do
		sleep 0.5
	done
	sleep 1 # let the register dump finish
	echo "run-ovmf: firmware reported a CPU exception, stopping QEMU" >&2
	: >"$work/stopped"
	[ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
}

# Boot the image under the lock and the timeout; sets qemu_status.
run_qemu() {
	local keys="$work/serial-in" key_fd watcher guard
	rm -f "$keys" "$work/qemu.pid"
	mkfifo "$keys"
	# Read+write open: never blocks, and QEMU's stdin never sees EOF.
	exec {key_fd}<>"$keys"
	mkdir -p "$(dirname "$log")"
	: >"$log"
	skip_countdown "$key_fd" &
	watcher=$!
	stop_on_exception "$work/qemu.pid" &
	guard=$!
	flock -n "$LOCK" true || echo "run-ovmf: waiting for $LOCK (another QEMU run)" >&2
	echo "run-ovmf: booting ($machine, ${memory} MiB, timeout ${timeout_s}s), log $log" >&2
	set +e
	flock -w 3600 "$LOCK" timeout --foreground -k 5 "$timeout_s" "${qemu_cmd[@]}" <"$keys" | tee -a "$log"
	qemu_status=${PIPESTATUS[0]}
	set -e
	kill "$watcher" "$guard" 2>/dev/null || true
	wait "$watcher" "$guard" 2>/dev/null || true
	exec {key_fd}>&-
	echo
}

# The serial log without terminal escapes and carriage returns.
clean_log() {
	sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' "$log"
}

# Why the run failed, as best the log tells, on one line.
failure_reason() {
	local text=$1 line
	if [ "$qemu_status" -eq 124 ] || [ "$qemu_status" -eq 137 ]; then
		echo -n "timed out after ${timeout_s}s; "
	fi
	line=$(sed -n 's/^!!!! X64 Exception Type - \(.*)\) .*/\1/p' <<<"$text" | head -n1)
	[ -z "$line" ] || echo -n "firmware caught CPU exception $line; "
	line=$(grep -m1 -a 'chainload: error:' <<<"$text" || true)
	[ -z "$line" ] || echo -n "$line; "
	line=$(grep -m1 -a '^CHAINLOAD-RUN:' <<<"$text" || true)
	[ -z "$line" ] || echo -n "${line#CHAINLOAD-RUN: }; "
	line=$(grep -m1 -a '^CHAINLOAD-VERDICT: FAIL' <<<"$text" || true)
	[ -z "$line" ] || echo -n "$line; "
	line=$(grep -m1 -a '^tk: .*FAIL' <<<"$text" || true)
	[ -z "$line" ] || echo -n "$line; "
	if [ -e "$work/stopped" ]; then
		echo -n "QEMU stopped by run-ovmf"
		return
	fi
	case $qemu_status in
	0) echo -n "guest powered off or reset" ;;
	124 | 137 | 143) echo -n "no verdict" ;;
	*) echo -n "unexpected QEMU exit status" ;;
	esac
}

# Decide pass/fail (see usage) and print the one-line summary.
verdict() {
	local text
	text=$(clean_log)
	if [ "$qemu_status" -eq "$expect_exit" ]; then
		echo "run-ovmf: PASS: QEMU exit status $qemu_status (expected $expect_exit); log $log"
		return 0
	fi
	if [ "$qemu_status" -eq 0 ] && grep -aqx 'CHAINLOAD-VERDICT: PASS' <<<"$text" &&
		! grep -aq '^CHAINLOAD-VERDICT: FAIL' <<<"$text"; then
		echo "run-ovmf: PASS: guest printed CHAINLOAD-VERDICT: PASS and powered off; log $log"
		return 0
	fi
	echo "run-ovmf: FAIL: QEMU exit status $qemu_status (expected $expect_exit" \
		"or a CHAINLOAD-VERDICT: PASS line): $(failure_reason "$text"); log $log"
	return 1
}

# Entry mode, run 1: the shell registers the boot entries and resets. Then
# \startup.nsh is swapped for the fall-through one, on the same disk: the
# entries' device paths name this partition.
register_entries() {
	local main_log=$log text bad n
	log=${log%.log}.register.log
	echo "run-ovmf: entry mode, run 1 of 2: register ${#entry_opts[@]} boot entr$([ "${#entry_opts[@]}" -eq 1 ] && echo y || echo ies)" >&2
	run_qemu
	text=$(clean_log)
	bad=$(grep -a '^CHAINLOAD-BCFG: ' <<<"$text" | grep -v ' 0x0$' || true)
	n=$(grep -ac '^CHAINLOAD-BCFG: .* 0x0$' <<<"$text" || true)
	if [ "$qemu_status" -ne 0 ] || ! grep -aqx 'CHAINLOAD-ENTRY: registered' <<<"$text" ||
		[ -n "$bad" ] || [ "$n" -ne $((3 * ${#entry_opts[@]})) ]; then
		echo "run-ovmf: FAIL: registering the boot entries failed (QEMU exit status" \
			"$qemu_status${bad:+; $bad}); log $log"
		log=$main_log
		return 1
	fi
	log=$main_log
	write_fallthrough_startup "$work/fallthrough.nsh"
	mcopy -o -i "$work/esp.img@@${ESP_START_MIB}M" "$work/fallthrough.nsh" ::/startup.nsh
	echo "run-ovmf: entry mode, run 2 of 2: the firmware boots the entry" >&2
}

# Remove the work directory unless asked to keep it.
cleanup() {
	if [ "$keep" -eq 1 ]; then
		echo "run-ovmf: work directory kept: $work" >&2
	else
		rm -rf "$work"
	fi
}

main() {
	parse_args "$@"
	"$ROOT/tools/install-deps.sh"
	[ "$build" -eq 0 ] || make -C "$ROOT" all
	mkdir -p "$ROOT/build/qemu"
	work=$(mktemp -d "$ROOT/build/qemu/work.XXXXXX")
	trap cleanup EXIT
	trap 'echo "run-ovmf: interrupted" >&2; exit 130' INT TERM
	apply_default_guest
	check_inputs
	[ "$cmdline_set" -eq 0 ] || cmdline=$(normalize_words "$cmdline")
	loader_args=$(normalize_words "$loader_args")
	check_shell_text "--cmdline" "$cmdline"
	check_shell_text "--loader-args" "$loader_args"
	[ "$tk_words" -eq 0 ] || add_tk_words
	startup_file=${startup:-$work/startup.nsh}
	config_file=$config
	case $mode in
	shell)
		[ -n "$startup" ] || write_startup "$startup_file"
		;;
	entry)
		make_entry_opts "$work"
		write_register_startup "$startup_file" "${#entry_opts[@]}"
		;;
	removable)
		write_fallthrough_startup "$startup_file"
		if [ -z "$config_file" ]; then
			config_file=$work/chainload.conf
			write_config "$config_file"
		fi
		;;
	esac
	esp_manifest >"$work/manifest"
	build_esp "$work/esp.img" "$work/manifest"
	if [ -n "$esp_only" ]; then
		cp "$work/esp.img" "$esp_only"
		echo "run-ovmf: ESP image ($mode mode) written to $esp_only"
		return 0
	fi
	local vars=$work/vars.fd
	if [ -n "$vars_store" ]; then
		[ -f "$vars_store" ] || cp "$ovmf_vars" "$vars_store"
		vars=$vars_store
	else
		cp "$ovmf_vars" "$vars"
	fi
	make_qemu_cmd "$work/esp.img" "$vars"
	echo "run-ovmf: mode $mode, cmdline: $cmdline" >&2
	[ "$mode" != entry ] || register_entries || return 1
	run_qemu
	verdict
}

main "$@"
