// The reference workload (../shared/bench-workload.md) in plain JS, for the peer libraries:
// the same data, initial weights and sample order that ConvLab's core uses, so every library
// starts from the same numbers and can be compared number for number. Runs in Node and in
// the browser (no imports).

/** mulberry32: an f64 in [0, 1) per call, from a 32-bit seed (its own stream per seed). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SIDE = 16;
export const PIXELS = SIDE * SIDE;
export const CLASSES = 5;
export const CLASS_NAMES = ['horizontal bar', 'vertical bar', 'diagonal', 'filled square', 'plus'];
export const N_TRAIN = 500;
export const N_TEST = 100;
export const EPOCHS = 3;
export const LEARNING_RATE = 0.01;
export const DATA_SEED = 42;
export const ORDER_SEED = 43;
export const WEIGHT_SEED = 44;

/** Multiply-adds of one forward pass: conv1 18,432 + conv2 73,728 + dense 1,280. */
export const FORWARD_MACS = 93_440;
export const FLOP_PER_INFERENCE = 2 * FORWARD_MACS; // 186,880
export const FLOP_PER_TRAIN_SAMPLE = 3 * FLOP_PER_INFERENCE; // 560,640: forward + two backward products

function shape(cls, u, v) {
  switch (cls) {
    case 0: return v >= 7 && v <= 8 && u >= 3 && u <= 12;
    case 1: return u >= 7 && u <= 8 && v >= 3 && v <= 12;
    case 2: return u >= 3 && u <= 12 && v >= 3 && v <= 12 && (u - v === 0 || u - v === 1);
    case 3: return u >= 5 && u <= 10 && v >= 5 && v <= 10;
    default: return shape(0, u, v) || shape(1, u, v);
  }
}

/**
 * The data set: { trainX, trainY, testX, testY }, images as one Float32Array each
 * (row-major 16×16, one channel, image i at offset i·256), labels as Int32Array.
 */
export function makeData() {
  const r = mulberry32(DATA_SEED);
  const image = (cls, out, off) => {
    const dx = Math.floor(r() * 5) - 2;
    const dy = Math.floor(r() * 5) - 2;
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const noise = (r() * 2 - 1) * 0.1;
        out[off + y * SIDE + x] = (shape(cls, x - dx, y - dy) ? 1 : 0) + noise; // stored as f32
      }
    }
  };
  const set = (n) => {
    const xs = new Float32Array(n * PIXELS);
    const ys = new Int32Array(n);
    for (let i = 0; i < n; i++) { ys[i] = i % CLASSES; image(ys[i], xs, i * PIXELS); }
    return [xs, ys];
  };
  const [trainX, trainY] = set(N_TRAIN);
  const [testX, testY] = set(N_TEST);
  return { trainX, trainY, testX, testY };
}

/**
 * The Glorot-uniform initial weights of seed 44 in the workload's layouts: conv kernels
 * [kh][kw][c_in][c_out], the dense kernel [256][5]; biases are all 0 (not returned).
 */
export function initialWeights(seed = WEIGHT_SEED) {
  const r = mulberry32(seed);
  const glorot = (n, fanIn, fanOut) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++) w[i] = (r() * 2 - 1) * limit;
    return w;
  };
  return {
    conv1: glorot(3 * 3 * 1 * 8, 9, 72),
    conv2: glorot(3 * 3 * 8 * 16, 72, 144),
    dense: glorot(256 * 5, 256, 5),
  };
}

/** The sample order of `epochs` epochs: successive Fisher–Yates permutations of one stream. */
export function epochOrders(epochs = EPOCHS, n = N_TRAIN, seed = ORDER_SEED) {
  const r = mulberry32(seed);
  const orders = [];
  for (let e = 0; e < epochs; e++) {
    // Every epoch starts again from the identity; only the stream runs on.
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i >= 1; i--) {
      const j = Math.floor(r() * (i + 1));
      [p[i], p[j]] = [p[j], p[i]];
    }
    orders.push(p);
  }
  return orders;
}

/** The training samples' indices in visiting order, epochs one after another. */
export function sampleOrder(epochs = EPOCHS) {
  return epochOrders(epochs).flat();
}

/**
 * Batches in the order a trainer visits them: each epoch's order cut into runs of `batch`
 * (the last run of an epoch may be shorter, as in ConvLab's core).
 */
export function batchesOf(batch, epochs = EPOCHS) {
  const out = [];
  for (const order of epochOrders(epochs)) {
    for (let i = 0; i < order.length; i += batch) out.push(order.slice(i, i + batch));
  }
  return out;
}

/** Index of the largest value (the first of equals). */
export function argmax(v, off = 0, n = v.length - off) {
  let best = 0;
  for (let i = 1; i < n; i++) if (v[off + i] > v[off + best]) best = i;
  return best;
}

/** −ln softmax(logits)[label], computed stably. */
export function crossEntropy(logits, label) {
  let m = -Infinity;
  for (const z of logits) m = Math.max(m, z);
  let s = 0;
  for (const z of logits) s += Math.exp(z - m);
  return Math.log(s) + m - logits[label];
}

/**
 * Test accuracy and mean test cross-entropy after the 3 epochs, by batch size. Batch 1 is
 * the reference run (ConvLab's core: 0.006576426; ConvNetJS in f64: 0.006576430). Batch 16
 * (the mean gradient of 16 samples, the last batch of each epoch 4) is a different schedule
 * with far fewer updates, so it ends elsewhere (hand-written JS and TF.js cpu and wasm agree).
 */
export const REFERENCE_RESULTS = {
  1: { accuracy: 1, loss: 0.006576426, tolerance: 1e-5 },
  16: { accuracy: 0.61, loss: 1.4932478, tolerance: 1e-4 },
};
