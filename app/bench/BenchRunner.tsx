'use client';
import { useEffect, useRef, useState } from 'react';
import { pageEngine } from '@/lib/engine/client';
import { useBackend } from '@/lib/hooks/useBackend';
import { BackendBadge } from '../_components/BackendBadge';

/** Runs a benchmark in this browser on this backend: how fast is my GPU? (bench/run.ts drives it too.) */
export default function BenchRunner() {
  const backend = useBackend();
  const [name] = useState(() => new URLSearchParams(location.search).get('name') ?? 'inception');
  const [autoRun] = useState(() => new URLSearchParams(location.search).get('run') === '1');
  const [options] = useState(() => {
    const query = new URLSearchParams(location.search);
    return { maxSize: Number(query.get('max')) || undefined, steps: Number(query.get('steps')) || undefined };
  });
  const [result, setResult] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const start = async () => {
    if (backend.phase !== 'ready') return;
    setRunning(true);
    try {
      const engine = await pageEngine();
      const { data: figures } = await engine.run({ kind: 'bench', name, ...options }).done;
      const { name: used, adapter, threads } = backend.info;
      setResult(JSON.stringify({ backend: used, adapter, ...(threads ? { threads } : {}), figures }));
    } catch (e) {
      setResult(JSON.stringify({ backend: backend.info.name, error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setRunning(false);
    }
  };

  // ?run=1 (bench/run.ts): start once the backend is up.
  const autoStarted = useRef(false);
  useEffect(() => {
    if (!autoRun || backend.phase !== 'ready' || autoStarted.current) return;
    autoStarted.current = true;
    void Promise.resolve().then(start);
  });

  return (
    <div className="space-y-6">
      <div className="flex justify-between">
        <div>
          <h1 className="font-serif text-4xl text-white">GPU benchmark</h1>
          <p className="text-muted">
            How long this browser takes for the studios&apos; core work ({name}), in milliseconds. Add ?backend=webgl or
            cpu to compare.
          </p>
        </div>
        <BackendBadge backend={backend} />
      </div>
      <button
        onClick={() => void start()}
        disabled={running || backend.phase !== 'ready'}
        className="rounded-lg bg-accent px-5 py-2 font-medium text-ink disabled:opacity-40"
      >
        {running ? 'Running…' : 'Run benchmark'}
      </button>
      {result && (
        <pre data-testid="bench-result" className="overflow-auto rounded-lg border border-line bg-panel p-4 text-sm">
          {result}
        </pre>
      )}
    </div>
  );
}
