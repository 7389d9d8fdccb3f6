'use client';
import { PRESETS } from '@/lib/canvas/presets';
import type { ImageRef } from '@/lib/canvas/input';
import { ImageDrop } from './ImageDrop';

interface Props {
  label: string;
  /** Test id of the file input; preset buttons get `${testId}-<preset id>`. */
  testId: string;
  value: ImageRef | undefined;
  onPreset: (id: string) => void;
  onFile: (file: File) => void;
  acceptPaste?: boolean;
}

export const describeImage = (ref: ImageRef) => (ref.kind === 'preset' ? `the ${PRESETS.find((p) => p.id === ref.id)?.title ?? ref.id} preset` : ref.kind === 'upload' ? `"${ref.name}"` : ref.kind === 'shared' ? 'a shared image' : 'a saved creation');

/** An image input: the project's generated presets, or a file (upload, drop, paste). */
export function ImagePicker({ label, testId, value, onPreset, onFile, acceptPaste }: Props) {
  return (
    <div className="space-y-1.5">
      <ImageDrop label={label} testId={testId} onFile={onFile} acceptPaste={acceptPaste} />
      <div className="flex flex-wrap gap-1.5">
        {PRESETS.map((p) => (
          <button key={p.id} data-testid={`${testId}-${p.id}`} onClick={() => onPreset(p.id)} className={`rounded-md border px-2 py-0.5 text-xs ${value?.kind === 'preset' && value.id === p.id ? 'border-accent text-accent' : 'border-line text-muted hover:text-white'}`}>
            {p.title}
          </button>
        ))}
      </div>
      {value && value.kind !== 'preset' && <p className="text-xs text-muted">Using {describeImage(value)}</p>}
    </div>
  );
}
