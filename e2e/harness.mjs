// Shared browser-test harness: serves dist/ on 127.0.0.1 (with COOP/COEP, as the bench
// needs), launches Debian's Chromium through playwright-core, and fails a page on any
// console error, uncaught exception or wasm panic.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// CONVLAB_DIST lets several builds be tested side by side (default: dist/).
export const DIST = process.env.CONVLAB_DIST ? path.resolve(process.env.CONVLAB_DIST) : path.join(root, 'dist');
export const SHOTS = path.join(root, 'target', 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.jpg': 'image/jpeg',
};

/**
 * Serves `dir` on 127.0.0.1 at a free port, under `prefix` (e.g. '/course/convlab/' to act
 * like a static host's sub-path); resolves to { url, close }.
 */
export function serve(dir = DIST, prefix = '/') {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404).end('not found'); return; }
    let file = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length - 1)));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Chromium; `extraArgs` adds flags for one test file only (e.g. the memory soak's). */
export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * A page that records every console error and uncaught exception. Call `assertClean()` at
 * the end of a test (the harness's `open` does it for you through `t.after`).
 */
export async function newPage(browser, { width = 1280, height = 800, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.assertClean = async () => {
    const banner = await page.locator('[data-testid="panic-error"]').count();
    if (banner) problems.push('the panic banner is showing');
    if (problems.length) throw new Error(problems.join('\n'));
  };
  return page;
}

/**
 * Every panel route the navigation lists, as hrefs ('#/convolution', …), read from an open
 * page: tests that walk every route cover new panels without being edited.
 */
export function navRoutes(page) {
  return page.$$eval('.sidenav a', (as) => as.map((a) => a.getAttribute('href')));
}

/** The route names ('convolution', …) of every panel, read from a fresh page. */
export async function routeNames(browser, base) {
  const page = await newPage(browser);
  await open(page, base, '#/');
  const names = (await navRoutes(page)).map((href) => href.replace(/^#\//, ''));
  await page.context().close();
  return names;
}

/** Opens `fragment` (e.g. '#/convolution?stride=2') and waits for the app to render. */
export async function open(page, base, fragment = '') {
  await page.goto(base + fragment);
  await moduleReady(page);
}

/**
 * A fresh page for test `t` at `fragment`, checked clean and closed when the test ends;
 * `options` as for `newPage` (size, other context options).
 */
export async function pageFor(t, browser, base, fragment, options) {
  const p = await newPage(browser, options);
  t.after(async () => { await p.assertClean(); await p.context().close(); });
  await open(p, base, fragment);
  return p;
}

/** Waits until the page shows a panel of the module that holds it (not its loading view). */
export async function moduleReady(page) {
  await page.waitForSelector('main#main');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The data-value of every cell of a table, row by row. */
export async function tableValues(page, testid) {
  return page.$$eval(`[data-testid="${testid}"] tbody tr`, (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.dataset.value)));
}

export async function value(page, testid) {
  return page.getAttribute(`[data-testid="${testid}"]`, 'data-value');
}
