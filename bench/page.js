// One bench run in this tab: loads the library named in the query, runs the shared timing
// protocol (timing.js) and leaves the result in window.__bench for bench/run.mjs.
import { measure } from './timing.js';

const params = new URLSearchParams(location.search);
const lib = params.get('lib');
const batch = Number(params.get('batch') ?? 1);
const num = (k) => (params.has(k) ? Number(params.get(k)) : undefined);
const NM = new URL('./node_modules/', import.meta.url).href;

function script(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

async function session() {
  switch (lib) {
    case 'js':
      return (await import('./peers/plain.js')).createSession({ batch });
    case 'convnetjs':
      await script(`${NM}convnetjs/build/convnet.js`);
      return (await import('./peers/convnetjs.js')).createSession({ batch });
    case 'tfjs-cpu':
    case 'tfjs-wasm': {
      // The union bundle: the only prebuilt browser bundle of tfjs-core that registers the
      // gradients (tf-core.min.js has none).
      await script(`${NM}@tensorflow/tfjs/dist/tf.min.js`);
      const backend = lib.slice(5);
      if (backend === 'wasm') await script(`${NM}@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js`);
      const peer = await import('./peers/tfjs.js');
      return peer.createSession({ batch, backend, wasmDir: `${NM}@tensorflow/tfjs-backend-wasm/dist/` });
    }
    default:
      throw new Error(`unknown lib ${lib}`);
  }
}

async function details() {
  const tf = globalThis.tf;
  if (!tf || !lib.startsWith('tfjs')) return {};
  const out = { tfVersion: tf.version_core, backend: tf.getBackend() };
  if (out.backend === 'wasm') {
    out.wasmSimd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    out.wasmThreads = tf.wasm.getThreadsCount();
  }
  return out;
}

async function main() {
  if (lib === 'peak') return (await import('./peak.js')).runPeak({ chains: num('chains') });
  const s = await session();
  const r = measure(s, { warmup: num('warmup'), minWarmupMs: num('minWarmupMs'), samples: num('samples'), inferences: num('inferences') });
  const extra = await details();
  const name = s.name;
  s.free();
  return { lib, batch, name, ...extra, ...r };
}

main().then(
  (result) => { window.__bench = { ok: true, result }; document.getElementById('status').textContent = 'done'; },
  (e) => { window.__bench = { ok: false, error: String(e?.stack ?? e) }; document.getElementById('status').textContent = `failed: ${e}`; },
);
