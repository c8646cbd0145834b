/* Helper TU for trap_compile_db.c: listed only in the compile database. */
#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct vpu_fw {
	struct device *dev;
	void *cpu_addr;
	dma_addr_t dma_addr;
	size_t size;
};

/*
 * Line 17, column 5: trap_compile_db.c expects the handler header here.
 */
int vpu_fw_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vpu_fw *fw = file->private_data;

	if (vma->vm_end - vma->vm_start > fw->size)
		return -EINVAL;

	return dma_mmap_wc(fw->dev, vma, fw->cpu_addr, fw->dma_addr, fw->size);
}
