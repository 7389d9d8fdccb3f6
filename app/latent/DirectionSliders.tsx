'use client';
import { useEffect, useRef } from 'react';
import { drawBitmap } from '@/lib/canvas/image-file';

export const PREVIEW_AT = [-2, -1, 0, 1, 2]; // standard deviations along a direction, one preview each
const RANGE = 3;

/** "+1.25" / "-0.50", never "-0.00". */
const signed = (v: number) => `${v >= -0.005 ? '+' : ''}${(Math.abs(v) < 0.005 ? 0 : v).toFixed(2)}`;

interface Props {
  sigmas: number[];
  /** The current point's coordinate along each direction, in standard deviations. */
  coords: number[];
  /** One strip per direction: the current point moved to each PREVIEW_AT value. */
  strips: ImageBitmap[] | null;
  onChange: (index: number, value: number) => void;
}

function Strip({ image, onPick }: { image: ImageBitmap | undefined; onPick: (value: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (image && canvas.current) drawBitmap(image, canvas.current);
  }, [image]);
  return (
    <canvas
      ref={canvas}
      width={1}
      height={1}
      title="What this direction does: click a preview to jump there"
      className={`h-auto w-full cursor-pointer rounded ${image ? '' : 'animate-pulse bg-line'}`}
      style={{ aspectRatio: `${PREVIEW_AT.length} / 1` }}
      onClick={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        onPick(
          PREVIEW_AT[
            Math.min(PREVIEW_AT.length - 1, Math.floor(((e.clientX - rect.left) / rect.width) * PREVIEW_AT.length))
          ],
        );
      }}
    />
  );
}

/** Sliders along the principal directions of the encoded training set, each with a strip of previews. */
export function DirectionSliders({ sigmas, coords, strips, onChange }: Props) {
  return (
    <div className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
      {sigmas.map((sigma, i) => (
        <div key={i} className="space-y-1">
          <label className="block text-sm">
            <span className="flex justify-between text-muted">
              <span
                title={
                  `Principal direction ${i + 1} of the encoded training set ` +
                  `(std ${sigma.toFixed(2)} in latent units)`
                }
              >
                Direction {i + 1}
              </span>
              <span className="font-mono text-white">{signed(coords[i])} σ</span>
            </span>
            <input
              data-testid={`direction-${i}`}
              type="range"
              className="mt-1 w-full accent-[var(--color-accent)]"
              min={-RANGE}
              max={RANGE}
              step={0.01}
              value={Math.max(-RANGE, Math.min(RANGE, coords[i]))}
              onChange={(e) => onChange(i, Number(e.target.value))}
            />
          </label>
          <Strip image={strips?.[i]} onPick={(v) => onChange(i, v)} />
          <div className="flex justify-between font-mono text-[10px] text-muted">
            {PREVIEW_AT.map((v) => (
              <span key={v}>
                {v > 0 ? '+' : ''}
                {v}σ
              </span>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
