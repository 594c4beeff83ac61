/**
 * The build-time profile compiler (scripts/profile-model/) on small StructureDefinition fixtures:
 * what it leaves out, what it shares between profiles.
 */
import { describe, expect, it } from 'vitest';
import { shareIdenticalNodes } from '../../scripts/profile-model/share-nodes.js';
import type { CompactNode } from '../../src/validation/model/compiled-model.js';
import { compile, el, patientProfile } from './profile-fixtures.js';

const slicing: fhir4.ElementDefinitionSlicing = { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' };

/** A profile with an identifier slice `a` whose system is fixed (and, with `strict`, whose value is required). */
function sliced(url: string, strict: boolean): fhir4.StructureDefinition {
  return patientProfile(url, [
    el('Patient.identifier', { slicing }),
    el('Patient.identifier:a', { sliceName: 'a' }),
    el('Patient.identifier:a.system', { fixedUri: 'http://example.org/a' }),
    el('Patient.identifier:a.value', strict ? { min: 1 } : {}),
    el('Patient.contact'),
    el('Patient.contact.gender'),
  ]);
}

describe('profile compiler', () => {
  it('leaves out inline nodes that add nothing to base R4 (Patient.contact here)', () => {
    const nodes = compile(sliced('http://example.org/p', false));
    expect([...nodes.keys()].sort()).toEqual(['http://example.org/p', 'http://example.org/p#Patient.identifier:a']);
    expect(JSON.stringify(nodes.get('http://example.org/p'))).not.toContain('contact');
  });

  it('shares identical inline nodes between profiles and rewrites the references', () => {
    const nodes = new Map([
      ...compile(sliced('http://example.org/p1', false)),
      ...compile(sliced('http://example.org/p2', false)),
      ...compile(sliced('http://example.org/p3', true)),
    ]);
    shareIdenticalNodes(nodes);
    expect([...nodes.keys()].sort()).toEqual([
      'http://example.org/p1',
      'http://example.org/p1#Patient.identifier:a',
      'http://example.org/p2',
      'http://example.org/p3',
      'http://example.org/p3#Patient.identifier:a',
    ]);
    expect(JSON.stringify(nodes.get('http://example.org/p2'))).toContain(
      '"node":"http://example.org/p1#Patient.identifier:a"',
    );
    expect(JSON.stringify(nodes.get('http://example.org/p3'))).toContain(
      '"node":"http://example.org/p3#Patient.identifier:a"',
    );
  });

  it('does not share equal content under different element paths (invariants take their base from the path)', () => {
    const nodes = new Map<string, CompactNode>([
      ['u#Patient.name', { k: 'b', e: [['text', 1, -1, 0, 'string']] }],
      ['v#Patient.contact.name', { k: 'b', e: [['text', 1, -1, 0, 'string']] }],
    ]);
    shareIdenticalNodes(nodes);
    expect(nodes.size).toBe(2);
  });
});
