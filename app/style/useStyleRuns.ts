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
import { keptStill } from '@/lib/store/stills';
import type { RunFiles, useStyleFiles } from './useStyleFiles';

type StyleChoices = Omit<StyleRecipe, 'studio' | 'v' | 'model' | 'stopAt'>;

/** A timelapse keeps at most this many bytes of frames: beyond, it keeps every second step, then every fourth, and
 * so on, evenly in time (and always the latest picture). */
const TIMELAPSE_BYTES = 128e6;
type TimelapseFrame = { step: number; image: ImageData };
type Timelapse = { stride: number; frames: TimelapseFrame[] };
const NO_TIMELAPSE: Timelapse = { stride: 1, frames: [] };

function withFrame({ stride, frames }: Timelapse, frame: TimelapseFrame): Timelapse {
  // The latest picture is kept off the stride until the next; the result comes as its last step's frame again.
  const onStride = (s: number, all: TimelapseFrame[]) => all.filter((f) => f.step % s === 0 && f.step !== frame.step);
  let next = { stride, frames: [...onStride(stride, frames), frame] };
  while (next.frames.length * frame.image.data.length > TIMELAPSE_BYTES && next.frames.length > 2) {
    const wider = next.stride * 2;
    next = { stride: wider, frames: [...onStride(wider, next.frames), frame] };
  }
  return next;
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
  const [timelapse, setTimelapse] = useState<Timelapse>(NO_TIMELAPSE);

  const start = (recipe: StyleRecipe, files: RunFiles) => {
    setTimelapse(NO_TIMELAPSE);
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
  // or made from uploads this browser does not keep (camera stills it keeps); without a link the studio waits for
  // Paint.
  useOpenOnce(state, model.phase === 'ready', (link) => {
    if (!link) return;
    const refs = imageRefsOf(link);
    void Promise.all(refs.map((ref) => (ref.kind === 'upload' ? keptStill(ref.name) : null))).then((kept) => {
      const upload = refs.find((ref, i) => ref.kind === 'upload' && !kept[i]);
      const blocker =
        autoRunBlocker(link) ??
        (upload
          ? `This recipe uses an uploaded image (${describeImage(upload)}) that links cannot carry. ` +
            'Choose it again and press Run.'
          : null);
      picture.setNotice(blocker);
      // imageRefsOf's order: the content, each style, the start
      const files = {
        content: kept[0],
        styles: kept.slice(1, 1 + link.styles.length),
        start: link.start ? (kept.at(-1) ?? null) : null,
      };
      // Only what was found: an image chosen meanwhile (the link's upload, chosen again) stays chosen.
      images.setKept((was) => ({
        content: files.content ?? was.content,
        styles: link.styles.map((_, i) => files.styles[i] ?? was.styles[i] ?? null),
        start: files.start ?? was.start,
      }));
      if (!blocker) start(link, files);
    });
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

  return { picture, losses, timelapse: timelapse.frames.map((f) => f.image), previewed, start, continueFromResult };
}
