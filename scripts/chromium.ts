/**
 * How this project launches Chromium, shared by the Playwright journeys and the render benchmark:
 * Debian's Chromium (never a downloaded one), overridable with CHROMIUM_PATH, and the flags that
 * work headless as root on a machine with a closed network.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
