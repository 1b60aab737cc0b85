/**
 * Set by web/server.ts, the only way the site is started, once it rewrites every request's
 * X-Forwarded-* headers from what the trusted proxies said. Without it (a bare `next start`) those
 * headers are whatever the browser sent, so nothing may believe them.
 */
const EDGE = Symbol.for('aula.web.edge');

export function markEdge(): void {
  (globalThis as Record<symbol, unknown>)[EDGE] = true;
}

export function behindEdge(): boolean {
  return (globalThis as Record<symbol, unknown>)[EDGE] === true;
}
