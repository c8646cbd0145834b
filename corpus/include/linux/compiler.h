/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: compiler annotations used by the corpus. */
#ifndef _MOCK_LINUX_COMPILER_H
#define _MOCK_LINUX_COMPILER_H

#define __user
#define __iomem
#define __force
#define __maybe_unused	__attribute__((__unused__))
#define __always_inline	inline __attribute__((__always_inline__))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#endif /* _MOCK_LINUX_COMPILER_H */
