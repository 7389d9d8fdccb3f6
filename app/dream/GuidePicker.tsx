'use client';
import type { ImageRef } from '@/lib/share/recipe';
import { describeImage, ImagePicker } from '../_components/ImagePicker';

interface Props {
  guide: ImageRef | undefined;
  onPreset: (ref: ImageRef) => void;
  onFile: (file: File) => void;
  onClear: () => void;
}

/** An optional guide image: the dream grows the guide's features (its layers' mean activations) instead of its own. */
export function GuidePicker({ guide, onPreset, onFile, onClear }: Props) {
  return (
    <div className="space-y-2 rounded-lg border border-line p-3 text-sm">
      <div className="flex items-center justify-between">
        <span className="text-muted" title="Maximise similarity to another image's features at the chosen layers">
          Guide image (optional)
        </span>
        {guide && (
          <button data-testid="clear-guide" onClick={onClear} className="text-xs text-muted hover:text-white">
            clear
          </button>
        )}
      </div>
      <ImagePicker label="Your guide image" testId="guide" value={guide} onPreset={onPreset} onFile={onFile} />
      <p className="text-xs text-muted">
        {guide
          ? `Dreaming towards ${describeImage(guide)}: its textures grow in your image.`
          : 'No guide: the layers amplify whatever they see.'}
      </p>
    </div>
  );
}
