// ConvLab's loader. The app is one wasm module per group of panels (Cargo.toml's group-*
// features), so a visit downloads only the group of the panel it opens. Every module has the
// whole shell and router; when its route names a panel it does not hold, it shows the panel's
// title and calls convlabModules.open, and this loader hands the page to the module that
// holds it. scripts/modules.mjs writes MODULES at build time.
const MODULES = /* modules */ null;

const started = new Map(); // group → promise of its initialised bindings
let shown = null; // { group, bindings, root }
let showing = Promise.resolve();

const panelOf = (hash) => decodeURIComponent((/^#\/([^?#]*)/.exec(hash) ?? ['', ''])[1]);
const groupOf = (panel) =>
  Object.keys(MODULES.groups).find((g) => MODULES.groups[g].panels.includes(panel)) ?? null;

/** Fetches and instantiates a group's module once; a failure may be retried later. */
function start(group) {
  if (!started.has(group)) {
    const { js, wasm } = MODULES.groups[group];
    const bytes = fetch(wasm); // in parallel with the JS
    const ready = import(js).then(async (bindings) => {
      const instance = await bindings.default({ module_or_path: bytes });
      return { bindings, instance };
    });
    ready.catch(() => started.delete(group));
    started.set(group, ready);
  }
  return started.get(group);
}

/** Shows a group's app in place of the one on the page (one at a time, in call order). */
function show(group) {
  const next = showing.then(async () => {
    const { bindings, instance } = await start(group);
    if (shown?.group === group) return;
    // A keyboard reader who followed a link keeps their place: the same link, new page.
    const link = document.activeElement?.closest?.('a[href^="#"]')?.getAttribute('href');
    const root = document.createElement('div');
    root.className = 'app-root';
    if (shown) {
      shown.bindings.unmount();
      shown.root.remove();
    }
    document.body.append(root);
    bindings.mount(root);
    shown = { group, bindings, root };
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('convlab-started', { detail: { group, wasm: instance } }));
    if (link) {
      await new Promise(requestAnimationFrame); // the new app renders in a task of its own
      document.querySelector(`a[href="${CSS.escape(link)}"]`)?.focus();
    }
  });
  showing = next.catch(() => {}); // one failed hand-over must not block the next
  return next;
}

window.convlabModules = {
  groupOf,
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
