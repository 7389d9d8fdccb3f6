'use client';
import { type RefObject, useEffect, useRef } from 'react';
import { decodeDigit, decodeErased, type DenoiseRecipe } from '@/lib/share/recipe';
import type { Denoised } from '../_components/digits/Denoise';
import { DigitCanvas } from '../_components/digits/DigitCanvas';
import { drawDigit } from '../_components/digits/draw-digit';
import { Probabilities } from '../_components/digits/Probabilities';

interface Props {
  /** the row of digits Save and Share keep as one picture */
  figures: RefObject<HTMLDivElement | null>;
  /** the recipe on screen, and what its run made */
  shown: DenoiseRecipe | null;
  made: Denoised | null;
}

const BIG = 'h-56 w-56 rounded-lg bg-black';

/** The digit, the same digit damaged (what the autoencoder gets), and what it gives back, each read by the
 * classifier. The cleaned digit is the studio's result canvas. */
export function DenoisedDigits({ figures, shown, made }: Props) {
  const result = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (made) drawDigit(made.cleaned, result.current!);
  }, [made]);
  const erased = shown ? decodeErased(shown.erased).reduce((a, b) => a + b, 0) : 0;
  return (
    <div ref={figures} className="flex flex-wrap items-start gap-6">
      <figure className="w-56 space-y-2">
        {shown && <DigitCanvas pixels={decodeDigit(shown.digit)} testId="original" className={BIG} />}
        <figcaption className="text-xs text-muted">the digit</figcaption>
      </figure>
      <figure className="w-56 space-y-2">
        {made && <DigitCanvas pixels={made.noisy} testId="noisy" className={BIG} />}
        <figcaption className="text-xs text-muted">
          {shown ? `${erased} pixels rubbed out, noise of ${shown.sd.toFixed(2)}: ` : ''}what the autoencoder gets
        </figcaption>
        {made && <Probabilities values={made.noisyProbabilities} testId="noisy-probabilities" />}
      </figure>
      <figure className="w-56 space-y-2">
        <canvas
          data-testid="result"
          ref={result}
          width={28}
          height={28}
          className={`${BIG} [image-rendering:pixelated]`}
        />
        <figcaption className="text-xs text-muted">cleaned: what it gives back</figcaption>
        {made && <Probabilities values={made.cleanedProbabilities} testId="cleaned-probabilities" />}
      </figure>
    </div>
  );
}
