// A generated preset's pixels as a tensor, without the browser's ImageData, so the engine and the benchmarks that
// also run in Node (lib/engine/benchmarks.ts) read presets the same way.
import * as tf from '@tensorflow/tfjs';
import { ImageInputError } from '../canvas/image-file';
import { presetById } from '../canvas/presets';

/** Generated presets are square: [1, size, size, 3] pixels in 0..255. */
export function presetPixels(id: string, size: number): tf.Tensor4D {
  const preset = presetById(id);
  if (!preset) throw new ImageInputError(`This recipe uses a preset image "${id}" that this version does not have.`);
  const rgba = preset.render(size, size);
  return tf.tidy(
    () =>
      tf
        .tensor3d(Int32Array.from(rgba), [size, size, 4], 'int32')
        .slice([0, 0, 0], [size, size, 3])
        .toFloat()
        .expandDims(0) as tf.Tensor4D,
  );
}
