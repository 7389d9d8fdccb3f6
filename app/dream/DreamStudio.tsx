'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { dream } from '@/models/deepdream/run';
import { INCEPTION_LAYERS, type InceptionLayer, InceptionV3 } from '@/models/inception-v3/model';
import { registryEntry } from '@/models/registry';
import { downloadBlob } from '@/lib/canvas/download';
import { PRESETS } from '@/lib/canvas/presets';
import { resolveImage } from '@/lib/canvas/input';
import { useBackend } from '@/lib/hooks/useBackend';
import { sizeParam, useHashRecipe } from '@/lib/hooks/useHashRecipe';
import { useModel } from '@/lib/hooks/useModel';
import { Cancelled, useStudioRun } from '@/lib/hooks/useStudioRun';
import { encodeRecipe } from '@/lib/share/codec';
import { modelRefFor } from '@/lib/share/model-ref';
import { autoRunBlocker, type DreamRecipe } from '@/lib/share/recipe';
import { newCreationId, saveCreation } from '@/lib/store/creations';
import { canvasToPng, drawTensor } from '@/lib/tf/image';
import { nextFrame } from '@/lib/tf/longtasks';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { ImageDrop } from '../_components/ImageDrop';
import { ModelStatus } from '../_components/ModelStatus';
import { Slider } from '../_components/Slider';
import { StudioFrame } from '../_components/StudioFrame';

const INCEPTION = registryEntry('inception-v3');

/** What each layer tends to produce, from shallow to deep. */
const LAYER_HINTS: Record<InceptionLayer, string> = {
  mixed0: 'fine strokes and edges',
  mixed1: 'brush textures',
  mixed2: 'swirls and lattices',
  mixed3: 'eyes, scales and arches',
  mixed4: 'fur, feathers, eye clusters',
  mixed5: 'creatures, faces and towers',
};

type Settings = Omit<DreamRecipe, 'studio' | 'v' | 'model' | 'input'>;

const DEFAULTS: Settings = { size: 384, layers: [{ name: 'mixed3', weight: 1 }, { name: 'mixed5', weight: 1 }], octaves: 3, octaveScale: 1.4, steps: 10, stepSize: 0.012, jitter: 16, seed: 1 };

