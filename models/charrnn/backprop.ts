/**
 * The loss of a training step and its gradients by hand: train.ts's windowLoss run forward with what the backward pass
 * needs kept, then backpropagation through time written out (karpathy's min-char-rnn, in tensors). It gives what
 * tf.variableGrads gives on windowLoss (train.test.ts holds both to PyTorch's, and to each other with dropout) at a
 * fraction of the cost on tfjs 4.22's wasm backend, where the studio mostly trains:
 * - no matMul asks to transpose an operand (wasm runs those in a loop 10-40x slower than XNNPACK's plain path): each
 *   transpose is made once;
 * - each weight's gradient is one matMul over every time step's rows, big enough for wasm's threads;
 * - no tensor is cut into steps (on wasm a slice copies the whole tensor it cuts): each step has its own tensors;
 * - few ops a step (each costs tens of microseconds whatever its size): the four gates are one tensor, the first
 *   layer reads one-hot x (embedding x kernel) in one product, and no tape is recorded.
 */
import * as tf from '@tensorflow/tfjs';
import type { LSTMState } from './model';
import { type CharRNNShape, type CharRNNWeights, dropoutMasks, oneHotRows } from './train';

/** A [rows, columns] tensor (tfjs's rank types do not survive its ops on variables, so the shapes are in comments). */
type T2 = tf.Tensor;

/** One LSTM layer's step forward, kept for the way back. */
interface CellStep {
  x: T2; // [B, In] the layer's input (after dropout)
  hPrev: T2; // [B, H]
  cPrev: T2; // [B, H]
  gates: T2; // [B, 4H] i, f, g, o after their nonlinearities, as PyTorch orders them
  i: T2; // [B, H] each gate on its own
  f: T2;
  g: T2;
  o: T2;
  tanhC: T2; // [B, H] tanh of the new cell
  h: T2; // [B, H] the output: o tanh(c)
}

const plain = (a: tf.Tensor, b: tf.Tensor): T2 => tf.matMul(a, b);

/** xᵀ y over many steps' rows at once. */
const crossRows = (x: tf.Tensor[], y: tf.Tensor[]) => plain(tf.transpose(tf.concat(x)), tf.concat(y));

/**
 * Per-column constants over the four gates [4H]: `scale` is 2 on g's columns, 1 elsewhere, since tanh(x) =
 * 2σ(2x) - 1 lets one sigmoid give all four gates; `isTanh` is 1 on g's columns. A gate's derivative from its value a
 * is then a (1 - isTanh - a) + isTanh: σ' = a (1 - a) and tanh' = 1 - a².
 */
function gateColumns(hidden: number) {
  const isTanh = Float32Array.from({ length: 4 * hidden }, (_, k) => (k >= 2 * hidden && k < 3 * hidden ? 1 : 0));
  return {
    scale: tf.tensor1d(isTanh.map((v) => 1 + v)),
    isTanh: tf.tensor1d(isTanh),
    notTanh: tf.tensor1d(isTanh.map((v) => 1 - v)),
  };
}

/**
 * Mean cross-entropy of predicting windows[b][t + 1] from windows[b][..t] (B windows of T + 1 token ids) from `state`
 * (zeros when null), its gradient for every weight by model.ts's names, and the state after the last input.
 * Call inside tf.tidy; dropout at `rate` with `seed`'s masks (none when seed is null), as windowLoss.
 */
