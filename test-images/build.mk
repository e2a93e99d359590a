# The test kernels: two freestanding bzImages, built from the same sources,
# that judge the boot from inside the guest (see test-images/README.md).
# Included by the top-level Makefile, which runs from the repo root and sets
# BUILD; it also reads back the -MMD dependencies.  Everything here is
# prefixed TK_ so it cannot collide.
#
#   testkern.bzimage        relocatable, any 2 MiB boundary   (TK_FIXED=0)
#   testkern-fixed.bzimage  not relocatable, exactly 16 MiB   (TK_FIXED=1)

TK_SRC := test-images
TK_OUT := $(BUILD)/test-images
TEST_IMAGES := $(TK_OUT)/testkern.bzimage $(TK_OUT)/testkern-fixed.bzimage

TK_CC      ?= gcc
TK_LD      ?= ld
TK_OBJCOPY ?= objcopy
TK_OBJDUMP ?= objdump

# -fpie: data is reached RIP-relative; no jump tables, no unwind tables.
TK_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -ffreestanding -nostdlib \
	-fno-builtin -mno-red-zone -mgeneral-regs-only -fno-stack-protector \
	-fno-stack-check -fpie -fvisibility=hidden -fno-jump-tables \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-common \
	-fcf-protection=none -fno-tree-loop-distribute-patterns \
	-Iinclude -I$(TK_SRC) -MMD -MP
TK_ASFLAGS := -Wall -Wextra -Werror -Iinclude -I$(TK_SRC) -MMD -MP
TK_LDFLAGS := -nostdlib -static --no-dynamic-linker --build-id=none \
	-z noexecstack -z max-page-size=0x1000 --no-warn-rwx-segments \
	--orphan-handling=error --fatal-warnings

# header.o holds the setup sectors; the rest is the protected-mode payload.
TK_PAYLOAD := entry.o acpi.o checks.o cmdline.o crc32.o efi.o format.o framebuffer.o idt.o \
	pgwalk.o serial.o setup_data.o
TK_RELOC_OBJS := $(addprefix $(TK_OUT)/reloc/,header.o $(TK_PAYLOAD))
TK_FIXED_OBJS := $(addprefix $(TK_OUT)/fixed/,header.o $(TK_PAYLOAD))

$(TK_OUT)/reloc/%: TK_DEFS := -DTK_FIXED=0
$(TK_OUT)/fixed/%: TK_DEFS := -DTK_FIXED=1

$(TK_OUT)/reloc/%.o: $(TK_SRC)/%.c
	@mkdir -p $(@D)
	$(TK_CC) $(TK_CFLAGS) $(TK_DEFS) -c $< -o $@
$(TK_OUT)/fixed/%.o: $(TK_SRC)/%.c
	@mkdir -p $(@D)
	$(TK_CC) $(TK_CFLAGS) $(TK_DEFS) -c $< -o $@
$(TK_OUT)/reloc/%.o: $(TK_SRC)/%.S
	@mkdir -p $(@D)
	$(TK_CC) $(TK_ASFLAGS) $(TK_DEFS) -c $< -o $@
$(TK_OUT)/fixed/%.o: $(TK_SRC)/%.S
	@mkdir -p $(@D)
	$(TK_CC) $(TK_ASFLAGS) $(TK_DEFS) -c $< -o $@

# The linker script is preprocessed so that it shares tk.h's constants.
$(TK_OUT)/%/testkern.ld: $(TK_SRC)/testkern.ld.S
	@mkdir -p $(@D)
	$(TK_CC) -E -P -x assembler-with-cpp $(TK_ASFLAGS) -MT $@ $(TK_DEFS) $< -o $@

$(TK_OUT)/reloc/testkern.elf: $(TK_OUT)/reloc/testkern.ld $(TK_RELOC_OBJS)
	$(TK_LD) $(TK_LDFLAGS) -T $< -o $@ $(TK_RELOC_OBJS)
$(TK_OUT)/fixed/testkern.elf: $(TK_OUT)/fixed/testkern.ld $(TK_FIXED_OBJS)
	$(TK_LD) $(TK_LDFLAGS) -T $< -o $@ $(TK_FIXED_OBJS)

# The relocatable payload must not contain one absolute address.  GOT loads
# count too: the static link relaxes them to absolute immediates.  The
# linker script's tk_off_* are offsets, not addresses: they may be patched in.
$(TK_OUT)/reloc/pic.ok: $(filter-out %/header.o,$(TK_RELOC_OBJS))
	@for o in $^; do \
		if $(TK_OBJDUMP) -r $$o | grep -E 'R_X86_64_(8|16|32|32S|64|GOTPCREL|GOTPCRELX|REX_GOTPCRELX) ' | \
			grep -vE ' tk_off_[a-z0-9_]+(\+0x[0-9a-f]+)?$$'; then \
			echo "$$o: absolute relocation in the relocatable payload" >&2; \
			exit 1; \
		fi; \
	done
	@touch $@

$(TK_OUT)/testkern.bzimage: $(TK_OUT)/reloc/testkern.elf $(TK_OUT)/reloc/pic.ok
	$(TK_OBJCOPY) -O binary $< $@
$(TK_OUT)/testkern-fixed.bzimage: $(TK_OUT)/fixed/testkern.elf
	$(TK_OBJCOPY) -O binary $< $@

