// ConvLab's loader. The app is one wasm module per group of panels (Cargo.toml's group-*
// features), so a visit downloads only the group of the panel it opens. Every module has the
// whole shell and router; when its route names a panel it does not hold, it shows the panel's
// title and calls convlabModules.open, and this loader hands the page to the module that
// holds it. scripts/modules.mjs writes MODULES at build time.
const MODULES = /* modules */ null;

const started = new Map(); // group → promise of its initialised bindings
const attempts = new Map(); // group → failed downloads so far
let shown = null; // { group, bindings, root }
let showing = Promise.resolve();

function panelOf(hash) {
  const name = (/^#\/([^?#]*)/.exec(hash) ?? ['', ''])[1];
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // a malformed escape: no panel has that name, and the app says so
  }
}
const groupOf = (panel) =>
  Object.keys(MODULES.groups).find((g) => MODULES.groups[g].panels.includes(panel)) ?? null;

/** Fetches and instantiates a group's module once; a failure may be retried later. */
function start(group) {
  if (!started.has(group)) {
    const { js, wasm } = MODULES.groups[group];
    // A browser may remember a failed module import for good: a retry asks for a new URL.
    const tries = attempts.get(group) ?? 0;
    const bytes = fetch(wasm); // in parallel with the JS
    bytes.catch(() => {}); // handled below, through `ready`
    const ready = import(tries ? `${js}?retry=${tries}` : js).then(async (bindings) => {
      const instance = await bindings.default({ module_or_path: bytes });
      return { bindings, instance };
    });
    ready.catch(() => {
      started.delete(group);
      attempts.set(group, tries + 1);
    });
    started.set(group, ready);
  }
  return started.get(group);
}

/** Shows a group's app in place of the one on the page (one at a time, in call order). */
function show(group) {
  const next = showing.then(async () => {
    const { bindings, instance } = await start(group);
    if (shown?.group === group) return;
    // Keyboard focus in the old app would fall to <body>: keep the reader's place.
    const focused = document.activeElement;
    const inApp = shown?.root.contains(focused);
    const link = inApp ? focused.closest('a[href^="#"]')?.getAttribute('href') : null;
    const root = document.createElement('div');
    root.className = 'app-root';
    if (shown) {
      const old = shown;
      shown = null;
      old.bindings.unmount();
      old.root.remove();
    }
    document.body.append(root);
    bindings.mount(root);
    shown = { group, bindings, root };
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('convlab-started', { detail: { group, wasm: instance } }));
    if (inApp) {
      // The new app renders in a task of its own (a hidden tab has no animation frames).
      await new Promise((done) => { requestAnimationFrame(done); setTimeout(done, 100); });
      const target = (link && document.querySelector(`nav a[href="${CSS.escape(link)}"]`)) ?? document.getElementById('main');
      target?.focus({ preventScroll: true });
    }
  });
  showing = next.catch(() => {}); // one failed hand-over must not block the next
  return next;
}

window.convlabModules = {
  groupOf,
  /** The group whose app is on the page. */
  get shown() { return shown?.group ?? null; },
  /** Called by a module whose route names a panel of another group. */
  async open(panel) {
    const group = groupOf(panel);
    if (!group) throw new Error(`no part of ConvLab holds the panel “${panel}”`);
    await start(group);
    // Only if the reader is still on a panel of that group (they may have moved on).
    if (groupOf(panelOf(location.hash)) === group) await show(group);
  },
};

show(groupOf(panelOf(location.hash)) ?? MODULES.home).catch((e) => {
  console.error('ConvLab could not start:', e);
  const p = document.createElement('p');
  p.className = 'alert start-error';
  p.setAttribute('role', 'alert');
  p.setAttribute('data-testid', 'start-error');
  p.textContent = `ConvLab could not start (${e?.message ?? e}). Check the connection, then reload the page.`;
  document.body.append(p);
});
