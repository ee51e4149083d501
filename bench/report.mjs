// Turns the bench's raw runs into medians, checks and the printed table.
import { FLOP_PER_TRAIN_SAMPLE, FLOP_PER_INFERENCE, REFERENCE_RESULTS } from './workload.js';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/**
 * One row per configuration: medians over the rounds, GFLOP/s, and whether the accuracy and
 * loss are those of the reference run (the same weights and order give the same numbers to
 * about 1e-6 in every library; batch 16 is its own schedule with its own reference).
 */
export function summarise(config, runs, { full }) {
  const sps = median(runs.map((r) => r.samplesPerSec));
  const infer = median(runs.map((r) => r.inferMedianUs));
  const { accuracy, loss } = runs[0];
  const want = REFERENCE_RESULTS[config.batch];
  const agrees = !full || !want ? null
    : Math.abs(accuracy - want.accuracy) < 1e-9 && Math.abs(loss - want.loss) < want.tolerance
      && runs.every((r) => r.accuracy === accuracy && Math.abs(r.loss - loss) < 1e-9);
  return {
    id: config.id,
    library: config.label,
    batch: config.batch,
    rounds: runs.length,
    samplesPerSec: sps,
    samplesPerSecRounds: runs.map((r) => r.samplesPerSec),
    trainGflops: (sps * FLOP_PER_TRAIN_SAMPLE) / 1e9,
    inferMedianUs: infer,
    inferMedianUsRounds: runs.map((r) => r.inferMedianUs),
    inferIqmUs: median(runs.map((r) => r.inferIqmUs)),
    inferGflops: FLOP_PER_INFERENCE / (median(runs.map((r) => r.inferIqmUs)) * 1e3),
    accuracy,
    loss,
    agreesWithReference: agrees,
    details: runs[0].details,
  };
}

const fmt = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '—'
  : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function resultsTable(rows, peak) {
  const header = ['library', 'batch', 'train samples/s', 'GFLOP/s', '% of SIMD peak', 'infer µs', 'IQM µs', 'test acc', 'test loss', 'check'];
  return table(header, rows.map((r) => [
    r.library, r.batch, fmt(r.samplesPerSec), fmt(r.trainGflops, 3),
    peak ? fmt((100 * r.trainGflops) / peak, 1) : '—',
    fmt(r.inferMedianUs, 1), fmt(r.inferIqmUs, 1), fmt(r.accuracy, 2), r.loss.toFixed(6),
    r.agreesWithReference === null ? 'n/a' : r.agreesWithReference ? 'ok' : 'DIFFERS',
  ]));
}

/** ConvLab's speed against each peer: > 1 means ConvLab is faster. */
export function ratios(convlab, rows) {
  return rows.filter((r) => r !== convlab).map((r) => ({
    peer: r.library,
    batch: r.batch,
    training: convlab.samplesPerSec / r.samplesPerSec,
    // From the interquartile means: ConvLab's latency may be a few 5 µs clock steps.
    inference: r.inferIqmUs / convlab.inferIqmUs,
  }));
}

export function ratiosTable(list) {
  return table(['ConvLab vs', 'batch', 'training ×', 'inference × (IQM)'],
    list.map((r) => [r.peer, r.batch, fmt(r.training, 2), fmt(r.inference, 2)]));
}

export { fmt };
