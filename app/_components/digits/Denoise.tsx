'use client';
// Denoising: wipe strokes from the digit by hand and add seeded noise; the denoising autoencoder cleans it, and the
// classifier says what it makes of the corrupted and the cleaned digit. The run is the studio's (its recipe holds
// the erased pixels, the noise level and seed), so a link remakes it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { decodeDigit, DIGIT_PIXELS } from '@/lib/share/recipe';
import { DigitCanvas } from './DigitCanvas';
import { Probabilities } from './Probabilities';

const ERASER = 1; // brush radius in digit pixels: a 3x3 square

/** The digit at 6x, erased pixels tinted; dragging over it erases (a 3x3 brush). */
function ErasePad({
  digit,
  erased,
  onErase,
}: {
  digit: Float32Array;
  erased: Uint8Array;
  onErase: (update: (erased: Uint8Array) => Uint8Array) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const erasing = useRef(false);
  useEffect(() => {
    const image = new ImageData(28, 28);
    digit.forEach((v, i) => {
      const level = Math.round(255 * v);
      image.data.set(erased[i] ? [90, 30, 40, 255] : [level, level, level, 255], i * 4);
    });
    canvas.current!.getContext('2d')!.putImageData(image, 0, 0);
  }, [digit, erased]);
  const erase = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!erasing.current) return;
    const box = e.currentTarget.getBoundingClientRect();
    const [cy, cx] = [
      Math.floor(((e.clientY - box.top) / box.height) * 28),
      Math.floor(((e.clientX - box.left) / box.width) * 28),
    ];
    // An update of the latest mask: several moves can arrive before React draws again.
    onErase((before) => {
      const next = before.slice();
      for (let y = cy - ERASER; y <= cy + ERASER; y++)
        for (let x = cx - ERASER; x <= cx + ERASER; x++) if (y >= 0 && y < 28 && x >= 0 && x < 28) next[y * 28 + x] = 1;
      return next;
    });
  };
  return (
    <canvas
      ref={canvas}
      data-testid="erase-pad"
      width={28}
      height={28}
      className="h-[168px] w-[168px] cursor-cell touch-none rounded bg-black [image-rendering:pixelated]"
      onPointerDown={(e) => {
        erasing.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        erase(e);
      }}
      onPointerMove={erase}
      onPointerUp={() => (erasing.current = false)}
    />
  );
}

export interface DenoiseChoice {
  sd: number;
  erased: Uint8Array;
}

/** The controls: the erase pad, the noise level, and the button that runs it. */
export function DenoiseControls({
  digit,
  disabled,
  onRun,
  initial,
  runTestId = 'denoise',
}: {
  digit: string;
  disabled: boolean;
  onRun: (choice: DenoiseChoice) => void;
  /** the damage the controls start with (none erased, noise 0.3 when absent) */
  initial?: DenoiseChoice;
  /** the run button's test id: 'run' where denoising is the studio's run */
  runTestId?: string;
}) {
  const pixels = useMemo(() => decodeDigit(digit), [digit]);
  const [sd, setSd] = useState(initial?.sd ?? 0.3);
  const [erased, setErased] = useState<Uint8Array>(() => initial?.erased ?? new Uint8Array(DIGIT_PIXELS));
  // What was rubbed out belongs to one digit (the recipe's text): another digit starts whole.
  const [erasedFor, setErasedFor] = useState(digit);
  if (erasedFor !== digit) {
    setErasedFor(digit);
    setErased(new Uint8Array(DIGIT_PIXELS));
  }
  const count = erased.reduce((a, b) => a + b, 0);
  return (
    <section className="space-y-2 rounded-lg border border-line p-3 text-sm">
      <p className="text-muted">
        Denoise: rub out part of your digit (drag over it) and add noise; an autoencoder trained to undo both cleans it.
      </p>
      <ErasePad digit={pixels} erased={erased} onErase={setErased} />
      <div className="flex items-center gap-2 text-xs text-muted">
        <span data-testid="erased-count">{count} pixels erased</span>
        <button
          onClick={() => setErased(new Uint8Array(DIGIT_PIXELS))}
          disabled={count === 0}
          className="rounded border border-line px-2 py-0.5 disabled:opacity-40"
        >
          restore
        </button>
      </div>
      <label className="flex items-center gap-2">
        <span className="w-24 text-muted">noise {sd.toFixed(2)}</span>
        <input
          data-testid="noise"
          type="range"
          min={0}
          max={0.5}
          step={0.05}
          value={sd}
          onChange={(e) => setSd(Number(e.target.value))}
          className="flex-1"
        />
      </label>
      <button
        data-testid={runTestId}
        disabled={disabled}
        onClick={() => onRun({ sd, erased })}
        className="rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
      >
        Add noise and clean it
      </button>
    </section>
  );
}

export interface Denoised {
  noisy: Float32Array;
  cleaned: Float32Array;
  noisyProbabilities: Float32Array;
  cleanedProbabilities: Float32Array;
}

/** What a denoising run made: the corrupted digit and the cleaned one, each with the classifier's probabilities. */
export function DenoiseResult({ denoised }: { denoised: Denoised }) {
  return (
    <>
      {(['noisy', 'cleaned'] as const).map((which) => (
        <figure key={which} className="w-56 space-y-2">
          <DigitCanvas pixels={denoised[which]} testId={which} className="h-56 w-56 rounded-lg bg-black" />
          <figcaption className="text-xs text-muted">
            {which === 'noisy' ? 'erased and noisy: what the autoencoder gets' : 'cleaned: what it gives back'}
          </figcaption>
          <Probabilities values={denoised[`${which}Probabilities`]} testId={`${which}-probabilities`} />
        </figure>
      ))}
    </>
  );
}
