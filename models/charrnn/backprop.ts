/**
 * The loss of a training step and its gradients by hand: train.ts's windowLoss run forward with what the backward pass
 * needs kept, then backpropagation through time written out (karpathy's min-char-rnn, in tensors). It gives what
 * tf.variableGrads gives on windowLoss (train.test.ts holds both to PyTorch's, and to each other with dropout), at a
 * third of the cost on tfjs 4.22's wasm backend: a step's weight gradients are one matMul each over all time steps'
 * rows, big enough for XNNPACK's threads, instead of one per step; no tape is recorded; and no matMul asks to
 * transpose an operand (wasm runs those in a loop 10-40x slower than its plain path), so transposes are made once.
 */
import * as tf from '@tensorflow/tfjs';
import type { LSTMState } from './model';
import { type CharRNNShape, type CharRNNWeights, dropoutMasks } from './train';

/** A [rows, columns] tensor (tfjs's rank types do not survive its ops on variables, so the shapes are in comments). */
type T2 = tf.Tensor;

/** One LSTM layer's step forward: the gates and cell kept for the way back. */
interface CellStep {
  x: T2; // [B, In] the layer's input at this step (after dropout)
  hPrev: T2; // [B, H]
  cPrev: T2;
  i: T2; // input gate σ
  f: T2; // forget gate σ
  g: T2; // candidate tanh
  o: T2; // output gate σ
  tanhC: T2; // tanh of the new cell
}

const plain = (a: tf.Tensor, b: tf.Tensor): T2 => tf.matMul(a, b);
const oneMinus = (x: T2): T2 => x.neg().add(1);
const sigmoidGrad = (s: T2): T2 => s.mul(oneMinus(s));

