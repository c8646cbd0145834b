// The fops ->mmap sites, for the benchmark: every struct file_operations
// initialiser with an .mmap member, printed as "file:line: handler".
// Written for mmap-migrate's bench/; matches designated initialisers only,
// as a Coccinelle user would write it.

@fops@
identifier ops, handler;
position p;
@@
struct file_operations ops@p = {
	.mmap = handler,
};

@script:python@
p << fops.p;
h << fops.handler;
@@
print("%s:%s: %s" % (p[0].file, p[0].line, h))
