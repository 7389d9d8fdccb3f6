// What `npm run eval -- style` measures of a stylised image, on networks and filters the optimisation never
// sees: a cross-network style distance (Gram matrices of MobileNetV2's frozen ImageNet layers, bundled in
// nsfwjs), a speckle ratio (high-frequency energy against the painting's own), content structure kept (SSIM of
// blurred luminance against the content photo) and a palette distance (the painting's colours, in CIELAB).
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gaussianBlur } from '../../models/style/painterly';
import { mulberry32 } from '../../models/core/random';
import { gram } from '../../models/style/style';
import { repoRoot } from '../../models/node/files';

/** MobileNetV2 layers whose Grams the distance compares: all before block_11, which nsfwjs fine-tuned. */
const MOBILENET_LAYERS = ['block_1_expand_relu', 'block_3_expand_relu', 'block_6_expand_relu', 'block_10_expand_relu'];
/** The long side both images are measured at. */
const MOBILENET_SIDE = 224;

interface KerasConfig {
  layers: { name: string; class_name: string; config: Record<string, unknown> }[];
  input_layers: unknown;
  output_layers: unknown;
}

/** nsfwjs's MobileNetV2 cut after its frozen layers, any input size, outputs at MOBILENET_LAYERS. */
export async function loadMobileNetFeatures(): Promise<tf.LayersModel> {
  const require = createRequire(join(repoRoot, 'package.json'));
  const base = join(
    require.resolve.paths('nsfwjs')!.find((p) => p.endsWith('node_modules'))!,
    'nsfwjs',
    'dist',
    'models',
    'mobilenet_v2',
  );
  const model = require(join(base, 'model.min.js'));
  const shards: Buffer[] = model.weightsManifest[0].paths.map((p: string) =>
    Buffer.from(require(join(base, `${p}.min.js`)), 'base64'),
  );
  const topology = structuredClone(model.modelTopology);
  const config: KerasConfig = topology.model_config.config;
  const last = config.layers.findIndex((l) => l.name === MOBILENET_LAYERS[MOBILENET_LAYERS.length - 1]);
  config.layers = config.layers.slice(0, last + 1);
  config.layers[0].config.batch_input_shape = [null, null, null, 3];
  config.output_layers = MOBILENET_LAYERS.map((name) => [name, 0, 0]);
  const weightData = Buffer.concat(shards);
  const net = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: topology,
      weightSpecs: model.weightsManifest[0].weights,
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    }),
    { strict: false },
  );
  return net;
}

const resizeLong = (x: tf.Tensor4D, long: number) => {
  const [, h, w] = x.shape;
  const f = long / Math.max(h, w);
  return tf.image.resizeBilinear(x, [Math.max(32, Math.round(h * f)), Math.max(32, Math.round(w * f))], true);
};

/** Grams of an image (0..255) at MOBILENET_LAYERS, at 224 px long side, Keras [-1, 1] input. */
function mobileNetGrams(net: tf.LayersModel, pixels: tf.Tensor4D): tf.Tensor2D[] {
  return tf.tidy(() => {
    const outs = net.predict(resizeLong(pixels, MOBILENET_SIDE).div(127.5).sub(1)) as tf.Tensor4D[];
    return outs.map((f) => gram(f));
  });
}

/** Mean over MobileNetV2 layers of |G(result) - G(style)|_F / |G(style)|_F. */
export async function crossNetworkStyleDistance(
  net: tf.LayersModel,
  result: tf.Tensor4D,
  style: tf.Tensor4D,
): Promise<number> {
  const d = tf.tidy(() => {
    const [a, b] = [mobileNetGrams(net, result), mobileNetGrams(net, style)];
    return tf.addN(a.map((g, i) => g.sub(b[i]).norm().div(b[i].norm()))).div(a.length);
  });
  const value = (await d.data())[0];
  d.dispose();
  return value;
}

const luminance = (x: tf.Tensor4D) => x.mul(tf.tensor1d([0.299, 0.587, 0.114])).sum(3, true) as tf.Tensor4D;

