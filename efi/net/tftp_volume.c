/* SPDX-License-Identifier: MIT */
#include "net/tftp_volume.h"

#include <efilib.h>

#include "fmt.h"
#include "fw/timer.h"
#include "netpath.h"
#include "units.h"
#include "utf16.h"

#define TFTP_NAME_MAX 512
#define TFTP_URL_MAX  (sizeof("tftp://255.255.255.255/") + TFTP_NAME_MAX)
/*
 * The firmware retransmits within one call (edk2: 6 tries, 4 s apart, so
 * a server that never answers costs 24 s).  A transfer that times out is
 * started again, this many calls in all; a size request is not (a server
 * that did not answer it for that long is not there).
 */
#define TFTP_READ_ATTEMPTS 2
/* RFC 2348 blksize: an Ethernet payload less the IP, UDP and TFTP headers. */
#define TFTP_BLOCK_SIZE	  1468
#define TFTP_ERROR_ACCESS 2

struct tftp_node {
	EFI_FILE_PROTOCOL proto; /* first: the EFI_FILE_HANDLE points here */
	struct pxe_boot boot;
	BOOLEAN is_root;
	BOOLEAN for_url;	  /* a root for one tftp:// path: failures need not repeat it */
	char name[TFTP_NAME_MAX]; /* a file's TFTP name */
	char url[TFTP_URL_MAX];	  /* tftp://SERVER/NAME */
	char failure[TFTP_URL_MAX + 192]; /* tftp_failure() */
	UINT64 size, pos;
	UINT8 *bounce; /* the whole file, after a partial read */
	struct tftp_transfer transfer;
	BOOLEAN read; /* transfer holds a READ_FILE's numbers */
};

static EFI_STATUS EFIAPI node_open(EFI_FILE_HANDLE self, EFI_FILE_HANDLE *ret, CHAR16 *name,
				   UINT64 mode, UINT64 attributes);
static EFI_STATUS EFIAPI node_read(EFI_FILE_HANDLE self, UINTN *size, void *buf);

static struct tftp_node *node_of(EFI_FILE_HANDLE h)
{
	return h && h->Open == node_open ? (struct tftp_node *)h : NULL;
}

/* The failure line of `n`, naming `url` unless it is the path the user wrote; returns `st`. */
static EFI_STATUS say(struct tftp_node *n, const char *url, EFI_STATUS st, const char *fmt, ...)
{
	size_t len = n->for_url ? fmt_format(n->failure, sizeof(n->failure), ": ")
				: fmt_format(n->failure, sizeof(n->failure), ": %s: ", url);
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(n->failure + len, sizeof(n->failure) - len, fmt, ap);
	va_end(ap);
	return st;
}

/*
 * Why a Mtftp call failed, from what the PXE Base Code kept; the status to
 * return.  A size request the server refused (`opening`) is a file not
 * found, or denied.  edk2 keeps only the high byte of the error code
 * (PxeBcMtftp.c stores it without byte swapping), so 1 and 2 read as 0
 * there: the server's own words say what happened.
 */
static EFI_STATUS describe(struct tftp_node *n, const char *url, EFI_STATUS st, UINT32 attempts,
			   BOOLEAN opening)
{
	EFI_PXE_BASE_CODE_MODE *m = n->boot.pxe->Mode;
	char text[sizeof(m->TftpError.ErrorString)];
	UINTN i;

	if (st == EFI_TFTP_ERROR && m->TftpErrorReceived) {
		/* The server's words, printable ASCII only. */
		for (i = 0; i + 1 < sizeof(text) && m->TftpError.ErrorString[i]; i++) {
			CHAR8 c = m->TftpError.ErrorString[i];

			text[i] = (char)(c >= ' ' && c < 0x7f ? c : '?');
		}
		text[i] = '\0';
		if (opening)
			st = m->TftpError.ErrorCode == TFTP_ERROR_ACCESS ? EFI_ACCESS_DENIED
									 : EFI_NOT_FOUND;
		if (m->TftpError.ErrorCode)
			return say(n, url, st, "the server refused it: \"%s\" (TFTP error %u)",
				   text, m->TftpError.ErrorCode);
		return say(n, url, st, "the server refused it: \"%s\"", text);
	}
	if (st == EFI_TIMEOUT)
		return say(n, url, st, "the server %s did not answer (%u attempt%s)",
			   n->boot.server_text, attempts, attempts == 1 ? "" : "s");
	if (st == EFI_ICMP_ERROR && m->IcmpErrorReceived)
		return say(n, url, st, "ICMP error type %u code %u (no TFTP server there?)",
			   m->IcmpError.Type, m->IcmpError.Code);
	return say(n, url, st, "the transfer failed");
}

