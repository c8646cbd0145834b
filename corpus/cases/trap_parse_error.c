/*
 * Construct: the handler's body does not compile (deliberate: the macro
 * BLITTER_PFN_SHIFT is never defined). Clang recovers and the tool still
 * sees the remap_pfn_range() call, but the TU had errors, so the handler is
 * partial and never converted. Also checks the JSON report. The exit status
 * of the tool is not checked here: output goes to a file first.
 * Expected: remap-pfn, verdict manual, "partial": true.
 * corpus: expect-errors
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc > %t.txt || true
// RUN: FileCheck %s < %t.txt
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc > %t.json || true
// RUN: FileCheck --check-prefix=CHECK-JSON %s < %t.json
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc > %t.txt
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, {{[0-9]+}} TUs parsed, {{[0-9]+}} failed
// CHECK-JSON-DAG: "blitter_mmap"
// CHECK-JSON-DAG: "partial": true
// CHECK-JSON-DAG: "verdict": "manual"

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct blitter {
	phys_addr_t fb_base;
};

// CHECK-DAG: {{.*}}trap_parse_error.c:[[@LINE+1]]:12: note: ->mmap handler 'blitter_mmap' is remap-pfn, verdict manual [mmap-migrate-remap-pfn]
static int blitter_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct blitter *bl = file->private_data;
	unsigned long pfn = bl->fb_base >> BLITTER_PFN_SHIFT;

	return remap_pfn_range(vma, vma->vm_start, pfn,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
	// CHECK-DAG: {{.*}}trap_parse_error.c:[[@LINE-2]]:{{[0-9]+}}: note: {{.*}}remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
}

static const struct file_operations blitter_fops = {
	.owner = THIS_MODULE,
	.mmap = blitter_mmap,
	// CHECK-DAG: {{.*}}trap_parse_error.c:[[@LINE-1]]:10: note: 'blitter_fops' sets ->mmap to 'blitter_mmap' [mmap-migrate-site]
};

int blitter_register(void)
{
	return register_chrdev(0, "blitter", &blitter_fops);
}
