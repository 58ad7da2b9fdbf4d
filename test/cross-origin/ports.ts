/**
 * Where the cross-origin journeys run: the app (a production build, `vite preview`) on one
 * origin and the real-HTTP mock (behind a counting proxy) on another — a different port is a
 * different origin, so CORS, preflights, the HTTP cache and the stream are all real.
 */
export const APP_PORT = Number(process.env.E2E_PORT ?? 4174);
export const API_PORT = Number(process.env.E2E_API_PORT ?? 8788);
export const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
export const API_BASE = `http://127.0.0.1:${API_PORT}/api/v1`;
