// Style transfer from its recipe. A `finish` message stops it early with the picture so far, and the result's
// recipe says at which step (stopAt), so its link replays exactly that picture.
import * as tf from '@tensorflow/tfjs';
import type { InceptionV3 } from '../../../models/inception-v3/model';
import { transferStyle, warmUpStyle } from '../../../models/style/run';
import type { StyleSource } from '../../../models/style/style';
import { MIN_SHORT_SIDE, stylePlanOf, workingSize } from '../plans';
import { Cancelled } from '../errors';
import type { RunContext } from './context';
import { bitmapOf, maskTensor, resolveImage } from '../pixels';
import type { Frame, PlanOf } from '../protocol';

/** Frame 0 is the content at the working size (its recipe, and a note when the size was raised); then a frame per
 * step with its losses; the result's recipe names where a stopped run stopped. */
export async function runStyle(
  context: RunContext,
  { model, recipe, files }: PlanOf<'style'>,
): Promise<Frame<'style'>> {
  const net = await context.model<InceptionV3>(model);
  const content = await resolveImage(recipe.content, recipe.size, files.content, MIN_SHORT_SIDE);
  const used = workingSize(recipe, content);
  const sized = { ...recipe, size: used.size };
  const [, height, width] = content.shape;
  const tensors: tf.Tensor[] = [content];
  try {
    const styles: StyleSource[] = [];
    for (const [i, s] of sized.styles.entries()) {
      const pixels = await resolveImage(s.image, sized.size, files.styles[i] ?? null);
      const region = s.region && maskTensor(s.region, width, height);
      tensors.push(pixels, ...(region ? [region] : []));
      styles.push({ pixels, weight: s.weight, region });
    }
    const start = sized.start ? await resolveImage(sized.start, sized.size, files.start) : undefined;
    if (start) tensors.push(start);
    const note = used.note ?? null;
    await context.show({
      step: 0,
      total: sized.stopAt ?? sized.steps,
      image: await bitmapOf(content),
      data: { made: sized, note, losses: null },
    });
    const plan = stylePlanOf(sized);
    const shapes = `style ${JSON.stringify([
      width,
      height,
      plan.algorithm,
      plan.coarseToFine,
      styles.map((s) => [s.pixels.shape, !!s.region]),
    ])}`;
    await context.prepare(shapes, () => warmUpStyle(net, content, styles, plan));
    let reached = 0;
    const out = await transferStyle(
      net,
      content,
      styles,
      plan,
      async (r) => {
        reached = r.step;
        return context.show({
          step: r.step,
          total: r.total,
          image: await bitmapOf(r.image),
          data: { made: sized, note, losses: r.losses },
        });
      },
      start,
    );
    tensors.push(out);
    if (context.cancelled) throw new Cancelled();
    // Stopped by hand: the recipe says where, so its link and its share replay this picture, not the whole run.
    const made = reached < sized.steps ? { ...sized, stopAt: reached } : sized;
    return { step: reached, total: sized.steps, image: await bitmapOf(out), data: { made, note, losses: null } };
  } finally {
    tf.dispose(tensors);
  }
}
