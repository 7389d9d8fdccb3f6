'use client';
/**
 * What the dream and style studios share around their one picture: a run that draws its frames (step 0, the input at
 * the working size, into the original canvas for "Hold to compare"; every later step into the result), the picture
 * on screen with the files it was made from and its PNG (what Save, Share, Download and the follow-ups build on), the
 * picture put back when a run is cancelled or fails, and chosen files checked by decoding before they are used.
 */
import { type RefObject, useCallback, useRef, useState } from 'react';
import { canvasToPng, drawBitmap, drawPng, loadImageFile } from '../canvas/image-file';
import type { Frame, ModelKey, PlanOf } from '../engine/protocol';
import type { DreamRecipe, ImageRef, StyleRecipe } from '../share/recipe';
import type { Studio } from './useStudio';

type PictureKind = 'dream' | 'style';
type RecipeOf<K extends PictureKind> = K extends 'dream' ? DreamRecipe : StyleRecipe;

/** The canvases a picture studio draws into: the result, and the input at the working size under it. */
export interface PictureCanvases {
  result: RefObject<HTMLCanvasElement | null>;
  original: RefObject<HTMLCanvasElement | null>;
}

export function usePictureRun<K extends PictureKind, S, F>(
  studio: Studio<S, RecipeOf<K>>,
  { result, original }: PictureCanvases,
) {
  const { state, run, model, fail, dismissError } = studio;
  const [hasResult, setHasResult] = useState(false);
  /** True while "Hold to compare" is held: the input shows in place of the result. */
  const [comparing, setComparing] = useState(false);
  /** What the page says about the run: a working size raised for a thin image, a link that waits for an upload. */
  const [notice, setNotice] = useState<string | null>(null);
  const lastRun = useRef<{ files: F; output: Promise<Blob> } | null>(null);
  /** The picture on screen: its recipe, the files it was made from and its PNG; null before the first result. */
  const onScreen = () => (state.shown && lastRun.current ? { recipe: state.shown, ...lastRun.current } : null);

  /** Runs the plan `planOf` makes of the loaded model for `recipe` and its `files`; `onStep` sees each later frame. */
  const paint = useCallback(
    (recipe: RecipeOf<K>, files: F, planOf: (model: ModelKey) => PlanOf<K>, onStep?: (frame: Frame<K>) => void) => {
      if (model.phase !== 'ready') return;
      const plan = planOf(model.model);
      void run(
        recipe,
        async (c) => {
          const draw = (frame: Frame<K>) => {
            const { step, image, data } = frame as Frame<PictureKind>;
            if (step === 0) setNotice(data.note); // a thin image's size goes up, and the recipe says so
            drawBitmap(image!, step === 0 ? original.current! : result.current!);
            image!.close();
            if (step === 0) return;
            setHasResult(true);
            onStep?.(frame);
          };
          let made: Frame<K>;
          try {
            made = await c.engine(plan, draw);
          } catch (e) {
            // the canvas goes back to the picture Share and Save still name
            if (lastRun.current) await drawPng(await lastRun.current.output, result.current!);
            throw e;
          }
          draw(made);
          lastRun.current = { files, output: canvasToPng(result.current!) };
          return (made as Frame<PictureKind>).data.made as RecipeOf<K>;
        },
        recipe.size,
      );
    },
    [model, run, result, original],
  );

  /** Decodes a chosen file at once, so a broken or huge one is reported before anyone presses Run; only a file that
   * decodes is used, with the reference a recipe keeps for it (by the file's name, else `unnamed`). */
  const withFile = (f: Blob & { name?: string }, use: (file: Blob, ref: ImageRef) => void, unnamed = 'pasted image') =>
    loadImageFile(f, 128).then(
      (bitmap) => {
        bitmap.close();
        use(f, { kind: 'upload', name: (f.name || unnamed).slice(0, 120) });
        setNotice(null);
        dismissError();
      },
      (e: Error) => fail(e.message),
    );

  /** What the page says above the picture: a problem with it, else `changed` while settings wait for a run, and the
   * link's note. */
  const frameNotice = (changed: string) =>
    [notice ?? (studio.settingsChanged && changed), state.linkNote].filter(Boolean).join(' ') || null;

  return { hasResult, comparing, setComparing, notice, setNotice, frameNotice, onScreen, paint, withFile };
}

export type PictureRun<K extends PictureKind = PictureKind, S = unknown, F = unknown> = ReturnType<
  typeof usePictureRun<K, S, F>
>;
