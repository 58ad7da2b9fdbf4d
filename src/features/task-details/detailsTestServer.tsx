/**
 * Test support for the details panel (tests only): a small MSW node server whose tasks, logs and
 * results each test sets, which records the `after` of every log request, plus a render helper
 * that puts tasks in the mirror and opens one through the URL. The log handler answers "at or
 * after" on purpose, the looser reading of the contract, so the tail's de-duplication is tested.
 */
import { act } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Attempt, LogEntry, Task, TaskResult } from '../../api/schemas';
import { useNavigation } from '../../hooks/navigation';
import { applyDelta, emptyMirror, type TaskMirror } from '../../lib/taskMirror';
import { mirrorQueryKey } from '../../sync/taskListWriter';
import { IMAGE_STAGES } from '../../../test/utils/taskFactory';
import { createTestServices, renderWithServices, TEST_BASE_URL } from '../../../test/utils/renderWithServices';
import { TaskDetailsPanel } from './TaskDetailsPanel';

export interface Backend {
  /** what GET /tasks/{id} answers (may carry `attempts`) */
  tasks: Map<string, Task & { attempts?: Attempt[] }>;
  logs: Map<string, LogEntry[]>;
  results: Map<string, TaskResult>;
  /** `after` of every log request, in order (null: the whole log) */
  logRequests: (string | null)[];
}

export const backend: Backend = { tasks: new Map(), logs: new Map(), results: new Map(), logRequests: [] };

const problem = (status: number, code: string) =>
  HttpResponse.json({ type: 'about:blank', title: code, status, detail: '', code, retryable: false, traceId: 'trace-test' }, {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

export const server = setupServer(
  http.get(`${TEST_BASE_URL}/task-types`, () =>
    HttpResponse.json({ items: [{ type: 'image', label: 'Image generation', stages: IMAGE_STAGES, params: [], costPerUnit: 0.04 }] }),
  ),
  http.get(`${TEST_BASE_URL}/tasks/:id/logs`, ({ request, params }) => {
    const after = new URL(request.url).searchParams.get('after');
    backend.logRequests.push(after);
    const entries = backend.logs.get(String(params.id)) ?? [];
    return HttpResponse.json({ entries: after === null ? entries : entries.filter((entry) => entry.ts >= after) });
  }),
  http.get(`${TEST_BASE_URL}/tasks/:id/result`, ({ params }) => {
    const result = backend.results.get(String(params.id));
    return result ? HttpResponse.json(result) : problem(409, 'not_ready');
  }),
  http.get(`${TEST_BASE_URL}/tasks/:id`, ({ params }) => {
    const task = backend.tasks.get(String(params.id));
    return task ? HttpResponse.json(task) : problem(404, 'not_found');
  }),
);

/** Registers the server and the per-test reset in the calling test file. */
export function setupDetailsBackend() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    backend.tasks.clear();
    backend.logs.clear();
    backend.results.clear();
    backend.logRequests.length = 0;
    act(() => useNavigation.getState().taskClosed());
  });
  afterAll(() => server.close());
}

/** Renders the panel with `mirror` as the task list and `openId` open (if given). */
export function renderDetails(mirror: readonly Task[], openId: string | null = mirror[0]?.id ?? null) {
  // The server knows the listed tasks too (GET /tasks/{id} answers them, for the attempt history).
  for (const task of mirror) if (!backend.tasks.has(task.id)) backend.tasks.set(task.id, task);
  const services = createTestServices();
  services.queryClient.setQueryData(mirrorQueryKey, applyDelta(emptyMirror(), { items: mirror, cursor: 'c1' }, Date.now()));
  if (openId) useNavigation.getState().taskOpened(openId);
  return renderWithServices(<TaskDetailsPanel />, { services });
}

/** Replaces one task in the mirror, as a poll would. */
export function pollDelivers(view: ReturnType<typeof renderDetails>, task: Task) {
  act(() => {
    view.services.queryClient.setQueryData(mirrorQueryKey, (mirror: TaskMirror | undefined) =>
      applyDelta(mirror ?? emptyMirror(), { items: [task], cursor: `c${task.version}` }, Date.now()),
    );
  });
}

export function logLine(ts: string, message: string, level: LogEntry['level'] = 'info', stage: string | null = 'inference'): LogEntry {
  return { ts, level, stage, message };
}
