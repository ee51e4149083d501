// TF.js 4.22 (tfjs-core with the cpu or wasm backend) on the reference workload, written with
// tf ops (fused conv + bias + ReLU, max pooling, fused dense) and tf.train.sgd, loaded with the
// workload's initial weights: TF's conv2d filter layout [kh][kw][c_in][c_out] and NHWC
// activations are the workload's own, and flattening NHWC gives its (y, x, channel) order.
//
// Batch 16 is another training schedule (the mean gradient of 16 samples per update, 32
// updates per epoch instead of 500), so its accuracy and loss differ from batch 1.
import { makeData, initialWeights, batchesOf, crossEntropy, argmax, SIDE, PIXELS, CLASSES, LEARNING_RATE } from '../workload.js';

/**
 * TF.js 4.22's wasm backend has no Conv2DBackpropFilter kernel (tensorflow/tfjs#8474), so the
 * filter gradient is registered here: a plain JS loop over the inputs read in place from the
 * wasm heap, summing in f64 like the cpu backend, written into a tensor the backend allocates.
 */
export function registerWasmFilterGradient(tf) {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs;
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
      const format = tf.backend_util.convertConv2DDataFormat(dataFormat);
      if (format !== 'channelsLast') throw new Error(`Conv2DBackpropFilter (bench): only NHWC, not ${dataFormat}`);
      const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, dimRoundingMode, false, format);
      const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co,
        filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
      const top = info.padInfo.top, left = info.padInfo.left;
      const acc = new Float64Array(fh * fw * ci * co);
      // Allocate first: a malloc may grow the heap and detach earlier views.
      const out = backend.makeOutput(filterShape, 'float32');
      const xv = backend.typedArrayFromHeap(x);
      const gv = backend.typedArrayFromHeap(dy);
      for (let b = 0; b < batchSize; b++) {
        for (let oy = 0; oy < outHeight; oy++) {
          for (let ox = 0; ox < outWidth; ox++) {
            const g = ((b * outHeight + oy) * outWidth + ox) * co;
            for (let ky = 0; ky < fh; ky++) {
              const iy = oy * sh - top + ky;
              if (iy < 0 || iy >= inHeight) continue;
              for (let kx = 0; kx < fw; kx++) {
                const ix = ox * sw - left + kx;
                if (ix < 0 || ix >= inWidth) continue;
                const xi = ((b * inHeight + iy) * inWidth + ix) * ci;
                const wi = (ky * fw + kx) * ci * co;
                for (let c = 0; c < ci; c++) {
                  const v = xv[xi + c];
                  if (v === 0) continue;
                  const row = wi + c * co;
                  for (let k = 0; k < co; k++) acc[row + k] += v * gv[g + k];
                }
              }
            }
          }
        }
      }
      backend.typedArrayFromHeap(out).set(acc);
      return out;
    },
  });
}

/** Loads the backend (cpu or wasm, single-threaded SIMD) into the page's global `tf`. */
async function library(backend, wasmDir) {
  const tf = globalThis.tf;
  if (!tf) throw new Error('tf is not loaded: the page must load tfjs-core and the backend first');
  if (backend === 'wasm') {
    // One thread, like ConvLab (the page is cross-origin isolated, so TF.js would otherwise
    // start a thread pool).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tf.wasm.setWasmPaths(wasmDir);
    registerWasmFilterGradient(tf);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to start`);
  await tf.ready();
  return tf;
}

function variables(tf) {
  const w = initialWeights();
  return {
    w1: tf.variable(tf.tensor4d(w.conv1, [3, 3, 1, 8])), b1: tf.variable(tf.zeros([8])),
    w2: tf.variable(tf.tensor4d(w.conv2, [3, 3, 8, 16])), b2: tf.variable(tf.zeros([16])),
    wd: tf.variable(tf.tensor2d(w.dense, [256, CLASSES])), bd: tf.variable(tf.zeros([CLASSES])),
  };
}

function logits(tf, v, x) {
  let h = tf.fused.conv2d({ x, filter: v.w1, strides: 1, pad: 'same', bias: v.b1, activation: 'relu' });
  h = tf.maxPool(h, 2, 2, 'valid');
  h = tf.fused.conv2d({ x: h, filter: v.w2, strides: 1, pad: 'same', bias: v.b2, activation: 'relu' });
  h = tf.maxPool(h, 2, 2, 'valid');
  return tf.fused.matMul({ a: tf.reshape(h, [-1, 256]), b: v.wd, bias: v.bd });
}

/** The bench session (same interface as ConvLab's BenchSession). */
export async function createSession({ batch = 1, backend = 'cpu', wasmDir = '' } = {}) {
  const tf = await library(backend, wasmDir);
  const data = makeData();
  // Every batch's input and one-hot labels as tensors up front (ConvLab's core also holds
  // its data set ready), so the timed loop is the library's training step.
  const batches = batchesOf(batch).map((idx) => {
    const xs = new Float32Array(idx.length * PIXELS);
    idx.forEach((i, k) => xs.set(data.trainX.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS));
    return {
      n: idx.length,
      x: tf.tensor4d(xs, [idx.length, SIDE, SIDE, 1]),
      y: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from(idx, (i) => data.trainY[i]), 'int32'), CLASSES), 'float32')),
    };
  });
  const tests = Array.from({ length: data.testY.length }, (_, i) =>
    tf.tensor4d(data.testX.subarray(i * PIXELS, (i + 1) * PIXELS), [1, SIDE, SIDE, 1]));
  const testAll = tf.tensor4d(data.testX, [data.testY.length, SIDE, SIDE, 1]);

  const run = (v, n) => {
    const opt = tf.train.sgd(LEARNING_RATE);
    const list = Object.values(v);
    let done = 0;
    for (const b of batches) {
      if (done >= n) break;
      // Mean cross-entropy over the batch: its gradient is the batch's mean gradient.
      opt.minimize(() => tf.neg(tf.mean(tf.sum(tf.mul(b.y, tf.logSoftmax(logits(tf, v, b.x))), 1))), false, list);
      done += b.n;
    }
    opt.dispose();
  };
  const dispose = (v) => v && Object.values(v).forEach((t) => t.dispose());
  let model = null;
  const testLogits = () => tf.tidy(() => logits(tf, model, testAll)).dataSync();
  return {
    name: `TF.js 4.22 ${backend}`,
    warm_up(n) { const v = variables(tf); run(v, n); dispose(v); },
    train(n) { dispose(model); model = variables(tf); run(model, n); },
    infer(i) {
      const t = tf.tidy(() => tf.argMax(logits(tf, model, tests[i]), 1));
      const c = t.dataSync()[0];
      t.dispose();
      return c;
    },
    test_accuracy() {
      const z = testLogits();
      let ok = 0;
      for (let i = 0; i < data.testY.length; i++) if (argmax(z, i * CLASSES, CLASSES) === data.testY[i]) ok++;
      return ok / data.testY.length;
    },
    test_loss() {
      const z = testLogits();
      let s = 0;
      for (let i = 0; i < data.testY.length; i++) s += crossEntropy(Array.from(z.subarray(i * CLASSES, (i + 1) * CLASSES)), data.testY[i]);
      return s / data.testY.length;
    },
    free() {
      dispose(model); model = null;
      for (const b of batches) { b.x.dispose(); b.y.dispose(); }
      tests.forEach((t) => t.dispose()); testAll.dispose();
    },
  };
}
