'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { firstTune, TUNE_MAX_CHARS, TUNE_PRIME, TUNE_SAMPLING } from '@/models/charrnn/abc';
import { registryEntry } from '@/models/registry';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { Cancelled } from '@/lib/engine/errors';
import type { RunControl } from '@/lib/studio/run';
import type { Frame, ModelKey } from '@/lib/engine/protocol';
import { sameValue } from '@/lib/studio/state';
import { entryForRef, modelRefFor, olderVersionNote } from '@/lib/share/model-ref';
import type { TextRecipe } from '@/lib/share/recipe';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { SaveShare } from '../_components/SaveShare';
import { ModelStatus } from '../_components/ModelStatus';
import { Slider } from '../_components/Slider';
import { StudioFrame } from '../_components/StudioFrame';
import { type CellFollower, CellInspector } from './CellInspector';
import { MusicPanel } from './MusicPanel';
import { NextCharChart } from './NextCharChart';

const VOICES = [
  { id: 'charrnn-shakespeare', title: 'Shakespeare', mode: 'text', prime: 'ROMEO:\n' },
  { id: 'charrnn-moby-dick', title: 'Moby-Dick', mode: 'text', prime: 'Call me ' },
  { id: 'charrnn-nottingham', title: 'Folk tunes (ABC)', mode: 'music', prime: TUNE_PRIME },
] as const;
const PRIME_LIMIT = 1000; // what a link can hold (the recipe schema's limit)
const FLUSH_EVERY = 3; // characters between screen updates while streaming

type Segment = { text: string; kind: 'prime' | 'written' | 'forced' };
const textOf = (segments: Segment[]) => segments.map((s) => s.text).join('');
const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0];

function defaults(voice: (typeof VOICES)[number]): TextRecipe {
  const music = voice.mode === 'music';
  return {
    studio: 'text',
    v: 1,
    model: modelRefFor(registryEntry(voice.id)),
    mode: voice.mode,
    prime: voice.prime,
    ...(music ? TUNE_SAMPLING : { temperature: 0.8, topK: 0, topP: 0.95 }),
    length: music ? TUNE_MAX_CHARS : 400,
    seed: 1,
  };
}

/** Everything the controls choose: the recipe less what names its kind. */
type TextChoices = Omit<TextRecipe, 'studio' | 'v'>;
const settingsOf = ({ studio: _s, v: _v, ...choices }: TextRecipe): TextChoices => choices;
const recipeOf = (choices: TextChoices): TextRecipe => ({ studio: 'text', v: 1, ...choices });
const voiceOf = (choices: TextChoices) => VOICES.find((v) => v.id === choices.model.id) ?? VOICES[0];
// A link made with earlier weights loads those weights, so it writes what it wrote when it was shared.
const entryOf = (choices: TextChoices) => entryForRef(choices.model) ?? registryEntry(voiceOf(choices).id);

