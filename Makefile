# chainload's build.  `make` builds build/chainload.efi and the test kernels;
# `make test` installs what a fresh Debian 12 machine lacks, then runs every
# test (host unit tests, lint, fuzzers, coverage, the QEMU scenarios).
#
# Sections: toolchain and flags; the EFI application (blob, objects, link,
# test variants); host unit tests; lint, fuzzers and coverage; QEMU
# scenarios; install; clean.  Every object gets its header dependencies
# from the compiler (-MMD -MP), read back at the end.

BUILD := build
.DEFAULT_GOAL := all
# A recipe that fails (the post-link check, say) must not leave its target.
.DELETE_ON_ERROR:
.PHONY: all test deps FORCE
FORCE:

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

# --- toolchain and flags ----------------------------------------------------

# Two firmware architectures from the same sources: x86_64 (the default,
# build/chainload.efi) and, for 32-bit UEFI, EFI_ARCH=ia32
# (build/chainload-ia32.efi, its objects and blob under build/ia32/).
EFI_ARCH ?= x86_64
EFI_INC  := /usr/include/efi
ifeq ($(EFI_ARCH),x86_64)
EFI_LIB       := /usr/lib
EFI_ARCH_CFLAGS := -mno-red-zone -maccumulate-outgoing-args -DGNU_EFI_USE_MS_ABI
EFI_LD_ARCH   :=
EFI_PE_TARGET := efi-app-x86_64
ARCH_BUILD    := $(BUILD)
EFI_NAME      := chainload
BLOB_STUB     := relocate/blob/stub.S
BLOB_ARCH     :=
BLOB_ABS_RELOCS := R_X86_64_(64|32|32S|16|8)
BLOB_LIBS     :=
EFI_ARCH_LIBS :=
else ifeq ($(EFI_ARCH),ia32)
# -malign-double: UEFI lays out 64-bit fields on 8-byte boundaries, as
# edk2's own IA32 builds do.
EFI_LIB       := /usr/lib32
EFI_ARCH_CFLAGS := -m32 -march=i686 -malign-double
EFI_LD_ARCH   := -m elf_i386
EFI_PE_TARGET := efi-app-ia32
ARCH_BUILD    := $(BUILD)/ia32
EFI_NAME      := chainload-ia32
BLOB_STUB     := relocate/blob/stub32.S
# 64-bit division in verify.c's report comes from libgcc.
BLOB_ARCH     := -m32 -march=i686
BLOB_ABS_RELOCS := R_386_(32|16|8)
BLOB_LIBS      = $(shell $(CC) -m32 -print-libgcc-file-name)
EFI_ARCH_LIBS  = $(BLOB_LIBS)
else
$(error EFI_ARCH=$(EFI_ARCH): x86_64 or ia32)
endif
EFI_CRT0 := $(EFI_LIB)/crt0-efi-$(EFI_ARCH).o
EFI_LDS  := $(EFI_LIB)/elf_$(EFI_ARCH)_efi.lds

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
DEPS := -MMD -MP
INCS := -Iinclude -Icore -Irelocate

EFI_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-stack-protector \
	-fno-stack-check -fpic -fshort-wchar -mgeneral-regs-only \
	-fno-strict-aliasing $(EFI_ARCH_CFLAGS) \
	-DCHAINLOAD_VERSION='"$(VERSION)"' \
	$(INCS) -Iefi -isystem $(EFI_INC) -isystem $(EFI_INC)/$(EFI_ARCH)
EFI_LDFLAGS := $(EFI_LD_ARCH) -nostdlib -znocombreloc -T $(EFI_LDS) -shared -Bsymbolic \
	-L$(EFI_LIB) $(EFI_CRT0)

# The relocation blob runs after ExitBootServices: flat, position
# independent, no jump tables or unwind tables, no library calls.
BLOB_CFLAGS := -std=gnu11 -O2 $(WARN) -ffreestanding -fno-builtin \
	-fno-tree-loop-distribute-patterns -fpie -fvisibility=hidden -mno-red-zone \
	-mgeneral-regs-only -fno-stack-protector -fno-stack-check -fno-jump-tables \
	-fno-asynchronous-unwind-tables -fcf-protection=none $(BLOB_ARCH) $(INCS)

