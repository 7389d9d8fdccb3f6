// App-shell service worker: pages network-first (fresh when online, cached when offline); hashed build assets (the
// engine's Worker and its chunks among them), tfjs's wasm binaries (versioned paths) and preset pictures, all
// immutable, cache-first. Model weights are cached by the loader in Cache Storage, not here.
const SHELL = 'atelier-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('atelier-shell-') && k !== SHELL).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/models/')) return;
  if (['/_next/static/', '/presets/', '/tfjs-wasm/'].some((prefix) => url.pathname.startsWith(prefix))) {
    event.respondWith(
      caches.open(SHELL).then(async (cache) => {
        const hit = await cache.match(request);
        // A Worker's location is the URL of the response it runs, and a cached response keeps the URL of the request
        // that filled the cache, #params and all: every Worker from Turbopack's one bootstrap script would run the
        // first one's chunks. A new Response has no URL, so the Worker keeps its own.
        if (hit) return request.destination === 'worker' ? new Response(hit.body, hit) : hit;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      }),
    );
    return;
  }
  if (request.mode === 'navigate' || request.destination === '' || url.pathname.endsWith('.txt')) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone(); // before the page reads the body
            caches.open(SHELL).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(async () => (await caches.match(request, { ignoreSearch: true })) ?? (await caches.match('/')) ?? Response.error()),
    );
  }
});
