# Test fixtures: tiny EFI applications that startup.nsh runs before chainload
# to put the firmware into a state a scenario needs (see
# test-images/README.md).  One .c each, linked with gnu-efi like chainload
# (EFI_CFLAGS, EFI_LDFLAGS, EFI_TO_PE of the top-level Makefile), into
# build/test-images/efi/NAME.efi; part of `make test-images`.  Those in
# drivers/ are boot-service drivers (the shell's `load`), the rest
# applications; drivers/file-wrap.c is no driver but code some of them share,
# linked into each.

FX_SRC := test-images/efi
FX_OUT := $(BUILD)/test-images/efi
FIXTURES := $(patsubst $(FX_SRC)/%.c,$(FX_OUT)/%.efi,$(wildcard $(FX_SRC)/*.c))
FX_SHARED := $(FX_SRC)/drivers/file-wrap.c
FX_DRIVERS := $(patsubst $(FX_SRC)/drivers/%.c,$(FX_OUT)/drivers/%.efi,\
	$(filter-out $(FX_SHARED),$(wildcard $(FX_SRC)/drivers/*.c)))
TEST_IMAGES += $(FIXTURES) $(FX_DRIVERS)

$(FX_OUT)/%.o: $(FX_SRC)/%.c
	@mkdir -p $(@D)
	$(CC) $(EFI_CFLAGS) $(DEPS) -c $< -o $@
$(FX_OUT)/%.so: $(FX_OUT)/%.o
	$(LD) $(EFI_LDFLAGS) $^ -o $@ -lefi -lgnuefi
$(FX_OUT)/drivers/exit-fails.so $(FX_OUT)/drivers/file-changes.so: \
	$(patsubst $(FX_SRC)/%.c,$(FX_OUT)/%.o,$(FX_SHARED))
$(FX_OUT)/%.efi: $(FX_OUT)/%.so tools/check-efi.sh
	$(EFI_TO_PE) $< $@
	tools/check-efi.sh $< $@
$(FX_OUT)/drivers/%.efi: $(FX_OUT)/drivers/%.so tools/check-efi.sh
	$(subst efi-app-x86_64 --subsystem=10,efi-bsdrv-x86_64 --subsystem=11,$(EFI_TO_PE)) $< $@
	tools/check-efi.sh $< $@
# `make lint` reads them as it reads efi/: clang-tidy with the EFI flags
# (the stamp rule is more specific than the native one) and cppcheck.
FX_TIDY := $(patsubst %.c,$(BUILD)/lint/%.tidy,$(wildcard $(FX_SRC)/*.c $(FX_SRC)/drivers/*.c))
$(BUILD)/lint/$(FX_SRC)/%.tidy: $(FX_SRC)/%.c .clang-tidy
	@mkdir -p $(@D)
	@clang-tidy --quiet $< -- $(TIDY_EFI_CFLAGS) 2>$@.err || { cat $@.err; exit 1; }
	@touch $@
.PHONY: lint-fixtures
lint: lint-fixtures
lint-fixtures: $(FX_TIDY)
	cppcheck $(CPPCHECK_FLAGS) $(CPPCHECK_EFI) $(FX_SRC)
