/* SPDX-License-Identifier: MIT */
/*
 * The test kernel's verdict on the loader's hand-off.  Each check prints one
 * line, "tk: <name>: ok" or "tk: <name>: FAIL <detail>", possibly after info
 * lines of its own ("tk: <name>: <info>"); then "tk: PASS" or "tk: FAIL",
 * and isa-debug-exit with TK_EXIT_PASS or TK_EXIT_FAIL_BASE + the index of
 * the first failing check.
 *
 * Memory the loader points at is read only once pgwalk_identity() has shown
 * it present and identity-mapped, so a bad pointer is a FAIL, not a fault.
 */
#include "check.h"
#include "units.h"
#include "x86.h"

#define EFI_SYSTEM_TABLE_SIGNATURE 0x5453595320494249ull /* "IBI SYST" */
#define EFI_TABLE_HEADER_SIZE	   24
#define EFI_MEMDESC_MIN_SIZE	   40
#define SELECTOR_CODE		   0x10
#define SELECTOR_DATA		   0x18

struct handoff tk;

static unsigned int first_failure;

void fail(struct check *c, const char *fmt, ...)
{
	va_list ap;

	c->failed = true;
	tk_bprintf(&c->detail, " ");
	va_start(ap, fmt);
	tk_vbprintf(&c->detail, fmt, ap);
	va_end(ap);
}

void fail_fault(struct check *c, const char *what, const struct pgwalk_fault *f)
{
	if (f->present)
		fail(c, "%s 0x%lx maps to 0x%lx", what, f->va, f->pa);
	else
		fail(c, "%s 0x%lx not mapped", what, f->va);
}

bool mapped(struct check *c, const char *what, uint64_t addr, uint64_t len)
{
	struct pgwalk_fault f;

	if (pgwalk_identity(addr, len, &f))
		return true;
	fail_fault(c, what, &f);
	return false;
}

void outside_kernel(struct check *c, const char *what, uint64_t addr, uint64_t len)
{
	uint64_t end = tk.load + TK_INIT_SIZE;

	if (len && addr < end && addr + len > tk.load)
		fail(c, "%s 0x%lx+0x%lx overlaps the kernel at 0x%lx+0x%x", what, addr, len,
		     tk.load, TK_INIT_SIZE);
}

bool word(const char *key, const char **val, uint64_t *len)
{
	return tk.cmdline && cmdline_find(tk.cmdline, tk.cmdline_len, key, val, len);
}

bool word_dec(struct check *c, const char *key, uint64_t *ret)
{
	const char *val;
	uint64_t len;

	if (!word(key, &val, &len))
		return false;
	if (parse_dec64(val, len, ret))
		return true;
	fail(c, "%s is not decimal", key);
	return false;
}

bool word_required(struct check *c, const char *key, const char **val, uint64_t *len)
{
	if (word(key, val, len))
		return true;
	fail(c, "no %s word: the scenario must say what to expect", key);
	return false;
}

bool word_dec_required(struct check *c, const char *key, uint64_t *ret)
{
	const char *val;
	uint64_t len;

	if (!word_required(c, key, &val, &len))
		return false;
	return word_dec(c, key, ret);
}

static void locate_cmdline(void)
{
	const struct boot_params *bp = tk.bp;
	uint64_t addr, i;

	addr = bp->hdr.cmd_line_ptr | (uint64_t)bp->ext_cmd_line_ptr << 32;
	tk.cmdline_addr = addr;
	if (!addr) {
		tk.cmdline_status = CMDLINE_NULL;
		return;
	}
	for (i = 0; i <= TK_CMDLINE_SIZE; i++) {
		uint64_t a = addr + i;

		if ((i == 0 || !(a & 0xfff)) && !pgwalk_identity(a, 1, &tk.cmdline_fault)) {
			tk.cmdline_status = CMDLINE_UNMAPPED;
			tk.cmdline_len = i;
			return;
		}
		if (!*(const volatile char *)a) {
			tk.cmdline_status = CMDLINE_OK;
			tk.cmdline = (const char *)addr;
			tk.cmdline_len = i;
			return;
		}
	}
	tk.cmdline_status = CMDLINE_UNTERMINATED;
	tk.cmdline_len = i;
}

