/// <reference types="vite/client" />

declare const __APP_VERSION__: string;

interface ImportMetaEnv {
  /** Base URL of a real backend; when set, the app talks to it instead of the mock. */
  readonly VITE_API_BASE_URL?: string;
  /** 'true' switches the MSW mock on (also in a production build, for a demo); 'false' off. */
  readonly VITE_ENABLE_MOCKS?: string;
  /** "Report a problem": an https: address that receives the report in its query, or a mailto: */
  readonly VITE_SUPPORT_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
