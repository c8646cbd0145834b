/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: init/exit annotations. */
#ifndef _MOCK_LINUX_INIT_H
#define _MOCK_LINUX_INIT_H

#define __init
#define __exit

/* Keeps the init function referenced so nothing is reported as unused. */
#define module_init(fn) \
	static int (*__mock_module_init)(void) __attribute__((__unused__)) = fn
#define module_exit(fn) \
	static void (*__mock_module_exit)(void) __attribute__((__unused__)) = fn

#endif /* _MOCK_LINUX_INIT_H */
