// SPDX-License-Identifier: GPL-2.0
/* Stores card.c's table into the framework's field; nothing here names an
 * mmap member, so the scan does not parse it. */
#include "gfx.h"

const struct gfx_driver board_driver = {
	.name = "board",
	.fops = &card_fops,
};