/** xᵀ y for many rows at once: the transposed copy made here, as wasm's matMul only takes plain operands quickly. */
const crossRows = (x: tf.Tensor[], y: tf.Tensor[]) => plain(tf.transpose(tf.concat(x)), tf.concat(y));

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
  const batch = windows.length;
  const steps = windows[0].length - 1;
  const { hidden, vocab, layers } = shape;
  const draw = dropoutMasks(rate, seed);
  const mask = (shape: number[]) => draw(shape) as T2 | null;
  const oneHots = Array.from(
    { length: steps + 1 },
    (_, t) =>
      tf
        .oneHot(
          tf.tensor1d(
            windows.map((w) => w[t]),
            'int32',
          ),
          vocab,
        )
        .toFloat() as T2,
  ); // T + 1 x [B, V]
  const inputs = oneHots.slice(0, steps);
  let xs = inputs.map((x) => plain(x, weights['embed/embeddings'])); // T x [B, E]
  const cells: CellStep[][] = [];
  const inMasks: (T2 | null)[][] = [];
  const ended: LSTMState = { h: [], c: [] };
  for (let l = 0; l < layers; l++) {
    const [kernel, recurrent, bias] = ['kernel', 'recurrent_kernel', 'bias'].map((k) => weights[`lstm${l + 1}/${k}`]);
    const masks = xs.map((x) => (l > 0 ? mask(x.shape) : null));
    let h = state?.h[l] ?? (tf.zeros([batch, hidden]) as T2);
    let c = state?.c[l] ?? (tf.zeros([batch, hidden]) as T2);
    const layer = xs.map((input, t) => {
      const x = masks[t] ? input.mul(masks[t]!) : input;
      const z = plain(x, kernel).add(plain(h, recurrent)).add(bias); // [B, 4H]: i, f, g, o as PyTorch orders them
      const [zi, zf, zg, zo] = tf.split(z, 4, 1);
      const step = { x, hPrev: h, cPrev: c, i: tf.sigmoid(zi), f: tf.sigmoid(zf), g: tf.tanh(zg), o: tf.sigmoid(zo) };
      c = step.f.mul(c).add(step.i.mul(step.g));
      const tanhC = tf.tanh(c) as T2;
      h = step.o.mul(tanhC);
      return { ...step, tanhC } as CellStep;
    });
    ended.h.push(h as tf.Tensor2D);
    ended.c.push(c as tf.Tensor2D);
    cells.push(layer);
    inMasks.push(masks);
    xs = layer.map((s, t) => (t + 1 < layer.length ? layer[t + 1].hPrev : h));
  }
  // The head on each step's top output, after dropout: softmax cross-entropy, its gradient (p - target) / (B T)
  const outMasks = xs.map((x) => mask(x.shape));
  const outputs = xs.map((x, t) => (outMasks[t] ? x.mul(outMasks[t]!) : x));
  const logits = outputs.map((y) => plain(y, weights['head/kernel']).add(weights['head/bias']));
  const logProbs = logits.map((z) => tf.logSoftmax(z));
  const targets = oneHots.slice(1);
  const nats = tf.addN(logProbs.map((lp, t) => lp.mul(targets[t]).sum())).neg();
  const loss = nats.div(batch * steps) as tf.Scalar;
  const dLogits = logProbs.map(
    (lp, t) =>
      tf
        .exp(lp)
        .sub(targets[t])
        .div(batch * steps) as T2,
  );
  const grads: Record<string, tf.Tensor> = {
    'head/kernel': crossRows(outputs, dLogits),
    'head/bias': tf.concat(dLogits).sum(0),
  };
  const headT = tf.transpose(weights['head/kernel']);
  let dOut = dLogits.map((d, t) => {
    const dy = plain(d, headT);
    return outMasks[t] ? dy.mul(outMasks[t]!) : dy;
  });
  for (let l = layers - 1; l >= 0; l--) {
    const [kernelT, recurrentT] = ['kernel', 'recurrent_kernel'].map((k) => tf.transpose(weights[`lstm${l + 1}/${k}`]));
    const dz = backThroughTime(cells[l], dOut, recurrentT);
    const name = `lstm${l + 1}`;
    grads[`${name}/kernel`] = crossRows(
      cells[l].map((s) => s.x),
      dz,
    );
    grads[`${name}/recurrent_kernel`] = crossRows(
      cells[l].map((s) => s.hPrev),
      dz,
    );
    grads[`${name}/bias`] = tf.concat(dz).sum(0);
    // d input = dz kernelᵀ, through the layer's input dropout
    dOut = dz.map((d, t) => {
      const dx = plain(d, kernelT);
      return inMasks[l][t] ? dx.mul(inMasks[l][t]!) : dx;
    });
  }
  grads['embed/embeddings'] = crossRows(inputs, dOut);
  return { loss, grads, state: ended };
}

/** One layer's gate gradients [B, 4H] at every step, from the gradient reaching each step's output (none after T). */
function backThroughTime(layer: CellStep[], dOut: T2[], recurrentT: T2): T2[] {
  const dz: T2[] = new Array(layer.length);
  let dhNext: T2 | null = null;
  let dcNext: T2 | null = null;
  for (let t = layer.length - 1; t >= 0; t--) {
    const { cPrev, i, f, g, o, tanhC } = layer[t];
    const dh: T2 = dhNext ? dOut[t].add(dhNext) : dOut[t];
    const dcFromH = dh.mul(o).mul(oneMinus(tanhC.square()));
    const dc: T2 = dcNext ? dcFromH.add(dcNext) : dcFromH;
    dz[t] = tf.concat(
      [
        dc.mul(g).mul(sigmoidGrad(i)),
        dc.mul(cPrev).mul(sigmoidGrad(f)),
        dc.mul(i).mul(oneMinus(g.square())),
        dh.mul(tanhC).mul(sigmoidGrad(o)),
      ],
      1,
    );
    dhNext = plain(dz[t], recurrentT);
    dcNext = dc.mul(f);
  }
  return dz;
}
