'use client';
import { Slider } from '../_components/Slider';
import { type Slot, StyleSlot } from './StyleSlot';

interface Props {
  slots: Slot[];
  max: number;
  onChange: (index: number, slot: Partial<Slot>) => void;
  onFile: (index: number, file: File) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
  /** the style whose region the brush paints, if any */
  painting: number | null;
  onPainting: (index: number | null) => void;
  brush: number;
  onBrush: (brush: number) => void;
}

/** The run's styles, each with its weight and region, the brush while a region is painted, and room for another. */
export function StyleSlots({ slots, max, onChange, onFile, onRemove, onAdd, painting, onPainting, ...brush }: Props) {
  return (
    <>
      {slots.map((s, i) => (
        <StyleSlot
          key={i}
          index={i}
          slot={s}
          count={slots.length}
          onChange={(slot) => onChange(i, slot)}
          onFile={(f) => onFile(i, f)}
          onRemove={() => onRemove(i)}
          painting={painting === i}
          onPainting={(on) => onPainting(on ? i : null)}
        />
      ))}
      {painting !== null && (
        <Slider
          label="Brush"
          value={brush.brush}
          min={0.01}
          max={0.3}
          step={0.01}
          onChange={brush.onBrush}
          format={(v) => `${Math.round(v * 100)}%`}
        />
      )}
      {slots.length < max && (
        <button
          onClick={onAdd}
          className="w-full rounded-md border border-dashed border-line px-3 py-1.5 text-sm text-muted hover:text-white"
        >
          + Blend in another style
        </button>
      )}
    </>
  );
}
