'use client';
// The denoise studio: a digit, drawn or MNIST's, damaged by hand (rubbed out) and by seeded noise, and what the
// denoising autoencoder gives back, each read by the digit classifier. Built from the kit (useStudio, StudioFrame,
// SaveShare) and the Lab's digit parts.
import { useRef, useState } from 'react';
import { EXAMPLE_DIGITS } from '@/models/classifier/examples';
import { registryEntry } from '@/models/registry';
import { canvasesInRowPng } from '@/lib/canvas/image-file';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { entryForRef, keyOf, modelRefFor } from '@/lib/share/model-ref';
import { decodeDigit, decodeErased, type DenoiseRecipe, encodeDigit, encodeErased } from '@/lib/share/recipe';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { SaveShare } from '../_components/SaveShare';
import { StudioFrame } from '../_components/StudioFrame';
import { type Denoised, DenoiseControls } from '../_components/digits/Denoise';
import { DigitInput } from '../_components/digits/DigitInput';
import { DenoisedDigits } from './DenoisedDigits';

const DENOISER = registryEntry('vae-mnist-denoise');
const CLASSIFIER = registryEntry('digit-cnn');

type Damage = Omit<DenoiseRecipe, 'studio' | 'v' | 'model' | 'classifier'>;

const settingsOf = ({ digit, sd, seed, erased }: DenoiseRecipe): Damage => ({ digit, sd, seed, erased });

/** The studio opens on MNIST's 3 with a bar through its middle rubbed out (4 columns, 16 rows) under noise of 0.5. */
const DEFAULTS: Damage = {
  digit: EXAMPLE_DIGITS[3],
  sd: 0.5,
  seed: 1,
  erased: encodeErased(
    Array.from({ length: 28 * 28 }, (_, i) => i % 28 >= 12 && i % 28 < 16 && i >= 6 * 28 && i < 22 * 28),
  ),
};

export default function DenoiseStudio() {
  const studio = useStudio<Damage, DenoiseRecipe>({
    studio: 'denoise',
    settingsOf,
    defaults: DEFAULTS,
    model: (state) => (state.linkRecipe && entryForRef(state.linkRecipe.model)) ?? DENOISER,
  });
  const { state, change, run, entry, model, status } = studio;
  const [made, setMade] = useState<Denoised | null>(null);
  const figures = useRef<HTMLDivElement>(null);
  const classifierOf = (recipe: DenoiseRecipe | null) => (recipe && entryForRef(recipe.classifier)) ?? CLASSIFIER;

  const show = (damage: Damage) => {
    if (model.phase !== 'ready') return;
    const denoiser = model.model;
    const recipe: DenoiseRecipe = {
      studio: 'denoise',
      v: 1,
      model: modelRefFor(entry),
      classifier: modelRefFor(classifierOf(state.linkRecipe)),
      ...damage,
    };
    void run(recipe, async (c) => {
      const { data } = await c.engine({
        kind: 'denoise',
        model: denoiser,
        classifier: keyOf(classifierOf(recipe)),
        pixels: decodeDigit(damage.digit),
        corruption: { sd: damage.sd, seed: damage.seed, erased: decodeErased(damage.erased) },
      });
      setMade(data);
    });
  };
  const apply = (damage: Damage) => {
    change(damage);
    show(damage);
  };
  useOpenOnce(state, model.phase === 'ready', (link) => show(link ? settingsOf(link) : state.settings));

  const { digit } = state.settings;
  const ready = model.phase === 'ready';
  const busy = !ready || status === 'running';
  const output = () => canvasesInRowPng([...figures.current!.querySelectorAll('canvas')], 224, 16);
  const current = () => state.shown && { recipe: state.shown, title: 'A digit denoised', output };
  return (
    <StudioFrame
      {...studio.frame}
      controls={
        <>
          <DigitInput
            hint="Draw a digit or pick one from MNIST, then damage it below."
            disabled={busy}
            onDrawn={(pixels) => change({ ...state.settings, digit: encodeDigit(pixels) })}
            onDrawing={() => undefined}
            onExample={(example) => change({ ...state.settings, digit: example })}
          />
          <DenoiseControls
            key={state.linkRecipe ? 'link' : 'defaults'}
            digit={digit}
            initial={{ sd: state.settings.sd, erased: decodeErased(state.settings.erased) }}
            runTestId="run"
            disabled={busy}
            onRun={({ sd, erased }) => apply({ digit, sd, seed: state.settings.seed, erased: encodeErased(erased) })}
          />
          <div className="flex flex-wrap gap-2 text-sm">
            <SaveShare studio={studio} current={current} disabled={status !== 'done'} />
          </div>
          <CreationsDrawer version={studio.saved} />
        </>
      }
      result={<DenoisedDigits figures={figures} shown={state.shown} made={made} />}
    />
  );
}
