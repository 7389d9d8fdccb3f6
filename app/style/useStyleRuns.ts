'use client';
// The style studio's runs: Paint (its losses step by step), a link that paints by itself once the model is ready,
// the content image shown before the first run, and "Continue from here", which keeps the picture as a creation so
// the next recipe can start from it.
import { useState } from 'react';
import { describeImage } from '../_components/ImagePicker';
import { usePictureRun, type PictureCanvases } from '@/lib/hooks/usePictureRun';
import { useStartingImage } from '@/lib/hooks/useStartingImage';
import { useOpenOnce, type Studio } from '@/lib/hooks/useStudio';
import { autoRunBlocker, imageRefsOf, type StyleRecipe } from '@/lib/share/recipe';
import type { Shareable } from '@/lib/share/shareable';
import { NO_FILES, type RunFiles, type useStyleFiles } from './useStyleFiles';

type StyleChoices = Omit<StyleRecipe, 'studio' | 'v' | 'model' | 'stopAt'>;

/** A timelapse keeps at most this many bytes of frames: beyond, every other frame goes (the last always stays). */
const TIMELAPSE_BYTES = 128e6;
type TimelapseFrame = { step: number; image: ImageData };
function withFrame(frames: TimelapseFrame[], frame: TimelapseFrame): TimelapseFrame[] {
  // The run's result comes as its last step's frame again: it replaces it.
  const all = [...frames.filter((f) => f.step !== frame.step), frame];
  const over = all.length * frame.image.data.length > TIMELAPSE_BYTES;
  return over ? all.filter((_, i) => (all.length - 1 - i) % 2 === 0) : all;
}

const titleOf = (recipe: StyleRecipe) =>
  `${describeImage(recipe.content)} in the style of ${recipe.styles.map((s) => describeImage(s.image)).join(' + ')}`;

/** What Save and Share take: the picture on screen and the recipe that made it, whatever the controls say now. */
export const shareableOf = (
  run: { recipe: StyleRecipe; files: RunFiles; output: Promise<Blob> } | null,
): Shareable | null =>
  run && {
    recipe: run.recipe,
    title: titleOf(run.recipe),
    output: () => run.output,
    inputs: [run.files.content, ...run.recipe.styles.map((_, i) => run.files.styles[i] ?? null), run.files.start],
  };

export function useStyleRuns(
  studio: Studio<StyleChoices, StyleRecipe>,
  images: ReturnType<typeof useStyleFiles>,
  canvases: PictureCanvases,
) {
  const { state, model, backend, busy } = studio;
  const picture = usePictureRun<'style', StyleChoices, RunFiles>(studio, canvases);
  const [losses, setLosses] = useState<number[] | null>(null);
  /** The run's pictures step by step, for its timelapse video (thinned to TIMELAPSE_BYTES). */
  const [timelapse, setTimelapse] = useState<TimelapseFrame[]>([]);

  const start = (recipe: StyleRecipe, files: RunFiles) => {
    setTimelapse([]);
    picture.paint(
      recipe,
      files,
      (net) => ({ kind: 'style', model: net, recipe, files }),
      ({ step, data }) => {
        if (data.losses) setLosses(data.losses);
        const canvas = canvases.result.current!;
        const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        setTimelapse((frames) => withFrame(frames, { step, image }));
      },
    );
  };

  // A recipe in the link (its choices are on the controls already) runs once the model is ready, unless too large
  // or made from uploads; without a link the studio waits for Paint.
  useOpenOnce(state, model.phase === 'ready', (link) => {
    if (!link) return;
    const upload = imageRefsOf(link).find((ref) => ref.kind === 'upload');
    const blocker =
      autoRunBlocker(link) ??
      (upload
        ? `This recipe uses an uploaded image (${describeImage(upload)}) that links cannot carry. ` +
          'Choose it again and press Run.'
        : null);
    picture.setNotice(blocker);
    if (!blocker) start(link, NO_FILES);
  });

  // The content image at the working size before the first run, so the page never starts empty.
  const ready = !busy && !picture.hasResult && backend.phase === 'ready';
  const { content, size } = state.settings;
  const previewed = useStartingImage(canvases.result, content, images.files.content, size, ready);

  /** The last result becomes the next run's starting image, kept as a creation so the recipe can name it. */
  const continueFromResult = async () => {
    const item = shareableOf(picture.onScreen());
    const kept = item && (await studio.save({ ...item, title: `${item.title} (to continue)` }));
    if (kept) images.setStartFrom({ image: { kind: 'creation', id: kept.id }, file: kept.image ?? null });
  };

  return { picture, losses, timelapse: timelapse.map((f) => f.image), previewed, start, continueFromResult };
}
