'use client';
import { PICTURE_PRESETS, PRESETS, presetRef, presetTitle } from '@/lib/canvas/presets';
import { picturePresetById, presetCredit, presetThumbUrl } from '@/lib/canvas/picture-presets';
import type { ImageRef } from '@/lib/share/recipe';
import { ImageDrop } from './ImageDrop';

interface Props {
  label: string;
  /** Test id of the file input; preset buttons get `${testId}-<preset id>`. */
  testId: string;
  value: ImageRef | undefined;
  /** A preset was picked: the reference a recipe keeps for it. */
  onPreset: (ref: ImageRef) => void;
  onFile: (file: File) => void;
  acceptPaste?: boolean;
  /** Which pictures come first: photos for a content or dream image, paintings for a style. */
  prefer?: 'photo' | 'painting';
}

export const describeImage = (ref: ImageRef) =>
  ref.kind === 'preset'
    ? `the ${presetTitle(ref.id)} preset`
    : ref.kind === 'upload'
      ? `"${ref.name}"`
      : ref.kind === 'shared'
        ? 'a shared image'
        : 'a saved creation';

/** An image input: a file (upload, drop, paste), a public-domain painting or photo, or a generated texture. */
export function ImagePicker({ label, testId, value, onPreset, onFile, acceptPaste, prefer = 'photo' }: Props) {
  const chosen = value?.kind === 'preset' ? value.id : null;
  const pictures = [...PICTURE_PRESETS].sort((a, b) => Number(b.kind === prefer) - Number(a.kind === prefer));
  const picture = chosen ? picturePresetById(chosen) : undefined;
  return (
    <div className="space-y-1.5">
      <ImageDrop label={label} testId={testId} onFile={onFile} acceptPaste={acceptPaste} />
      <div className="grid grid-cols-8 gap-1">
        {pictures.map((p) => (
          <button
            key={p.id}
            data-testid={`${testId}-${p.id}`}
            onClick={() => onPreset(presetRef(p.id))}
            title={presetCredit(p)}
            className={`overflow-hidden rounded border-2 ${
              chosen === p.id ? 'border-accent' : 'border-transparent hover:border-line'
            }`}
          >
            {/* eslint-disable-next-line @next/next/no-img-element -- a fixed 128 px thumbnail, same-origin */}
            <img
              src={presetThumbUrl(p)}
              alt={presetCredit(p)}
              loading="lazy"
              className="aspect-square w-full object-cover"
            />
          </button>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="text-xs text-muted">Textures:</span>
        {PRESETS.map((p) => (
          <button
            key={p.id}
            data-testid={`${testId}-${p.id}`}
            onClick={() => onPreset(presetRef(p.id))}
            className={`rounded-md border px-2 py-0.5 text-xs ${
              chosen === p.id ? 'border-accent text-accent' : 'border-line text-muted hover:text-white'
            }`}
          >
            {p.title}
          </button>
        ))}
      </div>
      {picture && (
        <p className="text-xs text-muted" data-testid={`${testId}-credit`}>
          {presetCredit(picture)} · {picture.license} · {picture.source}
        </p>
      )}
      {value && value.kind !== 'preset' && <p className="text-xs text-muted">Using {describeImage(value)}</p>}
    </div>
  );
}
