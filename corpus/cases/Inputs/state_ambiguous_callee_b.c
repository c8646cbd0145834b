/*
 * The other definition of pcx_window_pages() (state_ambiguous_callee.c):
 * board variant B, which records the request.
 */
#include <linux/types.h>

static unsigned long pcx_last_request;

unsigned long pcx_window_pages(void *board)
{
	pcx_last_request++;
	return 32;
}
