'use client';
import type { ImageRef } from '@/lib/share/recipe';
import type { MaskStrokes } from '@/lib/share/recipe';
import { ImagePicker } from '../_components/ImagePicker';

/** One style of a run: its image, its blend weight, and optionally the painted region where it goes. */
export type Slot = { image: ImageRef; weight: number; file: Blob | null; region?: MaskStrokes };

interface Props {
  index: number;
  slot: Slot;
  /** How many styles the run has: weights and regions only matter with more than one. */
  count: number;
  onChange: (slot: Partial<Slot>) => void;
  onFile: (file: File) => void;
  onRemove: () => void;
  /** Whether the brush over the picture is painting this style's region now. */
  painting: boolean;
  onPainting: (painting: boolean) => void;
}

export function StyleSlot({ index, slot, count, onChange, onFile, onRemove, painting, onPainting }: Props) {
  const strokes = slot.region?.strokes.length ?? 0;
  return (
    <div className="space-y-1.5 rounded-lg border border-line p-3">
      <div className="flex items-center justify-between text-sm">
        <span className="text-muted">Style {count > 1 ? index + 1 : ''}</span>
        {count > 1 && (
          <button onClick={onRemove} className="text-xs text-muted hover:text-rose-300">
            remove
          </button>
        )}
      </div>
      <ImagePicker
        label="Style image"
        testId={index === 0 ? 'upload-style' : `upload-style-${index}`}
        value={slot.image}
        onPreset={(ref) => onChange({ image: ref, file: null })}
        prefer="painting"
        onFile={onFile}
      />
      {count > 1 && (
        <>
          <label
            className="flex items-center gap-2 text-xs text-muted"
            title="How much of this style, among the styles that share an area"
          >
            weight
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={slot.weight}
              onChange={(e) => onChange({ weight: Number(e.target.value) })}
              className="flex-1 accent-[var(--color-accent)]"
            />
            <span className="w-8 font-mono text-white">{slot.weight.toFixed(2)}</span>
          </label>
          <div className="flex items-center justify-between gap-2 text-xs">
            <button
              data-testid={`paint-region-${index}`}
              onClick={() => onPainting(!painting)}
              className={`rounded-md border px-2 py-0.5 ${
                painting ? 'border-accent text-accent' : 'border-line text-muted hover:text-white'
              }`}
              title="Paint over the picture where this style goes; styles without a region share the rest"
            >
              {painting ? 'done painting' : strokes ? 'paint more of its region' : 'paint where it goes'}
            </button>
            {strokes > 0 && (
              <span className="text-muted">
                region ({strokes}) ·{' '}
                <button
                  data-testid={`clear-region-${index}`}
                  onClick={() => onChange({ region: undefined })}
                  className="hover:text-white"
                >
                  clear
                </button>
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
