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
];
