/**
 * Metadata for the OpenAPI document, attached to zod/mini schemas without touching src/api:
 * zod 4 keeps metadata in a registry beside the schema, so registering a component name or a
 * description here changes nothing the app parses. `zod-openapi` reads the same registry.
 */
import * as z from 'zod/mini';
import type { ZodOpenApiMetadata } from 'zod-openapi';

/** Attaches OpenAPI metadata (`id` makes it a component, `description`, `header`, `param`…). */
export function withMeta<S extends z.ZodMiniType>(schema: S, meta: ZodOpenApiMetadata): S {
  z.globalRegistry.add(schema, meta);
  return schema;
}

/** A described string (a header's or a parameter's value). */
export function text(description: string, extra: ZodOpenApiMetadata = {}): z.ZodMiniString {
  return withMeta(z.string(), { description, ...extra });
}
