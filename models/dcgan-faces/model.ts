/**
 * The DCGAN face generator in the browser: z (100 numbers, N(0, I)) -> a 64x64 RGB face. The same
 * architecture as model.py, exported by export.py; parity.test.ts proves the two agree.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../core/files';
import { LayersNet } from '../core/layers';

export { FACE_SIZE, LATENT_SIZE } from './latent';

export class DCGANFaces extends LayersNet {
  constructor(files: ModelFiles) {
    super(files, 'DCGAN');
  }

  /** z [B, 100] -> faces [B, 64, 64, 3] in [-1, 1]. */
  generate(z: tf.Tensor2D): tf.Tensor4D {
    return this.network.predict(z) as tf.Tensor4D;
  }

  /** z [B, 100] -> faces [B, 64, 64, 3] as pixels in [0, 255]. */
  pixels(z: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => this.generate(z).add(1).mul(127.5).clipByValue(0, 255) as tf.Tensor4D);
  }
}
