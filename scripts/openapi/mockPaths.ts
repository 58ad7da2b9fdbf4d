/**
 * The mock backend's controls (`/_mock/…`, tag "Mock controls"). Only the mock has them; a real
 * server need not, and the app's production code never calls them. The conformance checker uses
 * them, where a server offers them, for the cases it cannot provoke otherwise (429, 503, 402, a
 * dropped stream, a skewed clock).
 */
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { MockConfig, MockConfigPatch, MockDrop, MockOutage, MockOutageBody, MockSeed, MockSeedBody } from './components';
import { okResponse } from './apiPaths';
import { problems } from './problems';

const JSON_TYPE = 'application/json';

function control(op: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  return { tags: ['Mock controls'], ...op };
}

export const mockPaths: ZodOpenApiPathsObject = {
  '/_mock/config': {
    get: control({ operationId: 'getMockConfig', summary: 'The current mock config', responses: { '200': okResponse('The config.', MockConfig) } }),
    put: control({
      operationId: 'updateMockConfig',
      summary: 'Change any subset of the mock config',
      requestBody: { required: true, content: { [JSON_TYPE]: { schema: MockConfigPatch } } },
      responses: { '200': okResponse('The merged config.', MockConfig), ...problems('validation_failed', 'invalid_body') },
    }),
  },
  '/_mock/reset': {
    post: control({
      operationId: 'resetMock',
      summary: 'No tasks, no idempotency records, the start config (the change sequence goes on)',
      responses: { '200': okResponse('The config.', MockConfig) },
    }),
  },
  '/_mock/outage': {
    post: control({
      operationId: 'startMockOutage',
      summary: 'Every API request answers 503 with Retry-After for this long (0 ends it); open streams drop',
      requestBody: { required: true, content: { [JSON_TYPE]: { schema: MockOutageBody } } },
      responses: { '200': okResponse('The outage.', MockOutage), ...problems('validation_failed', 'invalid_body') },
    }),
  },
  '/_mock/seed': {
    post: control({
      operationId: 'seedMock',
      summary: 'Create tasks directly in the given states (benchmarks, tests)',
      requestBody: { required: true, content: { [JSON_TYPE]: { schema: MockSeedBody } } },
      responses: { '200': okResponse('How many were created.', MockSeed), ...problems('validation_failed', 'invalid_body') },
    }),
  },
  '/_mock/events/drop': {
    post: control({
      operationId: 'dropMockStreams',
      summary: 'Close every open event stream now (clients must reconnect and miss nothing)',
      responses: { '200': okResponse('How many streams were closed.', MockDrop) },
    }),
  },
};
