/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: allocation flags (values are arbitrary). */
#ifndef _MOCK_LINUX_GFP_H
#define _MOCK_LINUX_GFP_H

#include <linux/types.h>

#define GFP_KERNEL	((gfp_t)0x0cc0u)
#define GFP_ATOMIC	((gfp_t)0x0820u)
#define __GFP_ZERO	((gfp_t)0x0100u)

#endif /* _MOCK_LINUX_GFP_H */
