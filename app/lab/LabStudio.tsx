'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { SEE_CLASS_DEFAULTS } from '@/models/classifier/settings';
import { registryEntry } from '@/models/registry';
import { useBackend } from '@/lib/hooks/useBackend';
import { studioStatus, useModel } from '@/lib/hooks/useModel';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import type { Metrics, ModelKey } from '@/lib/engine/protocol';
import { modelRefFor } from '@/lib/share/model-ref';
import { decodeDigit, encodeDigit, type LabRecipe } from '@/lib/share/recipe';
import { drawBitmap } from '@/lib/canvas/image-file';
import { DrawPad } from '../_components/DrawPad';
import { ModelStatus } from '../_components/ModelStatus';
import { ShareButton } from '../_components/ShareButton';
import { StudioFrame } from '../_components/StudioFrame';
import { receptiveField } from '@/models/classifier/anatomy';
import { Denoise } from './Denoise';
import { drawDigit } from './draw-digit';
import { type HoveredUnit, LayerView, Probabilities } from './LayerView';

const CLASSIFIER = registryEntry('digit-cnn');
const JUDGE = registryEntry('digit-cnn-b');
const JUDGE_KEY: ModelKey = { id: JUDGE.id, version: JUDGE.version };
const SEE_STEPS = 30;

/** The digit the Lab opens on: one vertical stroke, a "1". */
function strokeOne(): Float32Array {
  const pixels = new Float32Array(784);
  for (let y = 5; y <= 22; y++) for (const [x, ink] of [[12, 0.5], [13, 1], [14, 1], [15, 0.5]]) pixels[y * 28 + x] = ink;
  return pixels;
}

type LabChoices = { digit: string; see: LabRecipe['see'] | null };
const settingsOf = (r: LabRecipe): LabChoices => ({ digit: r.digit, see: r.see ?? null });
const recipeOf = (choices: LabChoices): LabRecipe => ({ studio: 'lab', v: 1, model: modelRefFor(CLASSIFIER), digit: choices.digit, ...(choices.see ? { see: choices.see } : {}) });

