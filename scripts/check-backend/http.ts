/**
 * How the checker talks to a server: one `fetch` per request (no cache, no retries), the answer
 * read whole and checked against the OpenAPI document on the way back. Every schema problem is
 * recorded for the case that made the request, so a case fails with the exact answer at fault.
 */
import type { ContractValidator, OperationKey } from './contract';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** the parsed JSON body; undefined when empty or not JSON */
  body: unknown;
  contentType: string | null;
  /** what the request was, for messages: `GET /tasks?since=…` */
  label: string;
  /** the client's clock before sending and when the answer had arrived */
  sentAt: number;
  receivedAt: number;
}

export interface RequestSpec {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  /** the path under the base URL, with its query: `/tasks?limit=1` */
  path: string;
  /** the operation of the OpenAPI document it is checked against; null: none (unknown routes) */
  operation: OperationKey | null;
  headers?: Record<string, string>;
  body?: unknown;
  /** raw body text, sent as is */
  rawBody?: string;
  timeoutMs?: number;
}

export interface HttpClientOptions {
  baseUrl: string;
  validator: ContractValidator;
  /** sent as `Origin` on every request when set (CORS cases) */
  origin?: string | null;
  onSchemaProblem: (label: string, problems: string[]) => void;
  onAnswer?: () => void;
}

export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  url(path: string): string {
    return `${this.options.baseUrl}${path}`;
  }

  async request(spec: RequestSpec): Promise<Answer> {
    const method = spec.method ?? 'GET';
    const label = `${method} ${spec.path}`;
    const headers = new Headers(spec.headers);
    if (this.options.origin && !headers.has('Origin')) headers.set('Origin', this.options.origin);
    if (spec.body !== undefined) headers.set('Content-Type', 'application/json');
    if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
    const sentAt = Date.now();
    let response: Response;
    try {
      response = await fetch(this.url(spec.path), {
        method,
        headers,
        body: spec.rawBody ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body)),
        signal: AbortSignal.timeout(spec.timeoutMs ?? 15_000),
        cache: 'no-store',
        redirect: 'manual',
      });
    } catch (error) {
      throw new Error(`${label}: no answer (${describe(error)})`, { cause: error });
    }
    const text = await response.text();
    const contentType = response.headers.get('Content-Type');
    let body: unknown;
    if (text !== '' && /json/i.test(contentType ?? '')) {
      try {
        body = JSON.parse(text);
      } catch {
        this.options.onSchemaProblem(label, [`${response.status} body is not valid JSON: ${text.slice(0, 80)}`]);
      }
    }
    const answer: Answer = { status: response.status, headers: response.headers, text, body, contentType, label, sentAt, receivedAt: Date.now() };
    if (method !== 'OPTIONS') {
      const problems = this.options.validator.checkAnswer(spec.operation, response.status, response.headers, body, contentType);
      if (problems.length > 0) this.options.onSchemaProblem(label, problems);
      this.options.onAnswer?.();
    }
    return answer;
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
