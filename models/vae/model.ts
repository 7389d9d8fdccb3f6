/**
 * A convolutional VAE in the browser: encoder x -> (mu, logvar), decoder z -> image in [0, 1]. The same
 * architecture as model.py, exported by export.py; model.test.ts proves the two agree on every shipped VAE.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../core/files';
import { loadLayers, onceLoaded } from '../core/layers';

export class VAE {
  private encoder: tf.LayersModel | null = null;
  private decoder: tf.LayersModel | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly files: ModelFiles) {}

  load(): Promise<void> {
    this.loading = onceLoaded(
      this.loading,
      async () => {
        const [encoder, decoder] = await Promise.all([
          loadLayers(this.files, 'encoder'),
          loadLayers(this.files, 'decoder'),
        ]);
        this.encoder = encoder;
        this.decoder = decoder;
      },
      () => (this.loading = null),
    );
    return this.loading;
  }

  /** Latent dimensions (2 for the map models). */
  get latentSize(): number {
    return this.nets().decoder.inputs[0].shape[1] as number;
  }

  /** [height, width, channels] of the images it reads and writes. */
  get imageShape(): [number, number, number] {
    return this.nets().encoder.inputs[0].shape.slice(1) as [number, number, number];
  }

  /** x [B, H, W, C] in [0, 1] -> mu and logvar, each [B, latent]. */
  encode(x: tf.Tensor4D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    const out = this.nets().encoder.predict(x) as tf.Tensor2D;
    const [mu, logvar] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    out.dispose();
    return { mu, logvar };
  }

  /** z [B, latent] -> images [B, H, W, C] in [0, 1]. */
  decode(z: tf.Tensor2D): tf.Tensor4D {
    return this.nets().decoder.predict(z) as tf.Tensor4D;
  }

  dispose(): void {
    this.encoder?.dispose();
    this.decoder?.dispose();
    this.encoder = this.decoder = null;
    this.loading = null;
  }

  private nets(): { encoder: tf.LayersModel; decoder: tf.LayersModel } {
    if (!this.encoder || !this.decoder) throw new Error('VAE is not loaded');
    return { encoder: this.encoder, decoder: this.decoder };
  }
}

/**
 * Negative ELBO per image in nats for Bernoulli VAEs (digits, fashion): summed binary cross-entropy of the
 * decoded logits' means against x, plus KL(q(z|x) || N(0, I)), with one z drawn from `noise` [B, latent].
 */
export function bernoulliNegativeElbo(vae: VAE, x: tf.Tensor4D, noise: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const { mu, logvar } = vae.encode(x);
    const z = mu.add(noise.mul(logvar.mul(0.5).exp())) as tf.Tensor2D;
    // The decoder ends in a sigmoid; clipping keeps log() finite where it saturates in float32.
    const p = vae.decode(z).clipByValue(1e-7, 1 - 1e-7);
    const bce = x
      .mul(p.log())
      .add(tf.scalar(1).sub(x).mul(tf.scalar(1).sub(p).log()))
      .neg()
      .sum([1, 2, 3]);
    const kl = mu.square().add(logvar.exp()).sub(1).sub(logvar).sum(1).mul(0.5);
    return bce.add(kl) as tf.Tensor1D;
  });
}
