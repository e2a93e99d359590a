/* SPDX-License-Identifier: MIT */
/* COM1 as a polled 8250/16550: 115200 baud, 8N1, no interrupts. */
#include "tk.h"
#include "x86.h"

#define COM1		 0x3f8
#define UART_DATA	 0 /* DLAB=0: transmit holding register */
#define UART_IER	 1 /* DLAB=0: interrupt enable */
#define UART_DLL	 0 /* DLAB=1: divisor, low byte */
#define UART_DLM	 1 /* DLAB=1: divisor, high byte */
#define UART_FCR	 2
#define UART_LCR	 3
#define UART_MCR	 4
#define UART_LSR	 5
#define LCR_DLAB	 0x80
#define LCR_8N1		 0x03
#define FCR_ENABLE_CLEAR 0x07 /* enable FIFOs, clear both */
#define MCR_DTR_RTS	 0x03
#define LSR_THRE	 0x20 /* transmit holding register empty */

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, 1); /* 115200 / 1 */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + UART_MCR, MCR_DTR_RTS);
}

void serial_putc(char c)
{
	unsigned int spins;

	/* Bounded, so a missing UART cannot hang the verdict. */
	for (spins = 0; spins < 1000000; spins++)
		if (inb(COM1 + UART_LSR) & LSR_THRE)
			break;
	outb(COM1 + UART_DATA, (uint8_t)c);
}
