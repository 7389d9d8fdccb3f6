'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { arithmetic, FACE_SIZE, latentFromSeed, slerp } from '@/models/dcgan-faces/latent';
import { registryEntry } from '@/models/registry';
import { useBackend } from '@/lib/hooks/useBackend';
import { studioStatus, useModel } from '@/lib/hooks/useModel';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { encodeRecipe } from '@/lib/share/codec';
import { entryForRef, modelRefFor, olderVersionNote } from '@/lib/share/model-ref';
import { decodeLatent, encodeLatent, type FacesRecipe } from '@/lib/share/recipe';
import { roundVectorToHalf } from '@/lib/share/float16';
import { newCreationId, saveCreation } from '@/lib/store/creations';
import { downloadBlob } from '@/lib/canvas/download';
import { encodeGif } from '@/lib/canvas/gif';
import { canvasToPng } from '@/lib/canvas/image-file';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { ShareButton } from '../_components/ShareButton';
import { ModelStatus } from '../_components/ModelStatus';
import { Slider } from '../_components/Slider';
import { StudioFrame } from '../_components/StudioFrame';

const DCGAN = registryEntry('dcgan-faces');
const SCALE = 2; // faces are drawn at 128 px: upscaled display of the 64 px output
const CELL = FACE_SIZE * SCALE + 4;
const FRAMES = 8;

/** Draws a strip of faces (the engine's frame: N faces of 64 px side by side) into a grid canvas of
 * `columns` columns. */
async function drawGrid(strip: ImageBitmap, canvas: HTMLCanvasElement, columns: number) {
  const n = strip.width / FACE_SIZE;
  const rows = Math.ceil(n / columns);
  canvas.width = columns * CELL + 4;
  canvas.height = rows * CELL + 4;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#0e0d12';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = 'high';
  for (let i = 0; i < n; i++) {
    // Each face is cut out first, so scaling it up never samples its neighbour in the strip.
    const face = await createImageBitmap(strip, i * FACE_SIZE, 0, FACE_SIZE, FACE_SIZE);
    ctx.drawImage(
      face,
      4 + (i % columns) * CELL,
      4 + Math.floor(i / columns) * CELL,
      FACE_SIZE * SCALE,
      FACE_SIZE * SCALE,
    );
    face.close();
  }
  strip.close();
}

function randomSeeds(count: number): number[] {
  return Array.from(crypto.getRandomValues(new Uint32Array(count)));
}

type Latents = Float32Array[];

/** The vectors a recipe stands for: explicit latents (already float16), else one per seed. */
const latentsOf = (r: FacesRecipe): Latents =>
  r.latents?.length
    ? r.latents.map((s) => Float32Array.from(decodeLatent(s)!))
    : r.seeds.map((s) => latentFromSeed(s, r.truncation));

const settingsOf = (r: FacesRecipe): FacesSettings => ({ truncation: r.truncation });
type FacesSettings = { truncation: number };
const FIRST_SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);

