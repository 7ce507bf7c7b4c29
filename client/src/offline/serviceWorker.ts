/// <reference lib="webworker" />
/**
 * The service worker (built to /sw.js): keeps the app shell and its hashed assets so that a grid
 * worker's phone can reopen the report page without network and still see, and later send, the
 * reports waiting in IndexedDB. The API and the socket always go to the network.
 */
export type {};
declare const self: ServiceWorkerGlobalScope;

/** Bumped when the caching rules change; older caches are deleted on activation. */
const CACHE = "gridrisk-shell-v1";
const SHELL = "/index.html";

/** Asset URLs named by the shell (scripts, styles, preloads). */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] as string);
}

async function cacheShell(): Promise<void> {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: "no-store" });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  await cache.addAll(["/favicon.svg", ...assetsOf(html)]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** The page names the lazily loaded chunks it has fetched so far, so that they work offline too. */
self.addEventListener("message", (event) => {
  const urls = (event.data as { cacheAssets?: unknown } | null)?.cacheAssets;
  if (!Array.isArray(urls)) return;
  const assets = urls.filter((url): url is string => typeof url === "string" && url.startsWith("/assets/"));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(assets)));
});

async function navigation(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(CACHE)).put(SHELL, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL);
    if (cached) return cached;
    throw error;
  }
}

async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // Hashed names never change content: keep every one fetched.
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") event.respondWith(navigation(request));
  else if (url.pathname.startsWith("/assets/") || url.pathname === "/favicon.svg") event.respondWith(asset(request));
});
