// ConvLab's service worker: the app works offline after one visit.
// Pages (navigations) go to the network first, so a new deployment is picked up at once, and
// fall back to the cache offline. Build files have content hashes in their names, so they are
// served from the cache first: a new build brings new names.
const CACHE = 'convlab-v1';
// Files the app fetches at run time rather than links from index.html: the bundled pictures
// of the "Your own image" panel (tests/image_panel.rs checks this list against the app's).
const EXTRA = ['./images/house.png', './images/checkerboard.png', './images/ball.png', './images/letters.png'];

async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch('./', { cache: 'no-cache' });
  const html = await response.clone().text();
  await cache.put('./', response);
  // Everything index.html names: the stylesheet, the icon, and every group's wasm module and
  // its JS from the loader's table (all of them: a panel of another group must open offline).
  const assets = [...html.matchAll(/["']\.\/([^"'\s>]+)["']/g)].map((m) => './' + m[1]);
  const wanted = [...new Set([...assets, ...EXTRA])];
  // One by one: a file that fails must not leave the others uncached.
  await Promise.allSettled(wanted.map((a) => cache.add(a)));
  // Drop what earlier builds cached (their modules have other hashed names).
  const keep = new Set(['./', ...wanted].map((a) => new URL(a, self.registration.scope).href));
  for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(precache().catch(() => {}));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith((async () => {
      try {
        const fresh = await fetch(request);
        const cache = await caches.open(CACHE);
        await cache.put('./', fresh.clone());
        return fresh;
      } catch {
        return (await caches.match('./')) ?? Response.error();
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    const fresh = await fetch(request);
    if (fresh.ok) (await caches.open(CACHE)).put(request, fresh.clone());
    return fresh;
  })());
});
