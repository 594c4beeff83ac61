#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, as `npm start` runs the server (docs/decisions/002).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
