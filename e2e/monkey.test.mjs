// A seeded random walk over every route: random clicks on controls, keys, typing into
// fields, select and slider values, odd deep links. Fails on any console error, uncaught
// exception, wasm panic, or a page that stops answering. Replay a failure with the printed
// seed: MONKEY_SEED=… MONKEY_SECONDS=… node --test e2e/monkey.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, navRoutes } from './harness.mjs';

const SEED = Number(process.env.MONKEY_SEED ?? Date.now() % 1e9);
const SECONDS = Number(process.env.MONKEY_SECONDS ?? 60);

function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ['', '0', '-1', '−2.5', '.5', '1e3', '1e309', 'NaN', 'inf', 'abc', '١٢', '😀', '9'.repeat(80), ' 3 ', '-0', '1,2', '<b>x</b>'];
const KEYS = ['ArrowRight', 'ArrowLeft', 'Home', 'End', ' ', 'PageDown', 'PageUp', 'Enter', 'Tab', 'b', 'Escape', 'f'];
const LINK_JUNK = ['input=1,2;3', 'kernel=x', 'stride=0', 'padding=same', 'step=999', 'logits=1000,-1000', 'probs=0,0,1',
  'v=99', '%E2%88%92', 'input=' + '1,'.repeat(300), 'preset=%3Cscript%3E', 'size=9', 'mode=avg', 'arch=resnet50', 'input=16'];

before(async () => { globalThis.server = await serve(); globalThis.browser = await launch(); });
after(async () => { await globalThis.browser?.close(); await globalThis.server?.close(); });

test(`monkey: ${SECONDS} s of random actions (seed ${SEED})`, async (t) => {
  console.log(`monkey seed ${SEED}, ${SECONDS} s`);
  const rnd = mulberry32(SEED);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const page = await newPage(globalThis.browser, { width: rnd() < 0.5 ? 1280 : 390, height: 844 });
  t.after(async () => { await page.assertClean(); await page.context().close(); });
  const base = globalThis.server.url;
  await open(page, base, '#/');
  const routes = await navRoutes(page);
  const deadline = Date.now() + SECONDS * 1000;
  let actions = 0;
  while (Date.now() < deadline) {
    const r = rnd();
    try {
      if (r < 0.06) {
        const junk = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(LINK_JUNK)).join('&');
        await page.goto(`${base}${pick(routes)}?${junk}`);
        await page.waitForSelector('main#main');
      } else if (r < 0.1) {
        await page.click(`.sidenav a[href="${pick(routes)}"]`, { timeout: 1000 });
      } else if (r < 0.35) {
        const fields = await page.$$('main input[type=text], main input:not([type]), main textarea');
        if (fields.length) await pick(fields).fill(pick(TEXTS), { timeout: 1000 });
      } else if (r < 0.45) {
        const selects = await page.$$('main select');
        if (selects.length) {
          const s = pick(selects);
          const values = await s.$$eval('option', (os) => os.map((o) => o.value));
          if (values.length) await s.selectOption(pick(values), { timeout: 1000 });
        }
      } else if (r < 0.5) {
        const ranges = await page.$$('main input[type=range]');
        if (ranges.length) {
          const s = pick(ranges);
          await s.evaluate((el, f) => {
            const min = Number(el.min || 0), max = Number(el.max || 100);
            el.value = String(min + Math.round(f * (max - min)));
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
          }, rnd());
        }
      } else if (r < 0.8) {
        const buttons = await page.$$('main button:not([disabled]), main input[type=checkbox], main summary');
        if (buttons.length) await pick(buttons).click({ timeout: 1000 });
      } else {
        await page.keyboard.press(pick(KEYS));
      }
    } catch (e) {
      // A control that went away between finding and clicking is fine; an app error is not.
      if (!/Timeout|detached|not visible|not attached|outside of the viewport|intercepts pointer|not an HTMLInputElement|Element is not|Cannot type|navigation/i.test(e.message)) throw e;
    }
    actions++;
    if (actions % 25 === 0) {
      const alive = await page.evaluate(() => 1 + 1, null).catch(() => 0);
      assert.equal(alive, 2, 'the page stopped answering');
      await page.assertClean();
    }
  }
  console.log(`monkey: ${actions} actions over ${SECONDS} s, seed ${SEED}`);
  assert.ok(actions > 20);
});
