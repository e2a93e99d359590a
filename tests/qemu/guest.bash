# shellcheck shell=bash
# One guest boot, for run-ovmf.sh and the QEMU scenarios (lib.sh's boot):
# from the options in guest_usage, what goes on the ESP (the loader, kernel,
# initrds, startup.nsh, boot-entry options or chainload.conf), the image
# (tools/mkesp.sh), the run and its verdict (qemu.bash). Not a scenario
# itself, hence not *.sh.
#
# guest_boot OPTION...   boot once; exit status 0 iff the verdict is pass.
#                        Sets globals and traps: run it in a subshell.
# Also used on their own: write_crlf (startup.nsh's CR LF line ends),
# concat_initrds and crc32_hex (what the test kernel's tk.* words cover).

GUEST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=qemu.bash
. "$GUEST_ROOT/tests/qemu/qemu.bash"

guest_usage() {
	cat <<'EOF'
Makes an ESP disk image (GPT, one FAT EFI System partition):
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
             it (linux, initrd, options and chainload-options lines made from
             --kernel, --initrd, --cmdline and --loader-args, or --config FILE);
             the firmware boots it with no shell and no arguments.
  pxe        a network boot: no loader on the disk, a virtio NIC on QEMU's
             user network (restrict=on: nothing outside QEMU), whose TFTP
             root holds pxe/chainload.efi (the DHCP boot file), beside it
             pxe/chainload.conf (as in removable mode, with the kernel as
             "boot/vmlinuz", relative to the boot file's directory, the
             first initrd as "/pxe/boot/initrd0.img", from the server's
             root, the others as tftp://10.0.2.2/pxe/boot/initrdN.img, and
             the loader args on a chainload-options line), and pxe/boot/;
             OVMF's own PXE driver (romfile= empty) boots it. --esp-file
             files go to the TFTP root.
  ipxe       the same TFTP root, but the NIC keeps QEMU's iPXE option ROM,
             whose DHCP boot file is the script boot.ipxe: it fetches the
             kernel and initrds (imgfetch) and starts chainload with the
             loader args, -i NAME per initrd, vmlinuz and the cmdline
             (chain), so chainload reads iPXE's own view of those files.
In entry, removable and pxe modes \startup.nsh only reports that chainload
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
  --efi FILE             loader binary (default build/chainload.efi, with
                         --arch ia32 build/chainload-ia32.efi)
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
  --mode MODE            shell, entry, removable, pxe or ipxe (see above)
  --esp-only PATH        write the ESP disk image to PATH and stop (in entry
                         mode: the image of the first, registering run)
  --disk FILE            boot the disk image FILE as it is (shell mode; its
                         own \startup.nsh), kept and changed in place: no
                         ESP is made and the ESP options are refused
Machine:
  --machine q35|pc       QEMU machine type (default q35)
  --memory MB            guest RAM (default 1024)
  --smp N                CPUs (default 1)
  --cpu MODEL            QEMU -cpu model (default: QEMU's own)
  --kvm                  use KVM (default TCG)
  --arch x64|ia32        the firmware: x64 (default) or ia32, Debian's 32-bit
                         OVMF (OVMF32_CODE_4M.secboot.fd with SMM), booting
                         chainload-ia32.efi (\EFI\BOOT\BOOTIA32.EFI in
                         --mode removable)
  --ovmf-code FILE       firmware code (default /usr/share/OVMF/OVMF_CODE_4M.fd,
                         or the --arch's)
  --ovmf-vars FILE       VARS template copied for this run
                         (default /usr/share/OVMF/OVMF_VARS_4M.fd)
  --vars-store FILE      keep VARS in FILE across runs (created from the template)
  --qemu-arg ARG         extra QEMU argument (repeatable)
Run:
  --timeout S            kill QEMU after S seconds (default 120)
  --expect-exit N        QEMU exit status meaning pass (default 33, test kernel)
  --stop-on REGEX        stop QEMU once a serial line matches the extended
                         REGEX (for a guest that would otherwise wait forever)
  --keys FILE            type on the serial console as FILE says, one step a
                         line: "wait ERE" waits for a log line matching ERE,
                         "send TEXT" types TEXT (printf escapes: \033[B is
                         the down arrow, \r Enter), "hold TEXT ERE" types
                         TEXT again every 50 ms until a line matches ERE (a
                         key held down), "sleep S" waits S seconds
  --log FILE             serial log (default build/qemu/serial.log); FILE.run
                         is written once QEMU has exited (its exit status)
  --keep                 keep the work directory (ESP image, VARS)

Verdict: pass iff QEMU ran to its own end (neither stopped by --stop-on
nor after a firmware CPU exception, which fails the run whatever the exit
status), and its exit status equals --expect-exit, or is 0 (guest powered
off) with a line "CHAINLOAD-VERDICT: PASS" and no "CHAINLOAD-VERDICT: FAIL"
line. Exit status 0 on pass, 1 on fail, 2 on usage. In entry mode the
registering run must also succeed; its log is LOG with ".register" before
the extension.
EOF
}

# Report a fatal error in one line and stop.
die() {
	echo "boot: error: $*" >&2
	exit 1
}

# Refuse a bad command line early, with the usage hint.
usage_error() {
	echo "boot: $*" >&2
	echo "boot: try --help" >&2
	exit 2
}

# Options that take a value, to tell "unknown" from "missing value".
GUEST_VALUE_OPTIONS=" --kernel --initrd --cmdline --loader-args --efi --pre-efi --startup --esp-file \
--machine --memory --smp --cpu --ovmf-code --ovmf-vars --vars-store --qemu-arg \
--timeout --expect-exit --stop-on --log --mode --esp-only --config --entry-opts --part-uuid \
--disk --keys --arch "

# Fill the option globals from the command line, defaults first.
parse_args() {
	kernel='' startup='' cmdline='' cmdline_set=0 tk_words=0 loader_args=''
	efi='' arch=x64
	machine=q35 memory=1024 smp=1 cpu='' use_kvm=0
	ovmf_code='' ovmf_vars=''
	vars_store='' timeout_s=120 expect_exit=33 stop_on=''
	log=$GUEST_ROOT/build/qemu/serial.log
	keep=0
	mode=shell esp_only='' config='' part_uuid='' entry_bom=0 disk='' key_script=''

	initrds=() esp_files=() qemu_extra=() entry_opts=() pre_efis=()
	while [ $# -gt 0 ]; do
		case $1 in
		-h | --help) guest_usage; exit 0 ;;
		--tk-words) tk_words=1; shift; continue ;;
		--kvm) use_kvm=1; shift; continue ;;
		--keep) keep=1; shift; continue ;;
		--entry-bom) entry_bom=1; shift; continue ;;
		esac
		if [[ $GUEST_VALUE_OPTIONS != *" $1 "* ]]; then
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
		--stop-on) stop_on=$2 ;;
		--log) log=$2 ;;
		--mode) mode=$2 ;;
		--esp-only) esp_only=$2 ;;
		--config) config=$2 ;;
		--entry-opts) entry_opts+=("$2") ;;
		--part-uuid) part_uuid=$2 ;;
		--disk) disk=$2 ;;
		--keys) key_script=$2 ;;
		--arch) arch=$2 ;;
		*) usage_error "unknown option $1" ;;
		esac
		shift 2
	done
	apply_arch
	case $machine in q35 | pc) ;; *) usage_error "--machine must be q35 or pc" ;; esac
	case $mode in shell | entry | removable | pxe | ipxe) ;; *) usage_error "--mode must be shell, entry, removable, pxe or ipxe" ;; esac
	[ "$mode" = shell ] || [ -z "$startup" ] || usage_error "--startup is for --mode shell"
	if [ -n "$disk" ] && { [ "$mode" != shell ] || [ -n "$kernel$startup$config" ] ||
		[ "${#initrds[@]}" -ne 0 ] || [ "${#esp_files[@]}" -ne 0 ]; }; then
		usage_error "--disk boots its own ESP: no --mode, --kernel, --initrd, --startup, --config or --esp-file"
	fi
	[ "$mode" = entry ] || [ "${#entry_opts[@]}" -eq 0 ] || usage_error "--entry-opts is for --mode entry"
	if [ "${#pre_efis[@]}" -gt 0 ] && { [ "$mode" != shell ] || [ -n "$startup" ]; }; then
		usage_error "--pre-efi is for --mode shell without --startup"
	fi
	# The removable path and PXE have no arguments: loader options reach
	# chainload as the generated config's chainload-options line.
	if [ "$mode" = removable ] || [ "$mode" = pxe ]; then
		[ -z "$config" ] || [ -z "$loader_args" ] ||
			usage_error "--loader-args with --config in --mode $mode: put them on its chainload-options line"
	fi
	[ -z "$part_uuid" ] || [[ $part_uuid =~ ^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$ ]] ||
		usage_error "--part-uuid wants a GUID, got $part_uuid"
	local n
	for n in "$memory" "$smp" "$timeout_s" "$expect_exit"; do
		[[ $n =~ ^[0-9]+$ ]] || usage_error "not a number: $n"
	done
}