export default function TextStudio() {
  const studio = useStudio<TextChoices, TextRecipe>({
    studio: 'text',
    settingsOf,
    defaults: settingsOf(defaults(VOICES[0])),
    model: (state) => entryOf(state.settings),
  });
  const { state, run, fail, cancel, change, entry, model, status, busy } = studio;
  const recipe = recipeOf(state.settings);
  const voice = voiceOf(state.settings);
  const older = olderVersionNote(entry);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [logits, setLogits] = useState<Float32Array | null>(null);
  const [tune, setTune] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const onScreen = useRef<Segment[]>([]); // what is on screen, kept in step with the engine's frames
  const inspector = useRef<CellFollower>(null);

  /**
   * Writes `r` on the engine after the segments `before` (already on screen), streaming its characters. Returns the
   * recipe of the text on screen once it ends: a stopped run keeps the characters it wrote.
   */
  const writeAfter = useCallback(
    async (c: RunControl, gan: ModelKey, r: TextRecipe, before: Segment[]): Promise<TextRecipe | undefined> => {
      const show = (frame: Frame<'text'>) => {
        onScreen.current = frame.text ? [...before, { text: frame.text, kind: 'written' }] : before;
        setSegments(onScreen.current);
        if (frame.data.logits) setLogits(frame.data.logits);
      };
      onScreen.current = before;
      setSegments(before);
      setTune(null);
      try {
        show(await c.engine({ kind: 'text', model: gan, recipe: r, flushEvery: FLUSH_EVERY }, show));
      } catch (e) {
        if (!(e instanceof Cancelled)) throw e;
        const written = textOf(onScreen.current).length - r.prime.length;
        inspector.current?.writingEnded(textOf(onScreen.current));
        return written > 0 ? { ...r, length: written } : undefined;
      }
      if (r.mode === 'music') setTune(firstTune(textOf(onScreen.current)));
      inspector.current?.writingEnded(textOf(onScreen.current));
      return r;
    },
    [],
  );

  const write = useCallback(
    (r: TextRecipe) => {
      if (model.phase !== 'ready') return;
      const rnn = model.model;
      setNotice(null);
      void run(r, (c) => writeAfter(c, rnn, r, [{ text: r.prime, kind: 'prime' }]));
    },
    [model, run, writeAfter],
  );

  /** A branch: the clicked character is fed as if the network had drawn it, and writing goes on from there. */
  const force = (char: string) => {
    if (model.phase !== 'ready' || onScreen.current.length === 0) return;
    const rnn = model.model;
    const written = onScreen.current.filter((s) => s.kind !== 'prime').reduce((n, s) => n + s.text.length, 0);
    const base = state.shown ?? recipe; // the branch grows from the text on screen and the recipe that made it
    const remaining = base.length - written;
    const prime = textOf(onScreen.current) + char;
    // Reseeded, the branch goes on exactly as a fresh writer primed with all this text would: its link replays it.
    const branch: TextRecipe = { ...base, prime, length: remaining > 0 ? remaining : base.length };
    const linkable = prime.length <= PRIME_LIMIT;
    setNotice(
      linkable
        ? null
        : `This branch starts after ${prime.length} characters, more than the ${PRIME_LIMIT} a link holds: ` +
            'save it to your creations to keep it.',
    );
    const before: Segment[] = [...onScreen.current, { text: char, kind: 'forced' }];
    void run(linkable ? branch : null, async (c) => {
      const made = await writeAfter(c, rnn, branch, before);
      return linkable ? made : undefined;
    });
  };

  const unknownVoice =
    state.linkRecipe && !VOICES.some((v) => v.id === state.linkRecipe!.model.id) ? state.linkRecipe.model.id : null;
  useEffect(() => {
    if (unknownVoice) fail(`This link names the model "${unknownVoice}", which the text studio does not have.`);
  }, [unknownVoice, fail]);
  useOpenOnce(state, model.phase === 'ready' && !unknownVoice, (link) => write(link ?? recipe));

  const choose = (v: (typeof VOICES)[number]) => {
    // choosing the voice again moves an old link's recipe to the newest weights
    if (v.id === voice.id && !older) return;
    cancel();
    setSegments([]);
    setLogits(null);
    setTune(null);
    change(settingsOf(defaults(v)));
  };

  // Save and Share take the text on screen and the recipe that wrote it, whatever the controls say now.
  const current = () => {
    if (!state.shown) return null;
    const text = textOf(onScreen.current);
    const title =
      state.shown.mode === 'music' ? (/^T:(.*)$/m.exec(text)?.[1] ?? 'a tune') : text.replace(/\s+/g, ' ').slice(0, 40);
    return { recipe: state.shown, title, text };
  };

  const ready = model.phase === 'ready';
  const set = (patch: Partial<TextChoices>) => change(patch);
  // A stopped run's shorter length is not a change of settings: Write writes the full length again.
  const changed =
    state.shown &&
    !sameValue({ ...settingsOf(state.shown), length: 0 }, { ...state.settings, length: 0 }) &&
    'Settings changed: press Write to apply them. Save and Share keep the text on screen.';

  return (
    <StudioFrame
      {...studio.frame}
      notice={
        notice ?? (changed || state.linkNote) ?? (older && `${older} Choose ${voice.title} again to write with it.`)
      }
      progress={busy ? state.progress : null}
      controls={
        <>
          <ModelStatus state={model} title={older ? `${entry.title} (version ${entry.version})` : entry.title} />
          <div className="flex flex-wrap gap-2" role="group" aria-label="Voice">
            {VOICES.map((v) => (
              <button
                key={v.id}
                data-testid={`voice-${v.id}`}
                onClick={() => choose(v)}
                className={`rounded-md px-3 py-1.5 text-sm ${
                  v.id === voice.id ? 'bg-accent text-ink' : 'border border-line hover:border-muted'
                }`}
              >
                {v.title}
              </button>
            ))}
          </div>
          <label className="block text-sm">
            <span className="text-muted">Priming text</span>
            <textarea
              data-testid="prime"
              value={recipe.prime}
              maxLength={PRIME_LIMIT}
              rows={3}
              onChange={(e) => set({ prime: e.target.value })}
              className="mt-1 w-full rounded-md border border-line bg-ink p-2 font-mono text-sm text-white"
            />
          </label>
          <Slider
            label="Temperature"
            value={recipe.temperature}
            min={0.1}
            max={2}
            step={0.05}
            onChange={(temperature) => set({ temperature })}
            format={(t) => t.toFixed(2)}
            hint="Below 1: safer, more repetitive; above 1: wilder"
          />
          <Slider
            label="Top-k"
            value={recipe.topK}
            min={0}
            max={40}
            step={1}
            onChange={(topK) => set({ topK })}
            format={(k) => (k === 0 ? 'off' : String(k))}
            hint="Draw only among the k likeliest characters"
          />
          <Slider
            label="Top-p"
            value={recipe.topP}
            min={0.5}
            max={1}
            step={0.01}
            onChange={(topP) => set({ topP })}
            format={(p) => (p === 1 ? 'off' : p.toFixed(2))}
            hint="Draw only among the likeliest characters that together reach this probability"
          />
          <Slider
            label={recipe.mode === 'music' ? 'Longest tune' : 'Length'}
            value={recipe.length}
            min={20}
            max={recipe.mode === 'music' ? TUNE_MAX_CHARS : 2000}
            step={10}
            onChange={(length) => set({ length })}
            format={(n) => `${n} chars`}
          />
          <label className="flex items-center justify-between text-sm text-muted">
            Seed
            <input
              data-testid="seed"
              type="number"
              min={0}
              value={recipe.seed}
              onChange={(e) =>
                set({ seed: Math.max(0, Math.min(0xffffffff, Math.floor(Number(e.target.value) || 0))) })
              }
              className="w-32 rounded-md border border-line bg-ink px-2 py-1 text-right font-mono text-white"
            />
          </label>
          <div className="flex flex-wrap gap-2">
            <button
              data-testid="run"
              disabled={!ready}
              onClick={() => write({ ...recipe, seed: randomSeed() })}
              className="rounded-lg bg-accent px-5 py-2 font-medium text-ink disabled:opacity-40"
            >
              {recipe.mode === 'music' ? 'Write a tune' : 'Write'}
            </button>
            <button
              disabled={!ready}
              onClick={() => write(recipe)}
              className="rounded-lg border border-line px-3 py-2 disabled:opacity-40"
              title="Write again with this seed: the same text"
            >
              Same seed
            </button>
            {status === 'running' && (
              <button data-testid="pause" onClick={studio.pause} className="rounded-lg border border-line px-3 py-2">
                Pause
              </button>
            )}
            {status === 'paused' && (
              <button data-testid="resume" onClick={studio.resume} className="rounded-lg border border-line px-3 py-2">
                Resume
              </button>
            )}
            {busy && (
              <button data-testid="cancel" onClick={cancel} className="rounded-lg border border-line px-3 py-2">
                Stop
              </button>
            )}
          </div>
          <div className="flex flex-wrap gap-2 text-sm">
            <SaveShare studio={studio} current={current} disabled={!state.shown || busy} />
          </div>
          <CreationsDrawer version={studio.saved} />
        </>
      }
      result={
        <div className="grid gap-6 xl:grid-cols-[1fr_16rem]">
          <div className="space-y-4">
            <pre
              data-testid="result"
              className={
                'max-h-[32rem] min-h-64 overflow-auto whitespace-pre-wrap rounded-lg ' +
                'bg-ink p-4 font-mono text-sm leading-relaxed'
              }
            >
              {segments.map((s, i) => (
                <span
                  key={i}
                  className={
                    s.kind === 'prime'
                      ? 'text-muted'
                      : s.kind === 'forced'
                        ? 'rounded-sm bg-accent/30 text-accent underline'
                        : 'text-white'
                  }
                  title={s.kind === 'forced' ? 'forced by you' : undefined}
                >
                  {s.text}
                </span>
              ))}
              {status === 'running' && <span className="animate-pulse text-accent">▌</span>}
            </pre>
            {tune && <MusicPanel tune={tune} />}
            <CellInspector
              ref={inspector}
              key={`${entry.id}@${entry.version}`}
              model={{ id: entry.id, version: entry.version }}
              written={textOf(segments)}
              ready={ready && status !== 'running'}
            />
          </div>
          <aside className="space-y-2">
            <h2 className="text-sm font-medium text-white">Next character</h2>
            <NextCharChart logits={logits} canForce={status === 'paused' || status === 'done'} onForce={force} />
          </aside>
        </div>
      }
    />
  );
}