static void gather(void)
{
	/* Through the 32-bit entry, tk_entry holds tk_startup_32's own hand-over. */
	tk.load = tk_entry32.entered ? tk_entry32.run : tk_entry.load;
	tk.rsi = tk_entry32.entered ? tk_entry32.esi : tk_entry.gpr[TK_RSI];
	if (tk.rsi && pgwalk_identity(tk.rsi, sizeof(struct boot_params), &tk.bp_fault)) {
		tk.bp = (const struct boot_params *)tk.rsi;
		locate_cmdline();
		setup_data_walk();
	}
}

static void check_regs(struct check *c)
{
	static const char names[TK_NR_GPRS][4] = {
		"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
		"r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15",
	};
	unsigned int i;

	if (tk_entry32.entered) {
		/* The 32-bit entry promises these three zero; the rest carry nothing. */
		if (tk_entry32.ebx)
			fail(c, "ebx=0x%x", tk_entry32.ebx);
		if (tk_entry32.edi)
			fail(c, "edi=0x%x", tk_entry32.edi);
		if (tk_entry32.ebp)
			fail(c, "ebp=0x%x", tk_entry32.ebp);
		return;
	}
	for (i = 0; i < TK_NR_GPRS; i++)
		if (i != TK_RSI && i != TK_RSP && tk_entry.gpr[i])
			fail(c, "%s=0x%lx", names[i], tk_entry.gpr[i]);
}

/*
 * lar's access rights: type and S in bits 8-12, present 15, D/B 22, G 23,
 * L 21.  A flat 4 GiB segment has lsl limit 0xffffffff (G set).
 */
#define AR_PRESENT   (1u << 15)
#define AR_CODE_DATA (1u << 12) /* S: code or data, not a system segment */
#define AR_CODE	     (1u << 11)
#define AR_RW	     (1u << 9) /* code: readable; data: writable */
#define AR_L	     (1u << 21)
#define AR_DB	     (1u << 22)
#define AR_G	     (1u << 23)

static void check_segment32(struct check *c, unsigned int i, const char *name, uint32_t want_sel,
			    bool code)
{
	uint32_t want = AR_PRESENT | AR_CODE_DATA | AR_RW | AR_DB | AR_G | (code ? AR_CODE : 0);
	uint32_t mask = want | AR_CODE | AR_L;

	if (tk_entry32.seg[i].selector != want_sel)
		fail(c, "%s=0x%x", name, tk_entry32.seg[i].selector);
	if (tk_entry32.seg[i].limit != 0xffffffffu)
		fail(c, "%s limit 0x%x", name, tk_entry32.seg[i].limit);
	if ((tk_entry32.seg[i].access & mask) != want)
		fail(c, "%s access rights 0x%x", name, tk_entry32.seg[i].access);
}

/* Protected mode with paging off, as the boot protocol's 32-bit entry says. */
static void check_cpu32(struct check *c)
{
	tk_printf("tk: cpu: 32-bit entry: cr0=0x%x cr4=0x%x efer=0x%x eflags=0x%x\n",
		  tk_entry32.cr0, tk_entry32.cr4, tk_entry32.efer, tk_entry32.eflags);
	if (!(tk_entry32.cr0 & CR0_PE))
		fail(c, "CR0.PE=0");
	if (tk_entry32.cr0 & CR0_PG)
		fail(c, "CR0.PG=1");
	if (tk_entry32.efer & (EFER_LME | EFER_LMA))
		fail(c, "EFER.LME/LMA set");
	if (tk_entry32.cr4 & CR4_PAE)
		fail(c, "CR4.PAE=1");
	if (tk_entry32.eflags & RFLAGS_IF)
		fail(c, "EFLAGS.IF=1");
	check_segment32(c, 0, "cs", SELECTOR_CODE, true);
	check_segment32(c, 1, "ds", SELECTOR_DATA, false);
	check_segment32(c, 2, "es", SELECTOR_DATA, false);
	check_segment32(c, 3, "ss", SELECTOR_DATA, false);
}

