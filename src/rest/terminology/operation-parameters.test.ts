import { describe, expect, it } from 'vitest';
import { FhirError } from '../../fhir/outcome.js';
import { readOperationParameters } from './operation-parameters.js';

function thrownBy(run: () => unknown): FhirError {
  try {
    run();
  } catch (error) {
    if (error instanceof FhirError) return error;
    throw error;
  }
  throw new Error('expected a FhirError');
}

describe('readOperationParameters', () => {
  it('reads the query, and the body where both name a parameter', () => {
    const body = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'code', valueCode: 'b' },
        { name: 'property', valueCode: 'p1' },
        { name: 'property', valueCode: 'p2' },
      ],
    };
    const params = readOperationParameters(new URLSearchParams('code=a&system=s&property=q'), body);
    expect(params.text('code')).toBe('b');
    expect(params.text('system')).toBe('s');
    expect(params.texts('property')).toEqual(['p1', 'p2']);
    expect(params.text('absent')).toBeUndefined();
  });

  it('reads booleans and counts, and names the parameter of a malformed one in a 400', () => {
    const params = readOperationParameters(new URLSearchParams('reverse=true&count=10&offset=-1&flag=yes'), undefined);
    expect(params.boolean('reverse')).toBe(true);
    expect(params.count('count')).toBe(10);
    const offset = thrownBy(() => params.count('offset'));
    expect([offset.status, offset.issues[0]?.expression]).toEqual([
      400,
      ["Parameters.parameter.where(name = 'offset')"],
    ]);
    expect(thrownBy(() => params.boolean('flag')).issues[0]?.expression?.[0]).toContain("'flag'");
    expect(thrownBy(() => params.requiredText('url')).issues[0]?.code).toBe('required');
  });

  it('refuses a body that is not a Parameters resource', () => {
    expect(thrownBy(() => readOperationParameters(new URLSearchParams(), { resourceType: 'Patient' })).status).toBe(
      400,
    );
  });
});