export function windowGradients(
  weights: CharRNNWeights,
  shape: CharRNNShape,
  windows: number[][],
  state: LSTMState | null,
  rate: number,
  seed: number | null,
): { loss: tf.Scalar; grads: Record<string, tf.Tensor>; state: LSTMState } {
  const [batch, steps] = [windows.length, windows[0].length - 1];
  const { hidden, vocab, layers } = shape;
  const draw = dropoutMasks(rate, seed);
  const mask = (shape: number[]) => draw(shape) as T2 | null;
  const columns = gateColumns(hidden);
  const oneHots = Array.from({ length: steps + 1 }, (_, t) =>
    oneHotRows(
      windows.map((w) => w[t]),
      vocab,
    ),
  ); // [B, V]
  const inputs = oneHots.slice(0, steps);
  const embedKernel = plain(weights['embed/embeddings'], weights['lstm1/kernel']); // [V, 4H]
  const cells: CellStep[][] = [];
  const inMasks: (T2 | null)[][] = [];
  const ended: LSTMState = { h: [], c: [] };
  let xs: T2[] = inputs;
  for (let l = 0; l < layers; l++) {
    const kernel = l === 0 ? embedKernel : weights[`lstm${l + 1}/kernel`];
    const [recurrent, bias] = [weights[`lstm${l + 1}/recurrent_kernel`], weights[`lstm${l + 1}/bias`]];
    const masks = xs.map((x) => (l > 0 ? mask(x.shape) : null));
    let h = state?.h[l] ?? (tf.zeros([batch, hidden]) as T2);
    let c = state?.c[l] ?? (tf.zeros([batch, hidden]) as T2);
    const layer = xs.map((input, t): CellStep => {
      const x = masks[t] ? input.mul(masks[t]!) : input;
      const z = plain(x, kernel).add(plain(h, recurrent)).add(bias); // [B, 4H]
      const gates = tf.sigmoid(z.mul(columns.scale)).mul(columns.scale).sub(columns.isTanh);
      const [i, f, g, o] = tf.split(gates, 4, 1);
      const [hPrev, cPrev] = [h, c];
      c = f.mul(c).add(i.mul(g));
      const tanhC = tf.tanh(c);
      h = o.mul(tanhC);
      return { x, hPrev, cPrev, gates, i, f, g, o, tanhC, h };
    });
    ended.h.push(h as tf.Tensor2D);
    ended.c.push(c as tf.Tensor2D);
    cells.push(layer);
    inMasks.push(masks);
    xs = layer.map((s) => s.h);
  }
  // The head on each step's top output, after dropout: softmax cross-entropy, its gradient (p - target) / (B T)
  const outMasks = xs.map((x) => mask(x.shape));
  const outputs = xs.map((x, t) => (outMasks[t] ? x.mul(outMasks[t]!) : x));
  const logProbs = outputs.map((y) => tf.logSoftmax(plain(y, weights['head/kernel']).add(weights['head/bias'])));
  const targets = oneHots.slice(1);
  const loss = tf.addN(logProbs.map((lp, t) => lp.mul(targets[t]).sum())).div(-batch * steps) as tf.Scalar;
  const dLogits = logProbs.map((lp, t) =>
    tf
      .exp(lp)
      .sub(targets[t])
      .div(batch * steps),
  );
  const grads: Record<string, tf.Tensor> = {
    'head/kernel': crossRows(outputs, dLogits),
    'head/bias': tf.concat(dLogits).sum(0),
  };
  const headT = tf.transpose(weights['head/kernel']);
  let dOut = dLogits.map((d, t) => (outMasks[t] ? plain(d, headT).mul(outMasks[t]!) : plain(d, headT)));
  for (let l = layers - 1; l >= 0; l--) {
    const name = `lstm${l + 1}`;
    const dz = backThroughTime(cells[l], dOut, tf.transpose(weights[`${name}/recurrent_kernel`]), columns);
    grads[`${name}/recurrent_kernel`] = crossRows(
      cells[l].map((s) => s.hPrev),
      dz,
    );
    grads[`${name}/bias`] = tf.concat(dz).sum(0);
    if (l === 0) {
      // one-hot x (embedding x kernel): both gradients from (one-hot)ᵀ dz [V, 4H]
      const byToken = crossRows(inputs, dz);
      grads[`${name}/kernel`] = plain(tf.transpose(weights['embed/embeddings']), byToken);
      grads['embed/embeddings'] = plain(byToken, tf.transpose(weights[`${name}/kernel`]));
    } else {
      grads[`${name}/kernel`] = crossRows(
        cells[l].map((s) => s.x),
        dz,
      );
      // the layer below's output gradient: dz kernelᵀ, through this layer's input dropout
      const kernelT = tf.transpose(weights[`${name}/kernel`]);
      dOut = dz.map((d, t) => (inMasks[l][t] ? plain(d, kernelT).mul(inMasks[l][t]!) : plain(d, kernelT)));
    }
  }
  return { loss, grads, state: ended };
}

/** One layer's gate gradients [B, 4H] at every step, from the gradient reaching each step's output (none after T). */
function backThroughTime(layer: CellStep[], dOut: T2[], recurrentT: T2, columns: ReturnType<typeof gateColumns>): T2[] {
  const dz: T2[] = new Array(layer.length);
  let dhNext: T2 | null = null;
  let dcNext: T2 | null = null;
  for (let t = layer.length - 1; t >= 0; t--) {
    const { cPrev, gates, i, f, g, o, tanhC, h } = layer[t];
    const dh: T2 = dhNext ? dOut[t].add(dhNext) : dOut[t];
    const dcFromH = dh.mul(o.sub(h.mul(tanhC))); // dh o (1 - tanh² c), as h = o tanh c
    const dc: T2 = dcNext ? dcFromH.add(dcNext) : dcFromH;
    const slope = gates.mul(columns.notTanh.sub(gates)).add(columns.isTanh); // each gate's derivative
    dz[t] = tf.concat([dc.mul(g), dc.mul(cPrev), dc.mul(i), dh.mul(tanhC)], 1).mul(slope);
    dhNext = plain(dz[t], recurrentT);
    dcNext = dc.mul(f);
  }
  return dz;
}
