/*
 * Construct: list_add() of the client onto the device's list of mapped
 * clients, under the device mutex.
 * Expected: needs-mapped, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct gpio_bank {
	struct mutex lock;
	struct list_head mapped_clients;
};

struct gpio_client {
	struct gpio_bank *bank;
	struct list_head mmap_node;
};

// CHECK-DAG: {{.*}}needs_list_add.c:[[@LINE+1]]:12: note: ->mmap handler 'gbank_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int gbank_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct gpio_client *client = file->private_data;
	struct gpio_bank *bank = client->bank;

	mutex_lock(&bank->lock);
	list_add(&client->mmap_node, &bank->mapped_clients);
	// CHECK-DAG: {{.*}}needs_list_add.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}list_add{{.*}} [mmap-migrate-needs-mapped]
	mutex_unlock(&bank->lock);

	vma->vm_private_data = client;
	return 0;
}

static const struct file_operations gbank_fops = {
	.owner = THIS_MODULE,
	.mmap = gbank_mmap,
	// CHECK-DAG: {{.*}}needs_list_add.c:[[@LINE-1]]:10: note: 'gbank_fops' sets ->mmap to 'gbank_mmap' [mmap-migrate-site]
};

int gbank_register(void)
{
	return register_chrdev(0, "gbank", &gbank_fops);
}
