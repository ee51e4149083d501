// The machine's measured peak for this kind of work: a tiny wasm module whose loop does
// nothing but independent multiply-adds, as v128 f32x4 (SIMD128) and as scalar f32. Built at
// run time from WAT text with npm's binaryen (parse, validate, emit; no optimisation passes,
// so the loop stays as written).
//
// Each of K chains does, per iteration, x = x·m (m a run-time parameter, 1.0, so nothing can
// be folded and nothing overflows) and acc = acc + x: one multiply and one add, 2 FLOP per
// lane. K independent chains hide the latency of the two operations.
import binaryen from 'binaryen';

// Six chains: 12 loop registers plus m fit the 16 xmm registers V8 allocates on x86-64 (8
// chains spill and measured a third of the speed here).
export const CHAINS = 6;

function body(type, k, lanes) {
  const mul = type === 'v128' ? 'f32x4.mul' : 'f32.mul';
  const add = type === 'v128' ? 'f32x4.add' : 'f32.add';
  const lines = [];
  for (let i = 0; i < k; i++) {
    lines.push(`(local.set $x${i} (${mul} (local.get $x${i}) (local.get $mv)))`);
    lines.push(`(local.set $a${i} (${add} (local.get $a${i}) (local.get $x${i})))`);
  }
  const init = [];
  for (let i = 0; i < k; i++) {
    const c = `(f32.const ${(1 + i / 16).toFixed(4)})`;
    init.push(`(local.set $x${i} ${type === 'v128' ? `(f32x4.splat ${c})` : c})`);
  }
  // The result depends on every chain, so no chain is dead code.
  let sum = `(local.get $a0)`;
  for (let i = 1; i < k; i++) sum = `(${add} ${sum} (local.get $a${i}))`;
  const result = type === 'v128'
    ? `(f32.add (f32.add (f32x4.extract_lane 0 ${sum}) (f32x4.extract_lane 1 ${sum})) (f32.add (f32x4.extract_lane 2 ${sum}) (f32x4.extract_lane 3 ${sum})))`
    : sum;
  const locals = Array.from({ length: k }, (_, i) => `(local $x${i} ${type}) (local $a${i} ${type})`).join(' ');
  return `
  ;; ${k} chains × ${lanes} lane(s) × 2 FLOP per iteration
  (func (export "${type === 'v128' ? 'simd' : 'scalar'}") (param $n i32) (param $m f32) (result f32)
    (local $mv ${type}) ${locals}
    (local.set $mv ${type === 'v128' ? '(f32x4.splat (local.get $m))' : '(local.get $m)'})
    ${init.join('\n    ')}
    (block $done
      (loop $top
        (br_if $done (i32.eqz (local.get $n)))
        ${lines.join('\n        ')}
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $top)))
    ${result})`;
}

/** WAT text of the module: exports simd(n, m) and scalar(n, m). */
export function peakWat(k = CHAINS) {
  return `(module${body('v128', k, 4)}${body('f32', k, 1)}\n)`;
}

/** FLOP per loop iteration of each export. */
export function flopPerIteration(k = CHAINS) {
  return { simd: 2 * 4 * k, scalar: 2 * k };
}

/** The module's binary. */
export function peakWasm(k = CHAINS) {
  const mod = binaryen.parseText(peakWat(k));
  mod.setFeatures(binaryen.Features.MVP | binaryen.Features.SIMD128);
  if (!mod.validate()) throw new Error('the peak module does not validate');
  const bytes = mod.emitBinary();
  mod.dispose();
  return bytes;
}
