// The measured peak: runs peak.wasm's multiply-add loops (built by bench/peak-wasm.mjs and
// served by bench/run.mjs) until V8 has tiered them up, then times a few calls of about
// 100 ms each and reports the best, as GFLOP/s.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function runPeak({ chains }) {
  const bytes = await (await fetch('./peak.wasm')).arrayBuffer();
  const { instance } = await WebAssembly.instantiate(bytes);
  const flop = { simd: 2 * 4 * chains, scalar: 2 * chains };
  const out = { chains };
  for (const name of ['simd', 'scalar']) {
    const f = instance.exports[name];
    // Wasm starts in the baseline compiler and tiers up between calls, never inside one.
    for (let k = 0; k < 4; k++) { f(200_000, 1.0); await sleep(50); }
    let n = 1_000_000;
    for (;;) {
      const t = performance.now();
      f(n, 1.0);
      const dt = performance.now() - t;
      if (dt > 30) { n = Math.round((n * 100) / dt); break; }
      n *= 4;
    }
    const rates = [];
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      f(n, 1.0);
      rates.push((n * flop[name]) / ((performance.now() - t) * 1e6));
      await sleep(10);
    }
    rates.sort((a, b) => a - b);
    out[name] = { gflops: rates[rates.length - 1], medianGflops: rates[2], iterations: n };
  }
  return out;
}
