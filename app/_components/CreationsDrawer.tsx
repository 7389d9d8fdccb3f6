'use client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { downloadBlob } from '@/lib/canvas/download';
import { type Creation, deleteCreation, exportCreations, importCreations, listCreations } from '@/lib/store/creations';

interface Props {
  /** Offered on image creations when the studio takes images as input: one button each ("use", "as style"). */
  uses?: { label: string; onUse: (creation: Creation) => void }[];
  /** Bumped by the studio after it saves, so the list refreshes. */
  version: number;
}

function Thumb({ blob }: { blob: Blob }) {
  const url = useMemo(() => URL.createObjectURL(blob), [blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={url} alt="" className="h-14 w-14 rounded object-cover" />;
}

/** "My creations": everything saved in this browser, to reopen, reuse as input, export or import. */
export function CreationsDrawer({ uses = [], version }: Props) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Creation[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = useCallback(() => listCreations().then(setItems, (e: Error) => setMessage(e.message)), []);
  useEffect(() => {
    if (open) void refresh();
  }, [open, version, refresh]);

  const download = async () => downloadBlob(await exportCreations(), 'neural-atelier-creations.json');

  return (
    <div className="rounded-lg border border-line">
      <button
        data-testid="creations-toggle"
        className="flex w-full justify-between px-3 py-2 text-sm text-muted hover:text-white"
        onClick={() => setOpen(!open)}
      >
        <span>My creations</span>
        <span>{open ? '–' : '+'}</span>
      </button>
      {open && (
        <div className="space-y-2 border-t border-line p-3 text-sm">
          {items.length === 0 && <p className="text-muted">Nothing saved yet. Press “Save” after a run.</p>}
          <ul className="max-h-72 space-y-2 overflow-auto">
            {items.map((c) => (
              <li key={c.id} className="flex items-center gap-2">
                {c.image ? (
                  <Thumb blob={c.image} />
                ) : (
                  <span className="flex h-14 w-14 items-center justify-center rounded bg-ink text-xs text-muted">
                    {c.studio}
                  </span>
                )}
                <div className="min-w-0 flex-1">
                  <a className="block truncate text-white hover:underline" href={`/${c.studio}#r=${c.recipe}`}>
                    {c.title}
                  </a>
                  <span className="text-xs text-muted">{new Date(c.createdAt).toLocaleString()}</span>
                </div>
                {c.image &&
                  uses.map((u) => (
                    <button key={u.label} className="text-xs text-accent hover:underline" onClick={() => u.onUse(c)}>
                      {u.label}
                    </button>
                  ))}
                <button
                  className="text-xs text-muted hover:text-rose-300"
                  onClick={() => deleteCreation(c.id).then(refresh)}
                  aria-label={`delete ${c.title}`}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <div className="flex gap-3 pt-1 text-xs">
            <button
              className="text-muted hover:text-white"
              onClick={() => void download()}
              disabled={items.length === 0}
            >
              Export all
            </button>
            <label className="cursor-pointer text-muted hover:text-white">
              Import…
              <input
                type="file"
                accept="application/json"
                className="sr-only"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f)
                    importCreations(f).then(
                      (n) => {
                        setMessage(`Imported ${n} creations.`);
                        return refresh();
                      },
                      (err: Error) => setMessage(err.message),
                    );
                  e.target.value = '';
                }}
              />
            </label>
          </div>
          {message && <p className="text-xs text-amber-200">{message}</p>}
        </div>
      )}
    </div>
  );
}
