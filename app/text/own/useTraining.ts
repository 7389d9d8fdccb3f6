'use client';
// A person's own model learning in the engine's Worker: the run's handle, its reports as they come, and its end.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Cancelled, readableError } from '@/lib/engine/errors';
import { pageEngine, type RunHandle } from '@/lib/engine/client';
import type { FrameData, PlanOf } from '@/lib/engine/protocol';

export type Report = FrameData['charrnn-train'];
export type TrainingPhase = 'idle' | 'training' | 'paused' | 'stopping' | 'done' | 'failed';

export function useTraining() {
  const [phase, setPhase] = useState<TrainingPhase>('idle');
  const [reports, setReports] = useState<Report[]>([]);
  const [samples, setSamples] = useState<{ steps: number; text: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const handle = useRef<RunHandle<'charrnn-train'> | null>(null);
  const [trained, setTrained] = useState<Report | null>(null);

  const take = useCallback((report: Report) => {
    setReports((was) => [...was, report]);
    const { sample, steps } = report;
    if (sample !== null) setSamples((was) => [{ steps, text: sample }, ...was].slice(0, 5));
  }, []);

  const start = useCallback(
    async (plan: PlanOf<'charrnn-train'>) => {
      setReports([]);
      setSamples([]);
      setError(null);
      setTrained(null);
      setPhase('training');
      const engine = await pageEngine();
      const run = engine.run(plan, (frame) => take(frame.data));
      handle.current = run;
      try {
        const last = await run.done;
        take(last.data);
        setTrained(last.data);
        setPhase('done');
      } catch (e) {
        if (e instanceof Cancelled) setPhase('idle');
        else {
          setError(readableError(e));
          setPhase('failed');
        }
      } finally {
        handle.current = null;
      }
    },
    [take],
  );

  // Leaving the page ends the run: the engine is the page's.
  useEffect(() => () => handle.current?.cancel(), []);

  const control = (action: 'pause' | 'resume' | 'finish' | 'cancel', next: TrainingPhase) => () => {
    handle.current?.[action]();
    setPhase(next);
  };
  return {
    phase,
    reports,
    samples,
    error,
    trained,
    start,
    pause: control('pause', 'paused'),
    resume: control('resume', 'training'),
    stop: control('finish', 'stopping'),
  };
}
