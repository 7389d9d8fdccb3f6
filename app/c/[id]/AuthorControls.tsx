'use client';
import { useState, useSyncExternalStore } from 'react';
import { deletePublished, deleteTokenFor, setPublishedListing } from '@/lib/share/publish';

const onStorage = (changed: () => void) => {
  window.addEventListener('storage', changed);
  return () => window.removeEventListener('storage', changed);
};

/** Delete and list/unlist, shown only in the browser that shared the creation (it holds the token). */
export function AuthorControls({ id, listed: initiallyListed }: { id: string; listed: boolean }) {
  // The token lives in this browser's storage: false on the server, read on the client.
  const isAuthor = useSyncExternalStore(
    onStorage,
    () => deleteTokenFor(id) !== undefined,
    () => false,
  );
  const [listed, setListed] = useState(initiallyListed);
  const [state, setState] = useState<{ busy: boolean; message: string | null; deleted: boolean }>({
    busy: false,
    message: null,
    deleted: false,
  });
  if (state.deleted)
    return (
      <p data-testid="deleted" className="rounded-lg border border-line p-3 text-sm text-emerald-300">
        Deleted. This link now says the creation is gone.
      </p>
    );
  if (!isAuthor) return null;

  const act = (work: () => Promise<void>) => {
    setState((s) => ({ ...s, busy: true, message: null }));
    work().catch((e: Error) => setState((s) => ({ ...s, busy: false, message: e.message })));
  };
  const remove = () => {
    if (!confirm('Delete this creation for everyone? The link will stop working.')) return;
    act(async () => {
      await deletePublished(id);
      setState({ busy: false, message: null, deleted: true });
    });
  };
  const toggleListing = () =>
    act(async () => {
      await setPublishedListing(id, !listed);
      setListed(!listed);
      setState((s) => ({ ...s, busy: false }));
    });

  return (
    <div className="space-y-2 rounded-lg border border-line p-3 text-sm">
      <p className="text-muted">You shared this from this browser.</p>
      <div className="flex flex-wrap gap-2">
        <button
          data-testid="toggle-listing"
          disabled={state.busy}
          onClick={toggleListing}
          className="rounded-md border border-line px-3 py-1.5 hover:text-white"
        >
          {listed ? 'Take out of the gallery' : 'Show in the gallery'}
        </button>
        <button
          data-testid="delete-shared"
          disabled={state.busy}
          onClick={remove}
          className="rounded-md border border-rose-500/50 px-3 py-1.5 text-rose-200 hover:bg-rose-950/50"
        >
          Delete
        </button>
      </div>
      {state.message && (
        <p role="alert" className="text-rose-300">
          {state.message}
        </p>
      )}
    </div>
  );
}
