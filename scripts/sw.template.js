// Attain's service worker (made from scripts/sw.template.js by scripts/post-build.mjs).
// It keeps one release of the bundle in one cache, so the page works with the network off.
// A new release installs beside the old one and waits; the page offers a reload, and only then
// does the new release take over and the old cache go, so old and new files never mix.
const VERSION = '__VERSION__';
const CACHE = `attain-${VERSION}`;
const FILES = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('attain-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  const isPage = request.mode === 'navigate' && (url.pathname === scope.pathname || url.pathname === scope.pathname + 'index.html');
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = isPage
        ? await cache.match(new URL('index.html', scope).href)
        : await cache.match(request, { ignoreSearch: true });
      return hit ?? fetch(request);
    }),
  );
});
