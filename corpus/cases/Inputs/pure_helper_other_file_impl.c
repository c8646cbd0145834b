/*
 * Helper for pure_helper_other_file.c, in another file of the same driver:
 * it only reads the device. Line numbers here are literal in that case's
 * CHECKs.
 */
#include <linux/types.h>

struct rb_dev {
	unsigned long nr_pages;
	unsigned long reserved_pages;
};

unsigned long rb_usable_pages(const struct rb_dev *rb)
{
	if (rb->reserved_pages >= rb->nr_pages)
		return 0;
	return rb->nr_pages - rb->reserved_pages;
}
