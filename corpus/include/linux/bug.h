/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmap-migrate mock: WARN_ON() and WARN_ON_ONCE(). Like the kernel's, the
 * _ONCE form keeps a static flag: a store the effect check must see as
 * part of the warning, not as driver state.
 */
#ifndef _MOCK_LINUX_BUG_H
#define _MOCK_LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/types.h>

void __warn_printk(const char *fmt, ...);

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__warn_printk("WARNING: %s:%d\n", __FILE__, __LINE__);	\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON_ONCE(condition) ({					\
	static bool __already_warned;					\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once && !__already_warned)) {		\
		__already_warned = true;				\
		__warn_printk("WARNING: %s:%d\n", __FILE__, __LINE__);	\
	}								\
	unlikely(__ret_warn_once);					\
})

#endif /* _MOCK_LINUX_BUG_H */
