/**
 * `npm run mock:server`: the mock backend over real HTTP (mocks/http/httpServer.ts), for backend
 * teams to study and for tests across origins. Options:
 *
 *   --port 8787            (0 = any free port)
 *   --host 127.0.0.1
 *   --origin <origin>      allowed by CORS; repeat or comma-separate; `*` = any origin
 *                          (default: the app's dev and preview origins on 127.0.0.1 and localhost)
 *   --state <file>         keep the state in a file across restarts (default: in memory)
 *   --empty                start without the demo tasks
 */
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_ORIGINS, DEFAULT_PORT, startMockHttpServer } from '../mocks/http/httpServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(DEFAULT_PORT) },
    host: { type: 'string', default: DEFAULT_HOST },
    origin: { type: 'string', multiple: true },
    state: { type: 'string' },
    empty: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('npm run mock:server -- [--port 8787] [--host 127.0.0.1] [--origin <origin>]… [--state <file>] [--empty]');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: not a port number: ${values.port}`);
  process.exit(2);
}
const origins = values.origin?.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean) ?? [...DEFAULT_ORIGINS];

const server = await startMockHttpServer({ port, host: values.host, origins, stateFile: values.state ?? null, demoSeed: !values.empty });
console.log(`Mock backend on ${server.url}`);
console.log(`CORS for ${origins.join(', ')}`);
if (values.state) console.log(`State kept in ${values.state}`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
