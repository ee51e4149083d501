// “Why convolution” in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(t, fragment = '#/parameters', size) {
  const page = await newPage(browser, size);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, fragment);
  await page.waitForSelector('[data-testid="pm-output"]');
  return page;
}

test('the lecture: 10,000 weights against 25; sparse interactions by click', async (t) => {
  const page = await panel(t);
  assert.equal(await value(page, 'pm-fc'), '10000');
  assert.equal(await value(page, 'pm-shared'), '25');
  assert.equal(await value(page, 'pm-ratio'), '400');
  assert.equal(await page.locator('[data-testid="pm-chart"] rect').count(), 2);
  await page.click('[data-testid="pm-output"] tbody tr:nth-child(1) td:nth-child(2) button');
  assert.equal(await value(page, 'pm-sparse'), '25');
  assert.equal(await page.locator('[data-testid="pm-input"] td.lit').count(), 25);
  await page.click('[data-testid="pm-input"] tbody tr:nth-child(1) td:nth-child(2) button');
  assert.equal(await value(page, 'pm-sparse'), '1'); // a corner reaches one output
  assert.equal(await value(page, 'pm-sharing'), '225'); // 9 positions × 25 weights
  await shot(page, 'parameters-desktop');
});

test('an edit, a bad input and a deep link', async (t) => {
  const page = await panel(t);
  await page.fill('[data-testid="pm-c"]', '3');
  assert.equal(await value(page, 'pm-fc'), '30000');
  assert.equal(await value(page, 'pm-shared'), '75');
  await page.fill('[data-testid="pm-n"]', 'ten');
  await page.waitForSelector('[data-testid="pm-input-error"]');
  assert.equal(await page.inputValue('[data-testid="pm-n"]'), 'ten');
  assert.equal(await value(page, 'pm-fc'), '30000');
  await shot(page, 'parameters-bad-input');
  const linked = await panel(t, '#/parameters?v=1&n=32&f=3&c=3');
  assert.equal(await value(linked, 'pm-fc'), '3072');
  assert.equal(await value(linked, 'pm-shared'), '27');
  const bad = await panel(t, '#/parameters?n=-1&zz=2');
  const note = await bad.textContent('[data-testid="link-error"]');
  for (const key of ['n', 'zz']) assert.match(note, new RegExp(`“${key}” was ignored`));
  assert.equal(await value(bad, 'pm-fc'), '10000');
});

test('phone width: no page-level horizontal scroll', async (t) => {
  const page = await panel(t, '#/parameters', { width: 390, height: 844 });
  await shot(page, 'parameters-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
});