/* One TFTP operation on `f`'s file, a read started again while it times out. */
static EFI_STATUS mtftp(struct tftp_node *f, EFI_PXE_BASE_CODE_TFTP_OPCODE op, void *buf,
			UINT64 *size, UINT32 *ret_attempts)
{
	EFI_PXE_BASE_CODE_PROTOCOL *pxe = f->boot.pxe;
	UINT32 max = op == EFI_PXE_BASE_CODE_TFTP_READ_FILE ? TFTP_READ_ATTEMPTS : 1;
	EFI_STATUS st = EFI_TIMEOUT;
	UINT32 attempts = 0;

	while (st == EFI_TIMEOUT && attempts < max) {
		UINTN block = TFTP_BLOCK_SIZE;
		UINT64 got = *size;

		attempts++;
		st = pxe->Mtftp(pxe, op, buf, FALSE, &got, &block, &f->boot.server,
				(UINT8 *)f->name, NULL, FALSE);
		if (!EFI_ERROR(st))
			*size = got;
	}
	*ret_attempts = attempts;
	return st;
}

static EFI_STATUS EFIAPI node_close(EFI_FILE_HANDLE self)
{
	struct tftp_node *n = (struct tftp_node *)self;

	if (n->bounce)
		BS->FreePages((EFI_PHYSICAL_ADDRESS)(UINTN)n->bounce, pages_for(n->size));
	BS->FreePool(n);
	return EFI_SUCCESS;
}

static EFI_STATUS EFIAPI node_delete(EFI_FILE_HANDLE self)
{
	node_close(self);
	return EFI_WARN_DELETE_FAILURE;
}

static EFI_STATUS EFIAPI node_write(EFI_FILE_HANDLE self, UINTN *size, void *buf)
{
	(void)self, (void)buf;
	*size = 0;
	return EFI_WRITE_PROTECTED;
}

static EFI_STATUS EFIAPI node_get_position(EFI_FILE_HANDLE self, UINT64 *ret)
{
	*ret = ((struct tftp_node *)self)->pos;
	return EFI_SUCCESS;
}

static EFI_STATUS EFIAPI node_set_position(EFI_FILE_HANDLE self, UINT64 pos)
{
	struct tftp_node *n = (struct tftp_node *)self;

	if (n->is_root && pos)
		return EFI_UNSUPPORTED;
	n->pos = pos == ~0ull ? n->size : pos;
	return EFI_SUCCESS;
}

/* EFI_FILE_INFO with an empty name: size and attributes are what is asked. */
static EFI_STATUS EFIAPI node_get_info(EFI_FILE_HANDLE self, EFI_GUID *type, UINTN *size, void *buf)
{
	struct tftp_node *n = (struct tftp_node *)self;
	UINTN need = SIZE_OF_EFI_FILE_INFO + sizeof(CHAR16);
	EFI_FILE_INFO *info = buf;

	if (CompareGuid(type, &GenericFileInfo))
		return EFI_UNSUPPORTED;
	if (*size < need) {
		*size = need;
		return EFI_BUFFER_TOO_SMALL;
	}
	SetMem(info, need, 0);
	info->Size = need;
	info->FileSize = n->size;
	info->PhysicalSize = n->size;
	info->Attribute = EFI_FILE_READ_ONLY | (n->is_root ? EFI_FILE_DIRECTORY : 0);
	*size = need;
	return EFI_SUCCESS;
}

static EFI_STATUS EFIAPI node_set_info(EFI_FILE_HANDLE self, EFI_GUID *type, UINTN size, void *buf)
{
	(void)self, (void)type, (void)size, (void)buf;
	return EFI_WRITE_PROTECTED;
}

