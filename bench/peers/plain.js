// Hand-written JS loops on Float32Array: the workload's network with no library, the baseline
// any library should beat, and the independent check of bench/workload.js (run in Node by
// bench/verify.mjs). Activations are (y, x, channel); weights in the workload's layouts.
import {
  makeData, initialWeights, batchesOf, argmax, crossEntropy, SIDE, PIXELS, CLASSES, LEARNING_RATE,
} from '../workload.js';

/** 3×3 convolution, padding 1, stride 1, plus bias and ReLU: in (s, s, cin) → out (s, s, cout). */
function convRelu(inp, s, cin, w, b, cout, out) {
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      const o = (y * s + x) * cout;
      for (let co = 0; co < cout; co++) out[o + co] = b[co];
      for (let ky = 0; ky < 3; ky++) {
        const iy = y + ky - 1;
        if (iy < 0 || iy >= s) continue;
        for (let kx = 0; kx < 3; kx++) {
          const ix = x + kx - 1;
          if (ix < 0 || ix >= s) continue;
          const ii = (iy * s + ix) * cin;
          const wi = (ky * 3 + kx) * cin * cout;
          for (let ci = 0; ci < cin; ci++) {
            const v = inp[ii + ci];
            const wr = wi + ci * cout;
            for (let co = 0; co < cout; co++) out[o + co] += v * w[wr + co];
          }
        }
      }
      for (let co = 0; co < cout; co++) if (out[o + co] < 0) out[o + co] = 0;
    }
  }
}

/** Backward of convRelu: dOut is masked by the ReLU, then accumulates dW, db and (if given) dIn. */
function convReluBack(inp, s, cin, w, cout, out, dOut, dW, db, dIn) {
  if (dIn) dIn.fill(0);
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      const o = (y * s + x) * cout;
      for (let co = 0; co < cout; co++) if (out[o + co] <= 0) dOut[o + co] = 0;
      for (let co = 0; co < cout; co++) db[co] += dOut[o + co];
      for (let ky = 0; ky < 3; ky++) {
        const iy = y + ky - 1;
        if (iy < 0 || iy >= s) continue;
        for (let kx = 0; kx < 3; kx++) {
          const ix = x + kx - 1;
          if (ix < 0 || ix >= s) continue;
          const ii = (iy * s + ix) * cin;
          const wi = (ky * 3 + kx) * cin * cout;
          for (let ci = 0; ci < cin; ci++) {
            const v = inp[ii + ci];
            const wr = wi + ci * cout;
            let g = 0;
            for (let co = 0; co < cout; co++) {
              dW[wr + co] += v * dOut[o + co];
              g += w[wr + co] * dOut[o + co];
            }
            if (dIn) dIn[ii + ci] += g;
          }
        }
      }
    }
  }
}

/** 2×2 max pooling, stride 2: records which input won each window (the first of equals). */
function maxPool(inp, s, c, out, arg) {
  const h = s / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < h; x++) {
      for (let ch = 0; ch < c; ch++) {
        let best = -Infinity, at = 0;
        for (let dy = 0; dy < 2; dy++) {
          for (let dx = 0; dx < 2; dx++) {
            const i = ((2 * y + dy) * s + 2 * x + dx) * c + ch;
            if (inp[i] > best) { best = inp[i]; at = i; }
          }
        }
        out[(y * h + x) * c + ch] = best;
        arg[(y * h + x) * c + ch] = at;
      }
    }
  }
}

class Net {
  constructor() {
    const w = initialWeights();
    this.w1 = w.conv1; this.b1 = new Float32Array(8);
    this.w2 = w.conv2; this.b2 = new Float32Array(16);
    this.wd = w.dense; this.bd = new Float32Array(CLASSES);
    this.grads = [this.w1, this.b1, this.w2, this.b2, this.wd, this.bd].map((p) => new Float32Array(p.length));
    this.a1 = new Float32Array(16 * 16 * 8); this.p1 = new Float32Array(8 * 8 * 8); this.i1 = new Int32Array(8 * 8 * 8);
    this.a2 = new Float32Array(8 * 8 * 16); this.p2 = new Float32Array(256); this.i2 = new Int32Array(256);
    this.logits = new Float64Array(CLASSES);
    this.d1 = new Float32Array(this.a1.length); this.dp1 = new Float32Array(this.p1.length);
    this.d2 = new Float32Array(this.a2.length);
  }

