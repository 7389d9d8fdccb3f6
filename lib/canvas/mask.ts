// Where to dream: brush strokes (lib/share MaskStrokes) rendered to a feathered mask at any size.
import * as tf from '@tensorflow/tfjs';
import type { MaskStrokes } from '../share/recipe';

/** White strokes on black, blurred by the feather: a [1, H, W, 1] tensor in [0, 1]. */
export function maskTensor(mask: MaskStrokes, width: number, height: number): tf.Tensor4D {
  const long = Math.max(width, height);
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, height);
  if (mask.feather > 0) ctx.filter = `blur(${(mask.feather * long) / 2}px)`;
  ctx.strokeStyle = '#fff';
  ctx.fillStyle = '#fff';
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of mask.strokes) {
    const p = stroke.points;
    ctx.lineWidth = stroke.size * long;
    ctx.beginPath();
    ctx.moveTo((p[0] / 1000) * width, (p[1] / 1000) * height);
    for (let i = 2; i < p.length; i += 2) ctx.lineTo((p[i] / 1000) * width, (p[i + 1] / 1000) * height);
    if (p.length === 2) ctx.lineTo((p[0] / 1000) * width + 0.01, (p[1] / 1000) * height);
    ctx.stroke();
  }
  const data = ctx.getImageData(0, 0, width, height);
  return tf.tidy(() => tf.browser.fromPixels(data, 1).toFloat().div(255).expandDims(0) as tf.Tensor4D);
}
