/*
 * Construct: a binary sysfs attribute with an .mmap slot
 * (file, kobject, attribute, vma). It is not a fops site.
 * Expected: one other-table line; no site, no handler.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 0 sites, 0 handlers, 0 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-site]
// NEG-NOT: note: ->mmap handler

#include <linux/mm.h>
#include <linux/sysfs.h>

struct cfgspace {
	phys_addr_t phys;
	unsigned long len;
};

static struct cfgspace cfgspace_area;

static int cfgspace_mmap(struct file *file, struct kobject *kobj,
			 const struct bin_attribute *attr,
			 struct vm_area_struct *vma)
{
	struct cfgspace *cs = attr->private;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	return vm_iomap_memory(vma, cs->phys, cs->len);
}

static const struct bin_attribute cfgspace_attr = {
	.attr = { .name = "config_space", .mode = 0600 },
	.size = 4096,
	.private = &cfgspace_area,
	.mmap = cfgspace_mmap,
	// CHECK-DAG: {{.*}}other_bin_attr.c:[[@LINE-1]]:10: note: struct bin_attribute.mmap = 'cfgspace_mmap' is not a file_operations ->mmap [mmap-migrate-other-table]
};

int cfgspace_add(struct kobject *kobj)
{
	return sysfs_create_bin_file(kobj, &cfgspace_attr);
}