static EFI_STATUS EFIAPI node_flush(EFI_FILE_HANDLE self)
{
	(void)self;
	return EFI_WRITE_PROTECTED;
}

static EFI_STATUS new_node(const struct pxe_boot *boot, struct tftp_node **ret)
{
	struct tftp_node *n;
	EFI_STATUS st;

	st = BS->AllocatePool(EfiLoaderData, sizeof(*n), (void **)&n);
	if (EFI_ERROR(st))
		return st;
	SetMem(n, sizeof(*n), 0);
	n->proto = (EFI_FILE_PROTOCOL){
		.Revision = EFI_FILE_PROTOCOL_REVISION,
		.Open = node_open,
		.Close = node_close,
		.Delete = node_delete,
		.Read = node_read,
		.Write = node_write,
		.GetPosition = node_get_position,
		.SetPosition = node_set_position,
		.GetInfo = node_get_info,
		.SetInfo = node_set_info,
		.Flush = node_flush,
	};
	n->boot = *boot;
	*ret = n;
	return EFI_SUCCESS;
}

/* Opens TFTP file `name` on root's server: asks its size, or says why not in root->failure. */
static EFI_STATUS open_name(struct tftp_node *root, const char *name, EFI_FILE_HANDLE *ret)
{
	struct tftp_node *f;
	UINT32 attempts;
	UINT64 size = 0;
	EFI_STATUS st;

	root->failure[0] = '\0';
	st = new_node(&root->boot, &f);
	if (EFI_ERROR(st))
		return say(root, "tftp", st, "no memory for a file");
	f->for_url = root->for_url;
	fmt_format(f->name, sizeof(f->name), "%s", name);
	fmt_format(f->url, sizeof(f->url), "tftp://%s/%s", f->boot.server_text, f->name);
	st = mtftp(f, EFI_PXE_BASE_CODE_TFTP_GET_FILE_SIZE, NULL, &size, &attempts);
	if (EFI_ERROR(st)) {
		st = describe(root, f->url, st, attempts, TRUE);
		node_close(&f->proto);
		return st;
	}
	f->size = size;
	f->transfer.url = f->url;
	f->transfer.block_size = TFTP_BLOCK_SIZE;
	*ret = &f->proto;
	return EFI_SUCCESS;
}

static EFI_STATUS EFIAPI node_open(EFI_FILE_HANDLE self, EFI_FILE_HANDLE *ret, CHAR16 *name16,
				   UINT64 mode, UINT64 attributes)
{
	struct tftp_node *root = (struct tftp_node *)self;
	char path[TFTP_NAME_MAX], name[TFTP_NAME_MAX];
	struct diag d;
	size_t len;

	(void)attributes;
	root->failure[0] = '\0';
	if (!root->is_root)
		return EFI_UNSUPPORTED;
	if (mode != EFI_FILE_MODE_READ)
		return EFI_WRITE_PROTECTED;
	if (utf16_to_utf8(name16, TFTP_NAME_MAX, path, sizeof(path), &len, &d))
		return say(root, "tftp", EFI_INVALID_PARAMETER, "%s", d.msg);
	if (netpath_tftp_name(root->boot.boot_file, path, name, sizeof(name), &d))
		return say(root, path, EFI_NOT_FOUND, "%s", d.msg);
	return open_name(root, name, ret);
}

/* The whole file into `buf` (size bytes): one READ_FILE, timed. */
static EFI_STATUS transfer(struct tftp_node *f, void *buf)
{
	UINT64 got = f->size;
	struct phase_timer t;
	EFI_STATUS st;

	timer_start(&t, TRUE);
	st = mtftp(f, EFI_PXE_BASE_CODE_TFTP_READ_FILE, buf, &got, &f->transfer.attempts);
	f->transfer.us = timer_lap_us(&t);
	if (st == EFI_BUFFER_TOO_SMALL)
		return say(f, f->url, EFI_MEDIA_CHANGED,
			   "the file grew after the server said it has %llu bytes",
			   (unsigned long long)f->size);
	if (EFI_ERROR(st))
		return describe(f, f->url, st, f->transfer.attempts, FALSE);
	if (got != f->size)
		return say(f, f->url, EFI_END_OF_FILE, "the server sent %llu of its %llu bytes",
			   (unsigned long long)got, (unsigned long long)f->size);
	f->transfer.bytes = got;
	f->read = TRUE;
	return EFI_SUCCESS;
}

