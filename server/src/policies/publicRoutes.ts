/**
 * The only routes served without a session. Every other route sits behind `authenticate`;
 * `test/security/routePolicy.test.ts` walks the route table and fails on a route that is in
 * neither place, so a new public route must be added here on purpose.
 */
export const PUBLIC_ROUTES: readonly string[] = [
  "GET /healthz",
  "GET /readyz",
  "GET /api/client-config",
  "POST /api/auth/login",
  // The API's own description and its docs page.
  "GET /api/openapi.json",
  "GET /api/docs",
  // Open311 GeoReport v2 is public by design: reads show no personal data, and a POST names its
  // account with api_key (checked by the router).
  "GET /open311/v2/discovery.:format",
  "GET /open311/v2/services.:format",
  "GET /open311/v2/services/:code.:format",
  "GET /open311/v2/requests.:format",
  "GET /open311/v2/requests/:id.:format",
  "GET /open311/v2/tokens/:token.:format",
  "POST /open311/v2/requests.:format",
];
