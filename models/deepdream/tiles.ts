/**
 * Tiled gradients: the image gradient computed tile by tile, each tile extended by a halo of context,
 * so images far larger than GPU memory allows can dream. With a halo at least as wide as the layer's
 * receptive field (and tiles aligned to its stride) the stitched gradient equals the whole-image one;
 * deeper layers, whose fields exceed any practical halo, get a close approximation.
 */
import * as tf from '@tensorflow/tfjs';
import type { InceptionV3 } from '../inception-v3/model';
import { type DreamObjectiveSettings, dreamObjective } from './objective';

export interface Tiling {
  /** Core tile side in px; a multiple of ALIGN. */
  tile: number;
  /** Context on every side of a tile, in px; a multiple of ALIGN. */
  halo: number;
}

/** mixed3..mixed5 sit 16 px apart on the input: tiles start on that grid so their features line up. */
export const ALIGN = 16;

/** A tiling for long images: 512 px tiles with a 128 px halo (at least twice mixed0-2's field). */
export const DEFAULT_TILING: Tiling = { tile: 512, halo: 128 };

/** Objective (sum over tiles, halo positions included, so a little over the whole-image value) and
 * the stitched gradient [1, H, W, 3]. Intermediate tensors are freed tile by tile. */
export function tiledValueAndGrad(
  net: InceptionV3,
  pixels: tf.Tensor4D,
  s: DreamObjectiveSettings,
  t: Tiling,
): { value: tf.Scalar; grad: tf.Tensor4D } {
  if (t.tile % ALIGN || t.halo % ALIGN) throw new Error(`tile and halo must be multiples of ${ALIGN} px`);
  const [, height, width] = pixels.shape;
  const rows: tf.Tensor4D[] = [];
  let value = tf.scalar(0);
  for (let y0 = 0; y0 < height; y0 += t.tile) {
    const row: tf.Tensor4D[] = [];
    for (let x0 = 0; x0 < width; x0 += t.tile) {
      const ys = Math.max(0, y0 - t.halo);
      const xs = Math.max(0, x0 - t.halo);
      const ye = Math.min(height, y0 + t.tile + t.halo);
      const xe = Math.min(width, x0 + t.tile + t.halo);
      const core = tf.tidy(() => {
        const extended = pixels.slice([0, ys, xs, 0], [1, ye - ys, xe - xs, 3]);
        const { value: v, grad } = tf.valueAndGrad((x: tf.Tensor) =>
          dreamObjective(net, x as tf.Tensor4D, s, [height, width]),
        )(extended);
        const previous = value;
        value = tf.keep(previous.add(v));
        previous.dispose();
        return grad.slice(
          [0, y0 - ys, x0 - xs, 0],
          [1, Math.min(t.tile, height - y0), Math.min(t.tile, width - x0), 3],
        ) as tf.Tensor4D;
      });
      row.push(core);
    }
    rows.push(row.length === 1 ? row[0] : (tf.concat(row, 2) as tf.Tensor4D));
    if (row.length > 1) tf.dispose(row);
  }
  const grad = rows.length === 1 ? rows[0] : (tf.concat(rows, 1) as tf.Tensor4D);
  if (rows.length > 1) tf.dispose(rows);
  return { value, grad };
}
