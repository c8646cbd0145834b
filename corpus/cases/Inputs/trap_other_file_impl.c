/* Helper TU for trap_other_file.c: defines the handler its table uses. */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include "trap_other_file.h"

struct hwmon_core {
	phys_addr_t regs;
};

/* Line 12, column 5: the handler header in trap_other_file.c points here. */
int hwmon_core_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct hwmon_core *core = file->private_data;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	return vm_iomap_memory(vma, core->regs, PAGE_SIZE);
}
EXPORT_SYMBOL_GPL(hwmon_core_mmap);
