'use client';
import { TUNE_MAX_CHARS } from '@/models/charrnn/abc';
import type { TextRecipe } from '@/lib/share/recipe';
import type { RunStatus } from '@/lib/studio/run';
import { SettingSliders, type SliderSpec } from '../_components/SettingSliders';
import { PRIME_LIMIT, type TextChoices, type Voice, VOICES } from './voices';

/** How characters are drawn, and how many. */
const slidersFor = (mode: TextRecipe['mode']): SliderSpec<TextRecipe>[] => [
  {
    key: 'temperature',
    label: 'Temperature',
    min: 0.1,
    max: 2,
    step: 0.05,
    format: (t) => t.toFixed(2),
    hint: 'Below 1: safer, more repetitive; above 1: wilder',
  },
  {
    key: 'topK',
    label: 'Top-k',
    min: 0,
    max: 40,
    step: 1,
    format: (k) => (k === 0 ? 'off' : String(k)),
    hint: 'Draw only among the k likeliest characters',
  },
  {
    key: 'topP',
    label: 'Top-p',
    min: 0.5,
    max: 1,
    step: 0.01,
    format: (p) => (p === 1 ? 'off' : p.toFixed(2)),
    hint: 'Draw only among the likeliest characters that together reach this probability',
  },
  {
    key: 'length',
    label: mode === 'music' ? 'Longest tune' : 'Length',
    min: 20,
    max: mode === 'music' ? TUNE_MAX_CHARS : 2000,
    step: 10,
    format: (n) => `${n} chars`,
  },
];

interface Props {
  recipe: TextRecipe;
  voice: Voice;
  ready: boolean;
  status: RunStatus;
  busy: boolean;
  onVoice: (voice: Voice) => void;
  onChange: (patch: Partial<TextChoices>) => void;
  onWrite: () => void;
  onSameSeed: () => void;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
}

/** The voice, the priming text, how characters are drawn, and Write with its Pause, Resume and Stop. */
export function TextControls({
  recipe,
  voice,
  ready,
  status,
  busy,
  onVoice,
  onChange,
  onWrite,
  onSameSeed,
  onPause,
  onResume,
  onStop,
}: Props) {
  return (
    <>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Voice">
        {VOICES.map((v) => (
          <button
            key={v.id}
            data-testid={`voice-${v.id}`}
            onClick={() => onVoice(v)}
            className={`rounded-md px-3 py-1.5 text-sm ${
              v.id === voice.id ? 'bg-accent text-ink' : 'border border-line hover:border-muted'
            }`}
          >
            {v.title}
          </button>
        ))}
        {voice.id === 'own' && (
          <span data-testid="voice-own" className="rounded-md bg-accent px-3 py-1.5 text-sm text-ink">
            {voice.title} (your model)
          </span>
        )}
      </div>
      <label className="block text-sm">
        <span className="text-muted">Priming text</span>
        <textarea
          data-testid="prime"
          value={recipe.prime}
          maxLength={PRIME_LIMIT}
          rows={3}
          onChange={(e) => onChange({ prime: e.target.value })}
          className="mt-1 w-full rounded-md border border-line bg-ink p-2 font-mono text-sm text-white"
        />
      </label>
      <SettingSliders specs={slidersFor(recipe.mode)} settings={recipe} onChange={onChange} />
      <label className="flex items-center justify-between text-sm text-muted">
        Seed
        <input
          data-testid="seed"
          type="number"
          min={0}
          value={recipe.seed}
          onChange={(e) =>
            onChange({ seed: Math.max(0, Math.min(0xffffffff, Math.floor(Number(e.target.value) || 0))) })
          }
          className="w-32 rounded-md border border-line bg-ink px-2 py-1 text-right font-mono text-white"
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <button
          data-testid="run"
          disabled={!ready}
          onClick={onWrite}
          className="rounded-lg bg-accent px-5 py-2 font-medium text-ink disabled:opacity-40"
        >
          {recipe.mode === 'music' ? 'Write a tune' : 'Write'}
        </button>
        <button
          disabled={!ready}
          onClick={onSameSeed}
          className="rounded-lg border border-line px-3 py-2 disabled:opacity-40"
          title="Write again with this seed: the same text"
        >
          Same seed
        </button>
        {status === 'running' && (
          <button data-testid="pause" onClick={onPause} className="rounded-lg border border-line px-3 py-2">
            Pause
          </button>
        )}
        {status === 'paused' && (
          <button data-testid="resume" onClick={onResume} className="rounded-lg border border-line px-3 py-2">
            Resume
          </button>
        )}
        {busy && (
          <button data-testid="cancel" onClick={onStop} className="rounded-lg border border-line px-3 py-2">
            Stop
          </button>
        )}
      </div>
    </>
  );
}
