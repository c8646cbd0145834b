/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: struct kobject. */
#ifndef _MOCK_LINUX_KOBJECT_H
#define _MOCK_LINUX_KOBJECT_H

struct kobject {
	const char *name;
	struct kobject *parent;
};

#endif /* _MOCK_LINUX_KOBJECT_H */