# `make efi-clang` builds everything with clang: it takes gcc's flags but
# two (gcc's stack-argument and loop-pattern options).
ifeq ($(EFI_TOOLCHAIN),clang)
CC          := clang
EFI_CFLAGS  := $(filter-out -maccumulate-outgoing-args,$(EFI_CFLAGS))
BLOB_CFLAGS := $(filter-out -fno-tree-loop-distribute-patterns,$(BLOB_CFLAGS))
endif

HOST_CC     ?= gcc
HOST_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS := -std=gnu11 -O1 -g $(WARN) $(INCS) -Itests/host

FUZZ_CC     ?= clang
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=gnu11 -g -O1 $(WARN) $(INCS) -Itests/fuzz -Itests/host

COV_CFLAGS := -std=gnu11 -O0 -g $(WARN) --coverage $(INCS) -Itests/host

# --- sources -------------------------------------------------------------------

CORE_SRCS := $(wildcard core/*.c)
RELOC_C   := $(wildcard relocate/*.c)
RELOC_S   := $(wildcard relocate/*.S)
EFI_SRCS  := $(wildcard efi/*.c efi/*/*.c)
BLOB_SRCS := $(BLOB_STUB) relocate/blob/verify.c core/digest.c core/hash64.c \
             core/sha256.c
# What the host tests and the fuzzers link: the pure modules, and the
# test-only support (the simulated RAM, status names for messages).
PURE_SRCS    := $(CORE_SRCS) relocate/identmap.c
HOST_SUPPORT := tests/host/sim.c tests/host/status_name.c

# --- the EFI application -------------------------------------------------------

all: $(BUILD)/chainload.efi $(BUILD)/chainload-ia32.efi test-images

# The control blob: relocate/blob/ (stub + verifier + digests), linked flat
# and embedded by relocate/blob.S.  Absolute relocations would break when it
# is copied, so the build refuses them.
BLOB_DIR  := $(ARCH_BUILD)/blob
BLOB_BIN  := $(BLOB_DIR)/blob.bin
BLOB_OBJS := $(addprefix $(BLOB_DIR)/,$(addsuffix .o,$(basename $(notdir $(BLOB_SRCS)))))

$(BLOB_DIR)/%.o: relocate/blob/%.S
	@mkdir -p $(@D)
	$(CC) $(BLOB_CFLAGS) $(DEPS) -c $< -o $@
$(BLOB_DIR)/%.o: relocate/blob/%.c
	@mkdir -p $(@D)
	$(CC) $(BLOB_CFLAGS) $(DEPS) -c $< -o $@
$(BLOB_DIR)/%.o: core/%.c
	@mkdir -p $(@D)
	$(CC) $(BLOB_CFLAGS) $(DEPS) -c $< -o $@

$(BLOB_BIN): $(BLOB_OBJS) relocate/blob/blob.ld
	@if objdump -r $(BLOB_OBJS) | grep -E '$(BLOB_ABS_RELOCS)[[:space:]]'; then \
		echo "blob: absolute relocations above: not position independent" >&2; exit 1; fi
	$(CC) -E -P -x c -D__ASSEMBLER__ -DBLOB_$(EFI_ARCH) -Iinclude relocate/blob/blob.ld \
		-o $(BLOB_DIR)/blob.lds
	$(LD) $(EFI_LD_ARCH) -static -nostdlib --no-dynamic-linker -z noexecstack --no-warn-rwx-segments \
		-T $(BLOB_DIR)/blob.lds $(BLOB_OBJS) $(BLOB_LIBS) -o $(BLOB_DIR)/blob.elf
	objcopy -O binary -j .blob $(BLOB_DIR)/blob.elf $@

# The one test build, `make VARIANT=corrupt`: the same sources with one
# fault of efi/fw/fault.h switched on, into build/test/chainload-corrupt.efi
# (tests/qemu/verify-corrupt.sh).  The release binary build/chainload.efi
# has none: tools/check-efi.sh --release refuses it otherwise.  Firmware
# states a test can arrange from outside are fixtures (test-images/efi/).
VARIANT ?=
ifeq ($(VARIANT),)
EFI_OBJDIR := $(ARCH_BUILD)/efi-obj
EFI_OUT    := $(BUILD)/$(EFI_NAME).efi
EFI_CHECK  := --release
else ifeq ($(VARIANT),corrupt)
EFI_OBJDIR := $(BUILD)/efi-obj-corrupt
EFI_OUT    := $(BUILD)/test/chainload-corrupt.efi
EFI_CFLAGS += -DFAULT_CORRUPT_AFTER_DIGEST=1
else
$(error VARIANT=$(VARIANT): the only test build is VARIANT=corrupt)
endif
EFI_SO   := $(EFI_OUT:.efi=.so)
EFI_OBJS := $(patsubst %.c,$(EFI_OBJDIR)/%.o,$(EFI_SRCS) $(CORE_SRCS) $(RELOC_C)) \
	    $(patsubst %.S,$(EFI_OBJDIR)/%.o,$(RELOC_S))