export default function FacesStudio() {
  const backend = useBackend();
  const studio = useStudio<FacesSettings, FacesRecipe>({ studio: 'faces', settingsOf, defaults: { truncation: 0 } });
  const { state, run, fail } = studio;
  // A link made with earlier weights loads those weights while they are served, so it remakes its faces.
  const entry = (state.linkRecipe && entryForRef(state.linkRecipe.model)) ?? DCGAN;
  const linkRead = state.link !== 'reading';
  const model = useModel(entry, backend.phase === 'ready' && linkRead ? backend.info.name : null);
  const [picks, setPicks] = useState<number[]>([]);
  const [frames, setFrames] = useState<ImageData[] | null>(null);
  const [saved, setSaved] = useState(0);
  const grid = useRef<HTMLCanvasElement>(null);
  const strip = useRef<HTMLCanvasElement>(null);
  const animation = useRef<HTMLCanvasElement>(null);
  const shown = state.shown;
  const latents = useMemo<Latents>(() => (shown ? latentsOf(shown) : []), [shown]);

  const render = useCallback(
    (r: FacesRecipe) => {
      if (model.phase !== 'ready') return;
      const gan = model.model;
      setPicks([]);
      void run(r, async (c) => {
        const zs = latentsOf(r);
        const { image } = await c.engine({ kind: 'faces', model: gan, latents: zs });
        await drawGrid(image!, grid.current!, Math.min(8, Math.ceil(Math.sqrt(zs.length))));
      });
    },
    [model, run],
  );

  useEffect(() => {
    if (model.phase === 'error') fail(model.message);
  }, [model, fail]);
  useOpenOnce(state, model.phase === 'ready', (link) =>
    render(link ?? { studio: 'faces', v: 1, model: modelRefFor(entry), seeds: FIRST_SEEDS, truncation: 0 }),
  );

  /** A new grid with the controls' settings: new seeds, or the shown seeds again (Redraw). */
  const drawWith = (seeds: number[]) =>
    render({ studio: 'faces', v: 1, model: modelRefFor(entry), seeds, truncation: state.settings.truncation });

  const columns = Math.min(8, Math.ceil(Math.sqrt(latents.length || 1)));
  const onGridClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * e.currentTarget.width;
    const y = ((e.clientY - rect.top) / rect.height) * e.currentTarget.height;
    const index = Math.floor((y - 4) / CELL) * columns + Math.floor((x - 4) / CELL);
    if (index < 0 || index >= latents.length) return;
    setPicks((p) => (p.includes(index) ? p.filter((i) => i !== index) : [...p, index].slice(-3)));
  };

  /** A recipe of explicit latents (rounded to float16 first, so its link reproduces it exactly). */
  const latentRecipe = (base: FacesRecipe, zs: Latents): FacesRecipe => ({
    ...base,
    latents: zs.map((z) => encodeLatent(roundVectorToHalf(z))),
  });

  const interpolate = () => {
    if (model.phase !== 'ready' || picks.length < 2) return;
    const [a, b] = picks.map((i) => latents[i]);
    const frames = Array.from({ length: FRAMES }, (_, k) => slerp(a, b, k / (FRAMES - 1)));
    const gan = model.model;
    void run(null, async (c) => {
      const { image } = await c.engine({ kind: 'faces', model: gan, latents: frames });
      await drawGrid(image!, strip.current!, FRAMES);
      const ctx = strip.current!.getContext('2d')!;
      setFrames(
        Array.from({ length: FRAMES }, (_, k) =>
          ctx.getImageData(4 + k * CELL, 4, FACE_SIZE * SCALE, FACE_SIZE * SCALE),
        ),
      );
    });
  };

  // Plays the blend back and forth, one frame every 120 ms, while it is on screen.
  useEffect(() => {
    const canvas = animation.current;
    if (!frames || !canvas) return;
    const loop = [...frames, ...frames.slice(1, -1).reverse()];
    let raf = 0;
    const started = performance.now();
    const tick = (now: number) => {
      canvas.getContext('2d')!.putImageData(loop[Math.floor((now - started) / 120) % loop.length], 0, 0);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [frames]);

  const downloadGif = () =>
    frames &&
    downloadBlob(encodeGif([...frames, ...frames.slice(1, -1).reverse()], 120), 'neural-atelier-faces-blend.gif');

  const arithmeticOfPicks = () => {
    if (picks.length < 3 || !shown) return;
    const [a, b, c] = picks.map((i) => latents[i]);
    render(latentRecipe(shown, [a, b, c, arithmetic(a, b, c)]));
  };

  // Save and Share take the faces on screen and the recipe that made them, whatever the controls say now.
  const save = async () => {
    if (!shown) return;
    await saveCreation({
      id: newCreationId(),
      studio: 'faces',
      title: `${latents.length} faces`,
      createdAt: Date.now(),
      recipe: await encodeRecipe(shown),
      image: await canvasToPng(grid.current!),
    });
    setSaved((n) => n + 1);
  };

  const status = studioStatus(state.status, model);
  const older = olderVersionNote(entry);
  const changed =
    studio.settingsChanged &&
    'Truncation changed: press Redraw or New faces to apply it. Save and Share keep the faces on screen.';
  const letter = (i: number) => 'ABC'[picks.indexOf(i)];

  return (
    <StudioFrame
      studio="faces"
      backend={backend}
      status={status}
      error={state.error}
      notice={changed || state.linkNote || older}
      progress={state.progress}
      longestTaskMs={studio.longestTaskMs}
      numTensors={studio.numTensors}
      controls={
        <>
          <ModelStatus state={model} title={older ? `${entry.title} (version ${entry.version})` : entry.title} />
          <Slider
            label="Truncation"
            value={state.settings.truncation}
            min={0}
            max={2}
            step={0.1}
            onChange={(truncation) => studio.change({ truncation })}
            format={(t) => (t === 0 ? 'off' : `${t.toFixed(1)} σ`)}
            hint="Redraw latent values beyond this many standard deviations: plainer, more typical faces"
          />
          <div className="flex flex-wrap gap-2">
            <button
              data-testid="run"
              disabled={model.phase !== 'ready'}
              onClick={() => drawWith(randomSeeds(16))}
              className="rounded-lg bg-accent px-5 py-2 font-medium text-ink disabled:opacity-40"
            >
              New faces
            </button>
            <button
              data-testid="redraw"
              disabled={model.phase !== 'ready'}
              onClick={() => drawWith(shown?.seeds ?? FIRST_SEEDS)}
              className="rounded-lg border border-line px-4 py-2 disabled:opacity-40"
            >
              Redraw
            </button>
          </div>
          <div className="space-y-2 rounded-lg border border-line p-3 text-sm">
            <p className="text-muted">Click faces to pick them (up to three: A, B, C).</p>
            <button
              data-testid="interpolate"
              disabled={picks.length < 2}
              onClick={interpolate}
              className="w-full rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
            >
              Blend A → B ({FRAMES} frames, slerp)
            </button>
            <button
              data-testid="arithmetic"
              disabled={picks.length < 3}
              onClick={arithmeticOfPicks}
              className="w-full rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
            >
              A − B + C
            </button>
            <p className="text-xs text-muted">
              Radford et al.&apos;s recipe: A = a man with glasses, B = a man without, C = a woman: A − B + C tends
              towards a woman with glasses. Averaging a few faces of each kind works better than one.
            </p>
          </div>
          <CreationsDrawer version={saved} />
        </>
      }
      result={
        <div className="flex flex-col items-center gap-4">
          <div className="relative w-full max-w-[40rem]">
            <canvas
              data-testid="result"
              ref={grid}
              onClick={onGridClick}
              className="block h-auto w-full cursor-pointer rounded-lg"
              width={1}
              height={1}
            />
            {picks.map((i) => (
              <span
                key={i}
                className="pointer-events-none absolute rounded bg-accent px-1.5 text-xs font-bold text-ink"
                style={{
                  left: `${((4 + (i % columns) * CELL) / (columns * CELL + 4)) * 100}%`,
                  top: `${
                    ((4 + Math.floor(i / columns) * CELL) / (Math.ceil(latents.length / columns) * CELL + 4)) * 100
                  }%`,
                }}
              >
                {letter(i)}
              </span>
            ))}
          </div>
          <canvas
            data-testid="interpolation"
            ref={strip}
            className={`h-auto w-full max-w-[60rem] rounded-lg ${frames ? '' : 'hidden'}`}
            width={1}
            height={1}
          />
          {frames && (
            <div className="flex items-center gap-4">
              <canvas
                ref={animation}
                width={FACE_SIZE * SCALE}
                height={FACE_SIZE * SCALE}
                className="rounded-lg"
                aria-label="the blend, animated"
              />
              <button
                data-testid="download-gif"
                onClick={downloadGif}
                className="rounded-md border border-line px-3 py-1.5 text-sm"
              >
                Download GIF
              </button>
            </div>
          )}
          <div className="flex gap-2 text-sm">
            <button
              data-testid="save"
              onClick={() => void save()}
              disabled={status !== 'done'}
              className="rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
            >
              Save to my creations
            </button>
            <ShareButton
              disabled={status !== 'done'}
              current={() =>
                shown && { recipe: shown, title: `${latents.length} faces`, output: () => canvasToPng(grid.current!) }
              }
            />
          </div>
        </div>
      }
    />
  );
}
