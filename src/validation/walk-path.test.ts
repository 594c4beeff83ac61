import { describe, expect, it } from 'vitest';
import { elementPathOf } from './rules/extension-context.js';
import { PathStep, pathText } from './walk-path.js';

describe('walk paths', () => {
  it('joins steps into the FHIRPath of the value', () => {
    const name = new PathStep('Patient', 'name', 0);
    expect(pathText(new PathStep(name, 'given', 1))).toBe('Patient.name[0].given[1]');
    expect(pathText(new PathStep(name, 'family', -1))).toBe('Patient.name[0].family');
    expect(pathText('Patient')).toBe('Patient');
  });

  it('names the element of a nested resource from the steps below it, without indexes or _', () => {
    const resource = new PathStep(new PathStep('Bundle', 'entry', 2), 'resource', -1);
    const contact = new PathStep(resource, 'contact', 1);
    expect(elementPathOf(new PathStep(contact, '_gender', -1), resource, 'Patient')).toBe('Patient.contact.gender');
    expect(elementPathOf(contact, resource, 'Patient')).toBe('Patient.contact');
    expect(elementPathOf(resource, resource, 'Patient')).toBe('Patient');
    expect(elementPathOf(new PathStep('Patient', 'address', 0), 'Patient', 'Patient')).toBe('Patient.address');
  });

  it('agrees with reading the joined text when the steps do not reach the resource', () => {
    // A path built from another string than the resource's own: the text form decides.
    expect(elementPathOf(new PathStep('Patient.contact[0]', '_gender', -1), 'Patient', 'Patient')).toBe(
      'Patient.contact.gender',
    );
    expect(elementPathOf('Bundle.entry[0].resource.name[1]', 'Bundle.entry[0].resource', 'Patient')).toBe(
      'Patient.name',
    );
  });
});
