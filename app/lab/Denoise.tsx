'use client';
// Denoising: noise added to the digit on screen (seeded, so the same slider gives the same noise), cleaned by the
// denoising VAE, and what the classifier makes of the noisy and the cleaned digit.
import { useEffect, useRef, useState } from 'react';
import { seededNormals } from '@/models/core/random';
import { registryEntry } from '@/models/registry';
import { pageEngine } from '@/lib/engine/client';
import type { ModelKey } from '@/lib/engine/protocol';
import { drawDigit } from './draw-digit';

const DENOISER = registryEntry('vae-mnist-denoise');
const DENOISER_KEY: ModelKey = { id: DENOISER.id, version: DENOISER.version };

/** The digit with Gaussian noise of standard deviation `sd` (seeded), clipped to [0, 1]. */
const noisy = (pixels: Float32Array, sd: number) => {
  const noise = seededNormals(1, pixels.length);
  return pixels.map((v, i) => Math.min(1, Math.max(0, v + sd * noise[i])));
};

/** The top class and its probability, as the classifier sees a digit. */
async function guess(classifier: ModelKey, pixels: Float32Array): Promise<string> {
  const { metrics } = await (await pageEngine()).run({ kind: 'digit-layers', model: classifier, pixels }).done;
  const p = metrics!.probabilities as Float32Array;
  const top = p.indexOf(Math.max(...p));
  return `${top} (${(100 * p[top]).toFixed(0)}%)`;
}

function Digit({ pixels, testId }: { pixels: Float32Array; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => drawDigit(pixels, canvas.current!), [pixels]);
  return <canvas ref={canvas} data-testid={testId} width={28} height={28} className="h-28 w-28 rounded bg-black [image-rendering:pixelated]" />;
}

export function Denoise({ digit, classifier, disabled }: { digit: Float32Array; classifier: ModelKey; disabled: boolean }) {
  const [sd, setSd] = useState(0.3);
  const [shown, setShown] = useState<{ noisy: Float32Array; cleaned: Float32Array; guesses: [string, string] } | null>(null);
  const [busy, setBusy] = useState(false);
  const clean = async () => {
    setBusy(true);
    try {
      const input = noisy(digit, sd);
      const { metrics } = await (await pageEngine()).run({ kind: 'denoise', model: DENOISER_KEY, pixels: input }).done;
      const cleaned = metrics!.pixels as Float32Array;
      setShown({ noisy: input, cleaned, guesses: [await guess(classifier, input), await guess(classifier, cleaned)] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="space-y-2 rounded-lg border border-line p-3 text-sm">
      <p className="text-muted">Denoise: add noise to the digit and let a denoising autoencoder ({DENOISER.title}) clean it.</p>
      <label className="flex items-center gap-2">
        <span className="w-24 text-muted">noise {sd.toFixed(2)}</span>
        <input data-testid="noise" type="range" min={0} max={0.5} step={0.05} value={sd} onChange={(e) => setSd(Number(e.target.value))} className="flex-1" />
      </label>
      <button data-testid="denoise" disabled={disabled || busy} onClick={() => void clean()} className="rounded-md border border-line px-3 py-1.5 disabled:opacity-40">
        Add noise and clean it
      </button>
      {shown && (
        <div className="flex gap-4 pt-1">
          <figure className="space-y-1 text-xs text-muted">
            <Digit pixels={shown.noisy} testId="noisy" />
            <figcaption data-testid="noisy-guess">noisy: {shown.guesses[0]}</figcaption>
          </figure>
          <figure className="space-y-1 text-xs text-muted">
            <Digit pixels={shown.cleaned} testId="cleaned" />
            <figcaption data-testid="cleaned-guess">cleaned: {shown.guesses[1]}</figcaption>
          </figure>
        </div>
      )}
    </section>
  );
}
