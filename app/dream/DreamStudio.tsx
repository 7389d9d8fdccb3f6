'use client';
import { useRef, useState } from 'react';
import { registryEntry } from '@/models/registry';
import { presetRef } from '@/lib/canvas/presets';
import { sizeParam } from '@/lib/hooks/useHashRecipe';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { usePictureRun } from '@/lib/hooks/usePictureRun';
import { useStartingImage } from '@/lib/hooks/useStartingImage';
import { useDisplaySize } from '@/lib/hooks/useDisplaySize';
import { modelRefFor } from '@/lib/share/model-ref';
import { autoRunBlocker, type DreamRecipe, type ImageRef } from '@/lib/share/recipe';
import type { Shareable } from '@/lib/share/shareable';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { RunControls } from '../_components/RunControls';
import { keptStill } from '@/lib/store/stills';
import { ImagePicker } from '../_components/ImagePicker';
import { StudioFrame } from '../_components/StudioFrame';
import { DREAM_DEFAULTS, DreamControls } from './DreamControls';
import { DreamResult } from './DreamResult';
import { GuidePicker } from './GuidePicker';
import { type DreamFiles, useDreamFollowUps } from './useDreamFollowUps';

const INCEPTION = registryEntry('inception-v3');

/** Everything the controls choose: the recipe less what names it. */
type DreamChoices = Omit<DreamRecipe, 'studio' | 'v' | 'model'>;
const settingsOf = ({ studio: _s, v: _v, model: _m, ...choices }: DreamRecipe): DreamChoices => choices;
const recipeOf = (choices: DreamChoices): DreamRecipe => ({
  studio: 'dream',
  v: 1,
  model: modelRefFor(INCEPTION),
  ...choices,
});
const titleOf = (recipe: DreamRecipe) =>
  `Dream on ${recipe.input.kind === 'preset' ? recipe.input.id : 'an image'} ` +
  `(${recipe.layers.map((l) => l.name).join('+')})`;
/** What Save and Share take: the dream on screen and the recipe that made it, whatever the controls say now. */
const shareableOf = (
  last: { recipe: DreamRecipe; files: DreamFiles; output: Promise<Blob> } | null,
): Shareable | null =>
  last && {
    recipe: last.recipe,
    title: titleOf(last.recipe),
    output: () => last.output,
    inputs: [last.files.input, last.files.guide],
  };

export default function DreamStudio() {
  const [defaults] = useState<DreamChoices>(() => ({
    ...DREAM_DEFAULTS,
    size: sizeParam(location.search, DREAM_DEFAULTS.size, 75, 4096),
    input: presetRef('cat-1'),
  }));
  const studio = useStudio<DreamChoices, DreamRecipe>({
    studio: 'dream',
    settingsOf,
    defaults,
    model: () => INCEPTION,
  });
  const { state, change, backend, model, busy } = studio;
  const result = useRef<HTMLCanvasElement>(null);
  const original = useRef<HTMLCanvasElement>(null);
  const zoomCanvas = useRef<HTMLCanvasElement>(null);
  const picture = usePictureRun<'dream', DreamChoices, DreamFiles>(studio, { result, original });
  const followUps = useDreamFollowUps(studio, picture, zoomCanvas);
  const { input, ...settings } = state.settings;
  const [files, setFiles] = useState<DreamFiles>({ input: null, guide: null });
  const [painting, setPainting] = useState(false);
  const [brush, setBrush] = useState(0.08);

  const start = (recipe: DreamRecipe, runFiles: DreamFiles) =>
    picture.paint(recipe, runFiles, (net) => ({ kind: 'dream', model: net, recipe, files: runFiles }));

  // A recipe in the link (its settings are on the controls already) runs once the model is ready, unless too large
  // or made from an uploaded image this browser does not keep (camera stills it keeps); without a link the studio
  // waits for Dream.
  useOpenOnce(state, model.phase === 'ready', (link) => {
    if (!link) return;
    const still = (ref: ImageRef | undefined) => (ref?.kind === 'upload' ? keptStill(ref.name) : null);
    void Promise.all([still(link.input), still(link.guide)]).then(([input, guide]) => {
      const kept = { input, guide };
      const missing = [link.input, link.guide].find((ref, i) => ref?.kind === 'upload' && ![input, guide][i]);
      const blocker =
        autoRunBlocker(link) ??
        (missing?.kind === 'upload'
          ? `This recipe was made from an uploaded image ("${missing.name}") that links cannot carry. ` +
            'Choose an image and press Run.'
          : null);
      picture.setNotice(blocker);
      // Only what was found: an image chosen meanwhile (the link's upload, chosen again) stays chosen.
      if (input || guide) setFiles((was) => ({ input: input ?? was.input, guide: guide ?? was.guide }));
      if (!blocker) start(link, kept);
    });
  });

  // The chosen input at the working size before anyone dreams on it (and to paint the mask on).
  const ready = !busy && !picture.hasResult && backend.phase === 'ready';
  useStartingImage(result, input, files.input, settings.size, ready);
  const display = useDisplaySize(result); // the mask painter overlays the displayed canvas

  const chooseInput = (input: ImageRef, file: Blob | null) => {
    change({ input });
    setFiles((was) => ({ ...was, input: file }));
  };
  const chooseGuide = (guide: ImageRef, file: Blob | null) => {
    change({ guide, channel: undefined });
    setFiles((was) => ({ ...was, guide: file }));
  };
  const onFile = (f: Blob & { name?: string }) => picture.withFile(f, (file, ref) => chooseInput(ref, file));

  return (
    <StudioFrame
      {...studio.frame}
      notice={picture.frameNotice(
        'Settings changed: press Dream to apply them. Save, Share and Download keep the dream on screen.',
      )}
      controls={
        <>
          <ImagePicker
            label="Your image"
            testId="upload"
            value={input}
            onPreset={(ref) => chooseInput(ref, null)}
            onFile={onFile}
            acceptPaste
          />
          <DreamControls
            settings={settings}
            onChange={change}
            painting={painting}
            onPainting={setPainting}
            brush={brush}
            onBrush={setBrush}
          />
          <GuidePicker
            guide={settings.guide}
            onPreset={(ref) => chooseGuide(ref, null)}
            onFile={(f) => picture.withFile(f, (file, ref) => chooseGuide(ref, file), 'guide image')}
            onClear={() => change({ guide: undefined })}
          />
          <RunControls
            studio={studio}
            label="Dream"
            disabled={model.phase !== 'ready'}
            onRun={() => start(recipeOf(state.settings), files)}
          />
          <CreationsDrawer
            version={studio.saved}
            uses={[{ label: 'use', onUse: (c) => c.image && onFile(Object.assign(c.image, { name: c.title })) }]}
          />
        </>
      }
      result={
        <DreamResult
          result={result}
          original={original}
          zoomCanvas={zoomCanvas}
          studio={studio}
          picture={picture}
          followUps={followUps}
          shareable={() => shareableOf(picture.onScreen())}
          brush={
            painting && display && display.width > 1
              ? { size: brush, mask: settings.mask, onChange: (mask) => change({ mask }), display }
              : null
          }
        />
      }
    />
  );
}
