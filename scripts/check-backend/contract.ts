/**
 * The OpenAPI document (docs/openapi.json) as a validator of answers: ajv (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1) checks a body against the schema the document gives for that
 * operation and status, and the document's required response headers are looked for.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under Node's ESM loader its default export is the module object.
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const DOCUMENT_ID = 'openapi.json';

interface Reference {
  $ref: string;
}
interface HeaderObject {
  required?: boolean;
}
interface ResponseObject {
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, { schema?: unknown }>;
}
interface OperationObject {
  responses: Record<string, ResponseObject | Reference>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: Record<string, Record<string, unknown>>;
}

/** `GET /tasks/{id}`: a method and a path template of the document. */
export type OperationKey = `${'GET' | 'POST' | 'PUT' | 'DELETE'} /${string}`;

export function loadDocument(file = new URL('../../docs/openapi.json', import.meta.url)): OpenApiDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

export class ContractValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    // strict: false — OpenAPI adds keywords of its own (`example`) that JSON Schema does not know.
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(document, DOCUMENT_ID);
  }

  /** Problems with one answer; empty when it matches the document. */
  checkAnswer(operation: OperationKey | null, status: number, headers: Headers, body: unknown, contentType: string | null): string[] {
    const response = operation ? this.response(operation, status) : null;
    if (!response) {
      if (status >= 400 && body !== undefined) return this.validate('#/components/schemas/Problem', body).map((e) => `${status} body ${e}`);
      if (operation) return [`status ${status} is not an answer the contract gives to ${operation}`];
      return [];
    }
    const problems: string[] = [];
    const { value, pointer } = response;
    for (const [name, header] of Object.entries(value.headers ?? {})) {
      const required = this.resolve<HeaderObject>(header).value.required === true;
      if (required && !headers.has(name)) problems.push(`${status} without the ${name} header`);
    }
    const media = Object.keys(value.content ?? {});
    if (media.length === 0) return problems;
    const type = media.find((name) => contentType?.toLowerCase().startsWith(name));
    if (!type) {
      problems.push(`${status} Content-Type is ${contentType ?? 'missing'}, expected ${media.join(' or ')}`);
      return problems;
    }
    if (type === 'text/event-stream' || body === undefined) return problems;
    const schemaPointer = `${pointer}/content/${escape(type)}/schema`;
    problems.push(...this.validate(schemaPointer, body).map((error) => `${status} body ${error}`));
    return problems;
  }

  /** Problems with a value against a component schema, e.g. `HeartbeatEventData`. */
  checkSchema(component: string, value: unknown): string[] {
    return this.validate(`#/components/schemas/${component}`, value);
  }

  private validate(pointer: string, value: unknown): string[] {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.compiled.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 3).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
  }

  private response(operation: OperationKey, status: number): { value: ResponseObject; pointer: string } | null {
    const [method, path] = operation.split(' ') as [string, string];
    const responses = this.document.paths[path]?.[method.toLowerCase()]?.responses;
    if (!responses) throw new Error(`No operation ${operation} in the OpenAPI document`);
    const entry = responses[String(status)];
    if (!entry) return null;
    return this.resolve<ResponseObject>(entry, `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}`);
  }

  private resolve<T>(value: T | Reference, pointer = ''): { value: T; pointer: string } {
    if (value && typeof value === 'object' && '$ref' in value) {
      const ref = value.$ref;
      const parts = ref.replace(/^#\//, '').split('/').map(unescape);
      let node: unknown = this.document;
      for (const part of parts) node = (node as Record<string, unknown>)[part];
      return { value: node as T, pointer: ref.replace(/^#/, '#') };
    }
    return { value, pointer };
  }
}

const escape = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');
