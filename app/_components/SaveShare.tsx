'use client';
import type { Shareable } from '@/lib/share/shareable';
import { ShareButton } from './ShareButton';

interface Props {
  /** The studio's kit (lib/hooks/useStudio.ts): it saves and counts saves for the creations drawer. */
  studio: { save: (item: Shareable | null) => Promise<unknown> };
  /** What is on screen and the recipe that made it, whatever the controls say now; null before a result. */
  current: () => Shareable | null;
  disabled: boolean;
}

/** "Save to my creations" and "Share", side by side in every studio. */
export function SaveShare({ studio, current, disabled }: Props) {
  return (
    <>
      <button
        data-testid="save"
        onClick={() => void studio.save(current())}
        disabled={disabled}
        className="rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
      >
        Save to my creations
      </button>
      <ShareButton current={current} disabled={disabled} />
    </>
  );
}
