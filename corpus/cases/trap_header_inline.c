/*
 * Construct: a static inline handler defined in a header
 * (Inputs/trap_header_inline.h) that two .c files include; each .c file has
 * its own table. Both TUs see the same definition: one handler, not two.
 * Expected: two sites, one handler (reported once, in the header);
 * pure-setup, verdict manual: the rewrite's checks (other uses, raw
 * mentions, skipped code) read each TU's own file, and every file that
 * includes the header could use the handler.
 */
// RUN: %mmap-migrate scan %s %S/Inputs/trap_header_inline_b.c -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s %S/Inputs/trap_header_inline_b.c -- -nostdinc -I%inc | FileCheck --check-prefix=ONCE %s
// CHECK: summary: 2 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 2 TUs parsed, 0 failed
// CHECK-DAG: {{.*}}Inputs/trap_header_inline.h:11:19: note: ->mmap handler 'sbuf_mmap' is pure-setup, verdict manual [mmap-migrate-pure-setup]
// CHECK-DAG: {{.*}}Inputs/trap_header_inline.h:11:{{[0-9]+}}: note: left for a human: defined in {{.*}}trap_header_inline.h, which this TU #includes: the rewrite's checks read only the TU's own file [mmap-migrate-verdict]
// CHECK-DAG: {{.*}}Inputs/trap_header_inline_b.c:13:10: note: 'sbuf_tx_fops' sets ->mmap to 'sbuf_mmap' [mmap-migrate-site]
// ONCE: note: ->mmap handler 'sbuf_mmap'
// ONCE-NOT: note: ->mmap handler 'sbuf_mmap'

#include <linux/fs.h>
#include <linux/module.h>
#include "Inputs/trap_header_inline.h"

static const struct file_operations sbuf_rx_fops = {
	.owner = THIS_MODULE,
	.mmap = sbuf_mmap,
	// CHECK-DAG: {{.*}}trap_header_inline.c:[[@LINE-1]]:10: note: 'sbuf_rx_fops' sets ->mmap to 'sbuf_mmap' [mmap-migrate-site]
};

int sbuf_rx_register(void)
{
	return register_chrdev(0, "sbuf_rx", &sbuf_rx_fops);
}
