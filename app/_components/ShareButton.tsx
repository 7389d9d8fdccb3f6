'use client';
import { useState } from 'react';
import { recipeHash } from '@/lib/share/codec';
import { publishCreation } from '@/lib/share/publish';
import { isSelfContained } from '@/lib/share/recipe';
import type { Shareable } from '@/lib/share/shareable';

type State =
  | { phase: 'closed' | 'open' | 'working' }
  | { phase: 'shared'; url: string; copied: boolean; note: string }
  | { phase: 'failed'; message: string };

/**
 * Share: a creation the recipe alone remakes (presets, seeds, latents, text) becomes a recipe link; one
 * made from the person's own images, or one they want in the gallery, is uploaded and gets a share page.
 */
export function ShareButton({ current, disabled }: { current: () => Shareable | null; disabled?: boolean }) {
  const [state, setState] = useState<State>({ phase: 'closed' });
  const [listed, setListed] = useState(false);

  const share = async () => {
    const item = current();
    if (!item) {
      setState({ phase: 'failed', message: 'There is nothing finished to share yet: let a run reach its end first.' });
      return;
    }
    setState({ phase: 'working' });
    try {
      let url: string;
      let note: string;
      if (isSelfContained(item.recipe) && !listed) {
        url = `${location.origin}/${item.recipe.studio}${await recipeHash(item.recipe)}`;
        note = 'Anyone who opens this link makes the same creation again, on their own GPU.';
      } else {
        const published = await publishCreation({
          recipe: item.recipe,
          title: item.title,
          listed,
          output: (await item.output?.()) ?? undefined,
          text: item.text,
          inputs: item.inputs ?? [],
        });
        url = `${location.origin}${published.url}`;
        note = listed
          ? 'It is in the public gallery. Only this browser can delete it.'
          : 'Unlisted: only people with the link can see it. Only this browser can delete it.';
      }
      const copied = await navigator.clipboard.writeText(url).then(
        () => true,
        () => false,
      );
      setState({ phase: 'shared', url, copied, note });
    } catch (e) {
      setState({ phase: 'failed', message: e instanceof Error ? e.message : 'Sharing failed.' });
    }
  };

  if (state.phase === 'closed') {
    return (
      <button
        data-testid="share"
        disabled={disabled}
        onClick={() => setState({ phase: 'open' })}
        className="rounded-md border border-line px-3 py-1.5"
      >
        Share…
      </button>
    );
  }
  return (
    <div data-testid="share-panel" className="w-full space-y-2 rounded-lg border border-line bg-ink/60 p-3 text-sm">
      <label className="flex items-center gap-2 text-muted">
        <input
          data-testid="share-listed"
          type="checkbox"
          checked={listed}
          onChange={(e) => setListed(e.target.checked)}
        />
        Show in the public gallery
      </label>
      <div className="flex gap-2">
        <button
          data-testid="share-confirm"
          disabled={disabled || state.phase === 'working'}
          onClick={() => void share()}
          className="rounded-md bg-accent px-3 py-1.5 font-medium text-ink"
        >
          {state.phase === 'working' ? 'Sharing…' : 'Get link'}
        </button>
        <button
          onClick={() => setState({ phase: 'closed' })}
          className="rounded-md px-3 py-1.5 text-muted hover:text-white"
        >
          Close
        </button>
      </div>
      {state.phase === 'shared' && (
        <div className="space-y-1">
          <input
            data-testid="share-link"
            readOnly
            value={state.url}
            onFocus={(e) => e.target.select()}
            className="w-full rounded border border-line bg-panel px-2 py-1 font-mono text-xs"
          />
          <p className="text-xs text-muted">
            {state.copied ? 'Copied. ' : 'Copy it from the box. '}
            {state.note}
          </p>
        </div>
      )}
      {state.phase === 'failed' && (
        <p role="alert" data-testid="share-error" className="text-rose-300">
          {state.message}
        </p>
      )}
    </div>
  );
}