export default function DreamStudio() {
  const backend = useBackend();
  const model = useModel(INCEPTION, (files) => new InceptionV3(files), backend.phase === 'ready' || backend.phase === 'lost');
  const studio = useStudioRun();
  const hash = useHashRecipe<DreamRecipe>('dream');
  const [settings, setSettings] = useState<Settings>(() => ({ ...DEFAULTS, size: sizeParam(location.search, DEFAULTS.size, 75, 4096) }));
  const [input, setInput] = useState<DreamRecipe['input']>({ kind: 'preset', id: 'clouds' });
  const [file, setFile] = useState<Blob | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [hasResult, setHasResult] = useState(false);
  const [showOriginal, setShowOriginal] = useState(false);
  const [saved, setSaved] = useState(0);
  const resultCanvas = useRef<HTMLCanvasElement>(null);
  const originalCanvas = useRef<HTMLCanvasElement>(null);
  const started = useRef(false);
  const { fail } = studio;

  const recipeOf = useCallback((s: Settings, i: DreamRecipe['input']): DreamRecipe => ({ studio: 'dream', v: 1, model: modelRefFor(INCEPTION), input: i, ...s }), []);

  const start = useCallback(
    (recipe: DreamRecipe, chosenFile: Blob | null) => {
      if (model.phase !== 'ready') return;
      const net = model.model;
      void studio.run(async (control) => {
        const pixels = await resolveImage(recipe.input, recipe.size, chosenFile);
        try {
          await drawTensor(pixels, originalCanvas.current!);
          const out = await dream(net, pixels, { ...recipe, layers: recipe.layers.map((l) => ({ name: l.name as InceptionLayer, weight: l.weight })) }, async (r) => {
            await drawTensor(r.image, resultCanvas.current!);
            setHasResult(true);
            control.progress(r.step, r.total);
            await nextFrame();
            await control.waitIfPaused();
            return !control.cancelled;
          });
          try {
            if (control.cancelled) throw new Cancelled();
            await drawTensor(out, resultCanvas.current!);
          } finally {
            out.dispose();
          }
          history.replaceState(null, '', `#r=${await encodeRecipe(recipe)}`);
        } finally {
          pixels.dispose();
        }
      }, recipe.size);
    },
    [model, studio],
  );

  // A recipe in the link: load its settings, then run it once the model is ready (unless too large).
  useEffect(() => {
    if (hash.phase === 'broken') fail(hash.message);
    if (hash.phase !== 'ready' || started.current) return;
    const { studio: _s, v: _v, model: _m, input: linkInput, ...linkSettings } = hash.recipe;
    setSettings(linkSettings);
    setInput(linkInput);
    const blocker = autoRunBlocker(hash.recipe) ?? (linkInput.kind === 'upload' ? `This recipe was made from an uploaded image ("${linkInput.name}") that links cannot carry. Choose an image and press Run.` : null);
    setNotice([hash.warning, blocker].filter(Boolean).join(' ') || null);
    if (blocker) {
      started.current = true;
      return;
    }
    if (model.phase === 'ready') {
      started.current = true;
      start(hash.recipe, null);
    }
  }, [hash, model.phase, start, fail]);

  useEffect(() => {
    if (model.phase === 'error') fail(model.message);
  }, [model, fail]);

  const onFile = useCallback((f: Blob & { name?: string }) => {
    setFile(f);
    setInput({ kind: 'upload', name: (f.name || 'pasted image').slice(0, 120) });
    setNotice(null);
    // Decode now, so a broken or huge file is reported before anyone presses Run.
    resolveImage({ kind: 'upload', name: f.name || 'image' }, 128, f).then(
      (t) => {
        t.dispose();
        studio.reset();
      },
      (e: Error) => {
        setFile(null);
        setInput({ kind: 'preset', id: 'clouds' });
        fail(e.message);
      },
    );
  }, [fail, studio]);

  const toggleLayer = (name: InceptionLayer) =>
    setSettings((s) => {
      const has = s.layers.some((l) => l.name === name);
      const layers = has ? s.layers.filter((l) => l.name !== name) : [...s.layers, { name, weight: 1 }];
      return { ...s, layers: layers.length ? layers : s.layers };
    });

  const save = async () => {
    const canvas = resultCanvas.current!;
    await saveCreation({ id: newCreationId(), studio: 'dream', title: `Dream on ${input.kind === 'preset' ? input.id : 'an image'} (${settings.layers.map((l) => l.name).join('+')})`, createdAt: Date.now(), recipe: await encodeRecipe(recipeOf(settings, input)), image: await canvasToPng(canvas) });
    setSaved((n) => n + 1);
  };

  const download = async () => downloadBlob(await canvasToPng(resultCanvas.current!), 'neural-atelier-dream.png');

  const busy = studio.status === 'running' || studio.status === 'paused';
  const status = studio.status === 'idle' && (model.phase === 'loading' || model.phase === 'waiting') ? 'loading' : studio.status;
  const set = <K extends keyof Settings>(key: K) => (value: Settings[K]) => setSettings((s) => ({ ...s, [key]: value }));

  return (
    <StudioFrame
      title="DeepDream"
      tagline="Gradient ascent on your image: InceptionV3 amplifies whatever its layers half-see, from brush strokes to eyes and creatures."
      backend={backend}
      status={status}
      error={studio.error}
      notice={notice}
      progress={studio.progress}
      longestTaskMs={studio.longestTaskMs}
      controls={
        <>
          <ModelStatus state={model} title={INCEPTION.title} />
          <ImageDrop label="Your image" testId="upload" onFile={onFile} acceptPaste />
          <div className="flex flex-wrap gap-2">
            {PRESETS.map((p) => (
              <button key={p.id} onClick={() => { setInput({ kind: 'preset', id: p.id }); setFile(null); }} className={`rounded-md border px-2 py-1 text-xs ${input.kind === 'preset' && input.id === p.id ? 'border-accent text-accent' : 'border-line text-muted hover:text-white'}`}>
                {p.title}
              </button>
            ))}
          </div>
          {input.kind !== 'preset' && <p className="text-xs text-muted">Input: {input.kind === 'upload' ? input.name : 'a saved creation'}</p>}
          <fieldset>
            <legend className="mb-2 text-sm text-muted">Layers to amplify</legend>
            <div className="grid grid-cols-2 gap-1.5">
              {INCEPTION_LAYERS.map((name) => (
                <label key={name} className="flex cursor-pointer items-start gap-2 rounded-md p-1 text-xs hover:bg-ink/60">
                  <input type="checkbox" checked={settings.layers.some((l) => l.name === name)} onChange={() => toggleLayer(name)} className="mt-0.5 accent-[var(--color-accent)]" />
                  <span><span className="font-mono text-white">{name}</span><br /><span className="text-muted">{LAYER_HINTS[name]}</span></span>
                </label>
              ))}
            </div>
          </fieldset>
          <Slider label="Working size" value={settings.size} min={128} max={1024} step={32} onChange={set('size')} format={(v) => `${v} px`} hint="Long side of the image being dreamed" />
          <Slider label="Octaves" value={settings.octaves} min={1} max={5} step={1} onChange={set('octaves')} hint="Dream at several scales, smallest first" />
          <Slider label="Steps per octave" value={settings.steps} min={1} max={40} step={1} onChange={set('steps')} />
          <Slider label="Step size" value={settings.stepSize} min={0.002} max={0.05} step={0.001} onChange={set('stepSize')} format={(v) => v.toFixed(3)} />
          <Slider label="Jitter" value={settings.jitter} min={0} max={64} step={1} onChange={set('jitter')} format={(v) => `${v} px`} />
          <div className="flex flex-wrap gap-2">
            {!busy && (
              <button data-testid="run" disabled={model.phase !== 'ready'} onClick={() => start(recipeOf(settings, input), file)} className="rounded-lg bg-accent px-5 py-2 font-medium text-ink disabled:opacity-40">
                Dream
              </button>
            )}
            {studio.status === 'running' && <button onClick={studio.pause} className="rounded-lg border border-line px-4 py-2">Pause</button>}
            {studio.status === 'paused' && <button onClick={studio.resume} className="rounded-lg border border-line px-4 py-2">Resume</button>}
            {busy && <button data-testid="cancel" onClick={studio.cancel} className="rounded-lg border border-rose-500/50 px-4 py-2 text-rose-200">Cancel</button>}
          </div>
          <CreationsDrawer version={saved} onUse={(c) => c.image && onFile(Object.assign(c.image, { name: c.title }))} />
        </>
      }
      result={
        <div className="flex flex-col items-center gap-4">
          <div className="relative">
            <canvas data-testid="result" ref={resultCanvas} className="h-auto max-h-[70vh] w-[min(100%,40rem)] rounded-lg bg-ink object-contain" width={1} height={1} />
            <canvas ref={originalCanvas} className={`absolute inset-0 h-full w-full rounded-lg ${showOriginal ? '' : 'invisible'}`} width={1} height={1} />
          </div>
          {!hasResult && <p className="text-muted">Pick an image or a preset, choose layers, and press Dream. Each step appears here as it happens.</p>}
          {hasResult && (
            <div className="flex flex-wrap gap-2 text-sm">
              <button onPointerDown={() => setShowOriginal(true)} onPointerUp={() => setShowOriginal(false)} onPointerLeave={() => setShowOriginal(false)} className="rounded-md border border-line px-3 py-1.5">Hold to compare</button>
              <button onClick={() => void download()} disabled={busy} className="rounded-md border border-line px-3 py-1.5">Download PNG</button>
              <button data-testid="save" onClick={() => void save()} disabled={busy} className="rounded-md border border-line px-3 py-1.5">Save to my creations</button>
            </div>
          )}
        </div>
      }
    />
  );
}
