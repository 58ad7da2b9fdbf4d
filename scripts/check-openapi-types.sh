#!/usr/bin/env bash
# Shows that a backend team can generate types from docs/openapi.json: runs openapi-typescript
# (through npx: its peer is TypeScript 5, this project is on 6) and type-checks a small use of
# the generated types with this project's TypeScript.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
npx -y openapi-typescript@7.13.0 docs/openapi.json -o "$dir/api.d.ts"
cat > "$dir/use.ts" <<'TS'
import type { components, operations, paths } from './api';
type Schemas = components['schemas'];
const task = null as unknown as Schemas['Task'];
const list: Schemas['TaskList'] = { items: [task], nextCursor: null, cursor: 'e.1', stats: null as unknown as Schemas['Stats'], serverTime: '2026-03-02T09:00:00.000Z' };
const beat: Schemas['HeartbeatEvent'] = { event: 'heartbeat', id: 'e.1', data: { serverTime: '2026-03-02T09:00:00.000Z' } };
const gone: Schemas['StreamEvent'] = { event: 'removed', id: 'e.2', data: { ids: ['tsk_1'] } };
const expired: operations['listTasks']['responses'][410]['content']['application/problem+json']['code'] = 'cursor_expired';
const body: paths['/tasks']['post']['requestBody'] = { content: { 'application/json': { type: 'image', title: 't', params: {} } } };
export { list, beat, gone, expired, body };
TS
node_modules/.bin/tsc --ignoreConfig --noEmit --strict --skipLibCheck --target es2022 --module esnext --moduleResolution bundler "$dir/use.ts"
echo "openapi-typescript: types generated from docs/openapi.json and type-checked."
