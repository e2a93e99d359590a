# chainload: top-level build.  `make` builds build/chainload.efi and the test
# kernels; `make test` installs what a fresh Debian 12 machine lacks, then runs
# every test (host unit tests, then the QEMU + OVMF scenarios).

BUILD    := build

# `make` alone builds everything (the blob rules come before `all`).
.DEFAULT_GOAL := all
# A recipe that fails (the post-link check, say) must not leave its target.
.DELETE_ON_ERROR:
VERSION  := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

EFI_INC  := /usr/include/efi
EFI_LIB  := /usr/lib
EFI_CRT0 := $(EFI_LIB)/crt0-efi-x86_64.o
EFI_LDS  := $(EFI_LIB)/elf_x86_64_efi.lds

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
EFI_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-stack-protector \
	-fno-stack-check -fpic -fshort-wchar -mno-red-zone -mgeneral-regs-only \
	-maccumulate-outgoing-args -fno-strict-aliasing -DGNU_EFI_USE_MS_ABI \
	-DCHAINLOAD_VERSION='"$(VERSION)"' \
	-Iinclude -Icore -Irelocate -Iefi -isystem $(EFI_INC) -isystem $(EFI_INC)/x86_64
EFI_LDFLAGS := -nostdlib -znocombreloc -T $(EFI_LDS) -shared -Bsymbolic \
	-L$(EFI_LIB) $(EFI_CRT0)

HOST_CC     ?= gcc
HOST_CFLAGS := -std=gnu11 -O1 -g $(WARN) -Iinclude -Icore -Irelocate

CORE_SRCS := $(wildcard core/*.c)
RELOC_C   := $(wildcard relocate/*.c)
RELOC_S   := $(wildcard relocate/*.S)
EFI_SRCS  := $(wildcard efi/*.c efi/*/*.c)
EFI_HDRS  := $(wildcard efi/*.h efi/*/*.h)

# The control blob: relocate/blob/ (stub + verifier + SHA-256), linked flat
# and position independent, embedded by relocate/blob.S.  Absolute
# relocations would break when it is copied, so the build refuses them.
BLOB_DIR    := $(BUILD)/blob
BLOB_BIN    := $(BLOB_DIR)/blob.bin
BLOB_SRCS   := relocate/blob/stub.S relocate/blob/verify.c core/sha256.c
BLOB_OBJS   := $(addprefix $(BLOB_DIR)/,$(addsuffix .o,$(basename $(notdir $(BLOB_SRCS)))))
BLOB_CFLAGS := -std=gnu11 -O2 $(WARN) -ffreestanding -fno-builtin \
	-fno-tree-loop-distribute-patterns -fpie -fvisibility=hidden -mno-red-zone \
	-mgeneral-regs-only -fno-stack-protector -fno-stack-check -fno-jump-tables \
	-fno-asynchronous-unwind-tables -fcf-protection=none -Iinclude -Icore -Irelocate

$(BLOB_DIR)/%.o: relocate/blob/%.S include/stub_args.h include/kexec_flags.h
	@mkdir -p $(dir $@)
	$(CC) $(BLOB_CFLAGS) -c $< -o $@
$(BLOB_DIR)/%.o: relocate/blob/%.c include/stub_args.h core/sha256.h
	@mkdir -p $(dir $@)
	$(CC) $(BLOB_CFLAGS) -c $< -o $@
$(BLOB_DIR)/%.o: core/%.c core/%.h
	@mkdir -p $(dir $@)
	$(CC) $(BLOB_CFLAGS) -c $< -o $@

$(BLOB_BIN): $(BLOB_OBJS) relocate/blob/blob.ld
	@if objdump -r $(BLOB_OBJS) | grep -E 'R_X86_64_(64|32|32S|16|8)[[:space:]]'; then \
		echo "blob: absolute relocations above: not position independent" >&2; exit 1; fi
	$(CC) -E -P -x c -D__ASSEMBLER__ -Iinclude relocate/blob/blob.ld -o $(BLOB_DIR)/blob.lds
	$(LD) -static -nostdlib --no-dynamic-linker -z noexecstack -T $(BLOB_DIR)/blob.lds \
		$(BLOB_OBJS) -o $(BLOB_DIR)/blob.elf
	objcopy -O binary -j .blob $(BLOB_DIR)/blob.elf $@

# Test-only variants (`make VARIANT=corrupt`) build the same sources with
# -DCHAINLOAD_TEST_CORRUPT=1 into build/test/chainload-corrupt.efi; the
# release binary build/chainload.efi never has a CHAINLOAD_TEST_* knob.
VARIANT ?=
ifeq ($(VARIANT),)
EFI_OBJDIR := $(BUILD)/efi-obj
EFI_OUT    := $(BUILD)/chainload.efi
else
EFI_OBJDIR := $(BUILD)/efi-obj-$(VARIANT)
EFI_OUT    := $(BUILD)/test/chainload-$(VARIANT).efi
EFI_CFLAGS += -DCHAINLOAD_TEST_$(shell echo '$(VARIANT)' | tr 'a-z-' 'A-Z_')=1
endif
EFI_SO := $(EFI_OUT:.efi=.so)

