import { describe, expect, it } from 'vitest';
import { toFhirString } from './fhir-string.js';
import { error, toOperationOutcome } from './outcome.js';

describe('toOperationOutcome', () => {
  it('keeps the outcome valid FHIR when a message quotes a lone surrogate or a control character', () => {
    const outcome = toOperationOutcome([error('structure', "Unknown element 'a\ud800\u0000'", 'Patient.a\udc00')]);
    const issue = outcome.issue[0]!;
    expect(issue.details?.text).toBe("Unknown element 'a\ufffd\ufffd'");
    expect(issue.expression).toEqual(['Patient.a\ufffd']);
  });

  it('keeps surrogate pairs, tabs and line ends as they are, and gives blank text some content', () => {
    expect(toFhirString('ok \ud83d\ude00\t\r\n')).toBe('ok \ud83d\ude00\t\r\n');
    expect(toFhirString(' \n')).toBe('(blank)');
  });
});
