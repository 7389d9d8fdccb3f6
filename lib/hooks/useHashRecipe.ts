'use client';
import { useEffect, useState } from 'react';
import { decodeRecipe, RecipeError, recipeTextFromHash } from '../share/codec';
import { modelMismatch } from '../share/model-ref';
import type { Recipe, StudioId } from '../share/recipe';

export type HashRecipe<R> =
  | { phase: 'reading' }
  | { phase: 'none' }
  | { phase: 'ready'; recipe: R; warning: string | null }
  | { phase: 'broken'; message: string };

/** The recipe in the page's `#r=` fragment, checked: right studio, known model, same weights. */
export function useHashRecipe<R extends Recipe>(studio: StudioId): HashRecipe<R> {
  // Client-only (studios never render on the server), so the fragment is readable at first render.
  const [text] = useState(() => recipeTextFromHash(location.hash));
  const [state, setState] = useState<HashRecipe<R>>(text ? { phase: 'reading' } : { phase: 'none' });
  useEffect(() => {
    if (!text) return;
    decodeRecipe(text).then(
      (recipe) => {
        if (recipe.studio !== studio) {
          setState({
            phase: 'broken',
            message: `This link holds a ${recipe.studio} recipe; open it in the ${recipe.studio} studio.`,
          });
        } else setState({ phase: 'ready', recipe: recipe as R, warning: modelMismatch(recipe.model) });
      },
      (e: unknown) =>
        setState({ phase: 'broken', message: e instanceof RecipeError ? e.message : 'This link could not be read.' }),
    );
  }, [studio, text]);
  return state;
}

/** `?size=N`: the working size (long side) for image studios, clamped to what the studio allows. */
export function sizeParam(search: string, fallback: number, min: number, max: number): number {
  const n = Number(new URLSearchParams(search).get('size'));
  return Number.isFinite(n) && n > 0 ? Math.round(Math.min(max, Math.max(min, n))) : fallback;
}
