'use client';
import { useCallback, useRef, useState } from 'react';
import { receptiveField, type Unit } from '@/models/classifier/anatomy';
import { EXAMPLE_DIGITS } from '@/models/classifier/examples';
import {
  SEE_CLASS_DEFAULTS,
  SEE_CLASS_FIRST,
  SEE_CLASS_STARTS,
  type SeeClassStart,
  seeClassStartPixels,
} from '@/models/classifier/settings';
import { FEATURE_VIS_DEFAULTS } from '@/models/featurevis/settings';
import type { InceptionLayer } from '@/models/inception-v3/layers';
import { type ModelEntry, registryEntry } from '@/models/registry';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { pageEngine } from '@/lib/engine/client';
import type { DigitLayers, Frame } from '@/lib/engine/protocol';
import { entryForRef, keyOf, modelRefFor, olderVersionNote } from '@/lib/share/model-ref';
import { decodeDigit, decodeErased, encodeDigit, encodeErased, type LabRecipe } from '@/lib/share/recipe';
import { canvasToPng, drawBitmap } from '@/lib/canvas/image-file';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { DrawPad } from '../_components/DrawPad';
import { ModelStatus } from '../_components/ModelStatus';
import { SaveShare } from '../_components/SaveShare';
import { StudioFrame } from '../_components/StudioFrame';
import { type Denoised, DenoiseControls, DenoiseResult } from './Denoise';
import { DigitCanvas } from './DigitCanvas';
import { drawDigit } from './draw-digit';
import { LayerView, Probabilities } from './LayerView';
import { inspect, UnitInspector } from './UnitInspector';
import { CHANNEL_STEPS, ChannelControls, ChannelGrid, DreamLink } from './Channels';

const CLASSIFIER = registryEntry('digit-cnn');
const JUDGE = registryEntry('digit-cnn-b');
const DENOISER = registryEntry('vae-mnist-denoise');
const INCEPTION = registryEntry('inception-v3');
const SEE_STEPS = 30;
const EXAMPLE_PIXELS = EXAMPLE_DIGITS.map(decodeDigit);

/** The digit the Lab opens on: one vertical stroke, a "1". */
function strokeOne(): Float32Array {
  const pixels = new Float32Array(784);
  for (let y = 5; y <= 22; y++)
    for (const [x, ink] of [
      [12, 0.5],
      [13, 1],
      [14, 1],
      [15, 0.5],
    ])
      pixels[y * 28 + x] = ink;
  return pixels;
}

/** What the Lab shows: the digit layer by layer, the classifier made to see a class, or the digit denoised. */
type LabChoices = {
  digit: string;
  see: LabRecipe['see'] | null;
  denoise: LabRecipe['denoise'] | null;
  feature: LabRecipe['feature'] | null;
};
type LabView =
  | { kind: 'layers'; layers: DigitLayers }
  | { kind: 'see'; probabilities: Float32Array; judged: Float32Array }
  | ({ kind: 'denoise' } & Denoised)
  | { kind: 'feature'; start: number; end: number | null };

const settingsOf = (r: LabRecipe): LabChoices => ({
  digit: r.digit,
  see: r.see ?? null,
  denoise: r.denoise ?? null,
  feature: r.feature ?? null,
});
const recipeOf = (choices: LabChoices, classifier: ModelEntry): LabRecipe => ({
  studio: 'lab',
  v: 1,
  model: modelRefFor(classifier),
  digit: choices.digit,
  ...(choices.see ? { see: choices.see } : {}),
  ...(choices.denoise ? { denoise: choices.denoise } : {}),
  ...(choices.feature ? { feature: choices.feature } : {}),
});