static EFI_STATUS EFIAPI node_read(EFI_FILE_HANDLE self, UINTN *size, void *buf)
{
	struct tftp_node *f = (struct tftp_node *)self;
	UINT64 n = *size;
	EFI_STATUS st;

	f->failure[0] = '\0';
	*size = 0;
	if (f->is_root || f->pos >= f->size)
		return EFI_SUCCESS; /* a directory without entries; the end of a file */
	if (n > f->size - f->pos)
		n = f->size - f->pos;
	if (!f->bounce && !f->pos && n == f->size) {
		st = transfer(f, buf);
		if (EFI_ERROR(st))
			return st;
	} else {
		if (!f->bounce) {
			EFI_PHYSICAL_ADDRESS addr;

			st = BS->AllocatePages(AllocateAnyPages, EfiLoaderData, pages_for(f->size),
					       &addr);
			if (EFI_ERROR(st))
				return say(f, f->url, st, "no memory to receive its %llu bytes",
					   (unsigned long long)f->size);
			f->bounce = (UINT8 *)(UINTN)addr;
			f->transfer.bounced = TRUE;
			st = transfer(f, f->bounce);
			if (EFI_ERROR(st)) {
				BS->FreePages(addr, pages_for(f->size));
				f->bounce = NULL;
				return st;
			}
		}
		CopyMem(buf, f->bounce + f->pos, n);
	}
	f->pos += n;
	*size = n;
	return EFI_SUCCESS;
}

EFI_STATUS tftp_volume_open(const struct pxe_boot *boot, EFI_FILE_HANDLE *ret_root)
{
	struct tftp_node *root;
	EFI_STATUS st;

	st = new_node(boot, &root);
	if (EFI_ERROR(st))
		return st;
	root->is_root = TRUE;
	*ret_root = &root->proto;
	return EFI_SUCCESS;
}

EFI_STATUS tftp_open_url(EFI_FILE_HANDLE root, const UINT8 ip[4], const char *name,
			 EFI_FILE_HANDLE *ret, char *why, UINTN why_cap)
{
	struct tftp_node *r = node_of(root);
	struct pxe_boot boot;
	EFI_FILE_HANDLE url_root;
	EFI_STATUS st;

	why[0] = '\0';
	if (r) {
		boot = r->boot;
	} else if (EFI_ERROR(pxe_boot_find(&boot))) {
		fmt_format(why, why_cap,
			   ": no network boot here: no PXE Base Code has a DHCP "
			   "reply to use");
		return EFI_NOT_FOUND;
	}
	SetMem(&boot.server, sizeof(boot.server), 0);
	CopyMem(boot.server.v4.Addr, ip, 4);
	pxe_ipv4_text(ip, boot.server_text);
	boot.boot_file[0] = '\0';
	st = tftp_volume_open(&boot, &url_root);
	if (EFI_ERROR(st))
		return st;
	((struct tftp_node *)url_root)->for_url = TRUE;
	st = open_name((struct tftp_node *)url_root, name, ret);
	fmt_format(why, why_cap, "%s", ((struct tftp_node *)url_root)->failure);
	node_close(url_root);
	return st;
}

BOOLEAN tftp_is_file(EFI_FILE_HANDLE h)
{
	struct tftp_node *n = node_of(h);

	return n && !n->is_root;
}

const char *tftp_failure(EFI_FILE_HANDLE h)
{
	struct tftp_node *n = node_of(h);

	return n ? n->failure : "";
}

BOOLEAN tftp_file_transfer(EFI_FILE_HANDLE h, struct tftp_transfer *ret)
{
	struct tftp_node *n = node_of(h);

	if (!n || n->is_root || !n->read)
		return FALSE;
	*ret = n->transfer;
	return TRUE;
}