# The firmware architecture's defaults for what --efi, --ovmf-code and
# --ovmf-vars did not set. ia32: Debian's ovmf-ia32 (its one build is the
# Secure Boot one, which needs SMM and a secure flash; its VARS have no keys
# enrolled, so Secure Boot is off) and chainload-ia32.efi, on QEMU's 64-bit
# CPU model.
apply_arch() {
	case $arch in
	x64)
		efi=${efi:-$GUEST_ROOT/build/chainload.efi}
		ovmf_code=${ovmf_code:-/usr/share/OVMF/OVMF_CODE_4M.fd}
		ovmf_vars=${ovmf_vars:-/usr/share/OVMF/OVMF_VARS_4M.fd}
		removable_name=BOOTX64.EFI
		;;
	ia32)
		efi=${efi:-$GUEST_ROOT/build/chainload-ia32.efi}
		ovmf_code=${ovmf_code:-/usr/share/OVMF/OVMF32_CODE_4M.secboot.fd}
		ovmf_vars=${ovmf_vars:-/usr/share/OVMF/OVMF32_VARS_4M.fd}
		removable_name=BOOTIA32.EFI
		qemu_extra+=(-machine smm=on -global "driver=cfi.pflash01,property=secure,value=on")
		;;
	*) usage_error "--arch must be x64 or ia32" ;;
	esac
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
	local -a split
	read -ra split <<<"$1"
	printf '%s\n' "${split[*]}"
}

