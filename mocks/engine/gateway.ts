/**
 * The front door every API request (not `/_mock/*`) passes before the engine sees it, in this
 * order: an outage spell (503), the real rate limit (429), then the injected faults drawn from
 * the config's shares (500, 503, 429, network error, malformed body). Anything turned away here
 * never reaches the engine, so a faulted POST creates nothing. Also samples the latency.
 */
import type { MockConfig } from '../../src/api/mockConfig';
import { ProblemError } from './problems';
import type { Random } from './random';
import type { RequestWindow } from './rateLimiter';
import { SECOND } from './time';

export type Admission =
  | { kind: 'pass' }
  | { kind: 'problem'; problem: ProblemError }
  | { kind: 'network' }
  | { kind: 'malformed'; body: string };

export interface GatewayInput {
  now: number;
  config: MockConfig;
  outageUntil: number;
  requests: RequestWindow;
  random: Random;
}

export function admitRequest({ now, config, outageUntil, requests, random }: GatewayInput): Admission {
  if (outageUntil > now) {
    const seconds = Math.max(1, Math.ceil((outageUntil - now) / SECOND));
    const detail = `The service is down for maintenance; back in about ${seconds} s`;
    return refuse(new ProblemError('unavailable', detail, seconds));
  }
  const limit = config.rateLimitPerMinute;
  if (limit !== null) {
    const wait = requests.waitMs(now, limit);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / SECOND));
      const detail = `At most ${limit} requests per minute; the next one is allowed in ${seconds} s`;
      return refuse(new ProblemError('rate_limited', detail, seconds));
    }
  }
  requests.record(now);
  const { faults, retryAfterSeconds } = config;
  let draw = random.next();
  const hit = (share: number) => {
    draw -= share;
    return draw < 0;
  };
  if (hit(faults.http500)) return refuse(new ProblemError('internal_error', 'Injected fault: the server failed to handle the request'));
  if (hit(faults.http503)) return refuse(new ProblemError('unavailable', 'Injected fault: the service is overloaded', retryAfterSeconds));
  if (hit(faults.http429)) return refuse(new ProblemError('rate_limited', 'Injected fault: too many requests', retryAfterSeconds));
  if (hit(faults.network)) return { kind: 'network' };
  if (hit(faults.malformed)) return { kind: 'malformed', body: malformedBody(random) };
  return { kind: 'pass' };
}

function refuse(problem: ProblemError): Admission {
  return { kind: 'problem', problem };
}

/** A JSON answer cut off mid-way, as a proxy that drops the connection would deliver it. */
function malformedBody(random: Random): string {
  const text = JSON.stringify({
    items: [{ id: `tsk_${random.hex(9)}`, type: 'image', title: 'Product poster', status: 'running', progress: 0.42 }],
    nextCursor: null,
  });
  return text.slice(0, random.int(12, text.length - 12));
}

/** `latencyMs ± latencyJitterMs`, never negative. */
export function sampleLatency(config: MockConfig, random: Random): number {
  if (config.latencyMs <= 0 && config.latencyJitterMs <= 0) return 0;
  const jitter = config.latencyJitterMs * (2 * random.next() - 1);
  return Math.max(0, Math.round(config.latencyMs + jitter));
}
