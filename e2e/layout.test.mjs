// Every route on a phone (390×844) and a tablet (768×1024): no page-level sideways scroll
// (wide grids scroll inside their own box); and the whole app served under a sub-path, as
// on a course's static host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, shot, value, navRoutes } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const [name, size] of [['phone', { width: 390, height: 844 }], ['tablet', { width: 768, height: 1024 }]]) {
  test(`every route fits a ${name} (${size.width}×${size.height}) without sideways scrolling`, async (t) => {
    const page = await newPage(browser, size);
    t.after(async () => { await page.assertClean(); await page.context().close(); });
    await open(page, server.url, '#/');
    const routes = ['#/', ...await navRoutes(page)];
    const wide = [];
    for (const route of routes) {
      await page.goto(server.url + route);
      await page.waitForSelector('main#main');
      await page.waitForTimeout(100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) wide.push(`${route}: ${overflow}px`);
      if (name === 'tablet') await shot(page, `tablet-${route.replace(/[#/]/g, '') || 'home'}`);
    }
    assert.deepEqual(wide, []);
  });
}

test('the app runs from a sub-path of a static host', async (t) => {
  const sub = await serve(undefined, '/course/convlab/');
  const page = await newPage(browser);
  t.after(async () => { await page.assertClean(); await page.context().close(); await sub.close(); });
  await open(page, sub.url, '#/convolution?preset=sharpen');
  await page.waitForSelector('[data-testid="conv-output"]');
  assert.equal(await value(page, 'conv-sum'), '320');
  const sw = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.match(sw, /\/course\/convlab\/$/);
});
