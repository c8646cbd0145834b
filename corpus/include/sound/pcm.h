/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: ALSA PCM substream ops (an mmap slot that is not fops). */
#ifndef _MOCK_SOUND_PCM_H
#define _MOCK_SOUND_PCM_H

#include <linux/types.h>

struct vm_area_struct;
struct snd_pcm_hw_params;

typedef unsigned long snd_pcm_uframes_t;

struct snd_pcm_runtime {
	unsigned char *dma_area;
	dma_addr_t dma_addr;
	size_t dma_bytes;
	void *private_data;
};

struct snd_pcm_substream {
	void *private_data;
	struct snd_pcm_runtime *runtime;
};

struct snd_pcm_ops {
	int (*open)(struct snd_pcm_substream *substream);
	int (*close)(struct snd_pcm_substream *substream);
	int (*hw_params)(struct snd_pcm_substream *substream,
			 struct snd_pcm_hw_params *params);
	int (*prepare)(struct snd_pcm_substream *substream);
	int (*trigger)(struct snd_pcm_substream *substream, int cmd);
	snd_pcm_uframes_t (*pointer)(struct snd_pcm_substream *substream);
	int (*mmap)(struct snd_pcm_substream *substream,
		    struct vm_area_struct *vma);
};

#define snd_pcm_substream_chip(substream) ((substream)->private_data)

int snd_pcm_lib_default_mmap(struct snd_pcm_substream *substream,
			     struct vm_area_struct *vma);

#endif /* _MOCK_SOUND_PCM_H */