# zlib CRC-32 of stdin as 8 lowercase hex digits: gzip's trailer carries it.
crc32_hex() {
	gzip -1 -c | tail -c 8 | head -c 4 | od -An -tx4 --endian=little | tr -d ' \n'
}

# Initrd files concatenated as the kernel sees them: each starts at a 4-byte
# aligned offset, zero padding between, none after the last:
# concat_initrds OUT FILE...
concat_initrds() {
	local out=$1 f pad
	shift
	: >"$out"
	for f in "$@"; do
		pad=$(((4 - $(stat -c %s "$out") % 4) % 4))
		[ "$pad" -eq 0 ] || head -c "$pad" /dev/zero >>"$out"
		cat "$f" >>"$out"
	done
}

# Write stdin to FILE with CR LF line ends, as the UEFI shell wants its
# scripts (and as some configs come).
write_crlf() {
	sed 's/$/\r/' >"$1"
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
	kernel=$GUEST_ROOT/build/test-images/testkern.bzimage
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
		"$ovmf_code" "$ovmf_vars" "$disk" "$key_script"; do
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
	} | write_crlf "$1"
}

# \startup.nsh of entry and removable modes: the shell runs only when the
# boot manager fell through to it, i.e. chainload returned.
write_fallthrough_startup() {
	{
		echo '@echo -off'
		echo 'echo CHAINLOAD-RUN: loader returned to the boot manager, which started the shell'
		echo 'reset -s'
	} | write_crlf "$1"
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
	} | write_crlf "$out"
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

