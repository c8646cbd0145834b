/*
 * Construct: the handler checks nothing itself and hands its vma to a
 * static helper of the same file that does the setup (relay's shape). The
 * helper is only called from the handler.
 * Expected: pure-setup, verdict convert; the helper is converted with the
 * handler: renamed (mmap -> mmap_prepare in its name), its vma parameter
 * becomes the descriptor (wrapped at 80 columns), its kernel-doc follows,
 * the handler's kernel-doc names it anew, and the call passes the
 * descriptor.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct tbuf_chan {
	unsigned long size;
	struct tbuf_buffer *bufs;
};

struct tbuf_buffer {
	struct tbuf_chan *chan;
	void *pages;
};

static const struct vm_operations_struct tracebuf_vm_ops;

/**
 * tbuf_mmap_buffer - map one channel buffer
 * @buf: the channel buffer
 * @vma: the vma to map it into
 *
 * Returns 0 or a negative error.
 */
static int tbuf_mmap_buffer(struct tbuf_buffer *buf, struct vm_area_struct *vma)
{
	unsigned long length = vma->vm_end - vma->vm_start;

	if (!buf)
		return -ENODEV;
	if (length != buf->chan->size)
		return -EINVAL;

	vma->vm_ops = &tracebuf_vm_ops;
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = buf;
	return 0;
}
// CHECK-FIXES: {{^}} * tbuf_mmap_prepare_buffer - map one channel buffer{{$}}
// CHECK-FIXES-NEXT: {{^}} * @buf: the channel buffer{{$}}
// CHECK-FIXES-NEXT: {{^}} * @desc: the VMA descriptor{{$}}
// CHECK-FIXES-NEXT: {{^}} *{{$}}
// CHECK-FIXES: {{^}}static int tbuf_mmap_prepare_buffer(struct tbuf_buffer *buf,{{$}}
// CHECK-FIXES-NEXT: {{^}}				    struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	unsigned long length = desc->end - desc->start;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES: {{^}}	desc->vm_ops = &tracebuf_vm_ops;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_flags |= VM_DONTEXPAND;{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT);{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->private_data = buf;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

// CHECK-DAG: {{.*}}helper_vma_static.c:[[@LINE+8]]:12: note: ->mmap handler 'tracebuf_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
/**
 * tracebuf_mmap - map a trace buffer
 * @file: the trace file
 * @vma: the vma to map it into
 *
 * Hands the mapping to tbuf_mmap_buffer().
 */
static int tracebuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct tbuf_buffer *buf = file->private_data;

	return tbuf_mmap_buffer(buf, vma);
}
// CHECK-DAG: {{.*}}helper_vma_static.c:[[@LINE-2]]:{{[0-9]+}}: note: passes the vma to tbuf_mmap_buffer(), a static helper of this file that a rewrite converts with the handler [mmap-migrate-pure-setup]
// CHECK-FIXES: {{^}} * tracebuf_mmap_prepare - map a trace buffer{{$}}
// CHECK-FIXES-NEXT: {{^}} * @desc: the VMA descriptor{{$}}
// CHECK-FIXES-NEXT: {{^}} *{{$}}
// CHECK-FIXES-NEXT: {{^}} * Hands the mapping to tbuf_mmap_prepare_buffer().{{$}}
// CHECK-FIXES-NEXT: {{^}} */{{$}}
// CHECK-FIXES-NEXT: {{^}}static int tracebuf_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct tbuf_buffer *buf = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}	return tbuf_mmap_prepare_buffer(buf, desc);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

static const struct file_operations tracebuf_fops = {
	.owner = THIS_MODULE,
	.mmap = tracebuf_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = tracebuf_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int tracebuf_register(void)
{
	return register_chrdev(0, "tracebuf", &tracebuf_fops);
}