static void check_cpu(struct check *c)
{
	uint64_t cr0 = read_cr0();

	if (tk_entry32.entered) {
		check_cpu32(c);
		return;
	}
	if (!(rdmsr(MSR_EFER) & EFER_LMA))
		fail(c, "EFER.LMA=0");
	if (!(cr0 & CR0_PG))
		fail(c, "CR0.PG=0");
	if (!(cr0 & CR0_PE))
		fail(c, "CR0.PE=0");
	if (tk_entry.rflags & RFLAGS_IF)
		fail(c, "RFLAGS.IF=1");
	if (tk_entry.cs != SELECTOR_CODE)
		fail(c, "cs=0x%x", tk_entry.cs);
	if (tk_entry.ds != SELECTOR_DATA)
		fail(c, "ds=0x%x", tk_entry.ds);
	if (tk_entry.es != SELECTOR_DATA)
		fail(c, "es=0x%x", tk_entry.es);
	if (tk_entry.ss != SELECTOR_DATA)
		fail(c, "ss=0x%x", tk_entry.ss);
}

/*
 * Our header's xloadflags, or tk.xloadflags=0x<hex> where the host patched
 * them (a copy of this kernel dressed as a 32-bit-only one).
 */
static uint64_t header_xloadflags(void)
{
	const char *val;
	uint64_t len, v;

	if (word("tk.xloadflags=", &val, &len) && parse_hex64(val, len, &v))
		return v;
	return XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G;
}

static void check_boot_params(struct check *c)
{
	const struct boot_params *bp = tk.bp;
	const struct setup_header *h;

	if (!tk.rsi) {
		fail(c, "rsi=0");
		return;
	}
	if (!bp) {
		fail_fault(c, "zero page", &tk.bp_fault);
		return;
	}
	h = &bp->hdr;
	if (h->boot_flag != SETUP_BOOT_FLAG)
		fail(c, "boot_flag=0x%x", h->boot_flag);
	if (h->header != SETUP_HDRS_MAGIC)
		fail(c, "header=0x%x", h->header);
	if (bp->sentinel)
		fail(c, "sentinel=0x%x", bp->sentinel);
	if (!h->type_of_loader)
		fail(c, "type_of_loader=0");
	/* A 32-bit field: above 4 GiB only the low half can match. */
	if (h->code32_start != (uint32_t)tk.load)
		fail(c, "code32_start=0x%x load=0x%lx", h->code32_start, tk.load);
	/* Fields the loader must copy unchanged from our setup header. */
	if (h->version != 0x020f)
		fail(c, "hdr.version=0x%x", h->version);
	if (h->xloadflags != header_xloadflags())
		fail(c, "hdr.xloadflags=0x%x", h->xloadflags);
	if (h->relocatable_kernel != !TK_FIXED)
		fail(c, "hdr.relocatable_kernel=%u", h->relocatable_kernel);
	if (h->cmdline_size != TK_CMDLINE_SIZE)
		fail(c, "hdr.cmdline_size=%u", h->cmdline_size);
	if (h->pref_address != TK_PREF_ADDRESS)
		fail(c, "hdr.pref_address=0x%lx", h->pref_address);
	if (h->init_size != TK_INIT_SIZE)
		fail(c, "hdr.init_size=0x%x", h->init_size);
	outside_kernel(c, "zero page", tk.rsi, sizeof(*bp));
}

