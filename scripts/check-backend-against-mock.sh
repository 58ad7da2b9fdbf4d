#!/usr/bin/env bash
# CI: starts the real-HTTP mock (npm run mock:server) and runs the conformance checker against it,
# with CORS for an app origin, then stops the mock. Fails when a case fails.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${CHECK_BACKEND_PORT:-8787}"
origin="${CHECK_BACKEND_ORIGIN:-http://127.0.0.1:4173}"
log="$(mktemp)"
node_modules/.bin/tsx scripts/mock-server.ts --port "$port" --origin "$origin" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "http://127.0.0.1:$port/api/v1/task-types" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done
node_modules/.bin/tsx scripts/check-backend.ts "http://127.0.0.1:$port/api/v1" --origin "$origin"
