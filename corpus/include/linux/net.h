/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: sockets and struct proto_ops. */
#ifndef _MOCK_LINUX_NET_H
#define _MOCK_LINUX_NET_H

#include <linux/types.h>

struct file;
struct module;
struct sock;
struct sockaddr;
struct socket;
struct poll_table_struct;
struct vm_area_struct;

struct proto_ops {
	int family;
	struct module *owner;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *myaddr, int sockaddr_len);
	__poll_t (*poll)(struct file *file, struct socket *sock,
			 struct poll_table_struct *wait);
	int (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *file, struct socket *sock,
		    struct vm_area_struct *vma);
};

struct socket {
	short type;
	struct file *file;
	struct sock *sk;
	const struct proto_ops *ops;
};

int sock_no_mmap(struct file *file, struct socket *sock,
		 struct vm_area_struct *vma);

#endif /* _MOCK_LINUX_NET_H */
