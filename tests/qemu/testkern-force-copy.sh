#!/bin/bash
# The relocatable test kernel with --force-copy: every segment goes through
# the page list and the relocation stub even where it could load in place.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

ensure_built
require_file "$TESTKERN" "make test-images"
boot force-copy --timeout 120 --loader-args "--force-copy -v" \
	--cmdline "console=ttyS0 chainload.test=force-copy tk.load=$TK_LOAD_RELOC $TK_MACHINE"
expect_boot_pass
expect_tk_all_ok
finish
