// ConvNetJS 0.3.0 on the reference workload: its own layers and SGDTrainer (batch 1, no
// momentum, no weight decay, η = 0.01), loaded with the workload's initial weights.
// In the browser the page loads convnet.js as a classic script (global `convnetjs`); in Node
// it is required from bench/node_modules.
import { makeData, initialWeights, sampleOrder, argmax, SIDE, PIXELS, CLASSES, LEARNING_RATE } from '../workload.js';

async function library() {
  if (globalThis.convnetjs) return globalThis.convnetjs;
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url)('convnetjs');
}

/**
 * Copies a [kh][kw][c_in][c_out] kernel into a ConvNetJS conv layer, whose filter k is a Vol
 * indexed ((sx·y)+x)·depth+d, i.e. (ky, kx, c_in) for filter c_out = k.
 */
function loadConv(layer, w) {
  const cout = layer.filters.length;
  for (let co = 0; co < cout; co++) {
    const f = layer.filters[co].w;
    for (let i = 0; i < f.length; i++) f[i] = w[i * cout + co];
  }
  layer.biases.w.fill(0);
}

/**
 * Copies the [256][5] dense kernel: ConvNetJS's FC neuron k weighs the input Vol's values in
 * its own (y, x, depth) order, which is the workload's flatten order.
 */
function loadDense(layer, w) {
  for (let k = 0; k < CLASSES; k++) {
    const f = layer.filters[k].w;
    for (let i = 0; i < f.length; i++) f[i] = w[i * CLASSES + k];
  }
  layer.biases.w.fill(0);
}

function build(cnj) {
  const net = new cnj.Net();
  net.makeLayers([
    { type: 'input', out_sx: SIDE, out_sy: SIDE, out_depth: 1 },
    { type: 'conv', sx: 3, filters: 8, stride: 1, pad: 1, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 3, filters: 16, stride: 1, pad: 1, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'softmax', num_classes: CLASSES }, // makeLayers puts the 256 → 5 FC layer before it
  ]);
  const w = initialWeights();
  const convs = net.layers.filter((l) => l.layer_type === 'conv');
  const fcs = net.layers.filter((l) => l.layer_type === 'fc');
  if (convs.length !== 2 || fcs.length !== 1 || fcs[0].filters[0].w.length !== 256) {
    throw new Error(`ConvNetJS built an unexpected network: ${net.layers.map((l) => l.layer_type).join(', ')}`);
  }
  loadConv(convs[0], w.conv1);
  loadConv(convs[1], w.conv2);
  loadDense(fcs[0], w.dense);
  const trainer = new cnj.SGDTrainer(net, {
    method: 'sgd', learning_rate: LEARNING_RATE, momentum: 0, batch_size: 1, l1_decay: 0, l2_decay: 0,
  });
  return { net, trainer };
}

/** The bench session (same interface as ConvLab's BenchSession); batch 1 only. */
export async function createSession({ batch = 1 } = {}) {
  if (batch !== 1) throw new Error(`ConvNetJS is benchmarked at batch 1 only, not ${batch}`);
  const cnj = await library();
  const data = makeData();
  const vols = (xs) => Array.from({ length: xs.length / PIXELS }, (_, i) => {
    const v = new cnj.Vol(SIDE, SIDE, 1, 0.0);
    v.w.set(xs.subarray(i * PIXELS, (i + 1) * PIXELS)); // (y, x, 0): the same row-major order
    return v;
  });
  const train = vols(data.trainX);
  const test = vols(data.testX);
  const order = sampleOrder();
  let model = null;
  const run = (m, n) => { for (let k = 0; k < n; k++) { const i = order[k]; m.trainer.train(train[i], data.trainY[i]); } };
  const probs = (i) => model.net.forward(test[i], false).w;
  return {
    name: 'ConvNetJS 0.3.0',
    warm_up(n) { run(build(cnj), n); },
    train(n) { model = build(cnj); run(model, n); },
    infer(i) { return argmax(probs(i)); },
    test_accuracy() {
      let ok = 0;
      for (let i = 0; i < test.length; i++) if (argmax(probs(i)) === data.testY[i]) ok++;
      return ok / test.length;
    },
    test_loss() {
      let s = 0;
      for (let i = 0; i < test.length; i++) s -= Math.log(probs(i)[data.testY[i]]);
      return s / test.length;
    },
    free() { model = null; },
  };
}