export default function LabStudio() {
  const studio = useStudio<LabChoices, LabRecipe>({
    studio: 'lab',
    settingsOf,
    defaults: { digit: encodeDigit(strokeOne()), see: null, denoise: null, feature: null },
    // A link made with earlier weights loads those weights while they are served, so it remakes what it showed.
    model: (state) => (state.linkRecipe && entryForRef(state.linkRecipe.model)) ?? CLASSIFIER,
  });
  const { state, run, change, entry, model, status } = studio;
  const [view, setView] = useState<LabView | null>(null);
  const [target, setTarget] = useState(3);
  const [seeFrom, setSeeFrom] = useState<SeeClassStart>('drawing');
  const [hovered, setHovered] = useState<Unit | null>(null);
  const result = useRef<HTMLCanvasElement>(null);
  const figures = useRef<HTMLDivElement>(null);
  // Live layers while the pen is down: one engine run at a time, the newest drawing next; a pen lift (a new
  // generation) drops whatever is still to come.
  const live = useRef({ busy: false, next: null as Float32Array | null, generation: 0 });

  const show = useCallback(
    (choices: LabChoices) => {
      if (model.phase !== 'ready') return;
      const classifier = model.model;
      const pixels = decodeDigit(choices.digit);
      live.current.generation++;
      void run(recipeOf(choices, entry), async (c) => {
        const { see, denoise, feature } = choices;
        if (feature) {
          const { model: inception, steps, ...settings } = feature;
          setView({ kind: 'feature', start: 0, end: null });
          const frame = await c.engine(
            { kind: 'feature-vis', model: keyOf(entryForRef(inception) ?? INCEPTION), settings, steps },
            (f) => f.image && drawBitmap(f.image, result.current!),
          );
          drawBitmap(frame.image!, result.current!);
          setView({ kind: 'feature', ...frame.data! }); // the result carries the measured activations
          return;
        }
        if (see) {
          const {
            judge,
            steps,
            objective = SEE_CLASS_FIRST.objective,
            decay = SEE_CLASS_FIRST.decay,
            start = 'drawing',
            ...settings
          } = see;
          const draw = ({ image, data }: Frame<'see-class'>) => {
            if (image) drawBitmap(image, result.current!);
            setView({ kind: 'see', ...data });
          };
          const judgeKey = keyOf(entryForRef(judge) ?? JUDGE);
          const from = seeClassStartPixels(start, pixels, settings.seed);
          draw(
            await c.engine(
              {
                kind: 'see-class',
                model: classifier,
                judge: judgeKey,
                pixels: from,
                settings: { ...settings, objective, decay },
                steps,
              },
              draw,
            ),
          );
          return;
        }
        drawDigit(pixels, result.current!);
        if (denoise) {
          const corruption = { sd: denoise.sd, seed: denoise.seed, erased: decodeErased(denoise.erased) };
          const { data } = await c.engine({
            kind: 'denoise',
            model: keyOf(entryForRef(denoise.denoiser) ?? DENOISER),
            classifier,
            pixels,
            corruption,
          });
          setView({ kind: 'denoise', ...data });
          return;
        }
        const { data } = await c.engine({ kind: 'digit-layers', model: classifier, pixels });
        setView({ kind: 'layers', layers: data });
      });
    },
    [model, run, entry],
  );

  useOpenOnce(state, model.phase === 'ready', (link) => show(link ? settingsOf(link) : state.settings));

  const apply = (choices: LabChoices) => {
    change(choices);
    show(choices);
  };
  const drawn = (pixels: Float32Array) =>
    apply({ digit: encodeDigit(pixels), see: null, denoise: null, feature: null });
  const drawing = (pixels: Float32Array) => {
    if (model.phase !== 'ready') return;
    const classifier = model.model;
    const queue = live.current;
    queue.next = pixels;
    if (queue.busy) return;
    queue.busy = true;
    const generation = queue.generation;
    void (async () => {
      const engine = await pageEngine();
      while (queue.next && generation === queue.generation) {
        const next = queue.next;
        queue.next = null;
        // A failed frame is not shown; the pen lift's run reports any error.
        const frame = await engine
          .run({ kind: 'digit-layers', model: classifier, pixels: next })
          .done.catch(() => null);
        if (!frame || generation !== queue.generation) break;
        drawDigit(next, result.current!);
        setView({ kind: 'layers', layers: frame.data });
      }
      queue.busy = false;
    })();
  };
  const seeClass = () =>
    apply({
      digit: state.settings.digit,
      denoise: null,
      feature: null,
      see: { judge: modelRefFor(JUDGE), target, steps: SEE_STEPS, ...SEE_CLASS_DEFAULTS, seed: 1, start: seeFrom },
    });
  const denoiseWith = ({ sd, erased }: { sd: number; erased: Uint8Array }) =>
    apply({
      digit: state.settings.digit,
      see: null,
      feature: null,
      denoise: { denoiser: modelRefFor(DENOISER), sd, seed: 1, erased: encodeErased(erased) },
    });

  const showChannel = (layer: InceptionLayer, channel: number) =>
    apply({
      digit: state.settings.digit,
      see: null,
      denoise: null,
      feature: {
        model: modelRefFor(INCEPTION),
        layer,
        channel,
        ...FEATURE_VIS_DEFAULTS,
        steps: CHANNEL_STEPS,
        seed: 1,
      },
    });
  // What the canvas shows: the run's frames while one runs, else what the last run made.
  const onScreen = state.running ?? state.shown;
  const feature = onScreen?.feature ?? null;

  /** What is on screen as one picture: the digit, and beside it whatever the run made of it. */
  const picture = async () => {
    if (state.shown?.feature) return canvasToPng(result.current!);
    const canvases = [...figures.current!.querySelectorAll('canvas')];
    const [side, gap] = [224, 16]; // as on screen: 8 px a digit pixel, kept sharp
    const out = Object.assign(document.createElement('canvas'), {
      width: canvases.length * (side + gap) - gap,
      height: side,
    });
    const context = out.getContext('2d')!;
    context.imageSmoothingEnabled = false;
    canvases.forEach((canvas, i) => context.drawImage(canvas, i * (side + gap), 0, side, side));
    return canvasToPng(out);
  };
  const current = () => {
    const recipe = state.shown;
    if (!recipe) return null;
    const title = recipe.feature
      ? `What InceptionV3 ${recipe.feature.layer} channel ${recipe.feature.channel} looks for`
      : recipe.see
        ? `A digit made to look like ${recipe.see.target}`
        : recipe.denoise
          ? 'A digit denoised'
          : 'A digit, layer by layer';
    return { recipe, title, output: picture };
  };

  const ready = model.phase === 'ready';
  const layers = view?.kind === 'layers' ? view.layers : null;
  const inspection = layers && hovered ? inspect(hovered, layers) : null;
  const field = hovered && receptiveField(hovered.layer, hovered.y, hovered.x);

  return (
    <StudioFrame
      {...studio.frame}
      notice={state.linkNote ?? olderVersionNote(entry)}
      controls={
        <>
          <ModelStatus state={model} title={entry.title} />
          <div className="space-y-1">
            <p className="text-sm text-muted">
              Draw a digit: the layers follow your pen, and lifting it makes the link.
            </p>
            <DrawPad disabled={!ready} onEncode={drawn} onDraw={drawing} />
            <p className="pt-1 text-sm text-muted">or pick one from MNIST:</p>
            <div className="flex flex-wrap gap-1">
              {EXAMPLE_DIGITS.map((digit, d) => (
                <button
                  key={d}
                  data-testid={`example-${d}`}
                  disabled={!ready}
                  aria-label={`an MNIST ${d}`}
                  onClick={() => apply({ digit, see: null, denoise: null, feature: null })}
                  className="rounded border border-line p-0.5 hover:border-accent disabled:opacity-40"
                >
                  <DigitCanvas pixels={EXAMPLE_PIXELS[d]} className="block h-7 w-7" />
                </button>
              ))}
            </div>
          </div>
          <div className="space-y-2 rounded-lg border border-line p-3 text-sm">
            <p className="text-muted">
              Make it see: change the pixels, step by step, until the network sees this digit.
            </p>
            <div className="flex flex-wrap gap-1" role="group" aria-label="Digit to see">
              {Array.from({ length: 10 }, (_, d) => (
                <button
                  key={d}
                  data-testid={`target-${d}`}
                  onClick={() => setTarget(d)}
                  className={`h-8 w-8 rounded-md ${d === target ? 'bg-accent text-ink' : 'border border-line'}`}
                >
                  {d}
                </button>
              ))}
            </div>
            <div className="flex flex-wrap gap-3 text-xs text-muted" role="radiogroup" aria-label="Start from">
              {SEE_CLASS_STARTS.map((start) => (
                <label key={start} className="flex items-center gap-1">
                  <input
                    type="radio"
                    data-testid={`see-from-${start}`}
                    checked={seeFrom === start}
                    onChange={() => setSeeFrom(start)}
                  />
                  {start === 'drawing' ? 'from your digit' : start === 'blank' ? 'from black' : 'from noise'}
                </label>
              ))}
            </div>
            <button
              data-testid="run"
              disabled={!ready}
              onClick={seeClass}
              className="rounded-lg bg-accent px-4 py-2 font-medium text-ink disabled:opacity-40"
            >
              Make it see {target}
            </button>
          </div>
          <ChannelControls
            key={`${state.settings.feature?.layer}-${state.settings.feature?.channel}`}
            initial={{
              layer: state.settings.feature?.layer ?? 'mixed3',
              channel: state.settings.feature?.channel ?? 10,
            }}
            disabled={!ready || status === 'running'}
            onShow={showChannel}
          />
          <DenoiseControls digit={state.settings.digit} disabled={!ready || status === 'running'} onRun={denoiseWith} />
          <div className="flex flex-wrap gap-2 text-sm">
            <SaveShare studio={studio} current={current} disabled={status !== 'done'} />
          </div>
          <CreationsDrawer version={studio.saved} />
        </>
      }
      result={
        <div className="flex flex-wrap items-start gap-8">
          <div ref={figures} className="flex flex-wrap items-start gap-6">
            <figure className="space-y-2">
              <div className="relative h-56 w-56">
                <canvas
                  data-testid="result"
                  ref={result}
                  width={28}
                  height={28}
                  className={`h-56 w-56 rounded-lg bg-black ${
                    view?.kind === 'feature' ? '' : '[image-rendering:pixelated]'
                  }`}
                />
                {field && layers && (
                  // 8 screen px per input pixel (224 / 28).
                  <div
                    data-testid="receptive-field"
                    data-size={`${field.bottom - field.top + 1}x${field.right - field.left + 1}`}
                    className="pointer-events-none absolute border-2 border-accent bg-accent/20"
                    style={{
                      top: field.top * 8,
                      left: field.left * 8,
                      height: (field.bottom - field.top + 1) * 8,
                      width: (field.right - field.left + 1) * 8,
                    }}
                  />
                )}
              </div>
              <figcaption className="max-w-56 text-xs text-muted">
                {field && layers
                  ? 'every pixel this unit can see, through the layers below it: ' +
                    `${field.bottom - field.top + 1}x${field.right - field.left + 1}`
                  : view?.kind === 'feature' && feature
                    ? `grown from noise until InceptionV3's ${feature.layer} channel ${feature.channel} fires hard`
                    : view?.kind === 'denoise'
                      ? 'your digit, as drawn'
                      : view?.kind === 'see'
                        ? { drawing: 'your digit', blank: 'a black square', noise: 'noise' }[
                            onScreen?.see?.start ?? 'drawing'
                          ] +
                          `, its pixels changed step by step until the network sees ${onScreen?.see?.target ?? target}`
                        : 'the 28x28 pixels the network reads; hover a feature map to open one of its units'}
              </figcaption>
              {inspection && <UnitInspector inspection={inspection} />}
              {view?.kind === 'see' && (
                <div className="w-56 space-y-3">
                  <p className="text-xs text-muted">{entry.title}:</p>
                  <Probabilities values={view.probabilities} testId="seen" />
                  <p className="text-xs text-muted">and another network trained the same way (seed 2), as a judge:</p>
                  <Probabilities values={view.judged} testId="judged" />
                </div>
              )}
            </figure>
            {view?.kind === 'denoise' && <DenoiseResult denoised={view} />}
            {view?.kind === 'feature' && feature && (
              <div className="max-w-xl space-y-3 text-sm">
                {view.end !== null && (
                  <p data-testid="activation" data-start={view.start} data-end={view.end} className="text-muted">
                    the channel&apos;s mean activation: {view.start.toFixed(3)} on the starting noise,{' '}
                    {view.end.toFixed(3)} on this image ({(view.end / Math.max(1e-6, view.start)).toFixed(1)}x)
                  </p>
                )}
                <DreamLink layer={feature.layer} channel={feature.channel} />
                <ChannelGrid
                  model={keyOf(INCEPTION)}
                  fingerprint={modelRefFor(INCEPTION).fp}
                  layer={feature.layer}
                  current={feature.channel}
                  onPick={(c) => showChannel(feature.layer, c)}
                />
              </div>
            )}
          </div>
          {layers && (
            <div className="min-w-80 flex-1">
              <LayerView layers={layers} feed={inspection?.highlight ?? null} onHover={setHovered} />
            </div>
          )}
        </div>
      }
    />
  );
}