EFI_OBJS := $(patsubst %.c,$(EFI_OBJDIR)/%.o,$(EFI_SRCS) $(CORE_SRCS) $(RELOC_C)) \
	    $(patsubst %.S,$(EFI_OBJDIR)/%.o,$(RELOC_S))

.PHONY: all clean deps test test-host test-qemu
all: $(EFI_OUT) test-images

# The one test command (README, .ci/run): install what a fresh Debian 12
# lacks, build, then every test.  Sub-makes so the build sees the installed
# toolchain (gnu-efi's files are probed above only once installed).
test: deps
	$(MAKE) all
	$(MAKE) test-host
	$(MAKE) test-extra
	$(MAKE) test-qemu

deps:
	tools/install-deps.sh

$(EFI_OBJDIR)/%.o: %.c $(wildcard include/*.h core/*.h relocate/*.h) $(EFI_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(EFI_CFLAGS) -c $< -o $@

$(EFI_OBJDIR)/%.o: %.S $(wildcard include/*.h relocate/*.h) $(BLOB_BIN)
	@mkdir -p $(dir $@)
	$(CC) $(EFI_CFLAGS) -DBLOB_PATH='"$(BLOB_BIN)"' -c $< -o $@

$(EFI_SO): $(EFI_OBJS)
	@mkdir -p $(dir $@)
	$(LD) $(EFI_LDFLAGS) $^ -o $@ -lefi -lgnuefi

# The firmware needs the sections below; objcopy turns the ELF into PE32+.
$(EFI_OUT): $(EFI_SO) tools/check-efi.sh
	objcopy -j .text -j .sdata -j .data -j .rodata -j .dynamic -j .dynsym \
		-j .rel -j .rela -j .rel.* -j .rela.* -j .reloc -j .sbat \
		--target efi-app-x86_64 --subsystem=10 $< $@
	tools/check-efi.sh $(EFI_SO) $@

# A test variant: build/test/chainload-NAME.efi, e.g. `make build/test/chainload-corrupt.efi`.
# TEST_VARIANTS lists those the QEMU scenarios boot (add to it, += ).
TEST_VARIANTS := corrupt
$(BUILD)/test/chainload-%.efi: FORCE
	$(MAKE) VARIANT=$* $@
.PHONY: FORCE
FORCE:

# Host unit tests: the pure modules, built with the C library and run under
# AddressSanitizer and UndefinedBehaviorSanitizer (any report fails).
HOST_TESTS  := $(patsubst tests/host/test_%.c,%,$(wildcard tests/host/test_*.c))
HOST_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_LIBSRC := $(CORE_SRCS) relocate/identmap.c tests/host/sim.c

$(BUILD)/host/test_%: tests/host/test_%.c $(HOST_LIBSRC) $(wildcard include/*.h core/*.h relocate/*.h tests/host/*.h)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(HOST_SAN) -Itests/host $< $(HOST_LIBSRC) -lcmocka -o $@

test-host: $(addprefix $(BUILD)/host/test_,$(HOST_TESTS))
	@for t in $^; do echo "== $$t"; $$t || exit 1; done

include test-images/build.mk
.PHONY: test-images
test-images: $(TEST_IMAGES)

clean:
	rm -rf $(BUILD)/efi-obj* $(BUILD)/host $(BUILD)/test-images $(BUILD)/blob \
		$(BUILD)/test $(BUILD)/chainload.so $(BUILD)/chainload.efi

# --- qemu tests (tests/qemu) ---
# QEMU + OVMF scenarios (TCG); the last line of output is "N passed, M failed".
# Prerequisites are built here, so the scripts skip their own make.
.PHONY: test-qemu
test-qemu: $(BUILD)/chainload.efi test-images \
	   $(foreach v,$(TEST_VARIANTS),$(BUILD)/test/chainload-$(v).efi)
	CHAINLOAD_NO_BUILD=1 tests/qemu/run-all.sh

# --- issue 3: fuzzers, coverage, lint, clang build ---
# test-extra runs what `make test` needs beyond the host unit tests and QEMU:
# the linters, the clang build of the EFI binary, a short run of every fuzzer
# and the line coverage of core/ and relocate/identmap.c by the host tests
# (a few seconds).  `make fuzz` fuzzes longer (FUZZ_SECONDS each).
.PHONY: test-extra fuzz test-fuzz coverage lint efi-clang
test-extra:
	$(MAKE) lint
	$(MAKE) efi-clang
	$(MAKE) test-fuzz
	$(MAKE) coverage

# Fuzzers (tests/fuzz/fuzz_*.c, found by wildcard): libFuzzer under ASan and
# UBSan, seeded from tests/fuzz/corpus/<target>/ (tests/fuzz/seeds.py).
FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 300
FUZZ_QUICK_SECONDS ?= 25
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS  := -std=gnu11 -g -O1 $(WARN) -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Iinclude -Icore -Irelocate -Itests/fuzz
FUZZ_LIBSRC  := $(CORE_SRCS) relocate/identmap.c tests/fuzz/sparse.c

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIBSRC) $(wildcard include/*.h core/*.h relocate/*.h tests/fuzz/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $< $(FUZZ_LIBSRC) -o $@

fuzz: FUZZ_TIME = $(FUZZ_SECONDS)
test-fuzz: FUZZ_TIME = $(FUZZ_QUICK_SECONDS)
fuzz test-fuzz: $(addprefix $(BUILD)/fuzz/fuzz_,$(FUZZ_TARGETS))
	FUZZ_TIME=$(FUZZ_TIME) tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_TARGETS)

# Coverage: the host tests rebuilt with gcov (no sanitizers, -O0), run, and
# summarized by gcovr.  The library objects are shared, so counts add up.
COV_DIR    := $(BUILD)/coverage
COV_CFLAGS := -std=gnu11 -O0 -g $(WARN) --coverage -Iinclude -Icore -Irelocate -Itests/host
COV_OBJS   := $(patsubst %.c,$(COV_DIR)/obj/%.o,$(HOST_LIBSRC))
.SECONDARY: $(COV_OBJS)

$(COV_DIR)/obj/%.o: %.c $(wildcard include/*.h core/*.h relocate/*.h tests/host/*.h)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COV_CFLAGS) -c $< -o $@

$(COV_DIR)/test_%: tests/host/test_%.c $(COV_OBJS)
	$(HOST_CC) $(COV_CFLAGS) $< $(COV_OBJS) -lcmocka -o $@

coverage: $(addprefix $(COV_DIR)/test_,$(HOST_TESTS))
	@find $(COV_DIR) -name '*.gcda' -delete
	@for t in $^; do $$t >$$t.log 2>&1 || { cat $$t.log; exit 1; }; done
	gcovr --root . --object-directory $(COV_DIR)/obj --filter 'core/' \
		--filter 'relocate/identmap\.c' --sort-percentage $(COV_DIR)/obj

# Lint: cppcheck and clang-tidy (.clang-tidy) over core/, relocate/ and efi/,
# shellcheck over the shell scripts;
# what is suppressed, and why, is in tools/cppcheck-suppressions.txt and
# .clang-tidy.  efi/ is read with the EFI build's flags (gnu-efi headers).
CPPCHECK_FLAGS := --std=c11 --enable=warning,style,performance,portability --inline-suppr \
	--error-exitcode=1 --quiet --suppressions-list=tools/cppcheck-suppressions.txt \
	--template='{file}:{line}: {severity}: {message} [{id}]'
# gnu-efi checks the compiler version, and cppcheck cannot parse every attribute.
CPPCHECK_EFI   := -D__x86_64__ -D__GNUC__=12 -D__GNUC_MINOR__=2 '-D__attribute__(x)=' \
	-DGNU_EFI_USE_MS_ABI -Iinclude -Icore -Irelocate -Iefi -I$(EFI_INC) -I$(EFI_INC)/x86_64
LINT_NATIVE    := $(CORE_SRCS) $(RELOC_C) $(wildcard relocate/blob/*.c)
LINT_TIDY      := $(patsubst %.c,$(BUILD)/lint/%.tidy,$(LINT_NATIVE) $(EFI_SRCS))

# clang takes gcc's EFI flags but one; the blob's loop-pattern flag is gcc's.
CLANG_EFI_CFLAGS  := $(filter-out -maccumulate-outgoing-args,$(EFI_CFLAGS))
CLANG_BLOB_CFLAGS := $(filter-out -fno-tree-loop-distribute-patterns,$(BLOB_CFLAGS))

# One clang-tidy run per file, remembered by a stamp (`make -j2 lint` runs two);
# its stderr ("N warnings generated", all in system headers) is shown on failure.
$(BUILD)/lint/efi/%.tidy: efi/%.c .clang-tidy $(wildcard include/*.h core/*.h relocate/*.h) $(EFI_HDRS)
	@mkdir -p $(dir $@)
	@clang-tidy --quiet $< -- $(CLANG_EFI_CFLAGS) 2>$@.err || { cat $@.err; exit 1; }
	@touch $@
$(BUILD)/lint/%.tidy: %.c .clang-tidy $(wildcard include/*.h core/*.h relocate/*.h)
	@mkdir -p $(dir $@)
	@clang-tidy --quiet $< -- -std=gnu11 -ffreestanding -Iinclude -Icore -Irelocate \
		2>$@.err || { cat $@.err; exit 1; }
	@touch $@

# Every shell script, sourced files included (.shellcheckrc: follow them
# beside their sourcer); a silenced finding says why at its line.
SHELL_SCRIPTS := .ci/run $(wildcard *.sh tools/*.sh tests/*/*.sh tests/*/*.bash \
	tests/guest/checks/*.sh)

lint: $(LINT_TIDY)
	cppcheck $(CPPCHECK_FLAGS) -Iinclude -Icore -Irelocate core relocate
	cppcheck $(CPPCHECK_FLAGS) $(CPPCHECK_EFI) efi
	shellcheck -x $(SHELL_SCRIPTS)
	@echo "lint: no findings"

# The EFI binary built by clang (gnu-efi's crt0 and linker script, GNU ld),
# with the same post-link check, into build/clang/.  A sub-make with the
# toolchain switched, so every object and the blob are clang's.
efi-clang:
	$(MAKE) EFI_TOOLCHAIN=clang BUILD=$(BUILD)/clang $(BUILD)/clang/chainload.efi

ifeq ($(EFI_TOOLCHAIN),clang)
CC          := clang
EFI_CFLAGS  := $(CLANG_EFI_CFLAGS)
BLOB_CFLAGS := $(CLANG_BLOB_CFLAGS)
endif

# `make clean` also drops what these targets built (fuzzer corpora included).
.PHONY: clean-extra
clean: clean-extra
clean-extra:
	rm -rf $(BUILD)/fuzz $(BUILD)/coverage $(BUILD)/lint $(BUILD)/clang

# --- issue 5: install ---
# make install ESP=/boot/efi [REMOVABLE=1] [FORCE=1]: chainload.efi into
# \EFI\chainload\ with an example chainload.conf beside it; REMOVABLE=1 also
# as \EFI\BOOT\BOOTX64.EFI (the removable-media path), again with a config.
# An existing chainload.conf is never overwritten; an existing BOOTX64.EFI
# that is not chainload (another system's fallback loader) only with FORCE=1.
INSTALL_CONF := docs/chainload.conf.example
.PHONY: install
install: $(BUILD)/chainload.efi
	@test -n "$(ESP)" || { echo "make install: say where the ESP is mounted: make install ESP=/boot/efi" >&2; exit 1; }
	@test -d "$(ESP)" || { echo "make install: $(ESP) is not a directory" >&2; exit 1; }
ifeq ($(REMOVABLE),1)
	@if [ -e "$(ESP)/EFI/BOOT/BOOTX64.EFI" ] && [ "$(FORCE)" != 1 ] && \
	    ! grep -q chainload.conf "$(ESP)/EFI/BOOT/BOOTX64.EFI"; then \
		echo "make install: $(ESP)/EFI/BOOT/BOOTX64.EFI is another loader; keeping it (FORCE=1 replaces it)" >&2; \
		exit 1; \
	fi
endif
	install -d "$(ESP)/EFI/chainload"
	install -m 0644 $(BUILD)/chainload.efi "$(ESP)/EFI/chainload/chainload.efi"
	@$(call install_conf,$(ESP)/EFI/chainload)
ifeq ($(REMOVABLE),1)
	install -d "$(ESP)/EFI/BOOT"
	install -m 0644 $(BUILD)/chainload.efi "$(ESP)/EFI/BOOT/BOOTX64.EFI"
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

# --- issue 4: machine matrix ---
# Test-only builds: chainload-fragment.efi splinters the memory map
# (efi/test_fragment.c, tests/qemu/e820-ext.sh); chainload-acpi10.efi passes
# the ACPI 1.0 RSDP (efi/handoff/acpi.c, tests/qemu/debian-noefi.sh).
ISSUE4_VARIANTS := fragment acpi10
TEST_VARIANTS += $(ISSUE4_VARIANTS)
# test-qemu's prerequisites were expanded above, before this +=: add them here.
test-qemu: $(foreach v,$(ISSUE4_VARIANTS),$(BUILD)/test/chainload-$(v).efi)

# `make test` boots the representative subset of the machine matrix
# (tests/qemu/machine-matrix.sh); `make test-full` runs everything `make
# test` does, then every machine: q35 and pc, 256 MiB / 2 GiB / 6 GiB, 1 and
# 4 CPUs, the test kernel and Debian's (24 boots).
.PHONY: test-full
test-full: test
	CHAINLOAD_NO_BUILD=1 CHAINLOAD_MATRIX=full tests/qemu/run-all.sh machine-matrix