  forward(x) {
    convRelu(x, SIDE, 1, this.w1, this.b1, 8, this.a1);
    maxPool(this.a1, 16, 8, this.p1, this.i1);
    convRelu(this.p1, 8, 8, this.w2, this.b2, 16, this.a2);
    maxPool(this.a2, 8, 16, this.p2, this.i2);
    for (let k = 0; k < CLASSES; k++) {
      let z = this.bd[k];
      for (let i = 0; i < 256; i++) z += this.p2[i] * this.wd[i * CLASSES + k];
      this.logits[k] = Math.fround(z);
    }
    return this.logits;
  }

  /** Adds one sample's gradient to this.grads. */
  backward(x, label) {
    const [gw1, gb1, gw2, gb2, gwd, gbd] = this.grads;
    const z = this.logits;
    let m = -Infinity;
    for (const v of z) m = Math.max(m, v);
    let s = 0;
    for (const v of z) s += Math.exp(v - m);
    const dz = new Float64Array(CLASSES);
    for (let k = 0; k < CLASSES; k++) dz[k] = Math.exp(z[k] - m) / s - (k === label ? 1 : 0);
    this.d2.fill(0);
    for (let i = 0; i < 256; i++) {
      let g = 0;
      for (let k = 0; k < CLASSES; k++) {
        gwd[i * CLASSES + k] += this.p2[i] * dz[k];
        g += this.wd[i * CLASSES + k] * dz[k];
      }
      this.d2[this.i2[i]] = g;
    }
    for (let k = 0; k < CLASSES; k++) gbd[k] += dz[k];
    convReluBack(this.p1, 8, 8, this.w2, 16, this.a2, this.d2, gw2, gb2, this.dp1);
    this.d1.fill(0);
    for (let i = 0; i < this.dp1.length; i++) this.d1[this.i1[i]] = this.dp1[i];
    convReluBack(x, SIDE, 1, this.w1, 8, this.a1, this.d1, gw1, gb1, null);
  }

  /** SGD with the mean gradient of `n` samples; clears the gradients. */
  step(n) {
    const params = [this.w1, this.b1, this.w2, this.b2, this.wd, this.bd];
    params.forEach((p, j) => {
      const g = this.grads[j];
      for (let i = 0; i < p.length; i++) { p[i] -= (LEARNING_RATE * g[i]) / n; g[i] = 0; }
    });
  }
}

/** The bench session (same interface as ConvLab's BenchSession). */
export async function createSession({ batch = 1 } = {}) {
  const data = makeData();
  const img = (xs, i) => xs.subarray(i * PIXELS, (i + 1) * PIXELS);
  const trainOn = (net, n) => {
    let done = 0;
    for (const b of batchesOf(batch)) {
      if (done >= n) break;
      const part = b.slice(0, n - done);
      for (const i of part) { net.forward(img(data.trainX, i)); net.backward(img(data.trainX, i), data.trainY[i]); }
      net.step(part.length);
      done += part.length;
    }
  };
  let net = null;
  return {
    name: 'hand-written JS loops',
    warm_up(n) { trainOn(new Net(), n); },
    train(n) { net = new Net(); trainOn(net, n); },
    infer(i) { return argmax(net.forward(img(data.testX, i))); },
    test_accuracy() {
      let ok = 0;
      for (let i = 0; i < data.testY.length; i++) if (argmax(net.forward(img(data.testX, i))) === data.testY[i]) ok++;
      return ok / data.testY.length;
    },
    test_loss() {
      let s = 0;
      for (let i = 0; i < data.testY.length; i++) s += crossEntropy(net.forward(img(data.testX, i)), data.testY[i]);
      return s / data.testY.length;
    },
    free() { net = null; },
  };
}
