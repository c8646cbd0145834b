/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: capability checks. */
#ifndef _MOCK_LINUX_CAPABILITY_H
#define _MOCK_LINUX_CAPABILITY_H

#include <linux/types.h>

#define CAP_SYS_ADMIN	21
#define CAP_SYS_RAWIO	17

bool capable(int cap);

#endif /* _MOCK_LINUX_CAPABILITY_H */
