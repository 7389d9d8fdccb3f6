'use client';
import { useState } from 'react';
import { modelFileName, ownModelFile, readOwnModelFile } from '@/lib/store/own-model-file';
import { deleteOwnModel, type OwnModel, renameOwnModel, saveOwnModel } from '@/lib/store/own-models';

/** Downloads the model as one file (float16 weights, no text). */
function download(model: OwnModel) {
  const file = ownModelFile(model);
  if (!file) return;
  const link = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(new Blob([file], { type: 'application/json' })),
    download: modelFileName(model.name),
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

interface Props {
  models: OwnModel[];
  /** the model on screen, if any */
  current: string | null;
  busy: boolean;
  onTrain: (model: OwnModel) => void;
  /** write with it in the studio above */
  onWrite: (model: OwnModel) => void;
  onChanged: () => void;
}

/** The person's kept models: name (editable), size, steps, held-out loss, date; go on training one, write with it,
 * export or delete it. */
export function MyModels({ models, current, busy, onTrain, onWrite, onChanged }: Props) {
  const [problem, setProblem] = useState<string | null>(null);
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      await saveOwnModel(readOwnModelFile(new Uint8Array(await file.arrayBuffer())));
      setProblem(null);
      onChanged();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="text-xs font-medium uppercase tracking-wide text-muted">My models (kept in this browser)</h3>
        <label className="text-xs text-muted">
          Import a model file{' '}
          <input
            type="file"
            accept=".json,application/json"
            aria-label="A model file to import"
            onChange={(e) => void importFile(e.target.files?.[0])}
          />
        </label>
      </div>
      {problem && (
        <p data-testid="my-model-problem" role="alert" className="text-xs text-rose-300">
          {problem}
        </p>
      )}
      <ul className="space-y-1">
        {models.map((m) => {
          const last = m.reports.at(-1);
          return (
            <li key={m.id} data-testid="my-model" className="flex flex-wrap items-center gap-2 text-xs">
              <input
                aria-label="Model name"
                defaultValue={m.name}
                // The model learning now is saved with its name at each checkpoint: renamed once it stops.
                disabled={busy && m.id === current}
                onBlur={(e) => e.target.value !== m.name && void renameOwnModel(m.id, e.target.value).then(onChanged)}
                className="w-40 rounded border border-line bg-ink/60 px-1 py-0.5"
              />
              <span className="text-muted">
                {m.shape.layers} x {m.shape.hidden}, {(last?.steps ?? 0).toLocaleString('en')} steps
                {last && `, held out ${last.heldOutLoss.toFixed(2)} nats/char`},{' '}
                {new Date(m.updatedAt).toLocaleDateString('en')}
                {m.id === current && ' (on screen)'}
              </span>
              <button
                data-testid="my-model-train"
                disabled={busy || !m.text}
                title={m.text ? undefined : 'An imported model comes without the text it learnt from'}
                onClick={() => onTrain(m)}
                className="rounded border border-line px-2 py-0.5 disabled:opacity-40"
              >
                {m.phase === 'training' ? 'Resume training' : 'Train more'}
              </button>
              <button
                data-testid="my-model-write"
                disabled={!m.weights || (busy && m.id === current)}
                onClick={() => onWrite(m)}
                className="rounded border border-accent px-2 py-0.5 disabled:opacity-40"
              >
                Write with it
              </button>
              <button
                data-testid="my-model-export"
                disabled={!m.weights}
                onClick={() => download(m)}
                className="rounded border border-line px-2 py-0.5 disabled:opacity-40"
              >
                Export
              </button>
              <button
                disabled={busy && m.id === current}
                onClick={() => void deleteOwnModel(m.id).then(onChanged)}
                className="rounded border border-line px-2 py-0.5 disabled:opacity-40"
              >
                Delete
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
