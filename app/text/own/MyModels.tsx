'use client';
import { deleteOwnModel, type OwnModel, renameOwnModel } from '@/lib/store/own-models';

interface Props {
  models: OwnModel[];
  /** the model on screen, if any */
  current: string | null;
  busy: boolean;
  onTrain: (model: OwnModel) => void;
  onChanged: () => void;
}

/** The person's kept models: name (editable), size, steps, held-out loss, date; go on training one, or delete it. */
export function MyModels({ models, current, busy, onTrain, onChanged }: Props) {
  if (models.length === 0) return null;
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-medium uppercase tracking-wide text-muted">My models (kept in this browser)</h3>
      <ul className="space-y-1">
        {models.map((m) => {
          const last = m.reports.at(-1);
          return (
            <li key={m.id} data-testid="my-model" className="flex flex-wrap items-center gap-2 text-xs">
              <input
                aria-label="Model name"
                defaultValue={m.name}
                onBlur={(e) => void renameOwnModel(m.id, e.target.value).then(onChanged)}
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
                disabled={busy}
                onClick={() => onTrain(m)}
                className="rounded border border-line px-2 py-0.5 disabled:opacity-40"
              >
                {m.phase === 'training' ? 'Resume training' : 'Train more'}
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
