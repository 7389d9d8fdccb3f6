'use client';
import { useRef, useState } from 'react';
import { SEE_CLASS_DEFAULTS, type SeeClassStart } from '@/models/classifier/settings';
import { FEATURE_VIS_DEFAULTS } from '@/models/featurevis/settings';
import type { InceptionLayer } from '@/models/inception-v3/layers';
import { registryEntry } from '@/models/registry';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { entryForRef, modelRefFor } from '@/lib/share/model-ref';
import { encodeDigit, encodeErased, type LabRecipe } from '@/lib/share/recipe';
import { canvasesInRowPng, canvasToPng } from '@/lib/canvas/image-file';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { SaveShare } from '../_components/SaveShare';
import { StudioFrame } from '../_components/StudioFrame';
import { DenoiseControls } from '../_components/digits/Denoise';
import { DigitInput } from '../_components/digits/DigitInput';
import { CHANNEL_STEPS, ChannelControls } from './Channels';
import { type LabChoices, settingsOf, shownAs, titleOf } from './lab-recipe';
import { LabResult } from './LabResult';
import { SeeControls } from './SeeControls';
import { useLabRuns } from './useLabRuns';

const CLASSIFIER = registryEntry('digit-cnn');
const JUDGE = registryEntry('digit-cnn-b');
const DENOISER = registryEntry('vae-mnist-denoise');
const INCEPTION = registryEntry('inception-v3');
const SEE_STEPS = 30;

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

/** A digit alone: shown layer by layer. */
const digitOnly = (digit: string): LabChoices => ({ digit, shows: { kind: 'layers' } });

export default function LabStudio() {
  const studio = useStudio<LabChoices, LabRecipe>({
    studio: 'lab',
    settingsOf,
    defaults: digitOnly(encodeDigit(strokeOne())),
    // A link made with earlier weights loads those weights while they are served, so it remakes what it showed.
    model: (state) => (state.linkRecipe && entryForRef(state.linkRecipe.model)) ?? CLASSIFIER,
  });
  const { state, change, entry, model, status } = studio;
  const [target, setTarget] = useState(3);
  const [seeFrom, setSeeFrom] = useState<SeeClassStart>('drawing');
  const result = useRef<HTMLCanvasElement>(null);
  const figures = useRef<HTMLDivElement>(null);
  const { view, show, drawing } = useLabRuns(studio, result);

  useOpenOnce(state, model.phase === 'ready', (link) => show(link ? settingsOf(link) : state.settings));

  const apply = (choices: LabChoices) => {
    change(choices);
    show(choices);
  };
  const { digit } = state.settings;
  const seeClass = () =>
    apply({
      digit,
      shows: {
        kind: 'see',
        judge: modelRefFor(JUDGE),
        target,
        steps: SEE_STEPS,
        ...SEE_CLASS_DEFAULTS,
        seed: 1,
        start: seeFrom,
      },
    });
  const denoiseWith = ({ sd, erased }: { sd: number; erased: Uint8Array }) =>
    apply({
      digit,
      shows: { kind: 'denoise', denoiser: modelRefFor(DENOISER), sd, seed: 1, erased: encodeErased(erased) },
    });
  const showChannel = (layer: InceptionLayer, channel: number) =>
    apply({
      digit,
      shows: {
        kind: 'feature',
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

  /** What is on screen as one picture: the digit, and beside it whatever the run made of it. */
  const picture = async () => {
    if (state.shown?.shows.kind === 'feature') return canvasToPng(result.current!);
    return canvasesInRowPng([...figures.current!.querySelectorAll('canvas')], 224, 16); // 8 px a digit pixel
  };
  const current = () => state.shown && { recipe: state.shown, title: titleOf(state.shown), output: picture };

  const ready = model.phase === 'ready';
  const feature = shownAs(state.settings.shows, 'feature');
  return (
    <StudioFrame
      {...studio.frame}
      controls={
        <>
          <DigitInput
            disabled={!ready}
            onDrawn={(pixels) => apply(digitOnly(encodeDigit(pixels)))}
            onDrawing={drawing}
            onExample={(example) => apply(digitOnly(example))}
          />
          <SeeControls
            target={target}
            onTarget={setTarget}
            from={seeFrom}
            onFrom={setSeeFrom}
            disabled={!ready}
            onRun={seeClass}
          />
          <ChannelControls
            key={`${feature?.layer}-${feature?.channel}`}
            initial={{ layer: feature?.layer ?? 'mixed3', channel: feature?.channel ?? 10 }}
            disabled={!ready || status === 'running'}
            onShow={showChannel}
          />
          <DenoiseControls digit={digit} disabled={!ready || status === 'running'} onRun={denoiseWith} />
          <div className="flex flex-wrap gap-2 text-sm">
            <SaveShare studio={studio} current={current} disabled={status !== 'done'} />
          </div>
          <CreationsDrawer version={studio.saved} />
        </>
      }
      result={
        <LabResult
          result={result}
          figures={figures}
          view={view}
          feature={shownAs(onScreen?.shows, 'feature')}
          seen={shownAs(onScreen?.shows, 'see')}
          target={target}
          classifierTitle={entry.title}
          onChannel={showChannel}
        />
      }
    />
  );
}