# Removable and pxe modes' chainload.conf, made from the kernel, initrds
# and cmdline: write_config FILE KERNEL-PATH INITRD-DIR [LATER-INITRD-DIR].
# The first initrd is in INITRD-DIR, the others in LATER-INITRD-DIR (by
# default the same). The loader args become chainload-options.
write_config() {
	local i dir
	{
		echo "# made by run-ovmf.sh --mode $mode"
		echo 'title run-ovmf'
		echo "linux $2"
		for i in "${!initrds[@]}"; do
			dir=$3
			[ "$i" -eq 0 ] || dir=${4:-$3}
			echo "initrd $dir/initrd$i.img"
		done
		[ -z "$cmdline" ] || echo "options $cmdline"
		[ -z "$loader_args" ] || echo "chainload-options $loader_args"
	} >"$1"
}

# Pxe mode's TFTP root in DIR (see guest_usage), and QEMU's NIC serving it.
make_tftp_root() {
	local dir=$1 i spec
	mkdir -p "$dir/pxe/boot"
	cp "$efi" "$dir/pxe/chainload.efi"
	cp "$config_file" "$dir/pxe/chainload.conf"
	[ -z "$kernel" ] || cp "$kernel" "$dir/pxe/boot/vmlinuz"
	for i in "${!initrds[@]}"; do
		cp "${initrds[$i]}" "$dir/pxe/boot/initrd$i.img"
	done
	for spec in "${esp_files[@]}"; do
		mkdir -p "$(dirname "$dir/${spec#*:}")"
		cp "${spec%%:*}" "$dir/${spec#*:}"
	done
	if [ "$mode" = ipxe ]; then
		write_ipxe_script "$dir/boot.ipxe"
		qemu_extra+=(-netdev "user,id=n0,restrict=on,tftp=$dir,bootfile=boot.ipxe"
			-device "virtio-net-pci,netdev=n0,bootindex=1")
	else
		qemu_extra+=(-netdev "user,id=n0,restrict=on,tftp=$dir,bootfile=pxe/chainload.efi"
			-device "virtio-net-pci,netdev=n0,romfile=,bootindex=1")
	fi
}

# Ipxe mode's boot.ipxe: fetch the kernel and initrds, chain chainload
# with the words it would get in the shell, the files by iPXE's names.
write_ipxe_script() {
	local i args=()
	{
		echo '#!ipxe'
		[ -z "$kernel" ] || echo 'imgfetch pxe/boot/vmlinuz'
		for i in "${!initrds[@]}"; do
			echo "imgfetch pxe/boot/initrd$i.img"
			args+=(-i "initrd$i.img")
		done
		printf '%s\n' "chain pxe/chainload.efi ${loader_args:+$loader_args }${args[*]:+${args[*]} }vmlinuz${cmdline:+ $cmdline}"
	} >"$1"
}

# Print one SRC:ESPPATH per file that goes on the ESP (tools/mkesp.sh's words).
esp_manifest() {
	local i spec dir=/EFI/chainload loader=chainload.efi
	if [ "$mode" = pxe ] || [ "$mode" = ipxe ]; then
		printf '%s\n' "$startup_file:/startup.nsh"
		return
	fi
	if [ "$mode" = removable ]; then
		dir=/EFI/BOOT loader=$removable_name
	fi
	printf '%s\n' "$efi:$dir/$loader"
	[ -z "$config_file" ] || printf '%s\n' "$config_file:$dir/chainload.conf"
	[ -z "$kernel" ] || printf '%s\n' "$kernel:/boot/vmlinuz"
	for i in "${!initrds[@]}"; do
		printf '%s\n' "${initrds[$i]}:/boot/initrd$i.img"
	done
	for i in "${!entry_opts[@]}"; do
		printf '%s\n' "${entry_opts[$i]}:/entry/opts$i.bin"
	done
	printf '%s\n' "$startup_file:/startup.nsh"
	for spec in "${esp_files[@]}"; do
		printf '%s\n' "${spec%%:*}:${spec#*:}"
	done
}

# Entry mode, run 1: the shell registers the boot entries and resets. Then
# \startup.nsh is swapped for the fall-through one, on the same disk: the
# entries' device paths name this partition.
register_entries() {
	local img=$1 vars=$2 main_log=$log text bad n stopped
	log=${log%.log}.register.log
	echo "boot: entry mode, run 1 of 2: register ${#entry_opts[@]} boot entr$([ "${#entry_opts[@]}" -eq 1 ] && echo y || echo ies)" >&2
	qemu_run "$img" "$vars"
	text=$(clean_log "$log")
	stopped=$(run_marker_value "$log" stopped_by)
	bad=$(grep -a '^CHAINLOAD-BCFG: ' <<<"$text" | grep -v ' 0x0$' || true)
	n=$(grep -ac '^CHAINLOAD-BCFG: .* 0x0$' <<<"$text" || true)
	if [ "$stopped" != none ] || [ "$qemu_status" -ne 0 ] ||
		! grep -aqx 'CHAINLOAD-ENTRY: registered' <<<"$text" ||
		[ -n "$bad" ] || [ "$n" -ne $((3 * ${#entry_opts[@]})) ]; then
		echo "boot: FAIL: registering the boot entries failed (QEMU exit status" \
			"$qemu_status${stopped:+, stopped by: $stopped}${bad:+; $bad}); log $log"
		log=$main_log
		return 1
	fi
	log=$main_log
	write_fallthrough_startup "$work/fallthrough.nsh"
	"$GUEST_ROOT/tools/mkesp.sh" --replace "$img" "$work/fallthrough.nsh:/startup.nsh"
	echo "boot: entry mode, run 2 of 2: the firmware boots the entry" >&2
}

# Remove the work directory unless asked to keep it.
guest_cleanup() {
	if [ "$keep" -eq 1 ]; then
		echo "boot: work directory kept: $work" >&2
	else
		rm -rf "$work"
	fi
}

guest_boot() {
	local vars image manifest=()
	parse_args "$@"
	# A failure before QEMU runs must not leave an earlier run's log to judge.
	rm -f "$log" "$(run_marker "$log")"
	mkdir -p "$GUEST_ROOT/build/qemu"
	work=$(mktemp -d "$GUEST_ROOT/build/qemu/work.XXXXXX")
	trap guest_cleanup EXIT
	trap 'echo "boot: interrupted" >&2; exit 130' INT TERM
	[ -n "$disk" ] || apply_default_guest
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
			write_config "$config_file" /boot/vmlinuz /boot
		fi
		;;
	pxe | ipxe)
		write_fallthrough_startup "$startup_file"
		if [ -z "$config_file" ]; then
			config_file=$work/chainload.conf
			write_config "$config_file" boot/vmlinuz /pxe/boot tftp://10.0.2.2/pxe/boot
		fi
		make_tftp_root "$work/tftp"
		;;
	esac
	image=$work/esp.img
	if [ -n "$disk" ]; then
		image=$disk
	else
		mapfile -t manifest < <(esp_manifest)
		"$GUEST_ROOT/tools/mkesp.sh" ${part_uuid:+--part-uuid "$part_uuid"} "$image" \
			"${manifest[@]}"
	fi
	if [ -n "$esp_only" ]; then
		cp "$image" "$esp_only"
		echo "boot: ESP image ($mode mode) written to $esp_only"
		return 0
	fi
	vars=$work/vars.fd
	if [ -n "$vars_store" ]; then
		[ -f "$vars_store" ] || cp "$ovmf_vars" "$vars_store"
		vars=$vars_store
	else
		cp "$ovmf_vars" "$vars"
	fi
	echo "boot: mode $mode, cmdline: $cmdline" >&2
	[ "$mode" != entry ] || register_entries "$work/esp.img" "$vars" || return 1
	qemu_run "$image" "$vars"
	qemu_verdict "$log" "$expect_exit"
}
