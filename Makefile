# chainload: top-level build.  `make` builds build/chainload.efi and the test
# kernels; `make test` installs what a fresh Debian 12 machine lacks, then runs
# every test (host unit tests, then the QEMU + OVMF scenarios).

BUILD    := build
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
	-Iinclude -Icore -Irelocate -isystem $(EFI_INC) -isystem $(EFI_INC)/x86_64
EFI_LDFLAGS := -nostdlib -znocombreloc -T $(EFI_LDS) -shared -Bsymbolic \
	-L$(EFI_LIB) $(EFI_CRT0)

HOST_CC     ?= gcc
HOST_CFLAGS := -std=gnu11 -O1 -g $(WARN) -Iinclude -Icore -Irelocate

CORE_SRCS := $(wildcard core/*.c)
RELOC_C   := $(wildcard relocate/*.c)
RELOC_S   := $(wildcard relocate/*.S)
EFI_SRCS  := $(wildcard efi/*.c)

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

$(EFI_OBJDIR)/%.o: %.c $(wildcard include/*.h core/*.h relocate/*.h efi/*.h)
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
		-j .rel -j .rela -j .rel.* -j .rela.* -j .reloc \
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
# test-extra runs what `make test` needs beyond the host unit tests and QEMU.
.PHONY: test-extra
test-extra:

# --- issue 5: install ---
