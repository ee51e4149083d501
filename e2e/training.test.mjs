// The training lab in a real browser: live training with plot and progress, pause, drawing
// classified live, the exploding preset stopping by itself, export and re-import, bad links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, newPage, open, shot, tableValues, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/training', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="training-plan"]');
  return page;
}

const done = async (page) => Number(await value(page, 'training-progress'));

/** Distinct colours and non-white pixels of the plot canvas. */
async function plotInk(page) {
  return page.$eval('[data-testid="training-plot"]', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      colours.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
      if (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250) ink++;
    }
    return { colours: colours.size, ink };
  });
}

/** Blue (training-curve) pixels of the plot. */
async function bluePixels(page) {
  return page.$eval('[data-testid="training-plot"]', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 80 && d[i + 1] < 130 && d[i + 2] > 200) n++;
    return n;
  });
}

test('training runs live: plot, progress, pause, resume, reset', async (t) => {
  // Many epochs, so that a fast machine cannot finish before the test pauses it.
  const page = await panel(t, '#/training?epochs=20');
  assert.equal(await value(page, 'training-total-params'), '2533');
  assert.equal(await done(page), 0);
  assert.ok((await plotInk(page)).ink > 1000, 'axes drawn before training');
  const blueBefore = await bluePixels(page);
  await page.click('[data-testid="training-start"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="training-progress"]').dataset.value) > 150);
  // The page stays responsive: the pause button answers while training.
  await shot(page, 'training-desktop-running');
  assert.ok((await bluePixels(page)) > blueBefore + 50, 'the training curve is drawn');
  await page.click('[data-testid="training-pause"]');
  const paused = await done(page);
  await page.waitForTimeout(300);
  assert.equal(await done(page), paused, 'pause stops training');
  assert.match(await page.textContent('[data-testid="training-status"]'), /Paused/);
  await page.click('[data-testid="training-step"]');
  assert.equal(await done(page), paused + 1);
  const conf = (await tableValues(page, 'training-confusion')).map((r) => r.slice(0, 5).map(Number));
  assert.equal(conf.flat().reduce((a, b) => a + b, 0), 100);
  assert.equal(await page.locator('[data-testid="training-kernels"] canvas').count(), 8);
  // Backprop in numbers: the traced sum is the core's gradient; the update is w − η·g.
  const g = Number(await value(page, 'training-bp-grad'));
  assert.ok(Number.isFinite(g));
  assert.equal(await page.locator('[data-testid="training-bp-terms"] span').count(), 256);
  await page.click('[data-testid="training-start"]');
  await page.waitForFunction((p) => Number(document.querySelector('[data-testid="training-progress"]').dataset.value) > p + 100, paused);
  await page.click('[data-testid="training-pause"]');
  await page.click('[data-testid="training-reset"]');
  assert.equal(await done(page), 0);
  assert.match(await page.inputValue('[data-testid="training-summary"]'), /Accuracy per class/);
});

test('a drawing is classified live and can join the training set', async (t) => {
  const page = await panel(t);
  assert.equal(await value(page, 'training-drawn-class'), '');
  await page.locator('[data-testid="training-pad"]').scrollIntoViewIfNeeded();
  const box = await page.locator('[data-testid="training-pad"]').boundingBox();
  const cell = box.width / 16;
  await page.mouse.move(box.x + 7.5 * cell, box.y + 2.5 * cell);
  await page.mouse.down();
  for (let y = 3; y <= 12; y++) await page.mouse.move(box.x + 7.5 * cell, box.y + (y + 0.5) * cell);
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('[data-testid="training-drawn-class"]').dataset.value !== '');
  const probs = (await tableValues(page, 'training-drawn-probs')).map((r) => Number(r[0]));
  assert.equal(probs.length, 5);
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-4);
  await page.selectOption('[data-testid="training-draw-label"]', '1');
  await page.click('[data-testid="training-add-sample"]');
  assert.equal(await page.locator('[data-testid="training-drawn-list"] li').count(), 1);
  await page.click('[data-testid="training-clear"]');
  assert.equal(await value(page, 'training-drawn-class'), '');
});

test('the exploding preset diverges and stops by itself', async (t) => {
  const page = await panel(t);
  await page.selectOption('[data-testid="training-preset"]', 'exploding');
  // The address follows the render, which a busy machine may not have finished yet.
  await page.waitForFunction(() => location.hash.includes('preset=exploding'));
  assert.match(page.url(), /lr=100/);
  await page.click('[data-testid="training-start"]');
  await page.waitForSelector('[data-testid="training-diverged-error"]');
  const msg = await page.textContent('[data-testid="training-diverged-error"]');
  assert.match(msg, /learning rate/i);
  assert.match(msg, /lower/i);
  assert.ok(await page.isDisabled('[data-testid="training-start"]'));
  const stopped = await done(page);
  await page.waitForTimeout(200);
  assert.equal(await done(page), stopped);
  await shot(page, 'training-diverged');
  await page.click('[data-testid="training-lower-rate"]');
  await page.waitForFunction(() => /lr=10(&|$)/.test(location.hash));
  assert.equal(await page.locator('[data-testid="training-diverged-error"]').count(), 0);
});

test('export a model and import it again; a bad file is refused', async (t) => {
  const page = await panel(t);
  for (let i = 0; i < 5; i++) await page.click('[data-testid="training-step"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="training-export"]')]);
  const file = await download.path();
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(json.format, 'convlab-model');
  await page.click('[data-testid="training-reset"]');
  await page.setInputFiles('[data-testid="training-import"]', file);
  await page.waitForSelector('[data-testid="training-io-status"]');
  assert.match(await page.textContent('[data-testid="training-io-status"]'), /loaded/);
  await page.setInputFiles('[data-testid="training-import"]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{ nope') });
  await page.waitForSelector('[data-testid="training-io-error"]');
  assert.match(await page.textContent('[data-testid="training-io-error"]'), /nothing changed/);
});

test('a collapsing configuration is refused; bad link keys are named', async (t) => {
  const page = await panel(t, '#/training?filters=99&kernel=9');
  await page.waitForSelector('[data-testid="training-config-error"]');
  assert.match(await page.textContent('[data-testid="training-config-error"]'), /cannot be built/);
  assert.match(await page.textContent('[data-testid="link-error"]'), /filters/);
  assert.ok(await page.isDisabled('[data-testid="training-start"]'));
  await page.selectOption('[data-testid="training-kernel"]', '5');
  assert.equal(await page.locator('[data-testid="training-config-error"]').count(), 0);
  assert.equal(await value(page, 'training-total-params'), String(5 * 5 * 8 + 8 + 5 * 5 * 8 * 16 + 16 + 2 * 2 * 16 * 5 + 5));
});

test('phone layout mid-training', async (t) => {
  // Long enough to be paused: the fast core trains the default 3 epochs in about a second.
  const page = await panel(t, '#/training?epochs=20', { width: 390, height: 844 });
  await page.click('[data-testid="training-start"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="training-progress"]').dataset.value) > 100);
  await shot(page, 'training-phone-running');
  await page.click('[data-testid="training-pause"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page overflows by ${overflow}px`);
});
