// "Your own image" in a real browser: bundled pictures decoded by Chromium, a kernel change,
// a click on a feature-map pixel, an upload of a real PNG, uploads that are not pictures,
// deep links, the keyboard, and phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { serve, launch, newPage, open, shot, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/image', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="img-map"]');
  return page;
}

/** An 8-bit RGB PNG of w × h pixels, colour(x, y) → [r, g, b]. */
function png(w, h, colour) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) raw.set(colour(x, y), y * (w * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Clicks the feature map at a fraction of its size; returns the (row, col) that should be hit. */
async function clickMap(page, fx, fy) {
  const canvas = page.locator('[data-testid="img-map"]');
  const box = await canvas.boundingBox();
  const [w, h] = [Number(await canvas.getAttribute('width')), Number(await canvas.getAttribute('height'))];
  const [px, py] = [box.width * fx, box.height * fy];
  await canvas.click({ position: { x: px, y: py } });
  return [Math.floor(py / box.height * h), Math.floor(px / box.width * w)];
}

test('a bundled picture, a kernel change and a clicked pixel whose sum is the value shown', async (t) => {
  const page = await panel(t);
  assert.equal(await value(page, 'img-size'), '64x48'); // the 128 × 96 house, halved
  assert.match(await page.textContent('[data-testid="img-source"]'), /House/);
  assert.match(await page.textContent('[data-testid="img-gray-formula"]'), /0\.299.*0\.587.*0\.114/);
  assert.equal(await page.getAttribute('[data-testid="img-map"]', 'width'), '62');
  await page.selectOption('[data-testid="img-kernel-choice"]', 'sharpen');
  await page.waitForFunction(() => location.hash.includes('kernel=sharpen'));
  const [row, col] = await clickMap(page, 0.4, 0.55);
  const heading = await page.textContent('.img-detail h2');
  assert.equal(heading, `Feature-map pixel: row ${row + 1}, column ${col + 1}`);
  const shown = await value(page, 'img-pixel-value');
  assert.equal(await value(page, 'conv-sum'), shown); // the trace's sum is the map's value
  const terms = await page.$$eval('[data-testid="conv-terms"] tbody tr td:last-child', (tds) => tds.map((td) => Number(td.dataset.value)));
  assert.equal(terms.length, 9);
  assert.ok(Math.abs(terms.reduce((a, b) => a + b, 0) - Number(shown)) < 1e-3 * Math.max(1, Math.abs(Number(shown))));
  assert.match(page.url(), new RegExp(`step=${row * 62 + col}`));
  // ReLU and pooling are one click away.
  await page.check('[data-testid="img-relu"]');
  await page.selectOption('[data-testid="img-pool"]', 'max');
  await page.waitForSelector('[data-testid="img-pooled"]');
  assert.equal(await page.getAttribute('[data-testid="img-pooled"]', 'width'), '31');
  assert.ok(Number(await value(page, 'img-map-min')) >= 0);
  await page.waitForSelector('[data-testid="pool-result"]');
  await shot(page, 'image-desktop');
});

test('uploading a real PNG, then files that are not pictures: messages, previous picture kept', async (t) => {
  const page = await panel(t);
  const gradient = png(100, 50, (x, y) => [x * 2, y * 4, 128]);
  await page.setInputFiles('[data-testid="img-upload"]', { name: 'gradient.png', mimeType: 'image/png', buffer: gradient });
  await page.waitForFunction(() => document.querySelector('[data-testid="img-size"]')?.dataset.value === '64x32');
  assert.match(await page.textContent('[data-testid="img-source"]'), /gradient\.png/);
  assert.match(await page.textContent('[data-testid="img-upload-note"]'), /cannot be part of a link/);
  assert.doesNotMatch(page.url(), /image=/);
  await page.selectOption('[data-testid="img-kernel-choice"]', 'blur');
  // A text file: refused before decoding.
  await page.setInputFiles('[data-testid="img-upload"]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  const err = page.locator('[data-testid="img-upload-error"]');
  await err.waitFor();
  assert.match(await err.textContent(), /“notes\.txt” is not a picture.*stays/);
  assert.equal(await value(page, 'img-size'), '64x32');
  // A damaged PNG (the signature, then rubbish): the browser cannot decode it. (A merely
  // truncated file is not refused: browsers show the part that arrived, and so does the panel.)
  const broken = Buffer.concat([gradient.subarray(0, 8), Buffer.from('this is not picture data at all')]);
  await page.setInputFiles('[data-testid="img-upload"]', { name: 'broken.png', mimeType: 'image/png', buffer: broken });
  await page.waitForFunction(() => /broken\.png/.test(document.querySelector('[data-testid="img-upload-error"]')?.textContent ?? ''));
  assert.match(await err.textContent(), /could not be decoded/);
  assert.equal(await value(page, 'img-size'), '64x32');
  assert.match(await page.textContent('[data-testid="img-source"]'), /gradient\.png/);
  assert.equal(await page.inputValue('[data-testid="img-kernel-choice"]'), 'blur');
  await shot(page, 'image-upload-error');
});

test('a deep link, the keyboard, and a typo in the kernel', async (t) => {
  const page = await panel(t, '#/image?v=1&image=letters&kernel=vertical-edge&relu=1&pool=max&step=100');
  await page.waitForFunction(() => document.querySelector('[data-testid="img-size"]')?.dataset.value === '64x26');
  assert.equal(await page.inputValue('[data-testid="img-picture"]'), '3');
  assert.equal(await page.inputValue('[data-testid="img-kernel-choice"]'), 'vertical-edge');
  assert.ok(await page.isChecked('[data-testid="img-relu"]'));
  await page.waitForSelector('[data-testid="img-pooled"]');
  assert.equal(await page.textContent('.img-detail h2'), 'Feature-map pixel: row 2, column 39'); // 100 = 1·62 + 38
  assert.equal(await value(page, 'conv-sum'), await value(page, 'img-pixel-value'));
  await page.focus('.raster.pickable');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.textContent('.img-detail h2'), 'Feature-map pixel: row 3, column 40');
  await page.waitForFunction(() => location.hash.includes('step=163'));
  // A typo: the message names it, the text stays, the map keeps the last valid kernel.
  const before = await value(page, 'img-map-max');
  const cell = page.locator('[data-testid="img-kernel"] input').first();
  await cell.fill('1x');
  assert.match(await page.textContent('[data-testid="img-kernel-error"]'), /Kernel.*“1x” is not a number/);
  assert.equal(await cell.inputValue(), '1x');
  assert.equal(await value(page, 'img-map-max'), before);
  const bad = await panel(t, '#/image?image=cat&kernel=wobbly&step=-1');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['image', 'kernel', 'step']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.equal(await value(bad, 'img-size'), '64x48');
});

test('the feature map as a table of numbers, on request', async (t) => {
  const page = await panel(t, '#/image?image=checkerboard&kernel=identity');
  assert.equal(await page.locator('[data-testid="img-feature-table"]').count(), 0);
  await page.click('details.numbers summary');
  await page.waitForSelector('[data-testid="img-feature-table"]');
  const rows = await page.$$eval('[data-testid="img-feature-table"] tbody tr', (r) => r.length);
  assert.equal(rows, 62);
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/image?v=1&image=ball&kernel=edge&pool=avg&step=1900', { width: 390, height: 844 });
  await page.waitForSelector('[data-testid="img-pooled"]');
  await shot(page, 'image-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});

test('the PNG export of the figure includes the pictures', async (t) => {
  const page = await panel(t, '#/image?v=1&image=ball&kernel=edge');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-png"]')]);
  assert.equal(download.suggestedFilename(), 'convlab-image.png');
  const file = `target/screenshots/export-image.png`;
  await download.saveAs(file);
  // Decode the export in the page and look at the middle of the colour picture: the orange ball.
  const box = await page.evaluate(() => {
    const stage = document.querySelector('main .stage').getBoundingClientRect();
    const pic = document.querySelector('[data-testid="img-colour"]').getBoundingClientRect();
    return { x: (pic.left - stage.left + pic.width / 2) / stage.width, y: (pic.top - stage.top + pic.height / 2) / stage.height };
  });
  const b64 = (await import('node:fs')).readFileSync(file).toString('base64');
  const rgb = await page.evaluate(async ({ b64, box }) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return [...ctx.getImageData(Math.floor(box.x * img.width), Math.floor(box.y * img.height), 1, 1).data.slice(0, 3)];
  }, { b64, box });
  assert.ok(rgb[0] > 120 && rgb[0] > rgb[2] + 60, `the ball's orange at the picture's centre, got rgb(${rgb})`);
});
