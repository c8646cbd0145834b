/*
 * Construct: an ALSA driver's struct snd_pcm_ops .mmap (substream, vma).
 * It is not a fops site.
 * Expected: one other-table line; no site, no handler.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 0 sites, 0 handlers, 0 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-site]
// NEG-NOT: note: ->mmap handler

#include <linux/mm.h>
#include <sound/pcm.h>

int tinypcm_open(struct snd_pcm_substream *substream);
int tinypcm_close(struct snd_pcm_substream *substream);
snd_pcm_uframes_t tinypcm_pointer(struct snd_pcm_substream *substream);

static int tinypcm_mmap(struct snd_pcm_substream *substream,
			struct vm_area_struct *vma)
{
	struct snd_pcm_runtime *runtime = substream->runtime;

	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return remap_pfn_range(vma, vma->vm_start,
			       virt_to_phys(runtime->dma_area) >> PAGE_SHIFT,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

const struct snd_pcm_ops tinypcm_ops = {
	.open = tinypcm_open,
	.close = tinypcm_close,
	.pointer = tinypcm_pointer,
	.mmap = tinypcm_mmap,
	// CHECK-DAG: {{.*}}other_snd_pcm.c:[[@LINE-1]]:10: note: struct snd_pcm_ops.mmap = 'tinypcm_mmap' is not a file_operations ->mmap [mmap-migrate-other-table]
};
