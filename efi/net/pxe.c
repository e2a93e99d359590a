/* SPDX-License-Identifier: MIT */
#include "net/pxe.h"

#include <efilib.h>

#include "dhcp.h"
#include "fmt.h"

void pxe_ipv4_text(const UINT8 ip[4], char out[16])
{
	fmt_format(out, 16, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
}

/* The packet's boot file and siaddr into ret; FALSE when it names no file. */
static BOOLEAN from_packet(const EFI_PXE_BASE_CODE_PACKET *pkt, struct pxe_boot *ret)
{
	const UINT8 *siaddr = pkt->Dhcpv4.BootpSiAddr;

	if (dhcp_boot_file(pkt->Raw, sizeof(pkt->Raw), ret->boot_file, sizeof(ret->boot_file),
			   NULL))
		return FALSE;
	SetMem(&ret->server, sizeof(ret->server), 0);
	CopyMem(ret->server.v4.Addr, siaddr, 4);
	pxe_ipv4_text(siaddr, ret->server_text);
	return TRUE;
}

EFI_STATUS pxe_boot_get(EFI_HANDLE device, struct pxe_boot *ret)
{
	EFI_PXE_BASE_CODE_PROTOCOL *pxe;
	EFI_PXE_BASE_CODE_MODE *m;

	SetMem(ret, sizeof(*ret), 0);
	if (!device || EFI_ERROR(BS->HandleProtocol(device, &PxeBaseCodeProtocol, (void **)&pxe)))
		return EFI_NOT_FOUND;
	m = pxe->Mode;
	if (!m || !m->Started || m->UsingIpv6)
		return EFI_NOT_FOUND;
	ret->pxe = pxe;
	if (m->PxeReplyReceived && from_packet(&m->PxeReply, ret))
		return EFI_SUCCESS;
	if (m->ProxyOfferReceived && from_packet(&m->ProxyOffer, ret))
		return EFI_SUCCESS;
	if (m->DhcpAckReceived && from_packet(&m->DhcpAck, ret))
		return EFI_SUCCESS;
	ret->pxe = NULL;
	return EFI_NOT_FOUND;
}

EFI_STATUS pxe_boot_find(struct pxe_boot *ret)
{
	EFI_HANDLE *handles;
	UINTN n;
	EFI_STATUS st;

	st = BS->LocateHandleBuffer(ByProtocol, &PxeBaseCodeProtocol, NULL, &n, &handles);
	if (EFI_ERROR(st))
		return EFI_NOT_FOUND;
	st = EFI_NOT_FOUND;
	for (UINTN i = 0; i < n && EFI_ERROR(st); i++)
		st = pxe_boot_get(handles[i], ret);
	BS->FreePool(handles);
	return st;
}
