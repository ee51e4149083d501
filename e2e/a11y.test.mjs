// Every route, audited with axe-core inside the page: no serious or critical violations,
// in the light and the dark theme. New panels are covered without new test code: the
// routes come from the app's own navigation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, newPage, open, navRoutes } from './harness.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function audit(page) {
  await page.evaluate(axeSource); // evaluate runs outside the page's CSP
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('every route passes axe-core (serious and critical)', async (t) => {
  const page = await newPage(browser);
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  await open(page, server.url, '#/');
  const routes = ['#/', ...await navRoutes(page)];
  assert.ok(routes.length > 5, `routes: ${routes}`);
  const problems = [];
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => localStorage.setItem('convlab.theme', JSON.stringify(t)), theme);
    await page.reload(); // the app reads the theme when it starts; a new fragment alone is no restart
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    for (const route of routes) {
      await page.goto(server.url + route);
      await page.waitForSelector('main#main');
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]')); // its module is in
      await page.waitForTimeout(150);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
      for (const v of await audit(page)) problems.push(`${theme} ${route}: ${v}`);
    }
  }
  assert.deepEqual(problems, []);
});
