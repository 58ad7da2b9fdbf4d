/**
 * Whether the app runs on the MSW mock backend. In development the mock is on unless a real
 * backend is configured; in a production build it is off unless switched on for a demo build.
 * The expression is static so that a production build drops the mock's code entirely.
 */
export const mocksEnabled: boolean =
  import.meta.env.VITE_ENABLE_MOCKS === 'true' ||
  (import.meta.env.DEV && import.meta.env.VITE_ENABLE_MOCKS !== 'false' && !import.meta.env.VITE_API_BASE_URL);