static void check_load_address(struct check *c)
{
	const char *val;
	uint64_t len, want;

	tk_printf("tk: load_address: 0x%lx\n", tk.load);
	if (TK_FIXED && tk.load != TK_PREF_ADDRESS)
		fail(c, "0x%lx, not pref_address 0x%x", tk.load, TK_PREF_ADDRESS);
	if (!TK_FIXED && (tk.load & (TK_KERNEL_ALIGN - 1)))
		fail(c, "0x%lx not aligned to 0x%x", tk.load, TK_KERNEL_ALIGN);
	if (!word_required(c, "tk.load=", &val, &len))
		return;
	if (!parse_hex64(val, len, &want))
		fail(c, "tk.load is not 0x<hex>");
	else if (want != tk.load)
		fail(c, "0x%lx, tk.load=0x%lx", tk.load, want);
}

/* Paging off: what the loader placed must all lie below 4 GiB. */
static void below_4g(struct check *c, const char *what, uint64_t addr, uint64_t len)
{
	if (addr > FOUR_GIB || len > FOUR_GIB - addr)
		fail(c, "%s 0x%lx+0x%lx ends above 4 GiB", what, addr, len);
}

static void check_identity_map(struct check *c)
{
	const struct boot_params *bp = tk.bp;

	if (tk_entry32.entered) {
		tk_printf("tk: identity_map: none (32-bit entry, paging off)\n");
		below_4g(c, "kernel", tk.load, TK_INIT_SIZE);
		below_4g(c, "zero page", tk.rsi, sizeof(struct boot_params));
		if (tk.cmdline_status == CMDLINE_OK)
			below_4g(c, "cmdline", tk.cmdline_addr, tk.cmdline_len + 1);
		if (bp)
			below_4g(c, "initrd",
				 bp->hdr.ramdisk_image | (uint64_t)bp->ext_ramdisk_image << 32,
				 bp->hdr.ramdisk_size | (uint64_t)bp->ext_ramdisk_size << 32);
		return;
	}
	tk_printf("tk: identity_map: %u-level paging\n", pgwalk_levels());
	mapped(c, "kernel", tk.load, TK_INIT_SIZE);
	if (tk.rsi)
		mapped(c, "zero page", tk.rsi, sizeof(struct boot_params));
	/* The bytes locate_cmdline() read: the string and its NUL, if found. */
	if (tk.cmdline_status == CMDLINE_UNMAPPED)
		fail_fault(c, "cmdline", &tk.cmdline_fault);
	else if (tk.cmdline_status == CMDLINE_OK)
		mapped(c, "cmdline", tk.cmdline_addr, tk.cmdline_len + 1);
	else if (tk.cmdline_status == CMDLINE_UNTERMINATED)
		mapped(c, "cmdline", tk.cmdline_addr, tk.cmdline_len);
	if (bp) {
		uint64_t addr = bp->hdr.ramdisk_image | (uint64_t)bp->ext_ramdisk_image << 32;
		uint64_t size = bp->hdr.ramdisk_size | (uint64_t)bp->ext_ramdisk_size << 32;

		mapped(c, "initrd", addr, size);
	}
}

static void print_escaped(const char *s, uint64_t len)
{
	uint64_t i;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch >= 0x7f)
			tk_printf("\\x%02x", ch);
		else
			serial_putc((char)ch);
	}
}

static void check_cmdline(struct check *c)
{
	uint64_t covered;
	uint32_t want, got;

	if (!tk.bp) {
		fail(c, "no usable zero page");
		return;
	}
	switch (tk.cmdline_status) {
	case CMDLINE_UNREAD:
	case CMDLINE_NULL:
		fail(c, "cmd_line_ptr=0");
		return;
	case CMDLINE_UNMAPPED:
		fail_fault(c, "byte", &tk.cmdline_fault);
		return;
	case CMDLINE_UNTERMINATED:
		fail(c, "no NUL within %u bytes at 0x%lx", TK_CMDLINE_SIZE + 1, tk.cmdline_addr);
		return;
	case CMDLINE_OK:
		break;
	}
	tk_printf("tk: cmdline: ");
	print_escaped(tk.cmdline, tk.cmdline_len);
	tk_printf("\n");
	outside_kernel(c, "cmdline", tk.cmdline_addr, tk.cmdline_len + 1);
	if (!cmdline_crc_word(tk.cmdline, tk.cmdline_len, &covered, &want)) {
		fail(c, "last word is not tk.cmdline_crc32=<8 lowercase hex>");
		return;
	}
	got = crc32(0, tk.cmdline, covered);
	if (got != want)
		fail(c, "crc32 of %lu bytes is %08x, tk.cmdline_crc32=%08x", covered, got, want);
}

