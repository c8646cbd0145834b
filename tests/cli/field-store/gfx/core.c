// SPDX-License-Identifier: GPL-2.0
/* Maps a buffer through the driver's own ->mmap, with a made-up file. */
#include <linux/mm.h>
#include "gfx.h"

int gfx_map_buffer(struct gfx_object *obj, struct file *fil, struct vm_area_struct *vma)
{
	return obj->driver->fops->mmap(fil, vma);
}
