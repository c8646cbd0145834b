/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: the error numbers the corpus returns. */
#ifndef _MOCK_LINUX_ERRNO_H
#define _MOCK_LINUX_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define ENOEXEC		8
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define ENODEV		19
#define EINVAL		22
#define ENOTTY		25
#define ENOSPC		28
#define ENOSYS		38
#define EOVERFLOW	75
#define EOPNOTSUPP	95

#endif /* _MOCK_LINUX_ERRNO_H */
