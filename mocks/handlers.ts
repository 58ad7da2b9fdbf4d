/**
 * The MSW request handlers of the mock backend: one line per route of the contract (docs/api.md),
 * each parsing what the route needs and handing it to the engine. Transport concerns (faults,
 * latency, idempotency, trace ids, problem+json) live in transport.ts, the event stream in
 * eventStream.ts, behaviour in engine/.
 */
import { http, type HttpHandler } from 'msw';
import type { TaskEngine } from './engine/engine';
import { ProblemError } from './engine/problems';
import { serveEvents } from './eventStream';
import { json, serveApi, serveControl, type Action } from './transport';

export interface HandlerOptions {
  /** where the API lives; `*` matches any origin */
  baseUrl?: string;
}

type Method = 'get' | 'post' | 'put' | 'delete';

interface RouteBase {
  method: Method;
  path: string;
  control?: boolean;
  /** builds the Idempotency-Key scope (method + path) for idempotent writes */
  idempotent?: (id: string) => string;
}

type Route = RouteBase &
  (
    | { action: (engine: TaskEngine, request: Request, id: string) => Action; respond?: never }
    /** answers with its own Response (the event stream) */
    | { respond: (engine: TaskEngine, request: Request) => Promise<Response>; action?: never }
  );

const search = (request: Request) => new URL(request.url).searchParams;

function routes(apiPath: string): Route[] {
  return [
    { method: 'get', path: '/task-types', action: (engine) => () => json(200, { items: engine.taskTypes() }) },
    {
      method: 'get',
      path: '/tasks',
      action: (engine, request) => () => {
        const { body, etag } = engine.listTasks(search(request), request.headers.get('If-None-Match'));
        return body ? json(200, body, { ETag: etag }) : { status: 304, headers: { ETag: etag } };
      },
    },
    {
      method: 'post',
      path: '/tasks',
      idempotent: () => 'POST /tasks',
      action: (engine) => (body) => {
        const task = engine.submitTask(body());
        return json(201, task, { Location: `${apiPath}/tasks/${encodeURIComponent(task.id)}` });
      },
    },
    { method: 'post', path: '/tasks/batch-cancel', action: (engine) => (body) => json(200, engine.cancelTasks(body())) },
    { method: 'get', path: '/tasks/:id', action: (engine, _, id) => () => json(200, engine.getTask(id)) },
    { method: 'delete', path: '/tasks/:id', action: (engine, _, id) => () => (engine.deleteTask(id), { status: 204 }) },
    {
      method: 'get',
      path: '/tasks/:id/logs',
      action: (engine, request, id) => () => json(200, engine.taskLogs(id, search(request).get('after'))),
    },
    { method: 'get', path: '/tasks/:id/result', action: (engine, _, id) => () => json(200, engine.taskResult(id)) },
    {
      method: 'post',
      path: '/tasks/:id/retry',
      idempotent: (id) => `POST /tasks/${id}/retry`,
      action: (engine, _, id) => () => json(200, engine.retryTask(id)),
    },
    { method: 'post', path: '/tasks/:id/cancel', action: (engine, _, id) => () => json(200, engine.cancelTask(id)) },
    { method: 'get', path: '/stats', action: (engine) => () => json(200, engine.stats()) },
    { method: 'post', path: '/queue/pause', action: (engine) => () => json(200, engine.setPaused(true)) },
    { method: 'post', path: '/queue/resume', action: (engine) => () => json(200, engine.setPaused(false)) },
    { method: 'get', path: '/events', respond: serveEvents },
    { method: 'get', path: '/_mock/config', control: true, action: (engine) => () => json(200, engine.config()) },
    {
      method: 'put',
      path: '/_mock/config',
      control: true,
      action: (engine) => (body) => json(200, engine.updateConfig(body() ?? {})),
    },
    { method: 'post', path: '/_mock/reset', control: true, action: (engine) => () => (engine.reset(), json(200, engine.config())) },
    {
      method: 'post',
      path: '/_mock/outage',
      control: true,
      action: (engine) => (body) => json(200, engine.startOutage((body() as { seconds?: unknown } | undefined)?.seconds)),
    },
    { method: 'post', path: '/_mock/seed', control: true, action: (engine) => (body) => json(200, engine.seedTasks(body())) },
    { method: 'post', path: '/_mock/events/drop', control: true, action: (engine) => () => json(200, engine.dropStreams()) },
  ];
}

/**
 * MSW handlers for every route under `baseUrl` (default `*` + `/api/v1`, any origin). The mock
 * controls answer under `baseUrl/_mock/…` and, as an alias, under `/_mock/…` at the root. Unknown
 * paths under `baseUrl` get a 404 problem, known paths with another method a 405.
 */
export function createHandlers(engine: TaskEngine, { baseUrl = '*/api/v1' }: HandlerOptions = {}): HttpHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  const apiPath = pathOf(base);
  const table = routes(apiPath);
  const root = base.replace(/\/api\/v\d+$/, '');
  const handlers: HttpHandler[] = [];
  for (const route of table) {
    const urls = [`${base}${route.path}`];
    if (route.control && root !== base) urls.push(`${root}${route.path}`);
    for (const url of urls) {
      handlers.push(
        http[route.method](url, ({ request, params }) => {
          if (route.respond) return route.respond(engine, request);
          const id = typeof params.id === 'string' ? params.id : '';
          const action = route.action(engine, request, id);
          return route.control
            ? serveControl(engine, request, action)
            : serveApi(engine, request, action, route.idempotent?.(id) ?? null);
        }),
      );
    }
  }
  handlers.push(
    http.all(`${base}/*`, ({ request }) => {
      const { pathname } = new URL(request.url);
      const path = pathname.startsWith(apiPath) ? pathname.slice(apiPath.length) : pathname;
      const allowed = table.filter((route) => matches(route.path, path)).map((route) => route.method.toUpperCase());
      return serveControl(engine, request, () => {
        if (allowed.length === 0) throw new ProblemError('route_not_found', `No endpoint ${request.method} ${path}`);
        const problem = new ProblemError('method_not_allowed', `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}`);
        problem.headers.Allow = allowed.join(', ');
        throw problem;
      });
    }),
  );
  return handlers;
}

/** The path part of a base URL: `/api/v1` for both `http://host/api/v1` and the any-origin form. */
function pathOf(baseUrl: string): string {
  const match = /^(?:\*|[a-z][a-z0-9+.-]*:\/\/[^/]*)?(\/.*)?$/i.exec(baseUrl);
  return match?.[1] ?? '';
}

function matches(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/:[a-z]+/gi, '[^/]+')}/?$`);
  return regex.test(path);
}
