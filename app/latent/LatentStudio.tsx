'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { seededNormals } from '@/models/core/random';
import { registryEntry } from '@/models/registry';
import { lerp, moveAlong, sliderCoordinates } from '@/models/vae/atlas';
import { useStudio } from '@/lib/hooks/useStudio';
import type { ModelKey } from '@/lib/engine/protocol';
import { roundVectorToHalf } from '@/lib/share/float16';
import { modelRefFor } from '@/lib/share/model-ref';
import { decodeLatent, encodeLatent, type LatentRecipe } from '@/lib/share/recipe';
import { canvasToPng, drawBitmap } from '@/lib/canvas/image-file';
import { pageEngine } from '@/lib/engine/client';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { SaveShare } from '../_components/SaveShare';
import { ImageDrop } from '../_components/ImageDrop';
import { ModelStatus } from '../_components/ModelStatus';
import { StudioFrame } from '../_components/StudioFrame';
import { DirectionSliders, PREVIEW_AT } from './DirectionSliders';
import { DrawPad } from '../_components/DrawPad';
import { LatentMap } from './LatentMap';
import { upscaled } from './pixels';
import { DATASETS, type LatentSpace, spaceFor, spaceOf, type View } from './spaces';

const FRAMES = 8; // interpolation frames from A to B
const STRIP_DELAY_MS = 250; // previews are redrawn once the point has rested this long

/** Latents are kept rounded to float16, the precision of a recipe link, so a link decodes the same pixels. */
const half = (values: ArrayLike<number>) => Float32Array.from(roundVectorToHalf(values));
const startOf = (space: LatentSpace) => half(space.atlas.mean);

/** Decodes latents on the page's engine outside a studio run (previews): a strip of tiles side by side. */
async function decodeStrip(model: ModelKey, latents: Float32Array[]): Promise<ImageBitmap> {
  const { image } = await (await pageEngine()).run({ kind: 'latent-decode', model, latents }).done;
  return image!;
}

/** What the controls choose: the space (by its model) and the point, as a link holds it (float16). */
type LatentChoices = { model: string; z: string };
const settingsOf = (r: LatentRecipe): LatentChoices => ({ model: r.model.id, z: r.z });
const FIRST_SPACE = spaceFor('digits', 'map');

/** Why a link's point cannot be shown here, or null when it can. */
function linkProblem(r: LatentRecipe): string | null {
  const linked = spaceOf(r.model.id);
  const values = decodeLatent(r.z);
  if (!linked) return `This link names the model "${r.model.id}", which the latent studio does not have.`;
  if (!values || values.length !== linked.atlas.mean.length)
    return (
      `This link's latent vector has ${values?.length ?? 0} numbers; ` +
      `${linked.model} needs ${linked.atlas.mean.length}.`
    );
  return null;
}

