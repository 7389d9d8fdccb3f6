'use client';
import { useRef, useState } from 'react';
import { registryEntry } from '@/models/registry';
import { defaultWeights, LATEST_STYLE_ALGORITHM } from '@/models/style/weights';
import { presetRef } from '@/lib/canvas/presets';
import { sizeParam } from '@/lib/hooks/useHashRecipe';
import { useStudio } from '@/lib/hooks/useStudio';
import { useDisplaySize } from '@/lib/hooks/useDisplaySize';
import { modelRefFor } from '@/lib/share/model-ref';
import type { ImageRef, StyleRecipe } from '@/lib/share/recipe';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { RunControls } from '../_components/RunControls';
import { ImagePicker } from '../_components/ImagePicker';
import { StudioFrame } from '../_components/StudioFrame';
import { StyleControls, type StyleSettings } from './StyleControls';
import { StartsFromNote, StopHere } from './Continuing';
import { StyleResult } from './StyleResult';
import { StyleSlots } from './StyleSlots';
import { useStyleFiles } from './useStyleFiles';
import { shareableOf, useStyleRuns } from './useStyleRuns';

const INCEPTION = registryEntry('inception-v3');
const MAX_STYLES = 4;
// A photo and a well-known painting (public/presets); a second style starts as another painting.
const DEFAULT_CONTENT = 'nagasaki-1';
const DEFAULT_STYLE = 'starry-night-1';
const SECOND_STYLE = 'great-wave-1';

const NEW_WEIGHTS = defaultWeights(LATEST_STYLE_ALGORITHM);
const DEFAULTS: StyleSettings = {
  size: 384,
  steps: 200,
  contentWeight: NEW_WEIGHTS.contentWeight,
  styleWeight: NEW_WEIGHTS.styleWeight,
  tvWeight: NEW_WEIGHTS.tvWeight,
  learningRate: 6,
  styleScale: 1,
  coarseToFine: true,
  preserveColor: 'none',
  init: 'content',
  seed: 1,
  algorithm: LATEST_STYLE_ALGORITHM,
};

/** Everything the controls choose: the recipe less what names it and where a run was stopped. */
type StyleChoices = Omit<StyleRecipe, 'studio' | 'v' | 'model' | 'stopAt'>;
// A link's stopAt replays the run it describes; the next Paint runs all the steps again. A link from before
// algorithm 2 names none: its Paint keeps algorithm 1, so it makes the same picture again.
const settingsOf = ({ studio: _s, v: _v, model: _m, stopAt: _stop, ...choices }: StyleRecipe): StyleChoices => ({
  ...choices,
  algorithm: choices.algorithm ?? 1,
});

const recipeOf = ({ content, styles, start, ...settings }: StyleChoices): StyleRecipe => ({
  studio: 'style',
  v: 1,
  model: modelRefFor(INCEPTION),
  ...settings,
  content,
  // Regions only mean something between styles: a lone style paints everywhere.
  styles: styles.map((s) => ({
    image: s.image,
    weight: s.weight,
    ...(styles.length > 1 && s.region ? { region: s.region } : {}),
  })),
  ...(start ? { start } : {}),
});
const fromCreation = (c: { id: string }): ImageRef => ({ kind: 'creation', id: c.id });

export default function StyleStudio() {
  const [defaults] = useState<StyleChoices>(() => ({
    ...DEFAULTS,
    size: sizeParam(location.search, DEFAULTS.size, 75, 2048),
    content: presetRef(DEFAULT_CONTENT),
    styles: [{ image: presetRef(DEFAULT_STYLE), weight: 1 }],
  }));
  const studio = useStudio<StyleChoices, StyleRecipe>({
    studio: 'style',
    settingsOf,
    defaults,
    model: () => INCEPTION,
  });
  const { state, change, model } = studio;
  const { content, styles: chosenStyles, start: startImage, ...settings } = state.settings;
  const images = useStyleFiles(chosenStyles, change);
  const result = useRef<HTMLCanvasElement>(null);
  const original = useRef<HTMLCanvasElement>(null);
  const styleRuns = useStyleRuns(studio, images, { result, original });
  const { picture, losses, timelapse, previewed, start, continueFromResult } = styleRuns;
  const [paintingRegion, setPaintingRegion] = useState<number | null>(null); // the style whose region the brush paints
  const [brush, setBrush] = useState(0.12);
  const display = useDisplaySize(result); // the region painter overlays the displayed canvas

  return (
    <StudioFrame
      {...studio.frame}
      notice={picture.frameNotice(
        'Settings changed: press Paint to apply them. Save and Share keep the picture on screen.',
      )}
      controls={
        <>
          <ImagePicker
            label="Content image"
            testId="upload"
            value={content}
            onPreset={(ref) => images.setContent(ref, null)}
            onFile={(f) => picture.withFile(f, (file, image) => images.setContent(image, file))}
            acceptPaste
          />
          <StyleSlots
            slots={images.slots}
            max={MAX_STYLES}
            onChange={images.setStyle}
            onFile={(i, f) => picture.withFile(f, (file, image) => images.setStyle(i, { image, file }))}
            onRemove={(i) => {
              images.removeStyle(i);
              setPaintingRegion(null);
            }}
            onAdd={() => change({ styles: [...chosenStyles, { image: presetRef(SECOND_STYLE), weight: 1 }] })}
            painting={paintingRegion}
            onPainting={(i) => {
              setPaintingRegion(i);
              // The controls column is long: bring the picture to be painted on into view.
              if (i !== null) result.current?.scrollIntoView({ block: 'nearest' });
            }}
            brush={brush}
            onBrush={setBrush}
          />
          <StyleControls settings={settings} onChange={change} continuing={startImage !== undefined} />
          {startImage && <StartsFromNote onClear={() => images.setStartFrom(null)} />}
          <RunControls
            studio={studio}
            label="Paint"
            disabled={model.phase !== 'ready'}
            onRun={() => start(recipeOf(state.settings), images.forRun())}
            whileBusy={<StopHere onStop={studio.finish} />}
          />
          <CreationsDrawer
            version={studio.saved}
            uses={[
              { label: 'as content', onUse: (c) => images.setContent(fromCreation(c), null) },
              { label: 'as style', onUse: (c) => images.setStyle(0, { image: fromCreation(c), file: null }) },
            ]}
          />
        </>
      }
      result={
        <StyleResult
          result={result}
          original={original}
          studio={studio}
          picture={picture}
          previewed={previewed}
          losses={losses}
          timelapse={timelapse}
          weights={settings}
          shareable={() => shareableOf(picture.onScreen())}
          onContinue={() => void continueFromResult()}
          region={
            paintingRegion !== null && images.slots[paintingRegion]
              ? {
                  index: paintingRegion,
                  size: brush,
                  mask: images.slots[paintingRegion].region,
                  onChange: (region) => images.setStyle(paintingRegion, { region }),
                }
              : null
          }
          display={display}
        />
      }
    />
  );
}