/* tk.initrd_min=0xHEX: the initrd must start at or above it (e.g. 4 GiB). */
static void check_initrd_min(struct check *c, uint64_t addr)
{
	const char *val;
	uint64_t len, min;

	if (!word("tk.initrd_min=", &val, &len))
		return;
	if (!parse_hex64(val, len, &min))
		fail(c, "tk.initrd_min is not 0x<hex>");
	else if (addr < min)
		fail(c, "at 0x%lx, below tk.initrd_min=0x%lx", addr, min);
}

static void check_initrd(struct check *c)
{
	const struct boot_params *bp = tk.bp;
	const char *size_val, *crc_val;
	uint64_t size_len, crc_len, addr, size, want_size;
	bool has_size, has_crc;
	uint32_t want_crc, got;

	if (!bp) {
		fail(c, "no usable zero page");
		return;
	}
	addr = bp->hdr.ramdisk_image | (uint64_t)bp->ext_ramdisk_image << 32;
	size = bp->hdr.ramdisk_size | (uint64_t)bp->ext_ramdisk_size << 32;
	tk_printf("tk: initrd: addr=0x%lx size=%lu\n", addr, size);
	if (!tk.cmdline) {
		fail(c, "no usable command line to read tk.initrd_* from");
		return;
	}
	has_size = word("tk.initrd_size=", &size_val, &size_len);
	has_crc = word("tk.initrd_crc32=", &crc_val, &crc_len);
	if (!has_size && !has_crc) {
		if (addr || size)
			fail(c, "an initrd was passed but none was expected");
		return;
	}
	if (!has_size || !has_crc) {
		fail(c, "tk.initrd_size and tk.initrd_crc32 go together");
		return;
	}
	if (!parse_dec64(size_val, size_len, &want_size)) {
		fail(c, "tk.initrd_size is not decimal");
		return;
	}
	if (!parse_crc32(crc_val, crc_len, &want_crc)) {
		fail(c, "tk.initrd_crc32 is not 8 lowercase hex digits");
		return;
	}
	if (size != want_size) {
		fail(c, "size %lu, tk.initrd_size=%lu", size, want_size);
		return;
	}
	if (size && !addr) {
		fail(c, "ramdisk_image=0");
		return;
	}
	if (!mapped(c, "initrd", addr, size))
		return;
	outside_kernel(c, "initrd", addr, size);
	check_initrd_min(c, addr);
	got = crc32(0, (const void *)addr, size);
	if (got != want_crc)
		fail(c, "crc32 %08x, tk.initrd_crc32=%08x", got, want_crc);
}

bool e820_overlaps_ram(uint64_t start, uint64_t end)
{
	const struct boot_e820_entry *ext;
	unsigned int i, n, n_ext;

	n = tk.bp->e820_entries;
	if (n > BOOT_PARAMS_E820_MAX)
		n = BOOT_PARAMS_E820_MAX;
	ext = setup_data_e820_ext(&n_ext);
	for (i = 0; i < n + n_ext; i++) {
		const struct boot_e820_entry *e = i < n ? &tk.bp->e820_table[i] : &ext[i - n];

		if (e->type == E820_TYPE_RAM && e->addr < end && start < e->addr + e->size)
			return true;
	}
	return false;
}

