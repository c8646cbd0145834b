/*
 * One of two definitions of pcx_window_pages() (state_ambiguous_callee.c):
 * the board variant A. This one only reads.
 */
#include <linux/types.h>

unsigned long pcx_window_pages(void *board)
{
	return 16;
}
