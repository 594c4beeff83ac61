/**
 * `npm run gen:profiles` (second step): writes src/generated/profiles/profile-code.ts, the guide's
 * and HL7's R4 profiles compiled from their tables (profile-model.ts) into one TypeScript function
 * per profile node. Plain code, imported like any module: nothing is evaluated from strings at
 * run time (Workers forbid it). The interpreter stays for the HL7 core extension definitions and
 * as the reference the generated code is tested against (`profile-code.test.ts`). Deterministic.
 * @see https://hl7.org/fhir/R4/profiling.html
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROFILE_NODES } from '../src/generated/profiles/profile-model.js';
import { generateProfileCode } from './profile-code/generate.js';

const OUT = fileURLToPath(new URL('../src/generated/profiles/profile-code.ts', import.meta.url));

const source = generateProfileCode(PROFILE_NODES);
writeFileSync(OUT, source);
console.log(`wrote src/generated/profiles/profile-code.ts (${Buffer.byteLength(source)} bytes)`);
