/*
 * Construct: struct proto_ops .mmap (file, socket, vma) of a packet-ring
 * socket family. It is not a fops site.
 * Expected: one other-table line; no site, no handler.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 0 sites, 0 handlers, 0 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-site]
// NEG-NOT: note: ->mmap handler

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/net.h>

#define PF_PKTRING	45

struct pktring_sock {
	void *ring;
};

struct pktring_sock *pktring_sk(struct sock *sk);
int pktring_release(struct socket *sock);

static int pktring_mmap(struct file *file, struct socket *sock,
			struct vm_area_struct *vma)
{
	struct pktring_sock *ps = pktring_sk(sock->sk);

	if (!ps->ring)
		return -EINVAL;
	return remap_vmalloc_range(vma, ps->ring, vma->vm_pgoff);
}

const struct proto_ops pktring_ops = {
	.family = PF_PKTRING,
	.owner = THIS_MODULE,
	.release = pktring_release,
	.mmap = pktring_mmap,
	// CHECK-DAG: {{.*}}other_proto_ops.c:[[@LINE-1]]:10: note: struct proto_ops.mmap = 'pktring_mmap' is not a file_operations ->mmap [mmap-migrate-other-table]
};