export default function LatentStudio() {
  const studio = useStudio<LatentChoices, LatentRecipe>({
    studio: 'latent',
    settingsOf,
    defaults: { model: FIRST_SPACE.model, z: encodeLatent(startOf(FIRST_SPACE)) },
    model: (state) => registryEntry((spaceOf(state.settings.model) ?? FIRST_SPACE).model),
  });
  const { state, run, fail, change, dismissError, entry, model } = studio;
  const problem = state.linkRecipe && linkProblem(state.linkRecipe);
  // Decoding waits for a link to be read; after a broken one, for the person's first move (so the message stays).
  const [moved, setMoved] = useState(false);
  // A link this studio cannot show leaves the first space on the controls until the person moves.
  const chosen =
    problem && !moved ? { model: FIRST_SPACE.model, z: encodeLatent(startOf(FIRST_SPACE)) } : state.settings;
  const space = spaceOf(chosen.model) ?? FIRST_SPACE;
  const z = useMemo(() => Float32Array.from(decodeLatent(chosen.z) ?? startOf(space)), [chosen.z, space]);
  const ready = moved || state.link === 'none' || (state.link === 'opened' && !problem);
  const [ends, setEnds] = useState<{ a: Float32Array | null; b: Float32Array | null }>({ a: null, b: null });
  const [strips, setStrips] = useState<ImageBitmap[] | null>(null);
  const [frames, setFrames] = useState<ImageBitmap | null>(null);
  const [input, setInput] = useState<ImageBitmap | null>(null);
  const result = useRef<HTMLCanvasElement>(null);
  const interpolation = useRef<HTMLCanvasElement>(null);
  const inputCanvas = useRef<HTMLCanvasElement>(null);

  const switchTo = (next: LatentSpace) => {
    setMoved(true);
    dismissError();
    change({ model: next.model, z: encodeLatent(startOf(next)) });
    setEnds({ a: null, b: null });
    setStrips(null);
    setFrames(null);
    setInput(null);
  };

  /** Every move a person makes: it also lets decoding start after a broken link. */
  const moveTo = (next: ArrayLike<number>) => {
    if (!moved) dismissError();
    setMoved(true);
    change({ model: space.model, z: encodeLatent(half(next)) });
  };

  useEffect(() => {
    if (problem) fail(problem);
  }, [problem, fail]);

  // The main image follows the point at most once a frame: moves in between are folded into the next decode.
  useEffect(() => {
    if (model.phase !== 'ready' || !ready) return;
    const vae = model.model;
    const recipe: LatentRecipe = { studio: 'latent', v: 1, model: modelRefFor(entry), z: encodeLatent(z) };
    const frame = requestAnimationFrame(() => {
      void run(recipe, async (c) => {
        const { image } = await c.engine({ kind: 'latent-decode', model: vae, latents: [z] });
        drawBitmap(image!, result.current!);
        image!.close();
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [model, z, ready, entry, run]);

  // Preview strips: every direction's previews from the current point, once it rests.
  useEffect(() => {
    if (model.phase !== 'ready' || !ready || space.view !== 'sliders') return;
    const vae = model.model;
    let alive = true;
    const timer = setTimeout(async () => {
      // One direction at a time: the next move stops stale previews after one small decode, not after all of
      // them (on a slow GPU, or the CPU fallback, a single batch of every preview holds the device for seconds).
      for (let i = 0; i < space.atlas.directions.length && alive; i++) {
        const strip = await decodeStrip(
          vae,
          PREVIEW_AT.map((v) => Float32Array.from(moveAlong(space.atlas, z, i, v))),
        );
        if (!alive) return;
        setStrips((shown) => {
          const next = [...(shown ?? [])];
          next[i] = strip;
          return next;
        });
      }
    }, STRIP_DELAY_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [model, z, ready, space]);

  useEffect(() => {
    const { a, b } = ends;
    if (model.phase !== 'ready' || !a || !b) return;
    const vae = model.model;
    let alive = true;
    void decodeStrip(
      vae,
      Array.from({ length: FRAMES }, (_, k) => Float32Array.from(lerp(a, b, k / (FRAMES - 1)))),
    ).then((strip) => alive && setFrames(strip));
    return () => {
      alive = false;
    };
  }, [model, ends]);

  useEffect(() => {
    if (frames && interpolation.current) drawBitmap(frames, interpolation.current);
  }, [frames]);
  useEffect(() => {
    if (input && inputCanvas.current) drawBitmap(input, inputCanvas.current);
  }, [input]);

  /** Encodes a drawing ([H * W * C] in [0, 1]) or a photo and moves the point to its mean code. */
  const encode = (from: { pixels: Float32Array | null; photo: Blob | null }) => {
    if (model.phase !== 'ready') return;
    const vae = model.model;
    void run(null, async (c) => {
      const { image, data } = await c.engine({ kind: 'latent-encode', model: vae, ...from });
      setInput(image!);
      // The per-frame decode paints the reconstruction; until it has, the studio says running, not done.
      moveTo(data.mu);
    });
  };
  const encodeDrawing = (pixels: Float32Array) => encode({ pixels, photo: null });
  const onFace = (photo: File) => encode({ pixels: null, photo });

  const randomPoint = () => moveTo(seededNormals(crypto.getRandomValues(new Uint32Array(1))[0], z.length));

  /** The decoded point on screen (not a move still waiting for its frame), as a creation: its exact latent and the
   * image (enlarged, pixels kept sharp). */
  const current = () => {
    const image = result.current?.getContext('2d')!.getImageData(0, 0, result.current.width, result.current.height);
    const recipe = state.shown;
    if (!image || !recipe) return null;
    return { recipe, title: `${space.dataset} (${entry.title})`, output: () => canvasToPng(upscaled(image, 256)) };
  };

  // A move schedules its decode for the next frame: 'done' before then would describe the last point's image.
  const status = state.status === 'done' && state.shown?.z !== chosen.z ? 'running' : studio.status;
  const modelReady = model.phase === 'ready';
  const views = (['map', 'sliders'] as View[]).filter((v) => spaceFor(space.dataset, v).view === v);
  const choice = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm ${active ? 'bg-accent text-ink' : 'border border-line hover:border-muted'}`;

  return (
    <StudioFrame
      {...studio.frame}
      status={status}
      notice={state.linkNote}
      controls={
        <>
          <ModelStatus state={model} title={entry.title} />
          <div className="space-y-2">
            <div className="flex gap-2" role="group" aria-label="Dataset">
              {DATASETS.map((d) => (
                <button
                  key={d.id}
                  data-testid={`dataset-${d.id}`}
                  title={d.note}
                  className={choice(space.dataset === d.id)}
                  onClick={() => d.id !== space.dataset && switchTo(spaceFor(d.id, space.view))}
                >
                  {d.title}
                </button>
              ))}
            </div>
            {views.length > 1 && (
              <div className="flex gap-2" role="group" aria-label="View">
                {views.map((v) => (
                  <button
                    key={v}
                    data-testid={`view-${v}`}
                    className={choice(space.view === v)}
                    onClick={() => v !== space.view && switchTo(spaceFor(space.dataset, v))}
                  >
                    {v === 'map' ? 'Map (2-D latent)' : `Sliders (${spaceFor(space.dataset, v).atlas.mean.length}-D)`}
                  </button>
                ))}
              </div>
            )}
          </div>
          {space.input === 'draw' ? (
            <div className="space-y-1">
              <p className="text-sm text-muted">
                Draw {space.dataset === 'digits' ? 'a digit' : 'a garment'} to encode it:
              </p>
              <DrawPad key={space.model} disabled={!modelReady} onEncode={encodeDrawing} />
            </div>
          ) : (
            <ImageDrop label="Upload a face to edit" testId="upload-face" onFile={onFace} acceptPaste />
          )}
          {input && (
            <div className="flex items-center gap-3 text-sm text-muted">
              <canvas
                ref={inputCanvas}
                data-testid="encoded-input"
                width={1}
                height={1}
                className="h-16 w-16 rounded border border-line"
              />
              <span>what the encoder saw → its reconstruction is the main image</span>
            </div>
          )}
          <div className="flex flex-wrap gap-2 text-sm">
            <button
              data-testid="run"
              disabled={!modelReady}
              onClick={randomPoint}
              className="rounded-lg bg-accent px-4 py-2 font-medium text-ink disabled:opacity-40"
            >
              Random point
            </button>
            <button onClick={() => moveTo(startOf(space))} className="rounded-lg border border-line px-3 py-2">
              Centre
            </button>
          </div>
          <div className="space-y-2 rounded-lg border border-line p-3 text-sm">
            <p className="text-muted">Interpolate: mark two points, see the straight line between them.</p>
            <div className="flex gap-2">
              <button
                data-testid="set-a"
                onClick={() => setEnds((e) => ({ ...e, a: z }))}
                className="flex-1 rounded-md border border-line px-3 py-1.5"
              >
                Set A here
              </button>
              <button
                data-testid="set-b"
                onClick={() => setEnds((e) => ({ ...e, b: z }))}
                className="flex-1 rounded-md border border-line px-3 py-1.5"
              >
                Set B here
              </button>
            </div>
          </div>
          <div className="flex flex-wrap gap-2 text-sm">
            <SaveShare studio={studio} current={current} disabled={status !== 'done'} />
          </div>
          <p className="text-xs text-muted">The link holds this exact latent vector (float16).</p>
          <CreationsDrawer version={studio.saved} />
        </>
      }
      result={
        <div className="space-y-6">
          <div className="flex flex-wrap items-start gap-6">
            <figure className="space-y-2">
              <canvas
                data-testid="result"
                ref={result}
                width={1}
                height={1}
                className="h-64 w-64 rounded-lg bg-black"
              />
              <figcaption className="text-xs text-muted">decoded from the point · {entry.title}</figcaption>
            </figure>
            {space.view === 'map' && space.atlas.map && (
              <figure className="min-w-64 flex-1 space-y-2">
                <LatentMap map={space.atlas.map} classes={space.classes} z={z} ends={ends} onMove={moveTo} />
                <figcaption className="text-xs text-muted">
                  Where the {space.atlas.images.toLocaleString('en')} training{' '}
                  {space.dataset === 'digits' ? 'digits' : 'clothes'} land, coloured by class (brighter: more of them).
                  Drag anywhere; ({z[0].toFixed(2)}, {z[1].toFixed(2)}).
                </figcaption>
              </figure>
            )}
          </div>
          {space.view === 'sliders' && (
            <DirectionSliders
              sigmas={space.atlas.directions.map((d) => d.sigma)}
              coords={sliderCoordinates(space.atlas, z)}
              strips={strips}
              onChange={(i, v) => moveTo(moveAlong(space.atlas, z, i, v))}
            />
          )}
          {ends.a && ends.b && (
            <figure className="space-y-1">
              <canvas
                data-testid="interpolation"
                ref={interpolation}
                width={1}
                height={1}
                className="h-auto w-full max-w-[48rem] rounded-lg"
                style={{ aspectRatio: `${FRAMES} / 1` }}
              />
              <figcaption className="text-xs text-muted">
                A → B in {FRAMES} steps along a straight line in latent space.
              </figcaption>
            </figure>
          )}
        </div>
      }
    />
  );
}