/* One e820 entry, @i-th of the whole table (zero page, then extension). */
static void check_e820_entry(struct check *c, const struct boot_e820_entry *e, unsigned int i,
			     uint64_t *prev_end, uint64_t *covered)
{
	uint64_t e_end = e->addr + e->size;

	if (!e->size)
		fail(c, "entry %u is empty", i);
	if (e_end < e->addr)
		fail(c, "entry %u wraps", i);
	if (i && e->addr < *prev_end)
		fail(c, "entry %u at 0x%lx overlaps or precedes 0x%lx", i, e->addr, *prev_end);
	*prev_end = e_end;
	/* Sorted, so the RAM covering the kernel comes in order. */
	if (e->type == E820_TYPE_RAM && e->addr <= *covered && *covered < e_end)
		*covered = e_end;
}

/*
 * The zero page holds up to 128 entries; the rest come in SETUP_E820_EXT
 * nodes (setup_data.c found them), continuing the same sorted table.
 */
static void check_e820(struct check *c)
{
	const struct boot_params *bp = tk.bp;
	uint64_t prev_end = 0, covered = tk.load, end = tk.load + TK_INIT_SIZE, min;
	const struct boot_e820_entry *ext;
	unsigned int i, n, n_ext;

	if (!bp) {
		fail(c, "no usable zero page");
		return;
	}
	n = bp->e820_entries;
	ext = setup_data_e820_ext(&n_ext);
	tk_printf("tk: e820: %u entries (%u in the zero page, %u in SETUP_E820_EXT)\n", n + n_ext,
		  n, n_ext);
	if (n < 1 || n > BOOT_PARAMS_E820_MAX) {
		fail(c, "e820_entries=%u", n);
		return;
	}
	if (n_ext && n < BOOT_PARAMS_E820_MAX)
		fail(c, "SETUP_E820_EXT used while the zero page has room (%u entries)", n);
	for (i = 0; i < n; i++)
		check_e820_entry(c, &bp->e820_table[i], i, &prev_end, &covered);
	for (i = 0; i < n_ext; i++)
		check_e820_entry(c, &ext[i], n + i, &prev_end, &covered);
	if (covered < end)
		fail(c, "kernel 0x%lx+0x%x not in RAM from 0x%lx", tk.load, TK_INIT_SIZE, covered);
	if (word_dec(c, "tk.e820_min=", &min) && n + n_ext < min)
		fail(c, "%u entries, tk.e820_min=%lu", n + n_ext, min);
}

static void check_efi_info(struct check *c)
{
	const struct efi_info *ei;
	uint64_t systab, memmap, len;
	uint32_t want_signature = EFI_LOADER_SIGNATURE_64;
	const char *val;

	if (!tk.bp) {
		fail(c, "no usable zero page");
		return;
	}
	ei = &tk.bp->efi_info;
	/* tk.efi_bits=32: the firmware is 32-bit, and the loader must say so. */
	if (word("tk.efi_bits=", &val, &len) && len == 2 && val[0] == '3' && val[1] == '2')
		want_signature = EFI_LOADER_SIGNATURE_32;
	systab = ei->efi_systab | (uint64_t)ei->efi_systab_hi << 32;
	memmap = ei->efi_memmap | (uint64_t)ei->efi_memmap_hi << 32;
	tk_printf("tk: efi_info: systab=0x%lx memmap=0x%lx memmap_size=%u desc_size=%u\n", systab,
		  memmap, ei->efi_memmap_size, ei->efi_memdesc_size);
	if (ei->efi_loader_signature != want_signature)
		fail(c, "efi_loader_signature=0x%x, not 0x%x", ei->efi_loader_signature,
		     want_signature);
	if (!systab) {
		fail(c, "efi_systab=0");
	} else if (mapped(c, "system table", systab, EFI_TABLE_HEADER_SIZE)) {
		uint64_t sig = *(const volatile uint64_t *)systab;

		if (sig != EFI_SYSTEM_TABLE_SIGNATURE)
			fail(c, "system table signature 0x%lx", sig);
	}
	if (!memmap)
		fail(c, "efi_memmap=0");
	if (ei->efi_memdesc_size < EFI_MEMDESC_MIN_SIZE)
		fail(c, "efi_memdesc_size=%u", ei->efi_memdesc_size);
	else if (!ei->efi_memmap_size || ei->efi_memmap_size % ei->efi_memdesc_size)
		fail(c, "efi_memmap_size=%u", ei->efi_memmap_size);
	if (memmap && mapped(c, "memmap", memmap, ei->efi_memmap_size))
		outside_kernel(c, "memmap", memmap, ei->efi_memmap_size);
}

