/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: struct device, just enough for drvdata and logging. */
#ifndef _MOCK_LINUX_DEVICE_H
#define _MOCK_LINUX_DEVICE_H

#include <linux/types.h>

struct device {
	struct device *parent;
	void *driver_data;
};

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

int dev_err(const struct device *dev, const char *fmt, ...)
	__attribute__((__format__(printf, 2, 3)));
int dev_dbg(const struct device *dev, const char *fmt, ...)
	__attribute__((__format__(printf, 2, 3)));

#endif /* _MOCK_LINUX_DEVICE_H */
