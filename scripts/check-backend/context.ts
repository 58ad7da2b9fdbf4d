/**
 * What the cases share while checking one server: the HTTP client, what has been learned about
 * the server (its task types, whether it has the push channel and the mock controls), the tasks
 * the checker created (cleaned up at the end) and the mock config to restore.
 */
import type { ContractValidator } from './contract';
import { expect, expectStatus, skip } from './checkCase';
import { HttpClient, type Answer } from './http';
import { openEventStream, type SseOpenResult } from './sse';

interface ParamSpec {
  name: string;
  kind: 'text' | 'number' | 'select' | 'boolean';
  required: boolean;
  min?: number;
  max?: number;
  options?: (string | { value: string })[];
  default?: unknown;
}
interface TaskType {
  type: string;
  params: ParamSpec[];
}
export interface TaskBody {
  type: string;
  title: string;
  params: Record<string, unknown>;
  priority?: string;
}
export interface TaskLike {
  id: string;
  status: string;
  version: number;
}

export interface ContextOptions {
  baseUrl: string;
  origin: string | null;
  validator: ContractValidator;
}

export class CheckContext {
  readonly http: HttpClient;
  readonly origin: string | null;
  readonly validator: ContractValidator;
  /** schema problems of the running case; the runner fails the case when any */
  schemaProblems: string[] = [];
  answers = 0;
  allSchemaProblems = 0;
  private taskTypes: TaskType[] | null = null;
  private mockState: 'unknown' | 'absent' | Record<string, unknown> = 'unknown';
  private originalMockConfig: Record<string, unknown> | null = null;
  private readonly created = new Set<string>();
  private counter = 0;
  /** `GET /events` answered with a stream (true), 404/501 (false), not tried yet (null) */
  push: boolean | null = null;

  constructor(options: ContextOptions) {
    this.origin = options.origin;
    this.validator = options.validator;
    this.http = new HttpClient({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      validator: options.validator,
      origin: options.origin,
      onSchemaProblem: (label, problems) => {
        this.allSchemaProblems += problems.length;
        this.schemaProblems.push(...problems.map((problem) => `${label}: ${problem}`));
      },
      onAnswer: () => void this.answers++,
    });
  }

  /** A fresh Idempotency-Key. */
  key(): string {
    return `check-backend-${Date.now().toString(36)}-${(this.counter++).toString(36)}-${crypto.randomUUID()}`;
  }

  /** A valid submit body for the first task type the server lists. */
  async taskBody(title = 'check:backend task'): Promise<TaskBody> {
    if (!this.taskTypes) {
      const answer = await this.http.request({ path: '/task-types', operation: 'GET /task-types' });
      expectStatus(answer, 200);
      this.taskTypes = ((answer.body as { items?: TaskType[] } | undefined)?.items ?? []).filter((type) => Array.isArray(type.params));
    }
    const type = this.taskTypes[0];
    if (!type) skip('GET /task-types lists no task type, so no task can be submitted');
    const params: Record<string, unknown> = {};
    for (const param of type.params) if (param.required) params[param.name] = sampleValue(param);
    return { type: type.type, title: `${title} ${++this.counter}`, params, priority: 'low' };
  }

  /** Submits a task (remembered for clean-up) and returns it. */
  async submit(title?: string): Promise<TaskLike> {
    const answer = await this.http.request({
      method: 'POST',
      path: '/tasks',
      operation: 'POST /tasks',
      headers: { 'Idempotency-Key': this.key() },
      body: await this.taskBody(title),
    });
    expectStatus(answer, 201);
    const task = answer.body as TaskLike;
    this.remember(task.id);
    return task;
  }

  remember(id: string): void {
    this.created.add(id);
  }

  /** The current list cursor (`GET /tasks?limit=1`). */
  async cursor(): Promise<string> {
    const answer = await this.http.request({ path: '/tasks?limit=1', operation: 'GET /tasks' });
    expectStatus(answer, 200);
    const cursor = (answer.body as { cursor?: unknown }).cursor;
    expect(typeof cursor === 'string' && cursor !== '', 'GET /tasks: no cursor in the answer');
    return cursor;
  }

  /** Cancels a task if it is still active (so that it can be deleted) and deletes it. */
  async cancelAndDelete(id: string): Promise<Answer> {
    await this.http.request({ method: 'POST', path: `/tasks/${encodeURIComponent(id)}/cancel`, operation: 'POST /tasks/{id}/cancel' });
    return this.http.request({ method: 'DELETE', path: `/tasks/${encodeURIComponent(id)}`, operation: 'DELETE /tasks/{id}' });
  }

  /** The mock controls' config, or null when the server has none (`GET /_mock/config` is not 200). */
  async mock(): Promise<Record<string, unknown> | null> {
    if (this.mockState === 'unknown') {
      const answer = await this.http.request({ path: '/_mock/config', operation: null });
      const ok = answer.status === 200 && this.validator.checkSchema('MockConfig', answer.body).length === 0;
      this.mockState = ok ? (answer.body as Record<string, unknown>) : 'absent';
    }
    return this.mockState === 'absent' ? null : this.mockState;
  }

  /** The mock controls or a skip. */
  async requireMock(): Promise<Record<string, unknown>> {
    const config = await this.mock();
    if (!config) skip('the server has no mock controls (GET /_mock/config)');
    return config;
  }

  /** Changes the mock's config; the original is restored at the end of the run. */
  async setMock(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
    const current = await this.requireMock();
    this.originalMockConfig ??= current;
    const answer = await this.http.request({ method: 'PUT', path: '/_mock/config', operation: 'PUT /_mock/config', body: patch });
    expectStatus(answer, 200);
    return answer.body as Record<string, unknown>;
  }

  async mockControl(path: `/${string}`, body?: unknown): Promise<Answer> {
    const operation = `POST ${path}` as const;
    const answer = await this.http.request({ method: 'POST', path, operation, body });
    expectStatus(answer, 200);
    return answer;
  }

  /** Opens `GET /events` (with the run's Origin); a skip when the server has no push channel. */
  async openStream(query = '', headers: Record<string, string> = {}): Promise<SseOpenResult> {
    const result = await openEventStream(this.http.url(`/events${query}`), { ...(this.origin ? { Origin: this.origin } : {}), ...headers });
    if (result.status === 404 || result.status === 501) {
      this.push = false;
      skip(`GET /events answered ${result.status}: the server has no push channel (optional)`);
    }
    if (result.stream) this.push = true;
    return result;
  }

  /** Restores the mock config and removes the tasks the run created. */
  async cleanUp(): Promise<void> {
    if (this.originalMockConfig) {
      await this.http.request({ method: 'PUT', path: '/_mock/config', operation: 'PUT /_mock/config', body: this.originalMockConfig });
      await this.http.request({ method: 'POST', path: '/_mock/outage', operation: 'POST /_mock/outage', body: { seconds: 0 } });
    }
    for (const id of this.created) await this.cancelAndDelete(id).catch(() => undefined);
  }
}

function sampleValue(param: ParamSpec): unknown {
  if (param.default !== undefined && param.default !== null) return param.default;
  switch (param.kind) {
    case 'text':
      return 'A conformance check of the Task Center contract';
    case 'number':
      return param.min ?? Math.min(1, param.max ?? 1);
    case 'boolean':
      return false;
    case 'select': {
      const option = param.options?.[0];
      return typeof option === 'string' ? option : option?.value;
    }
  }
}
