'use client';
import { useEffect } from 'react';
import { registryEntry } from '@/models/registry';
import { useBackend } from '@/lib/hooks/useBackend';
import { isModelCached } from '@/lib/models/loader';
import { BackendBadge } from './BackendBadge';

/** The home page's live parts: the backend badge and, on each card, whether its model is cached. */
export function HomeStatus({ models }: { models: string[] }) {
  const backend = useBackend();
  useEffect(() => {
    for (const id of models) {
      void isModelCached(registryEntry(id)).then((cached) => {
        for (const el of document.querySelectorAll(`[data-cached="${id}"]`))
          el.textContent = cached ? '· cached' : '· downloads on first use';
      });
    }
  }, [models]);
  return <BackendBadge backend={backend} />;
}
