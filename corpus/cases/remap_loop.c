/*
 * Construct: remap_pfn_range() inside a loop over physically scattered
 * chunks.
 * Expected: remap-pfn, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct chunk {
	unsigned long pfn;
	unsigned long len;
};

struct chunk_buf {
	unsigned int nr_chunks;
	struct chunk chunks[8];
};

// CHECK-DAG: {{.*}}remap_loop.c:[[@LINE+1]]:12: note: ->mmap handler 'chunk_buf_mmap' is remap-pfn, verdict manual [mmap-migrate-remap-pfn]
static int chunk_buf_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct chunk_buf *buf = file->private_data;
	unsigned long addr = vma->vm_start;
	unsigned int i;
	int ret;

	for (i = 0; i < buf->nr_chunks && addr < vma->vm_end; i++) {
		unsigned long len = buf->chunks[i].len;

		if (len > vma->vm_end - addr)
			len = vma->vm_end - addr;
		ret = remap_pfn_range(vma, addr, buf->chunks[i].pfn, len,
				      vma->vm_page_prot);
		// CHECK-DAG: {{.*}}remap_loop.c:[[@LINE-2]]:{{[0-9]+}}: note: {{.*}}remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
		if (ret)
			return ret;
		addr += len;
	}
	return 0;
}

static const struct file_operations chunk_buf_fops = {
	.owner = THIS_MODULE,
	.mmap = chunk_buf_mmap,
	// CHECK-DAG: {{.*}}remap_loop.c:[[@LINE-1]]:10: note: 'chunk_buf_fops' sets ->mmap to 'chunk_buf_mmap' [mmap-migrate-site]
};

int chunk_buf_register(void)
{
	return register_chrdev(0, "chunkbuf", &chunk_buf_fops);
}
