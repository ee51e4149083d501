// The one timing protocol every library goes through, on any object with the bench session
// interface (ConvLab's wasm BenchSession, or a peer's adapter in bench/peers/):
//   warm_up(n)       train n samples on a throw-away model (JIT and wasm tier-up)
//   train(n)         train n samples from the reference initial weights, epochs in order
//   infer(i)         classify test image i, returning its class
//   test_accuracy(), test_loss(), free()
//
// `measure` must stay self-contained (no imports, no outer names): bench/run.mjs injects its
// source into ConvLab's own app page, whose Content-Security-Policy admits no bench script.

export function measure(session, options = {}) {
  const { warmup = 500, minWarmupMs = 1000, samples = 1500, inferences = 1000, warmInferences = 50, nTest = 100 } = options;
  const now = () => performance.now();

  // The clock's resolution as this page sees it (5 µs when cross-origin isolated, else 100 µs).
  // (Chromium also jitters the clock within that step, so this is the smallest step seen.)
  let resolution = Infinity;
  let last = now();
  while (now() === last); // start on a tick
  last = now();
  for (let ticks = 0, start = last; ticks < 20 && last - start < 50;) {
    const t = now();
    if (t !== last) { resolution = Math.min(resolution, t - last); last = t; ticks++; }
  }

  // Warm-up on throw-away models until the engine has settled: JIT and wasm tier-up finish on
  // a background thread, and on a busy 2-core machine 500 samples were sometimes not enough
  // (a first timed run could be a third slower than the next). Every library gets the same.
  const w0 = now();
  let warmupRuns = 0;
  do {
    session.warm_up(warmup);
    warmupRuns++;
  } while (now() - w0 < minWarmupMs);
  const warmupMs = now() - w0;

  const t0 = now();
  session.train(samples);
  const trainMs = now() - t0;

  for (let k = 0; k < warmInferences; k++) session.infer(k % nTest);
  const lat = new Float64Array(inferences);
  const classes = new Set();
  for (let k = 0; k < inferences; k++) {
    const a = now();
    const c = session.infer(k % nTest);
    lat[k] = now() - a;
    classes.add(c);
  }
  lat.sort();
  // The mean of the middle half as well: at 5 µs clock steps a median of a few tens of µs is
  // coarse, while a mean of 500 jittered readings is not; the trimming drops the tasks that
  // other processes on a busy machine interrupted.
  const middle = lat.subarray(Math.floor(inferences / 4), Math.ceil((3 * inferences) / 4));
  const iqm = (middle.reduce((a, b) => a + b, 0) / middle.length) * 1000;
  const quantile = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] * 1000;

  const accuracy = session.test_accuracy();
  const loss = session.test_loss();
  return {
    samples,
    trainMs,
    samplesPerSec: (samples / trainMs) * 1000,
    warmupMs,
    warmupRuns,
    inferMedianUs: quantile(0.5),
    inferIqmUs: iqm,
    inferP10Us: quantile(0.1),
    inferP90Us: quantile(0.9),
    inferClasses: [...classes].sort(),
    accuracy,
    loss,
    clockResolutionUs: resolution * 1000,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
  };
}
