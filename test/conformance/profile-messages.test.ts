/**
 * Issues from a profile name the profile, and issues from a slice name the slice as well, so
 * that "needs at least 1 item" says which slice of which profile is missing (issue 9).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateResource } from '../../src/validation/validate-resource.js';

const RESOURCES = fileURLToPath(new URL('../../profiles/fsh-generated/resources/', import.meta.url));

function visit(): fhir4.Encounter {
  return JSON.parse(readFileSync(join(RESOURCES, 'Encounter-visit-alikhan-u1m.json'), 'utf8')) as fhir4.Encounter;
}

function errors(resource: fhir4.Resource): [string, string, string | undefined][] {
  return validateResource(resource)
    .filter((i) => i.severity === 'error')
    .map((i) => [i.code, i.message, i.expression?.[0]]);
}

describe('messages of the profile pass', () => {
  it('names the missing visit-outcome slice, its extension and the profile when no extension is left', () => {
    const encounter = visit();
    delete encounter.extension;
    expect(errors(encounter)).toEqual([
      [
        'required',
        "'extension' needs at least 1 item(s): slice 'visitOutcome' (visit-outcome) is missing (profile kz-patronage-encounter)",
        'Encounter.extension',
      ],
    ]);
  });

  it('names the slice when other extensions are present but the required one is not', () => {
    const encounter = visit();
    encounter.extension = encounter.extension!.slice(1);
    expect(errors(encounter)).toEqual([
      [
        'required',
        "Slice 'visitOutcome' (visit-outcome) needs at least 1 item(s), found 0 (profile kz-patronage-encounter)",
        'Encounter.extension',
      ],
    ]);
  });

  it('names the slice an item matched when the item breaks the slice rules', () => {
    const encounter = visit();
    delete encounter.participant![0]!.individual;
    expect(errors(encounter)).toEqual([
      [
        'required',
        "'individual' needs at least 1 item(s) (slice 'nurse' of profile kz-patronage-encounter)",
        'Encounter.participant[0].individual',
      ],
    ]);
  });

  it('names the extension definition for what is wrong inside an extension', () => {
    const encounter = visit();
    encounter.extension![0] = { url: encounter.extension![0]!.url, valueString: 'done' };
    expect(errors(encounter).map(([, message]) => message)).toContain(
      "'valueString' is not allowed by this profile (allowed: valueCodeableConcept) (extension visit-outcome)",
    );
  });
});