export default function LabStudio() {
  const backend = useBackend();
  const studio = useStudio<LabChoices, LabRecipe>({ studio: 'lab', settingsOf, defaults: { digit: encodeDigit(strokeOne()), see: null } });
  const { state, run, change, fail } = studio;
  const model = useModel(CLASSIFIER, backend.phase === 'ready' ? backend.info.name : null);
  const [layers, setLayers] = useState<Metrics | null>(null);
  const [seen, setSeen] = useState<{ probabilities: Float32Array; judged: Float32Array } | null>(null);
  const [target, setTarget] = useState(3);
  const [hovered, setHovered] = useState<HoveredUnit | null>(null);
  const field = hovered && receptiveField(hovered.layer, hovered.y, hovered.x);
  const result = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (model.phase === 'error') fail(model.message);
  }, [model, fail]);

  const show = useCallback(
    (choices: LabChoices) => {
      if (model.phase !== 'ready') return;
      const classifier = model.model;
      const pixels = decodeDigit(choices.digit);
      void run(recipeOf(choices), async (c) => {
        if (!choices.see) {
          setSeen(null);
          drawDigit(pixels, result.current!);
          const { metrics } = await c.engine({ kind: 'digit-layers', model: classifier, pixels });
          setLayers(metrics!);
          return;
        }
        const { see } = choices;
        const settings = { ...SEE_CLASS_DEFAULTS, target: see.target, stepSize: see.stepSize, jitter: see.jitter, tvWeight: see.tvWeight, seed: see.seed };
        const draw = (frame: { image?: ImageBitmap; metrics?: Metrics }) => {
          if (frame.image) drawBitmap(frame.image, result.current!);
          setSeen({ probabilities: frame.metrics!.probabilities as Float32Array, judged: frame.metrics!.judged as Float32Array });
        };
        draw(await c.engine({ kind: 'see-class', model: classifier, judge: JUDGE_KEY, pixels, settings, steps: see.steps }, draw));
      });
    },
    [model, run],
  );

  useOpenOnce(state, model.phase === 'ready', (link) => show(link ? settingsOf(link) : state.settings));

  const redraw = (pixels: Float32Array) => {
    const choices = { digit: encodeDigit(pixels), see: null };
    change(choices);
    show(choices);
  };
  const seeClass = () => {
    const choices: LabChoices = {
      digit: state.settings.digit,
      see: { judge: modelRefFor(JUDGE), target, steps: SEE_STEPS, ...SEE_CLASS_DEFAULTS, seed: 1 },
    };
    change(choices);
    show(choices);
  };

  const current = () => {
    const recipe = state.shown;
    const canvas = result.current;
    if (!recipe || !canvas) return null;
    return { recipe, title: recipe.see ? `A digit made to look like ${recipe.see.target}` : 'A digit, layer by layer', output: () => new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png')) };
  };
  const status = studioStatus(state.status, model);
  const ready = model.phase === 'ready';

  return (
    <StudioFrame
      title="Lab"
      tagline="A small convolutional network that reads handwritten digits, opened up: draw a digit and watch every layer respond, then ask the network to see another digit in it."
      backend={backend}
      status={status}
      error={state.error}
      notice={state.linkNote}
      numTensors={studio.numTensors}
      controls={
        <>
          <ModelStatus state={model} title={CLASSIFIER.title} />
          <div className="space-y-1">
            <p className="text-sm text-muted">Draw a digit; lifting the pen runs it through the network.</p>
            <DrawPad disabled={!ready} onEncode={redraw} />
          </div>
          <div className="space-y-2 rounded-lg border border-line p-3 text-sm">
            <p className="text-muted">Make it see: change the pixels, step by step, until the network sees this digit.</p>
            <div className="flex flex-wrap gap-1" role="group" aria-label="Digit to see">
              {Array.from({ length: 10 }, (_, d) => (
                <button key={d} data-testid={`target-${d}`} onClick={() => setTarget(d)} className={`h-8 w-8 rounded-md ${d === target ? 'bg-accent text-ink' : 'border border-line'}`}>
                  {d}
                </button>
              ))}
            </div>
            <button data-testid="run" disabled={!ready} onClick={seeClass} className="rounded-lg bg-accent px-4 py-2 font-medium text-ink disabled:opacity-40">
              Make it see {target}
            </button>
          </div>
          <ShareButton disabled={status !== 'done'} current={current} />
          {model.phase === 'ready' && <Denoise digit={decodeDigit(state.settings.digit)} classifier={model.model} disabled={status === 'running'} />}
        </>
      }
      result={
        <div className="flex flex-wrap items-start gap-8">
          <figure className="space-y-2">
            <div className="relative h-56 w-56">
              <canvas data-testid="result" ref={result} width={28} height={28} className="h-56 w-56 rounded-lg bg-black [image-rendering:pixelated]" />
              {field && !seen && (
                // 8 screen px per input pixel (224 / 28).
                <div
                  data-testid="receptive-field"
                  data-size={`${field.bottom - field.top + 1}x${field.right - field.left + 1}`}
                  className="pointer-events-none absolute border-2 border-accent bg-accent/20"
                  style={{ top: field.top * 8, left: field.left * 8, height: (field.bottom - field.top + 1) * 8, width: (field.right - field.left + 1) * 8 }}
                />
              )}
            </div>
            <figcaption className="max-w-56 text-xs text-muted">
              {hovered && field
                ? `${hovered.layer} map ${hovered.channel + 1}, unit (${hovered.y}, ${hovered.x}) sees these ${field.bottom - field.top + 1}x${field.right - field.left + 1} pixels`
                : 'the 28x28 pixels the network reads; hover a feature map to see what one unit looks at'}
            </figcaption>
            {seen && (
              <div className="w-56 space-y-3">
                <p className="text-xs text-muted">{CLASSIFIER.title}:</p>
                <Probabilities values={seen.probabilities} testId="seen" />
                <p className="text-xs text-muted">and another network trained the same way (seed 2), as a judge:</p>
                <Probabilities values={seen.judged} testId="judged" />
              </div>
            )}
          </figure>
          {layers && !seen && (
            <div className="min-w-80 flex-1">
              <LayerView metrics={layers} onHover={setHovered} />
            </div>
          )}
        </div>
      }
    />
  );
}