/** Mean squared Laplacian (5-point) of an image's luminance, in squared levels. */
export function laplacianEnergy(pixels: tf.Tensor4D): number {
  return tf.tidy(() => {
    const kernel = tf.tensor4d([0, 1, 0, 1, -4, 1, 0, 1, 0], [3, 3, 1, 1]);
    return tf.conv2d(luminance(pixels), kernel, 1, 'valid').square().mean().dataSync()[0];
  });
}

/** Speckle ratio: the result's Laplacian energy over the style's,
 * the style resized so its long side is the result's x styleScale. */
export function speckleRatio(result: tf.Tensor4D, style: tf.Tensor4D, styleScale = 1): number {
  const sized = resizeLong(style, Math.max(result.shape[1], result.shape[2]) * styleScale);
  const ratio = laplacianEnergy(result) / laplacianEnergy(sized);
  sized.dispose();
  return ratio;
}

/** SSIM (Gaussian windows, sigma 1.5) of two images' luminance after a Gaussian blur of `blurSigma` px. */
export function blurredSsim(a: tf.Tensor4D, b: tf.Tensor4D, blurSigma = 2): number {
  return tf.tidy(() => {
    const [x, y] = [a, b].map((im) => gaussianBlur(luminance(im), blurSigma));
    const local = (t: tf.Tensor4D) => gaussianBlur(t, 1.5);
    const [mx, my] = [local(x), local(y)];
    const vx = local(x.square()).sub(mx.square());
    const vy = local(y.square()).sub(my.square());
    const cxy = local(x.mul(y)).sub(mx.mul(my));
    const [c1, c2] = [(0.01 * 255) ** 2, (0.03 * 255) ** 2];
    const num = mx.mul(my).mul(2).add(c1).mul(cxy.mul(2).add(c2));
    const den = mx.square().add(my.square()).add(c1).mul(vx.add(vy).add(c2));
    return num.div(den).mean().dataSync()[0];
  });
}

/** sRGB values in 0..255 to CIELAB (D65 white), one [L, a, b] triple per pixel. */
export function srgbToLab(rgb: ArrayLike<number>): Float64Array {
  const lab = new Float64Array(rgb.length);
  const linear = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [linear(rgb[i]), linear(rgb[i + 1]), linear(rgb[i + 2])];
    const fx = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047);
    const fy = f(0.2126729 * r + 0.7151522 * g + 0.072175 * b);
    const fz = f((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883);
    lab[i] = 116 * fy - 16;
    lab[i + 1] = 500 * (fx - fy);
    lab[i + 2] = 200 * (fy - fz);
  }
  return lab;
}

/**
 * Palette distance: the sliced Wasserstein distance between two images' pixel colours in CIELAB, in Lab units. Both
 * are sampled to the same count of pixels (seeded), projected on `directions` seeded random unit vectors, and the
 * sorted projections compared (mean absolute difference, averaged over directions). 0: the same colours in the same
 * proportions, wherever they are.
 */
export function paletteDistance(a: tf.Tensor4D, b: tf.Tensor4D, directions = 128, samples = 16384, seed = 1): number {
  const random = mulberry32(seed);
  const sample = (x: tf.Tensor4D) => {
    const lab = srgbToLab(tf.tidy(() => x.clipByValue(0, 255).dataSync()));
    const n = lab.length / 3;
    const out = new Float64Array(3 * samples);
    for (let i = 0; i < samples; i++) {
      const p = Math.floor(random() * n);
      out.set(lab.subarray(3 * p, 3 * p + 3), 3 * i);
    }
    return out;
  };
  const [pa, pb] = [sample(a), sample(b)];
  let total = 0;
  for (let d = 0; d < directions; d++) {
    const v = [random() * 2 - 1, random() * 2 - 1, random() * 2 - 1];
    const norm = Math.hypot(...v) || 1;
    const project = (p: Float64Array) =>
      Float64Array.from(
        { length: samples },
        (_, i) => (p[3 * i] * v[0] + p[3 * i + 1] * v[1] + p[3 * i + 2] * v[2]) / norm,
      ).sort();
    const [qa, qb] = [project(pa), project(pb)];
    let sum = 0;
    for (let i = 0; i < samples; i++) sum += Math.abs(qa[i] - qb[i]);
    total += sum / samples;
  }
  return total / directions;
}
