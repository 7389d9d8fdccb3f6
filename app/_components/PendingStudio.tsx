'use client';
import { useEffect } from 'react';
import type { ModelFiles } from '@/models/core/files';
import type { ModelEntry } from '@/models/registry';
import { useBackend } from '@/lib/hooks/useBackend';
import { useHashRecipe } from '@/lib/hooks/useHashRecipe';
import { studioStatus, useModel } from '@/lib/hooks/useModel';
import { useStudioRun } from '@/lib/hooks/useStudioRun';
import type { StudioId } from '@/lib/share/recipe';
import { ImageDrop } from './ImageDrop';
import { ModelStatus } from './ModelStatus';
import { StudioFrame } from './StudioFrame';

interface Props {
  studio: StudioId;
  title: string;
  tagline: string;
  entry: ModelEntry;
  create: (files: ModelFiles) => { load(): Promise<void>; dispose(): void };
  /** Why Run is not offered yet, in the studio's own words. */
  waitingFor: string;
  uploads?: { testId: string; label: string }[];
}

/**
 * A studio whose tool is still being built: it loads the models that exist (so backend, loading and
 * checksum errors are real) and says plainly what is missing. It never shows a made-up result.
 */
export function PendingStudio({ studio, title, tagline, entry, create, waitingFor, uploads = [] }: Props) {
  const backend = useBackend();
  const model = useModel(entry, create, backend.phase === 'ready' ? backend.info.name : null);
  const run = useStudioRun();
  const hash = useHashRecipe(studio);
  const { fail } = run;
  useEffect(() => {
    if (hash.phase === 'broken') fail(hash.message);
    if (model.phase === 'error') fail(model.message);
  }, [hash, model, fail]);
  const status = studioStatus(run.status, model);
  return (
    <StudioFrame
      title={title}
      tagline={tagline}
      backend={backend}
      status={status}
      error={run.error}
      notice={hash.phase === 'ready' ? `This link holds a ${studio} recipe; ${waitingFor}` : null}
      controls={
        <>
          <ModelStatus state={model} title={entry.title} />
          {uploads.map((u) => (
            <ImageDrop key={u.testId} label={u.label} testId={u.testId} onFile={() => fail(`${waitingFor} Your image was not used.`)} />
          ))}
          <button data-testid="run" disabled className="rounded-lg bg-accent px-5 py-2 font-medium text-ink opacity-40" title={waitingFor}>
            Run
          </button>
          <p className="text-sm text-muted">{waitingFor}</p>
        </>
      }
      result={<div data-testid="result" className="flex h-full min-h-80 items-center justify-center text-muted">Nothing to show yet.</div>}
    />
  );
}
