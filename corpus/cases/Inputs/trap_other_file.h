/* Helper for trap_other_file.c: the handler's prototype, shared by both TUs. */
#ifndef TRAP_OTHER_FILE_H
#define TRAP_OTHER_FILE_H

struct file;
struct vm_area_struct;

int hwmon_core_mmap(struct file *file, struct vm_area_struct *vma);

#endif /* TRAP_OTHER_FILE_H */
