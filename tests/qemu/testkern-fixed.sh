#!/bin/bash
# The non-relocatable test kernel must run at exactly 16 MiB, which OVMF
# keeps busy with Boot Services data: only the page list and the stub can
# put it there. The kernel checks its own load address (tk.load). It boots
# with --verify=sha256, the digest Linux kexec's purgatory uses: the stub
# checks the moved kernel and the initrd with SHA-256.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN_FIXED" "make test-images"
random_file "$SCRATCH/initrd.img" $((512 * 1024 + 1))
boot fixed --timeout 120 --kernel "$TESTKERN_FIXED" --initrd "$SCRATCH/initrd.img" \
	--loader-args "-v --verify=sha256" --tk-words \
	--cmdline "console=ttyS0 chainload.test=fixed tk.load=0x1000000 $TK_MACHINE"
expect_boot_pass
expect_tk_all_ok
expect_stub_verified "the stub checked both segments with SHA-256" SHA-256
finish
