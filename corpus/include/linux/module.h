/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: THIS_MODULE and symbol exports. */
#ifndef _MOCK_LINUX_MODULE_H
#define _MOCK_LINUX_MODULE_H

#include <linux/init.h>

struct module {
	const char *name;
};

extern struct module __this_module;
#define THIS_MODULE (&__this_module)

/* An export is only a redeclaration here: enough for the tool to see it. */
#define EXPORT_SYMBOL(sym)	extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL(sym)	extern __typeof__(sym) sym

#endif /* _MOCK_LINUX_MODULE_H */
