/**
 * The face judge in the browser: a generated face [64, 64, 3] -> how well formed it looks (higher: better). The same
 * network as model.py's FaceJudge, exported by judge_export.py; judge.test.ts proves the two agree. chooseFaces picks,
 * of each seed's K candidate faces, the one it scores highest (what `npm run eval -- faces --k K` measures and what
 * /faces shows, through the engine's faces run: lib/engine/runners/decode.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../core/files';
import { LayersNet } from '../core/layers';
import { candidateLatents, LATENT_SIZE, type LatentDraw } from './latent';
import type { DCGANFaces } from './model';

export class FaceJudge extends LayersNet {
  constructor(files: ModelFiles) {
    super(files, 'the face judge');
  }

  /** faces [B, 64, 64, 3] in [-1, 1] (the generator's output) -> scores [B]. */
  score(faces: tf.Tensor4D): tf.Tensor1D {
    return tf.tidy(() => (this.network.predict(faces) as tf.Tensor2D).reshape([-1]) as tf.Tensor1D);
  }
}

/** Each seed's chosen candidate (0..k-1) and its latent. */
export interface ChosenFaces {
  chosen: number[];
  latents: Float32Array[];
}

/** How a seed's candidate is chosen: the judge's best, or the first scoring at least `threshold` (else the best),
 * of candidates drawn as the LatentDraw says (candidateLatents). */
export interface ChoiceRule extends LatentDraw {
  k: number;
  threshold?: number;
}

/**
 * For each seed, one of its k candidate latents (candidateLatents) by the rule: the first to reach the threshold keeps
 * the generator's variety among the faces that pass (rejection sampling); the best narrows it further. Ties go to the
 * earlier candidate. Runs the generator on seeds.length x k latents, `batch` seeds at a time.
 */
export async function chooseFaces(
  gan: DCGANFaces,
  judge: FaceJudge,
  seeds: number[],
  rule: ChoiceRule,
  batch = 8,
): Promise<ChosenFaces> {
  const { k, threshold } = rule;
  const out: ChosenFaces = { chosen: [], latents: [] };
  for (let start = 0; start < seeds.length; start += batch) {
    const candidates = seeds.slice(start, start + batch).map((seed) => candidateLatents(seed, k, rule));
    const flat = new Float32Array(candidates.length * k * LATENT_SIZE);
    candidates.flat().forEach((z, i) => flat.set(z, i * LATENT_SIZE));
    const scores = tf.tidy(() => {
      const faces = gan.generate(tf.tensor2d(flat, [candidates.length * k, LATENT_SIZE]));
      return judge.score(faces).reshape([candidates.length, k]);
    });
    const values = (await scores.array()) as number[][];
    scores.dispose();
    values.forEach((row, i) => {
      const best = row.reduce((b, v, j) => (v > row[b] ? j : b), 0);
      const passing = threshold === undefined ? -1 : row.findIndex((v) => v >= threshold);
      const pick = passing >= 0 ? passing : best;
      out.chosen.push(pick);
      out.latents.push(candidates[i][pick]);
    });
  }
  return out;
}
