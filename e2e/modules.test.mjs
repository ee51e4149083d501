// The page's loader hands the page from one wasm module (a group of panels) to another: the
// panel appears, keyboard focus stays on the link that was followed, only one app is on the
// page, state in the link and the shell survives, and a module that cannot be fetched is
// named on the page and fetched again on the next try.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, pageFor, moduleReady, value } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const page = (t, fragment, options) => pageFor(t, browser, server.url, fragment, options);

const started = (p) => p.evaluate(() => window.convlabModules.shown);
const roots = (p) => p.evaluate(() => document.querySelectorAll('.app-root').length);

test('the keyboard follows a link into another module and keeps its place', async (t) => {
  const p = await page(t, '#/convolution');
  assert.equal(await started(p), 'layer');
  await p.focus('nav a[href="#/pooling"]');
  await p.keyboard.press('Enter');
  await p.waitForSelector('[data-testid="pool-output"]');
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute('href')), '#/pooling');
  assert.equal(await started(p), 'network');
  assert.equal(await roots(p), 1);
  assert.equal(await p.evaluate(() => document.querySelectorAll('nav.sidenav').length), 1);
  // Tab goes on from the link, as on any page.
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute('href')), '#/flatten');
});

test('back and forward cross modules; each panel keeps the state its link holds', async (t) => {
  const p = await page(t, '#/convolution?preset=sharpen');
  assert.equal(await value(p, 'conv-sum'), '320');
  await p.click('nav a[href="#/training"]');
  await p.waitForSelector('[data-testid="training-plan"]');
  await p.goBack();
  await p.waitForSelector('[data-testid="conv-output"]');
  assert.equal(await value(p, 'conv-sum'), '320');
  await p.goForward();
  await p.waitForSelector('[data-testid="training-plan"]');
  await p.goto(server.url + '#/softmax?logits=1,2,3');
  await moduleReady(p);
  await p.waitForSelector('[data-testid="softmax-probs"]');
  assert.equal(await roots(p), 1);
});

test('lecturer mode, its zoom and the theme carry over to another module', async (t) => {
  const p = await page(t, '#/convolution?lecture=1');
  await p.click('[data-testid="theme-toggle"]');
  const theme = await p.evaluate(() => document.documentElement.dataset.theme);
  await p.click('button[aria-label="Larger text"]');
  const zoom = await p.evaluate(() => document.documentElement.style.getPropertyValue('--zoom'));
  await p.goto(server.url + '#/architectures');
  await moduleReady(p);
  await p.waitForSelector('.arch');
  assert.ok(await p.evaluate(() => document.documentElement.classList.contains('lecturer')));
  assert.equal(await p.evaluate(() => document.documentElement.dataset.theme), theme);
  assert.equal(await p.evaluate(() => document.documentElement.style.getPropertyValue('--zoom')), zoom);
});

test('a module that cannot be fetched is named on the page, and Try again fetches it', async (t) => {
  // No service worker: it would answer from its cache, and the page would never see the failure.
  const p = await newPage(browser, { serviceWorkers: 'block' });
  t.after(async () => { await p.context().close(); });
  await open(p, server.url, '#/convolution');
  // First the module's wasm fails, then (on the next panel of that module) its JS.
  await p.route(/convlab-training-[0-9a-f]+_bg\.wasm/, (r) => r.abort());
  await p.click('nav a[href="#/training"]');
  await p.waitForSelector('[data-testid="module-error"]');
  assert.match(await p.textContent('[data-testid="module-error"]'), /could not be loaded \(Failed to fetch\)\. Check the connection/);
  assert.equal(await p.textContent('main h1'), 'Training lab');
  await p.unroute(/convlab-training-[0-9a-f]+_bg\.wasm/);
  await p.route(/convlab-practice-[0-9a-f]+\.js/, (r) => r.abort());
  await p.click('nav a[href="#/exercises"]');
  await p.waitForSelector('main h1:text-is("Exercises")');
  await p.waitForSelector('[data-testid="module-error"]'); // not the training lab's, left over
  assert.equal(await p.locator('[data-testid="module-error"]').count(), 1);
  await p.unroute(/convlab-practice-[0-9a-f]+\.js/);
  await p.click('[data-testid="module-retry"]');
  await p.waitForSelector('.ex-score, [data-testid^="ex-"]');
  assert.equal(await started(p), 'practice');
  await p.click('nav a[href="#/training"]');
  await p.waitForSelector('[data-testid="training-plan"]');
  assert.equal(await p.locator('[data-testid="panic-error"]').count(), 0);
});
