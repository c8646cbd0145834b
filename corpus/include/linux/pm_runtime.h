/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: runtime PM references. */
#ifndef _MOCK_LINUX_PM_RUNTIME_H
#define _MOCK_LINUX_PM_RUNTIME_H

#include <linux/device.h>

int pm_runtime_get_sync(struct device *dev);
int pm_runtime_resume_and_get(struct device *dev);
int pm_runtime_put(struct device *dev);
void pm_runtime_put_noidle(struct device *dev);
void pm_runtime_get_noresume(struct device *dev);

#endif /* _MOCK_LINUX_PM_RUNTIME_H */
