/**
 * Builds the OpenAPI 3.1 document of the contract (docs/openapi.json) from the zod schemas in
 * src/api, with zod-openapi (which renders through zod 4's own JSON Schema, draft 2020-12 — the
 * dialect of OpenAPI 3.1). `npm run openapi` writes it; CI checks it is up to date and valid.
 */
import { createDocument, type ZodOpenApiOverrideContext } from 'zod-openapi';
import { apiPaths } from './apiPaths';
import { Problem } from './components';
import { mockPaths } from './mockPaths';
import { streamPaths } from './streamPaths';

const DESCRIPTION = `The HTTP contract between the Task Center app and its backend (contract 1.1). The prose, with the reasons, is docs/api.md; this document is generated from the zod schemas the app parses every answer with (src/api), so the two cannot drift.

**Every answer** under \`/api/v1\` carries \`Cache-Control: no-store\`, \`Date\` and \`X-Trace-Id\`; errors are \`application/problem+json\` (\`Problem\`). Any endpoint may answer 429 or 503 with \`Retry-After\` (wait at least that long before any request), or 500. An unknown path answers 404 \`route_not_found\`; a known path with another method 405 \`method_not_allowed\` with \`Allow\`.

**Objects may gain fields**: clients ignore fields they do not know, so no answer schema here forbids additional properties.

**CORS** (an app on another origin): answer preflights (\`OPTIONS\`) with \`Access-Control-Allow-Origin: <the app's origin>\`, \`Access-Control-Allow-Methods: GET, POST, PUT, DELETE\`, \`Access-Control-Allow-Headers: Content-Type, Idempotency-Key, If-None-Match, Last-Event-ID\`, \`Access-Control-Max-Age: 600\`; and send \`Access-Control-Allow-Origin\` and \`Access-Control-Expose-Headers: ETag, Retry-After, Location, Idempotent-Replayed, Date, X-Trace-Id\` on every answer, errors and the event stream included. A client treats an error answer it cannot read (no CORS headers) as a network failure.

**Clocks**: the list envelope's \`serverTime\` and \`heartbeat\` events carry the server's time with milliseconds; clients estimate the clock offset and never compare a server timestamp with their own clock without it.

Check a server against this contract with \`npm run check:backend -- <baseURL> [--origin <app origin>]\`.`;

/** Answers must not forbid unknown fields (a server may add some); zod renders its objects closed. */
function openObjects(ctx: ZodOpenApiOverrideContext): void {
  const schema = ctx.jsonSchema as Record<string, unknown>;
  if (schema.additionalProperties === false) delete schema.additionalProperties;
  // z.int() renders JavaScript's safe-integer bounds; they say nothing to a backend team.
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
  if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
}

export function buildOpenApiDocument() {
  return createDocument(
    {
      openapi: '3.1.0',
      info: { title: 'Task Center API', version: '1.1.0', description: DESCRIPTION },
      servers: [{ url: '/api/v1', description: 'The same origin as the app; or the `VITE_API_BASE_URL` the app was built with.' }],
      tags: [
        { name: 'Tasks', description: 'Task types, tasks, their logs and results, the queue.' },
        { name: 'Push', description: 'The optional push channel (server-sent events).' },
        {
          name: 'Mock controls',
          description:
            "Only the mock backend has these (`npm run mock:server`): its simulation and chaos settings. A real server need not implement them; the app's production code never calls them.",
        },
      ],
      paths: { ...apiPaths, ...streamPaths, ...mockPaths },
      components: { schemas: { Problem } },
    },
    { override: openObjects },
  );
}
