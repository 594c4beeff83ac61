import { describe, expect, it } from 'vitest';
import { BIN_SYSTEM, IIN_SYSTEM } from '../fhir/canonical.js';
import { parseIntegrityConfig } from './integrity-config.js';

describe('parseIntegrityConfig', () => {
  it('checks both directions and keeps the IIN and BIN unique by default', () => {
    expect(parseIntegrityConfig({})).toEqual({
      referencesOnWrite: true,
      referencesOnDelete: true,
      uniqueIdentifiers: new Map([
        ['Patient', new Set([IIN_SYSTEM])],
        ['Organization', new Set([BIN_SYSTEM])],
      ]),
    });
  });

  it('reads the four modes and the unique systems', () => {
    const modes = ['on', 'off', 'write-only', 'delete-only'].map((m) =>
      parseIntegrityConfig({ FHIR_REFERENTIAL_INTEGRITY: m }),
    );
    expect(modes.map((m) => [m.referencesOnWrite, m.referencesOnDelete])).toEqual([
      [true, true],
      [false, false],
      [true, false],
      [false, true],
    ]);
    const systems = parseIntegrityConfig({ FHIR_UNIQUE_IDENTIFIERS: 'Patient=urn:a Patient=urn:b,Practitioner=urn:c' });
    expect(systems.uniqueIdentifiers).toEqual(
      new Map([
        ['Patient', new Set(['urn:a', 'urn:b'])],
        ['Practitioner', new Set(['urn:c'])],
      ]),
    );
    expect(parseIntegrityConfig({ FHIR_UNIQUE_IDENTIFIERS: 'none' }).uniqueIdentifiers.size).toBe(0);
  });

  it('refuses an unknown mode, a malformed pair and a type the server does not hold', () => {
    expect(() => parseIntegrityConfig({ FHIR_REFERENTIAL_INTEGRITY: 'yes' })).toThrow(/FHIR_REFERENTIAL_INTEGRITY/);
    expect(() => parseIntegrityConfig({ FHIR_UNIQUE_IDENTIFIERS: 'Patient' })).toThrow(/Type=system/);
    expect(() => parseIntegrityConfig({ FHIR_UNIQUE_IDENTIFIERS: 'Device=urn:x' })).toThrow(/Device/);
  });
});
