'use client';
// The Lab's runs: what a recipe shows (a digit layer by layer, the classifier made to see a class, the digit
// denoised, or an InceptionV3 channel grown from noise), and the live layers while the pen is down.
import { type RefObject, useCallback, useRef, useState } from 'react';
import { seeClassStartPixels } from '@/models/classifier/settings';
import { registryEntry } from '@/models/registry';
import { drawBitmap } from '@/lib/canvas/image-file';
import { pageEngine } from '@/lib/engine/client';
import type { DigitLayers, Frame } from '@/lib/engine/protocol';
import type { Studio } from '@/lib/hooks/useStudio';
import { entryForRef, keyOf } from '@/lib/share/model-ref';
import { decodeDigit, decodeErased, type LabRecipe } from '@/lib/share/recipe';
import type { Denoised } from '../_components/digits/Denoise';
import { drawDigit } from '../_components/digits/draw-digit';
import { type LabChoices, recipeOf } from './lab-recipe';

const JUDGE = registryEntry('digit-cnn-b');
const DENOISER = registryEntry('vae-mnist-denoise');
const INCEPTION = registryEntry('inception-v3');

/** What the result shows beside the digit. */
export type LabView =
  | { kind: 'layers'; layers: DigitLayers }
  | { kind: 'see'; probabilities: Float32Array; judged: Float32Array }
  | ({ kind: 'denoise' } & Denoised)
  | { kind: 'feature'; start: number; end: number | null };

export function useLabRuns(studio: Studio<LabChoices, LabRecipe>, result: RefObject<HTMLCanvasElement | null>) {
  const { run, entry, model } = studio;
  const [view, setView] = useState<LabView | null>(null);
  // Live layers while the pen is down: one engine run at a time, the newest drawing next; a pen lift (a new
  // generation) drops whatever is still to come.
  const live = useRef({ busy: false, next: null as Float32Array | null, generation: 0 });

  const show = useCallback(
    (choices: LabChoices) => {
      if (model.phase !== 'ready') return;
      const classifier = model.model;
      const pixels = decodeDigit(choices.digit);
      live.current.generation++;
      void run(recipeOf(choices, entry), async (c) => {
        const { shows } = choices;
        if (shows.kind === 'feature') {
          const { kind, model: inception, steps, ...settings } = shows;
          setView({ kind, start: 0, end: null });
          const frame = await c.engine(
            { kind: 'feature-vis', model: keyOf(entryForRef(inception) ?? INCEPTION), settings, steps },
            (f) => f.image && drawBitmap(f.image, result.current!),
          );
          drawBitmap(frame.image!, result.current!);
          setView({ kind, ...frame.data! }); // the result carries the measured activations
          return;
        }
        if (shows.kind === 'see') {
          const { kind, judge, steps, start, ...settings } = shows;
          const draw = ({ image, data }: Frame<'see-class'>) => {
            if (image) drawBitmap(image, result.current!);
            setView({ kind, ...data });
          };
          const judgeKey = keyOf(entryForRef(judge) ?? JUDGE);
          const from = seeClassStartPixels(start, pixels, settings.seed);
          draw(
            await c.engine(
              { kind: 'see-class', model: classifier, judge: judgeKey, pixels: from, settings, steps },
              draw,
            ),
          );
          return;
        }
        drawDigit(pixels, result.current!);
        if (shows.kind === 'denoise') {
          const corruption = { sd: shows.sd, seed: shows.seed, erased: decodeErased(shows.erased) };
          const { data } = await c.engine({
            kind: 'denoise',
            model: keyOf(entryForRef(shows.denoiser) ?? DENOISER),
            classifier,
            pixels,
            corruption,
          });
          setView({ kind: 'denoise', ...data });
          return;
        }
        const { data } = await c.engine({ kind: 'digit-layers', model: classifier, pixels });
        setView({ kind: 'layers', layers: data });
      });
    },
    [model, run, entry, result],
  );

  const drawing = (pixels: Float32Array) => {
    if (model.phase !== 'ready') return;
    const classifier = model.model;
    const queue = live.current;
    queue.next = pixels;
    if (queue.busy) return;
    queue.busy = true;
    const generation = queue.generation;
    void (async () => {
      const engine = await pageEngine();
      while (queue.next && generation === queue.generation) {
        const next = queue.next;
        queue.next = null;
        // A failed frame is not shown; the pen lift's run reports any error.
        const frame = await engine
          .run({ kind: 'digit-layers', model: classifier, pixels: next })
          .done.catch(() => null);
        if (!frame || generation !== queue.generation) break;
        drawDigit(next, result.current!);
        setView({ kind: 'layers', layers: frame.data });
      }
      queue.busy = false;
    })();
  };
  return { view, show, drawing };
}
