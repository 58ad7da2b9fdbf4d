/**
 * `npm run openapi` writes docs/openapi.json from the zod schemas (scripts/openapi/document.ts).
 * `npm run openapi -- --check` writes nothing: it fails when the file is not what the schemas
 * give (someone changed src/api without regenerating) or is not a valid OpenAPI 3.1 document.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validate } from '@readme/openapi-parser';
import { buildOpenApiDocument } from './openapi/document';

const FILE = new URL('../docs/openapi.json', import.meta.url);
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

const document = buildOpenApiDocument();
const text = `${JSON.stringify(document, null, 2)}\n`;
const result = await validate(JSON.parse(text) as Parameters<typeof validate>[0]);
if (!result.valid) {
  console.error('The generated document is not valid OpenAPI:');
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}

if (values.check) {
  let current = '';
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== text) {
    console.error('docs/openapi.json is not up to date with the schemas in src/api: run `npm run openapi` and commit it.');
    process.exit(1);
  }
  console.log('docs/openapi.json is up to date and valid OpenAPI 3.1.');
} else {
  writeFileSync(FILE, text);
  console.log(`Wrote docs/openapi.json (${Object.keys(document.paths ?? {}).length} paths), valid OpenAPI 3.1.`);
}
