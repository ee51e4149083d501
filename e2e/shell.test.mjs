// Shared machinery in a real browser: lecturer mode and its keys, blank, fullscreen, theme,
// copy link, the Content-Security-Policy, and working offline after a first visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, pageFor, shot, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const page = (t, fragment, size) => pageFor(t, browser, server.url, fragment, size);

const route = (p) => new URL(p.url()).hash.split('?')[0];

test('lecturer mode: the clicker steps through a panel, then on to the next panel and back', async (t) => {
  const p = await page(t, '#/convolution?lecture=1', { width: 1920, height: 1080 });
  await p.waitForSelector('html.lecturer');
  assert.equal(await p.locator('.sidenav').isVisible(), false, 'no navigation chrome on the projector');
  await p.keyboard.press('PageDown');
  assert.equal(await value(p, 'stepper-count'), '1');
  await p.keyboard.press('End');
  await shot(p, 'lecturer-1920');
  await p.keyboard.press('PageDown');
  await p.waitForFunction(() => !location.hash.startsWith('#/convolution'));
  const next = route(p);
  assert.notEqual(next, '#/convolution');
  assert.ok(await p.locator('html.lecturer').count(), 'lecturer mode survives the panel change');
  await p.keyboard.press('PageUp');
  await p.waitForFunction(() => location.hash.startsWith('#/convolution'));
});

test('B blanks the screen, Esc brings it back and then leaves lecturer mode', async (t) => {
  const p = await page(t, '#/convolution?lecture=1');
  await p.keyboard.press('b');
  await p.waitForSelector('[data-testid="blank-screen"]');
  await p.keyboard.press('Escape');
  assert.equal(await p.locator('[data-testid="blank-screen"]').count(), 0);
  await p.keyboard.press('Escape');
  await p.waitForFunction(() => !document.documentElement.classList.contains('lecturer'));
});

test('F toggles fullscreen', async (t) => {
  const p = await page(t, '#/convolution?lecture=1');
  await p.keyboard.press('f');
  await p.waitForFunction(() => document.fullscreenElement !== null, null, { timeout: 3000 });
  await p.keyboard.press('f');
  await p.waitForFunction(() => document.fullscreenElement === null, null, { timeout: 3000 });
});

test('zoom scales the type in lecturer mode', async (t) => {
  const p = await page(t, '#/convolution');
  await p.click('[data-testid="lecturer-toggle"]');
  const before = await p.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await p.click('button[aria-label="Larger text"]');
  const after = await p.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(after > before, `${after} > ${before}`);
});

test('theme switch: system → light → dark, remembered', async (t) => {
  const p = await page(t, '#/convolution');
  await p.click('[data-testid="theme-toggle"]');
  await p.click('[data-testid="theme-toggle"]');
  assert.equal(await p.getAttribute('html', 'data-theme'), 'dark');
  await shot(p, 'theme-dark');
  await p.reload();
  await p.waitForSelector('main#main');
  assert.equal(await p.getAttribute('html', 'data-theme'), 'dark');
});

test('copy link puts the exact view on the clipboard', async (t) => {
  const p = await page(t, '#/convolution?preset=sharpen&step=3');
  await p.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await p.click('[data-testid="copy-link"]');
  await p.waitForSelector('[data-testid="copy-link-status"]');
  const text = await p.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /#\/convolution\?v=1&preset=sharpen&step=3$/);
});

test('a strict Content-Security-Policy is in force', async (t) => {
  const p = await page(t, '#/convolution');
  const csp = await p.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /'unsafe-eval'/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  await p.waitForSelector('[data-testid="conv-output"]'); // the app ran under it
});

test('works offline after the first visit', async (t) => {
  const p = await page(t, '#/convolution');
  await p.evaluate(async () => {
    await navigator.serviceWorker.ready;
    // Wait until the precache holds every group's module, not only the one this page runs.
    for (let i = 0; i < 200; i++) {
      const keys = await caches.keys();
      for (const k of keys) {
        const names = (await (await caches.open(k)).keys()).map((r) => r.url);
        if (names.filter((u) => u.endsWith('.wasm')).length === 5) return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the five wasm modules were never cached');
  });
  await p.context().setOffline(true);
  await p.goto(server.url + '#/convolution?preset=sharpen');
  await p.waitForSelector('[data-testid="conv-output"]');
  assert.equal(await value(p, 'conv-sum'), '320');
  // A panel of another group, never opened online, opens offline from the cache.
  await p.click('nav a[href="#/softmax"]');
  await p.waitForSelector('[data-testid="softmax-probs"]');
  await p.context().setOffline(false);
});

test('export the example as JSON and import it back; a bad file is refused with a message', async (t) => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const p = await page(t, '#/convolution?preset=sharpen&step=4');
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid="export-example"]')]);
  const file = path.join(os.tmpdir(), `convlab-${Date.now()}.json`);
  await download.saveAs(file);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(json.panel, 'convolution');
  assert.equal(json.settings.preset, 'sharpen');
  await p.goto(server.url + '#/convolution');
  await p.waitForSelector('[data-testid="conv-output"]');
  await p.setInputFiles('[data-testid="import-example"]', file);
  await p.waitForFunction(() => location.hash.includes('preset=sharpen'));
  await p.waitForFunction(() => document.querySelector('[data-testid="conv-sum"]')?.dataset.value === '281'); // row 1, column 5 of the sharpen map
  const bad = path.join(os.tmpdir(), `convlab-bad-${Date.now()}.json`);
  fs.writeFileSync(bad, '{"format":"convlab-example","version":9,"panel":"convolution"}');
  await p.setInputFiles('[data-testid="import-example"]', bad);
  await p.waitForSelector('[data-testid="import-error"]');
  assert.match(await p.textContent('[data-testid="import-error"]'), /version 9/);
  assert.match(p.url(), /preset=sharpen/, 'nothing changed');
});

