/*
 * Construct: compile commands come from a compile_commands.json (-p), not
 * from "--". The table here uses a handler defined in another entry of the
 * database (Inputs/trap_compile_db_impl.c): the tool must parse that TU too,
 * although only this file is named on the command line.
 * Expected: one site here; the handler is insert-pages (dma_mmap_wc()),
 * verdict manual; two TUs parsed.
 */
// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -e 's|@CASES_DIR@|%/S|g' %S/Inputs/trap_compile_db.json.in > %t/compile_commands.json
// RUN: %mmap-migrate scan -p %t %s | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 2 TUs parsed, 0 failed
// CHECK-DAG: {{.*}}Inputs/trap_compile_db_impl.c:17:5: note: ->mmap handler 'vpu_fw_mmap' is insert-pages, verdict manual [mmap-migrate-insert-pages]
// CHECK-DAG: {{.*}}Inputs/trap_compile_db_impl.c:24:{{[0-9]+}}: note: {{.*}}dma_mmap_wc{{.*}} [mmap-migrate-insert-pages]

#include <linux/fs.h>
#include <linux/module.h>

int vpu_fw_mmap(struct file *file, struct vm_area_struct *vma);

static const struct file_operations vpu_fw_fops = {
	.owner = THIS_MODULE,
	.mmap = vpu_fw_mmap,
	// CHECK-DAG: {{.*}}trap_compile_db.c:[[@LINE-1]]:10: note: 'vpu_fw_fops' sets ->mmap to 'vpu_fw_mmap' [mmap-migrate-site]
};

int vpu_fw_register(void)
{
	return register_chrdev(0, "vpu_fw", &vpu_fw_fops);
}
