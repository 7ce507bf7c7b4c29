/**
 * Registers the service worker (production builds only: the dev server serves no /sw.js) and, once
 * it controls the page, hands it the asset URLs fetched so far so that they are kept for offline use.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").then(
      () => undefined,
      () => undefined,
    );
  });
  const sendAssets = () => {
    const urls = performance
      .getEntriesByType("resource")
      .map((entry) => new URL(entry.name).pathname)
      .filter((pathname) => pathname.startsWith("/assets/"));
    navigator.serviceWorker.controller?.postMessage({ cacheAssets: urls });
  };
  // Chunks fetched before the worker took control never passed through it; later ones do.
  navigator.serviceWorker.addEventListener("controllerchange", sendAssets);
  void navigator.serviceWorker.ready.then(sendAssets);
}
