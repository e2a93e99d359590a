#!/bin/bash
# The embedded default of run-ovmf.sh: the relocatable test kernel, a random
# initrd of 1 MiB + 3 bytes, default placement. The kernel must report every
# check ok and exit QEMU with 33.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
boot default --timeout 120
expect_boot_pass
expect_tk_all_ok
finish
