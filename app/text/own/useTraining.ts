'use client';
// A person's own model learning in the engine's Worker: the run's handle, its reports as they come, and the model
// kept in IndexedDB as it goes (a checkpoint every CHECKPOINT_EVERY steps and when it stops), so a reload can go on.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Cancelled, readableError } from '@/lib/engine/errors';
import { pageEngine, type RunHandle } from '@/lib/engine/client';
import type { FrameData } from '@/lib/engine/protocol';
import { type OwnModel, ownModels, saveOwnModel, withReport } from '@/lib/store/own-models';

export type TrainingPhase = 'idle' | 'training' | 'paused' | 'stopping' | 'done' | 'failed';

const CHECKPOINT_EVERY = 100;

export function useTraining() {
  const [phase, setPhase] = useState<TrainingPhase>('idle');
  const [model, setModel] = useState<OwnModel | null>(null);
  const [kept, setKept] = useState<OwnModel[]>([]);
  const [error, setError] = useState<string | null>(null);
  const handle = useRef<RunHandle<'charrnn-train'> | null>(null);

  const refresh = useCallback(() => {
    ownModels().then(setKept, (e: Error) => setError(e.message));
  }, []);
  useEffect(refresh, [refresh]);
  // Leaving the page ends the run: the engine is the page's. What it learnt is in the last checkpoint.
  useEffect(() => () => handle.current?.cancel(), []);

  /** Trains `start` on from its checkpoint (or from fresh weights), keeping it as it goes. */
  const train = useCallback(
    async (start: OwnModel) => {
      setError(null);
      setPhase('training');
      let current: OwnModel = { ...start, phase: 'training' };
      setModel(current);
      // Checkpoints are written one after another, the latest last; a failed write is said at once and the next
      // checkpoint is still tried.
      const keep = (model: OwnModel) =>
        saveOwnModel(model).then(refresh, (e: Error) => setError(`The model could not be kept: ${e.message}`));
      let writing = keep(current);
      const take = ({ weights, moments, sample, ...report }: FrameData['charrnn-train'], stopped: boolean) => {
        current = { ...withReport(current, report), sample: sample ?? current.sample };
        if (weights) current = { ...current, weights, moments };
        if (stopped) current = { ...current, phase: 'stopped' };
        setModel(current);
        if (weights || stopped) {
          const checkpoint = current;
          writing = writing.then(() => keep(checkpoint));
        }
      };
      const last = start.reports.at(-1);
      const engine = await pageEngine();
      const run = engine.run(
        {
          kind: 'charrnn-train',
          text: start.text,
          shape: start.shape,
          settings: start.settings,
          from: start.weights,
          fromMoments: start.weights ? (start.moments ?? null) : null,
          base: start.weights ? null : (start.base ?? null),
          start: last && start.weights ? { steps: last.steps, charsRead: last.charsRead } : null,
          steps: 1_000_000, // until stopped
          checkpointEvery: CHECKPOINT_EVERY,
          reportEvery: 10,
          sampleEvery: 50,
          sampleLength: 200,
        },
        (frame) => take(frame.data, false),
      );
      handle.current = run;
      try {
        take((await run.done).data, true);
        await writing; // kept before "done": Train more then starts from this very checkpoint
        setPhase('done');
      } catch (e) {
        setPhase(e instanceof Cancelled ? 'idle' : 'failed');
        if (!(e instanceof Cancelled)) setError(readableError(e));
      } finally {
        handle.current = null;
      }
    },
    [refresh],
  );

  const control = (action: 'pause' | 'resume' | 'finish', next: TrainingPhase) => () => {
    handle.current?.[action]();
    setPhase(next);
  };
  return {
    phase,
    model,
    kept,
    error,
    train,
    refresh,
    pause: control('pause', 'paused'),
    resume: control('resume', 'training'),
    stop: control('finish', 'stopping'),
  };
}
