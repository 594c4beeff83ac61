// Bindings the workers tests see through `env` from "cloudflare:workers": those of wrangler.toml
// plus TEST_MIGRATIONS from vitest.config.ts. Declaration merging needs the namespace form.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    LOAD_DEMO_DATA: string;
    MAX_BODY_BYTES: string;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    WHO_GROWTH: R2Bucket;
  }
  interface GlobalProps {
    mainModule: typeof import('../../src/entry/worker.js');
  }
}

// Text fixtures imported with Vite's `?raw` suffix (the WHO growth tables).
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
