// Checks bench/workload.js and the peers in Node, without a browser (about 15 s):
//   node bench/verify.mjs
// The data and sample order against values pinned in ConvLab's core tests (src/cnn/data.rs),
// then the reference run (batch 1) with the hand-written loops, ConvNetJS and TF.js's wasm
// backend (with the hand-registered filter gradient): test accuracy 1 and the mean test
// cross-entropy of ConvLab's core, 0.006576426, to 1e-5; and batch 16 against its own result.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { makeData, epochOrders, REFERENCE_RESULTS } from './workload.js';

const require = createRequire(import.meta.url);
const d = makeData();
let sum = 0;
for (const v of d.trainX) sum += v;
for (const v of d.testX) sum += v;
assert.equal(sum, 15736.282860126908, 'pixel sum of the 600 images (core: data.rs)');
assert.deepEqual(epochOrders().map((o) => o.slice(0, 8)), [
  [275, 253, 363, 131, 348, 105, 10, 385], [485, 58, 306, 342, 293, 168, 393, 218], [78, 136, 358, 463, 324, 148, 50, 13]]);
console.log('data and epoch order match the core');

const tf = require('@tensorflow/tfjs');
tf.wasm = require('@tensorflow/tfjs-backend-wasm');
globalThis.tf = tf;
const wasmDir = `${require.resolve('@tensorflow/tfjs-backend-wasm').replace(/[^/]*$/, '')}`;
const peers = [
  ['hand-written JS', './peers/plain.js', {}],
  ['ConvNetJS', './peers/convnetjs.js', {}],
  ['TF.js wasm', './peers/tfjs.js', { backend: 'wasm', wasmDir }],
];
for (const batch of [1, 16]) {
  const want = REFERENCE_RESULTS[batch];
  for (const [name, file, opts] of peers) {
    if (batch !== 1 && name === 'ConvNetJS') continue;
    const s = await (await import(file)).createSession({ batch, ...opts });
    const t = performance.now();
    s.train(1500);
    const acc = s.test_accuracy(), loss = s.test_loss();
    s.free();
    console.log(`${name}, batch ${batch}: accuracy ${acc}, loss ${loss.toFixed(9)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    assert.equal(acc, want.accuracy, `${name} batch ${batch} accuracy`);
    assert.ok(Math.abs(loss - want.loss) < want.tolerance, `${name} batch ${batch} loss ${loss} vs ${want.loss}`);
  }
}
console.log('all peers agree with the reference run');