test('the panel figure exports as a PNG of the figure\'s size, with a margin', async (t) => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const p = await page(t, '#/convolution?preset=sharpen&step=6');
  const box = await p.evaluate(() => {
    const r = document.querySelector('main .stage').getBoundingClientRect();
    return { w: r.width, h: r.height, dpr: Math.min(2, Math.max(1, devicePixelRatio)) };
  });
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid="export-png"]')]);
  assert.equal(download.suggestedFilename(), 'convlab-convolution.png');
  const file = path.join(os.tmpdir(), `convlab-${Date.now()}.png`);
  await download.saveAs(file);
  const png = fs.readFileSync(file);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
  // The figure plus a 16 px blank border on every side.
  assert.equal(width, Math.ceil((box.w + 32) * box.dpr));
  assert.equal(height, Math.ceil((box.h + 32) * box.dpr));
  assert.ok(png.length > 5000, `a real picture, not an empty canvas (${png.length} bytes)`);
  fs.copyFileSync(file, path.join(process.cwd(), 'target', 'screenshots', 'export-convolution.png'));
});

test('a PNG export paints SVG shapes: every colour of the RGB picture, the parameter bars', async (t) => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  // The colours of the exported PNG, counted in the page (a canvas decodes it).
  const exported = async (p, name) => {
    const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid="export-png"]')]);
    const file = path.join(os.tmpdir(), `convlab-${name}-${Date.now()}.png`);
    await download.saveAs(file);
    fs.copyFileSync(file, path.join(process.cwd(), 'target', 'screenshots', `export-${name}.png`));
    const url = `data:image/png;base64,${fs.readFileSync(file).toString('base64')}`;
    return p.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.width, img.height];
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const counts = {};
      for (let i = 0; i < d.length; i += 4) {
        const k = `rgb(${d[i]}, ${d[i + 1]}, ${d[i + 2]})`;
        counts[k] = (counts[k] ?? 0) + 1;
      }
      return counts;
    }, url);
  };
  const p = await page(t, '#/rgb');
  // Each pixel of the colour picture is an SVG rect with its colour as `fill`.
  const fills = await p.$$eval('[data-testid="rgb-image"] rect[fill]', (rs) => [...new Set(rs.map((r) => getComputedStyle(r).fill))]);
  assert.ok(fills.length >= 10, `the picture's colours: ${fills}`);
  const counts = await exported(p, 'rgb');
  // At the export's scale a picture pixel covers hundreds of canvas pixels; orange, yellow and
  // black (blue 0) used to be taken for transparent.
  for (const f of fills) assert.ok((counts[f] ?? 0) > 200, `${f} is in the exported PNG (${counts[f] ?? 0} pixels)`);

  const q = await page(t, '#/parameters');
  // The stylesheet gives the bars oklab colours: as sRGB, the way a canvas stores them.
  const bars = await q.$$eval('[data-testid="pm-chart"] rect', (rs) => {
    const c = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    const srgb = (f) => { c.clearRect(0, 0, 1, 1); c.fillStyle = f; c.fillRect(0, 0, 1, 1); const d = c.getImageData(0, 0, 1, 1).data; return `rgb(${d[0]}, ${d[1]}, ${d[2]})`; };
    return [...new Set(rs.map((r) => getComputedStyle(r).fill).filter((f) => f !== 'none').map(srgb))];
  });
  assert.ok(bars.length >= 2, `the bars' colours: ${bars}`);
  const barCounts = await exported(q, 'parameters');
  for (const f of bars) assert.ok((barCounts[f] ?? 0) > 200, `bar colour ${f} is in the exported PNG (${barCounts[f] ?? 0} pixels)`);
});

test('phone width: the sideways navigation row shows the current panel', async (t) => {
  const p = await page(t, '#/architectures', { width: 390, height: 800 });
  const seen = () => p.evaluate(() => {
    const nav = document.querySelector('nav.sidenav').getBoundingClientRect();
    const active = document.querySelector('nav.sidenav li.active').getBoundingClientRect();
    return active.left >= nav.left && active.right <= nav.right;
  });
  assert.ok(await seen(), 'the last panel’s entry is scrolled into the row');
  await p.click('nav a[href="#/convolution"]');
  await p.waitForSelector('[data-testid="conv-output"]');
  assert.ok(await seen(), 'and the first one’s, after following its link');
});
