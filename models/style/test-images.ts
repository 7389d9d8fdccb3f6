// Test inputs for the style tests: a bluish content of soft blobs and a warm, striped style, far apart in colour
// and texture; pure functions of their side, so they are the same on every backend and in every commit.
import * as tf from '@tensorflow/tfjs';

const axes = (side: number) => [
  tf.linspace(0, 1, side).reshape([side, 1, 1]),
  tf.linspace(0, 1, side).reshape([1, side, 1]),
];

export const blobsImage = (side: number) =>
  tf.tidy(() => {
    const [y, x] = axes(side);
    const blobs = y.mul(9).sin().mul(x.mul(7).cos()).add(1).mul(60);
    const ramp = x.mul(60).add(y.mul(0));
    return tf
      .concat(
        [blobs.mul(0.4).add(ramp.mul(0.3)), blobs.mul(0.5).add(20).add(y.mul(40)), blobs.add(90).sub(ramp.mul(0.5))],
        2,
      )
      .expandDims(0) as tf.Tensor4D;
  });

export const stripesImage = (side: number) =>
  tf.tidy(() => {
    const [y, x] = axes(side);
    const stripes = x.add(y).mul(40).sin().add(1).mul(60);
    const rings = x.sub(0.5).square().add(y.sub(0.5).square()).mul(120).cos().add(1).mul(30);
    return tf
      .concat([stripes.add(100), stripes.mul(0.6).add(rings).add(30), rings.add(y.mul(30))], 2)
      .expandDims(0) as tf.Tensor4D;
  });