/*
 * boot_params.secure_boot: 0 unset, 1 unknown, 2 disabled, 3 enabled.  A
 * loader that asked the firmware says 1..3; 0 means it did not ask.  The
 * scenario knows which the firmware's variables hold: tk.secure_boot.
 */
static void check_secure_boot(struct check *c)
{
	/* Arrays, not pointers: the relocatable payload has no absolute address. */
	static const char names[4][9] = { "unset", "unknown", "disabled", "enabled" };
	uint64_t want;
	uint8_t v;

	if (!tk.bp) {
		fail(c, "no usable zero page");
		return;
	}
	v = tk.bp->secure_boot;
	tk_printf("tk: secure_boot: %u (%s)\n", v, v < 4 ? names[v] : "invalid");
	if (v < 1 || v > 3)
		fail(c, "secure_boot=%u, not 1 (unknown), 2 (disabled) or 3 (enabled)", v);
	if (word_dec_required(c, "tk.secure_boot=", &want) && want != v)
		fail(c, "secure_boot=%u, tk.secure_boot=%lu", v, want);
}

/* Which entry the loader took: tk.entry=32 or 64 (the default) says which it must be. */
static void check_entry(struct check *c)
{
	const char *val;
	uint64_t len;
	bool want32 = word("tk.entry=", &val, &len) && len == 2 && val[0] == '3' && val[1] == '2';

	tk_printf("tk: entry: %s at 0x%lx\n", tk_entry32.entered ? "startup_32" : "startup_64",
		  tk.load + (tk_entry32.entered ? 0 : STARTUP_64_OFFSET));
	if (want32 != (bool)tk_entry32.entered)
		fail(c, "entered through %s, tk.entry asks for %s",
		     tk_entry32.entered ? "startup_32" : "startup_64",
		     want32 ? "startup_32" : "startup_64");
}

static void run(unsigned int index, const char *name, void (*fn)(struct check *c))
{
	struct check c;

	c.failed = false;
	tk_buf_init(&c.detail, c.text, sizeof(c.text));
	fn(&c);
	if (!c.failed) {
		tk_printf("tk: %s: ok\n", name);
		return;
	}
	tk_printf("tk: %s: FAIL%s\n", name, c.text);
	if (!first_failure)
		first_failure = index;
}

_Noreturn void tk_exit(uint32_t value)
{
	outl(TK_DEBUG_EXIT_PORT, value);
	for (;;)
		__asm__ volatile("cli; hlt");
}

_Noreturn void tk_main(void)
{
	serial_init();
	idt_install();
	tk_printf("tk: start %s\n", TK_FIXED ? "fixed" : "relocatable");
	gather();

	/* The index is the exit code's offset: keep it stable. */
	run(1, "regs", check_regs);
	run(2, "cpu", check_cpu);
	run(3, "boot_params", check_boot_params);
	run(4, "load_address", check_load_address);
	run(5, "identity_map", check_identity_map);
	run(6, "cmdline", check_cmdline);
	run(7, "initrd", check_initrd);
	run(8, "e820", check_e820);
	run(9, "efi_info", check_efi_info);
	run(10, "setup_data", check_setup_data);
	run(11, "screen_info", check_screen_info);
	run(12, "acpi_rsdp", check_acpi_rsdp);
	run(13, "rng_seed", check_rng_seed);
	run(14, "secure_boot", check_secure_boot);
	run(15, "e820_types", check_e820_types);
	run(16, "entry", check_entry);

	if (first_failure) {
		tk_printf("tk: FAIL\n");
		tk_exit(TK_EXIT_FAIL_BASE + first_failure);
	}
	tk_printf("tk: PASS\n");
	tk_exit(TK_EXIT_PASS);
}
