// The bench's static server on 127.0.0.1: the app's dist/ at /app/ and bench/ (with its
// node_modules) at /bench/, plus files made at run time (peak.wasm). Every response carries
// COOP/COEP (so the pages are cross-origin isolated and performance.now() has 5 µs
// resolution, not 100 µs) and CORP, as e2e/harness.mjs does for the app.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.map': 'application/json',
};

const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

/**
 * mounts: { '/app/': dir, '/bench/': dir }; extra: { '/bench/peak.wasm': bytes }.
 * Resolves to { origin, close }.
 */
export function serve(mounts, extra = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (status, body, type) => {
      res.writeHead(status, { ...HEADERS, 'Content-Type': type ?? 'text/plain' });
      res.end(body);
    };
    if (extra[url.pathname]) { send(200, extra[url.pathname], TYPES[path.extname(url.pathname)]); return; }
    const prefix = Object.keys(mounts).find((p) => url.pathname.startsWith(p));
    if (!prefix) { send(404, 'not found'); return; }
    const root = mounts[prefix];
    let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (!file.startsWith(root)) { send(403, 'forbidden'); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) send(404, 'not found');
      else send(200, body, TYPES[path.extname(file)] ?? 'application/octet-stream');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
      });
    });
  });
}
