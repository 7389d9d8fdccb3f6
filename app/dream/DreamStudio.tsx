'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { dream } from '@/models/deepdream/run';
import { type InceptionLayer, InceptionV3 } from '@/models/inception-v3/model';
import { DEFAULT_TILING } from '@/models/deepdream/tiles';
import { registryEntry } from '@/models/registry';
import { downloadBlob } from '@/lib/canvas/download';
import { maskTensor } from '@/lib/canvas/mask';
import { PRESETS } from '@/lib/canvas/presets';
import { resolveImage } from '@/lib/canvas/input';
import { useBackend } from '@/lib/hooks/useBackend';
import { sizeParam, useHashRecipe } from '@/lib/hooks/useHashRecipe';
import { studioStatus, useModel } from '@/lib/hooks/useModel';
import { Cancelled, useStudioRun } from '@/lib/hooks/useStudioRun';
import { encodeRecipe } from '@/lib/share/codec';
import { modelRefFor } from '@/lib/share/model-ref';
import { autoRunBlocker, type DreamRecipe } from '@/lib/share/recipe';
import { newCreationId, saveCreation } from '@/lib/store/creations';
import { canvasToPng, drawTensor, loadImageFile } from '@/lib/tf/image';
import { nextFrame } from '@/lib/tf/longtasks';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { ImageDrop } from '../_components/ImageDrop';
import { ModelStatus } from '../_components/ModelStatus';
import { StudioFrame } from '../_components/StudioFrame';
import { DreamControls, type DreamSettings } from './DreamControls';
import { MaskPainter } from './MaskPainter';

const INCEPTION = registryEntry('inception-v3');

/** Above this long side the gradient is computed in tiles (models/deepdream/tiles.ts). */
const TILE_ABOVE = 1024;

const DEFAULTS: DreamSettings = { size: 384, layers: [{ name: 'mixed3', weight: 1 }, { name: 'mixed5', weight: 1 }], octaves: 3, octaveScale: 1.4, steps: 10, stepSize: 0.012, jitter: 16, seed: 1 };

export default function DreamStudio() {
  const backend = useBackend();
  const model = useModel(INCEPTION, (files) => new InceptionV3(files), backend.phase === 'ready' ? backend.info.name : null);
  const studio = useStudioRun();
  const hash = useHashRecipe<DreamRecipe>('dream');
  const [settings, setSettings] = useState<DreamSettings>(() => ({ ...DEFAULTS, size: sizeParam(location.search, DEFAULTS.size, 75, 4096) }));
  const [input, setInput] = useState<DreamRecipe['input']>({ kind: 'preset', id: 'clouds' });
  const [file, setFile] = useState<Blob | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [hasResult, setHasResult] = useState(false);
  const [showOriginal, setShowOriginal] = useState(false);
  const [saved, setSaved] = useState(0);
  const [painting, setPainting] = useState(false);
  const [brush, setBrush] = useState(0.08);
  const [display, setDisplay] = useState<{ width: number; height: number } | null>(null);
  const resultCanvas = useRef<HTMLCanvasElement>(null);
  const originalCanvas = useRef<HTMLCanvasElement>(null);
  const started = useRef(false);
  const { fail, reset } = studio;

  const recipeOf = useCallback((s: DreamSettings, i: DreamRecipe['input']): DreamRecipe => ({ studio: 'dream', v: 1, model: modelRefFor(INCEPTION), input: i, ...s }), []);

  const start = useCallback(
    (recipe: DreamRecipe, chosenFile: Blob | null) => {
      if (model.phase !== 'ready') return;
      const net = model.model;
      void studio.run(async (control) => {
        const pixels = await resolveImage(recipe.input, recipe.size, chosenFile);
        const [, height, width] = pixels.shape;
        const mask = recipe.mask ? maskTensor(recipe.mask, width, height) : undefined;
        try {
          await drawTensor(pixels, originalCanvas.current!);
          const plan = { ...recipe, layers: recipe.layers.map((l) => ({ name: l.name as InceptionLayer, weight: l.weight })), mask, tiling: Math.max(width, height) > TILE_ABOVE ? DEFAULT_TILING : undefined };
          const out = await dream(net, pixels, plan, async (r) => {
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
          mask?.dispose();
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

  // Show the chosen input at the working size before anyone dreams on it (and to paint the mask on).
  const idle = studio.status !== 'running' && studio.status !== 'paused';
  useEffect(() => {
    if (!idle || hasResult || backend.phase !== 'ready') return;
    let alive = true;
    resolveImage(input, Math.min(settings.size, 512), file).then(
      async (pixels) => {
        if (alive) await drawTensor(pixels, resultCanvas.current!);
        pixels.dispose();
      },
      () => undefined, // reported when the file was chosen, or when Run resolves it
    );
    return () => {
      alive = false;
    };
  }, [input, file, settings.size, idle, hasResult, backend.phase]);

  // The painter overlays the displayed canvas: follow its on-screen size.
  useEffect(() => {
    const canvas = resultCanvas.current;
    if (!canvas) return;
    const observer = new ResizeObserver(() => setDisplay({ width: canvas.clientWidth, height: canvas.clientHeight }));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  // Decode a chosen file at once, so a broken or huge one is reported before anyone presses Run; only a
  // file that decodes replaces the current input.
  const onFile = useCallback((f: Blob & { name?: string }) => {
    loadImageFile(f, 128).then(
      (bitmap) => {
        bitmap.close();
        setFile(f);
        setInput({ kind: 'upload', name: (f.name || 'pasted image').slice(0, 120) });
        setNotice(null);
        reset();
      },
      (e: Error) => fail(e.message),
    );
  }, [fail, reset]);

  const save = async () => {
    const canvas = resultCanvas.current!;
    await saveCreation({ id: newCreationId(), studio: 'dream', title: `Dream on ${input.kind === 'preset' ? input.id : 'an image'} (${settings.layers.map((l) => l.name).join('+')})`, createdAt: Date.now(), recipe: await encodeRecipe(recipeOf(settings, input)), image: await canvasToPng(canvas) });
    setSaved((n) => n + 1);
  };

  const download = async () => downloadBlob(await canvasToPng(resultCanvas.current!), 'neural-atelier-dream.png');

  const busy = studio.status === 'running' || studio.status === 'paused';
  const status = studioStatus(studio.status, model);

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
          <DreamControls settings={settings} onChange={setSettings} painting={painting} onPainting={setPainting} brush={brush} onBrush={setBrush} />
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
          <div className="relative w-full max-w-[40rem]">
            <canvas data-testid="result" ref={resultCanvas} className="block h-auto w-full rounded-lg bg-ink" width={1} height={1} />
            <canvas ref={originalCanvas} className={`absolute inset-0 h-full w-full rounded-lg ${showOriginal ? '' : 'invisible'}`} width={1} height={1} />
            {painting && display && display.width > 1 && (
              <MaskPainter width={display.width} height={display.height} mask={settings.mask} brush={brush} feather={0.03} onChange={(mask) => setSettings((s) => ({ ...s, mask }))} />
            )}
          </div>
          {!hasResult && <p className="text-muted">This is your starting image. Choose layers (and paint where, if you like), then press Dream: each step appears here as it happens.</p>}
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