$(EFI_OBJDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(EFI_CFLAGS) $(DEPS) -c $< -o $@
# relocate/blob.S embeds the blob.
$(EFI_OBJDIR)/%.o: %.S $(BLOB_BIN)
	@mkdir -p $(@D)
	$(CC) $(EFI_CFLAGS) $(DEPS) -DBLOB_PATH='"$(BLOB_BIN)"' -c $< -o $@

$(EFI_SO): $(EFI_OBJS)
	@mkdir -p $(@D)
	$(LD) $(EFI_LDFLAGS) $^ -o $@ -lefi -lgnuefi $(EFI_ARCH_LIBS)

# The firmware needs the sections below; objcopy turns the ELF into PE32+.
EFI_TO_PE := objcopy -j .text -j .sdata -j .data -j .rodata -j .dynamic -j .dynsym \
	-j .rel -j .rela -j .rel.* -j .rela.* -j .reloc -j .sbat \
	--target $(EFI_PE_TARGET) --subsystem=10
$(EFI_OUT): $(EFI_SO) tools/check-efi.sh
	$(EFI_TO_PE) $< $@
	tools/check-efi.sh $(EFI_CHECK) $(EFI_SO) $@

# The ia32 binary is the same build with EFI_ARCH=ia32, in a sub-make.
ifeq ($(EFI_ARCH),x86_64)
$(BUILD)/chainload-ia32.efi: FORCE
	$(MAKE) EFI_ARCH=ia32 $@
endif

# The test build by name: `make build/test/chainload-corrupt.efi`.  Both
# builds embed the one blob: it is made here, before the sub-make starts, so
# that `make -j2 all build/test/chainload-corrupt.efi` never writes it twice
# at once.
$(BUILD)/test/chainload-%.efi: FORCE $(BLOB_BIN)
	$(MAKE) VARIANT=$* $@

# The test kernels (test-images/build.mk, prefixed TK_) and the fixture
# EFI applications (test-images/efi/build.mk, prefixed FX_).
include test-images/build.mk
include test-images/efi/build.mk
.PHONY: test-images
test-images: $(TEST_IMAGES)

# The one test command (README, .ci/run).  Sub-makes, so that what
# install-deps.sh installs (gnu-efi, cmocka, QEMU) is there when they start;
# they build, lint and fuzz on every core (JOBS), and the QEMU scenarios
# still run one at a time.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
test: deps
	$(MAKE) -j$(JOBS) all
	$(MAKE) -j$(JOBS) test-host
	$(MAKE) -j$(JOBS) test-extra
	$(MAKE) test-qemu

deps:
	tools/install-deps.sh

# --- host unit tests -----------------------------------------------------------
# tests/host/test_*.c, found by wildcard, each linked with the pure modules,
# all under AddressSanitizer and UndefinedBehaviorSanitizer (any report fails).

.PHONY: test-host
HOST_TESTS := $(patsubst tests/host/test_%.c,%,$(wildcard tests/host/test_*.c))
HOST_DIR   := $(BUILD)/host
HOST_OBJS  := $(patsubst %.c,$(HOST_DIR)/obj/%.o,$(PURE_SRCS) $(HOST_SUPPORT))

$(HOST_DIR)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(HOST_SAN) $(DEPS) -c $< -o $@
$(HOST_DIR)/test_%: $(HOST_DIR)/obj/tests/host/test_%.o $(HOST_OBJS)
	$(HOST_CC) $(HOST_SAN) $^ -lcmocka -o $@

test-host: $(addprefix $(HOST_DIR)/test_,$(HOST_TESTS))
	@for t in $^; do echo "== $$t"; $$t || exit 1; done

# --- lint, fuzzers, coverage ------------------------------------------------------
# test-extra: what `make test` runs beyond the host unit tests and QEMU.

.PHONY: test-extra lint efi-clang fuzz test-fuzz coverage
test-extra:
	$(MAKE) lint
	$(MAKE) efi-clang
	$(MAKE) test-fuzz
	$(MAKE) coverage

# Lint: clang-format (check only), cppcheck and clang-tidy (.clang-tidy)
# over core/, relocate/ and efi/, shellcheck over the shell scripts;
# what is suppressed, and why, is in tools/cppcheck-suppressions.txt and
# .clang-tidy.  efi/ is read with the EFI build's flags (gnu-efi headers).
CPPCHECK_FLAGS := --std=c11 --enable=warning,style,performance,portability --inline-suppr \
	--error-exitcode=1 --quiet --suppressions-list=tools/cppcheck-suppressions.txt \
	--template='{file}:{line}: {severity}: {message} [{id}]'
# gnu-efi checks the compiler version, and cppcheck cannot parse every attribute.
CPPCHECK_EFI := -D__x86_64__ -D__GNUC__=12 -D__GNUC_MINOR__=2 '-D__attribute__(x)=' \
	-DGNU_EFI_USE_MS_ABI $(INCS) -Iefi -I$(EFI_INC) -I$(EFI_INC)/x86_64
LINT_NATIVE := $(PURE_SRCS) $(RELOC_C) $(wildcard relocate/blob/*.c)
LINT_TIDY   := $(patsubst %.c,$(BUILD)/lint/%.tidy,$(sort $(LINT_NATIVE)) $(EFI_SRCS))
TIDY_EFI_CFLAGS := $(filter-out -maccumulate-outgoing-args,$(EFI_CFLAGS))

# One clang-tidy run per file, remembered by a stamp (`make -j2 lint` runs
# two); its stderr ("N warnings generated", all in system headers) is shown
# on failure.  The stamp's dependencies come from a -MM run beside it.
$(BUILD)/lint/efi/%.tidy: efi/%.c .clang-tidy
	@mkdir -p $(@D)
	@$(CC) $(EFI_CFLAGS) -MM -MP -MT $@ $< -MF $(@:.tidy=.d)
	@clang-tidy --quiet $< -- $(TIDY_EFI_CFLAGS) 2>$@.err || { cat $@.err; exit 1; }
	@touch $@
$(BUILD)/lint/%.tidy: %.c .clang-tidy
	@mkdir -p $(@D)
	@$(CC) -std=gnu11 -ffreestanding $(INCS) -MM -MP -MT $@ $< -MF $(@:.tidy=.d)
	@clang-tidy --quiet $< -- -std=gnu11 -ffreestanding $(INCS) \
		2>$@.err || { cat $@.err; exit 1; }
	@touch $@

# Every C file of the tree follows .clang-format (checked, never rewritten:
# `clang-format -i FILE` formats one).
FORMAT_SRCS := $(shell find core efi relocate include test-images tests -name '*.[ch]' 2>/dev/null)

# Every shell script, sourced files included (.shellcheckrc: follow them
# beside their sourcer); a silenced finding says why at its line.
SHELL_SCRIPTS := .ci/run $(wildcard *.sh tools/*.sh tools/bench/*.sh tools/bench/*.bash tests/*/*.sh tests/*/*.bash \
	tests/guest/checks/*.sh)

lint: $(LINT_TIDY)
	@echo "clang-format --dry-run -Werror (every C file)"
	@clang-format --dry-run -Werror --style=file $(FORMAT_SRCS)
	cppcheck $(CPPCHECK_FLAGS) $(INCS) core relocate
	cppcheck $(CPPCHECK_FLAGS) $(CPPCHECK_EFI) efi
	@! grep -rnE 'CHAINLOAD_TEST_|#if.*FAULT_' efi core relocate include --exclude=fault.h || \
		{ echo "lint: a test knob outside efi/fw/fault.h's inject_fault()" >&2; exit 1; }
	shellcheck -x $(SHELL_SCRIPTS)
	@echo "lint: no findings"

# The EFI binary built by clang (gnu-efi's crt0 and linker script, GNU ld),
# with the same post-link check, into build/clang/.
efi-clang:
	$(MAKE) EFI_TOOLCHAIN=clang BUILD=$(BUILD)/clang $(BUILD)/clang/chainload.efi

# Fuzzers (tests/fuzz/fuzz_*.c, found by wildcard): libFuzzer under ASan and
# UBSan, seeded from tests/fuzz/corpus/<target>/ (tests/fuzz/seeds.py).
# `make test-fuzz` runs each briefly, `make fuzz` for FUZZ_SECONDS.
FUZZ_SECONDS       ?= 300
FUZZ_QUICK_SECONDS ?= 25
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_OBJS    := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(PURE_SRCS) tests/fuzz/sparse.c \
	tests/host/status_name.c)

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(DEPS) -c $< -o $@
$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.o $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer $^ -o $@

fuzz: FUZZ_TIME = $(FUZZ_SECONDS)
test-fuzz: FUZZ_TIME = $(FUZZ_QUICK_SECONDS)
fuzz test-fuzz: $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_TARGETS))
	FUZZ_TIME=$(FUZZ_TIME) FUZZ_JOBS=$(JOBS) tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_TARGETS)

# Coverage: the host tests rebuilt with gcov (no sanitizers, -O0), run, and
# summarized by gcovr.  The library objects are shared, so counts add up.
# Below COV_MIN_LINES percent of lines covered, gcovr fails the target.
COV_MIN_LINES ?= 98
COV_DIR  := $(BUILD)/coverage
COV_OBJS := $(patsubst %.c,$(COV_DIR)/obj/%.o,$(PURE_SRCS) $(HOST_SUPPORT))

$(COV_DIR)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(COV_CFLAGS) $(DEPS) -c $< -o $@
$(COV_DIR)/test_%: $(COV_DIR)/obj/tests/host/test_%.o $(COV_OBJS)
	$(HOST_CC) --coverage $^ -lcmocka -o $@

coverage: $(addprefix $(COV_DIR)/test_,$(HOST_TESTS))
	@find $(COV_DIR) -name '*.gcda' -delete
	@for t in $^; do $$t >$$t.log 2>&1 || { cat $$t.log; exit 1; }; done
	gcovr --root . --object-directory $(COV_DIR)/obj --filter 'core/' \
		--filter 'relocate/identmap\.c' --sort-percentage \
		--fail-under-line $(COV_MIN_LINES) $(COV_DIR)/obj

# --- QEMU scenarios -----------------------------------------------------------------
# QEMU + OVMF scenarios (TCG); the last line of output is "N passed, M failed".
# Prerequisites are built here, so the scripts skip their own make.
# `make test-full` runs everything `make test` does, then every machine of
# the matrix: q35 and pc, 256 MiB / 2 GiB / 6 GiB, 1 and 4 CPUs, the test
# kernel and Debian's (24 boots).  `make test-mutations` checks that the
# tests catch small bugs (tests/mutations/), with two of these scenarios.

.PHONY: test-qemu test-full test-mutations
test-qemu: $(BUILD)/chainload.efi $(BUILD)/chainload-ia32.efi test-images \
		$(BUILD)/test/chainload-corrupt.efi
	CHAINLOAD_NO_BUILD=1 tests/qemu/run-all.sh

test-full: test
	CHAINLOAD_NO_BUILD=1 CHAINLOAD_MATRIX=full tests/qemu/run-all.sh machine-matrix

# The mutation check: every small bug of tests/mutations/mutations.txt,
# applied one at a time to a copy of the tree (build/mutations/tree, seeded
# with the objects built here), must fail the host test or the QEMU scenario
# named beside it.  Prints which test caught each; fails unless all were.
test-mutations: $(addprefix $(HOST_DIR)/test_,$(HOST_TESTS)) $(BUILD)/chainload.efi \
		$(BUILD)/chainload-ia32.efi test-images \
		$(BUILD)/test/chainload-corrupt.efi
	tests/mutations/run.sh

# --- benchmark ---------------------------------------------------------------------
# Not part of `make test`.  `make bench`: Debian's kernel booted from the UEFI
# shell by its own EFI stub, systemd-boot, GRUB and four chainload
# configurations, 5 and 256 MiB initrds, interleaved rounds (tools/bench.sh;
# results in build/bench/).  `make bench-scale`: chainload and the EFI stub
# with a 1 GiB initrd in an 8 GiB guest (build/bench/scale/).  The script
# installs what it needs (gnuplot, systemd-boot, GRUB) and reads
# BENCH_ROUNDS, BENCH_SIZES, BENCH_CONFIGS and BENCH_MEMORY; one quick round:
# `make bench BENCH_ROUNDS=1 BENCH_SIZES=5`.  BENCH_FLAGS adds options
# (e.g. --skip-unsupported).

.PHONY: bench bench-scale
bench:
	tools/bench.sh $(BENCH_FLAGS)
bench-scale:
	tools/bench.sh --scale $(BENCH_FLAGS)

# --- install -----------------------------------------------------------------------
# make install ESP=/boot/efi [REMOVABLE=1] [FORCE=1]: chainload.efi and
# chainload-ia32.efi (for 32-bit UEFI) into \EFI\chainload\ with an example
# chainload.conf beside them; REMOVABLE=1 also as \EFI\BOOT\BOOTX64.EFI and
# \EFI\BOOT\BOOTIA32.EFI (the removable-media paths, which firmware picks
# by its own word size), again with a config. An existing chainload.conf is
# never overwritten; an existing BOOTX64.EFI or BOOTIA32.EFI that is not
# chainload (another system's fallback loader) only with FORCE=1.

.PHONY: install
INSTALL_CONF := docs/chainload.conf.example
install: $(BUILD)/chainload.efi $(BUILD)/chainload-ia32.efi
	@test -n "$(ESP)" || { echo "make install: say where the ESP is mounted: make install ESP=/boot/efi" >&2; exit 1; }
	@test -d "$(ESP)" || { echo "make install: $(ESP) is not a directory" >&2; exit 1; }
ifeq ($(REMOVABLE),1)
	@for f in BOOTX64.EFI BOOTIA32.EFI; do \
		if [ -e "$(ESP)/EFI/BOOT/$$f" ] && [ "$(FORCE)" != 1 ] && \
		    ! grep -q chainload.conf "$(ESP)/EFI/BOOT/$$f"; then \
			echo "make install: $(ESP)/EFI/BOOT/$$f is another loader; keeping it (FORCE=1 replaces it)" >&2; \
			exit 1; \
		fi; \
	done
endif
	install -d "$(ESP)/EFI/chainload"
	install -m 0644 $(BUILD)/chainload.efi "$(ESP)/EFI/chainload/chainload.efi"
	install -m 0644 $(BUILD)/chainload-ia32.efi "$(ESP)/EFI/chainload/chainload-ia32.efi"
	@$(call install_conf,$(ESP)/EFI/chainload)
ifeq ($(REMOVABLE),1)
	install -d "$(ESP)/EFI/BOOT"
	install -m 0644 $(BUILD)/chainload.efi "$(ESP)/EFI/BOOT/BOOTX64.EFI"
	install -m 0644 $(BUILD)/chainload-ia32.efi "$(ESP)/EFI/BOOT/BOOTIA32.EFI"
	@$(call install_conf,$(ESP)/EFI/BOOT)
endif

# install_conf DIR: the example config into DIR unless one is there already.
define install_conf
if [ -e "$(1)/chainload.conf" ]; then \
	echo "make install: keeping $(1)/chainload.conf"; \
else \
	install -m 0644 $(INSTALL_CONF) "$(1)/chainload.conf" && \
	echo "make install: wrote $(1)/chainload.conf (an example: edit it)"; \
fi
endef

# --- clean ---------------------------------------------------------------------------
# Everything the build made; the Debian kernel cache (build/debian) and the
# QEMU scenarios' logs (build/qemu) stay.

.PHONY: clean
clean:
	rm -rf $(BUILD)/efi-obj* $(BUILD)/blob $(BUILD)/test $(BUILD)/chainload.so \
		$(BUILD)/chainload.efi $(BUILD)/ia32 $(BUILD)/chainload-ia32.so \
		$(BUILD)/chainload-ia32.efi $(BUILD)/test-images $(BUILD)/host $(BUILD)/fuzz \
		$(BUILD)/coverage $(BUILD)/lint $(BUILD)/clang $(BUILD)/mutations

# Objects are kept between runs, never removed as intermediates.
.SECONDARY:

# The compiler's header dependencies of every object built so far (the
# mutation check's copy of the tree has its own).
-include $(shell find $(BUILD) -name '*.d' -not -path '$(BUILD)/debian/*' -not -path '$(BUILD)/qemu/*' \
	-not -path '$(BUILD)/mutations/*' 2>/dev/null)
