/**
 * Making the classifier see a class: gradient ascent on the input pixels that raises one class's score (the
 * lecture's example raises p("1") of a digit from 0.49 to 0.75). Left alone, ascent finds an invisible
 * adversarial speck that fools this one network; three things keep the result a digit-like picture instead: each
 * step looks through a random shift of the image (jitter), the gradient is blurred, and a total-variation penalty
 * favours smooth strokes. The second classifier (another seed) judges the result in the tests: a speck that fools
 * one network rarely fools another.
 *
 * The score was first the class's log-probability; its gradient vanishes once p is near 1, so the picture stopped
 * at a faint grey shape. The class's logit keeps rising, so strokes keep brightening, and a small decay each step
 * pulls the pixels that do not help back to black (runs/ measured both: p = 1.000 for both networks in 30 steps).
 * Links made with the first score still name it and replay it.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../core/random';
import { roll } from '../deepdream/dream';
import { totalVariation } from '../style/style';
import type { DigitClassifier } from './model';
import type { SeeClassSettings } from './settings';

/** The seeded shifts of a run: step k always gets the k-th [dy, dx]. */
export function seeClassJitter(settings: SeeClassSettings): () => [number, number] {
  const random = mulberry32(settings.seed ^ 0xc1a55);
  const draw = () => Math.floor(random() * (2 * settings.jitter + 1)) - settings.jitter;
  return () => [draw(), draw()];
}

/** 3x3 binomial blur of a [1, 28, 28, 1] gradient: spreads it over strokes rather than single pixels. */
function blurred(gradient: tf.Tensor4D): tf.Tensor4D {
  const taps = [1, 2, 1, 2, 4, 2, 1, 2, 1].map((t) => t / 16);
  return tf.conv2d(gradient, tf.tensor4d(taps, [3, 3, 1, 1]), 1, 'same');
}

/**
 * One ascent step: x [1, 28, 28, 1] in [0, 1] -> the next x, still in [0, 1]. `shift` is this step's jitter
 * (from seeClassJitter). The caller owns x and the result.
 */
export function seeClassStep(
  classifier: DigitClassifier,
  x: tf.Tensor4D,
  settings: SeeClassSettings,
  shift: [number, number],
): tf.Tensor4D {
  return tf.tidy(() => {
    const objective = (input: tf.Tensor) => {
      const image = input as tf.Tensor4D;
      const logits = classifier.logits(roll(image, shift[0], shift[1]));
      const scores = settings.objective === 'logit' ? logits : tf.logSoftmax(logits);
      const target = scores.slice([0, settings.target], [1, 1]).reshape([]) as tf.Scalar;
      return target.sub(totalVariation(image.mul(255) as tf.Tensor4D).mul(settings.tvWeight)) as tf.Scalar;
    };
    const gradient = blurred(tf.grad(objective)(x) as tf.Tensor4D);
    const largest = gradient.abs().max().add(1e-8);
    return x
      .mul(1 - settings.decay)
      .add(gradient.div(largest).mul(settings.stepSize))
      .clipByValue(0, 1) as tf.Tensor4D;
  });
}
