import { describe, expect, it } from 'vitest';
import { parsePostgresConfig, redactedUrl } from './postgres-config.js';

describe('parsePostgresConfig', () => {
  it('is undefined without DATABASE_URL (or with an empty one): the SQLite file is used', () => {
    expect(parsePostgresConfig({})).toBeUndefined();
    expect(parsePostgresConfig({ DATABASE_URL: '' })).toBeUndefined();
  });

  it('reads the URL, the pool size (default 10) and an optional schema', () => {
    expect(parsePostgresConfig({ DATABASE_URL: 'postgres://u@db:5432/fhir' })).toEqual({
      url: 'postgres://u@db:5432/fhir',
      poolSize: 10,
    });
    expect(
      parsePostgresConfig({ DATABASE_URL: 'postgresql://u@db/fhir', PG_POOL_SIZE: '25', PG_SCHEMA: 'gateway_1' }),
    ).toEqual({ url: 'postgresql://u@db/fhir', poolSize: 25, schema: 'gateway_1' });
  });

  it('refuses another scheme, a pool of none and a schema that is no plain identifier', () => {
    expect(() => parsePostgresConfig({ DATABASE_URL: 'mysql://u@db/fhir' })).toThrow(/DATABASE_URL/);
    expect(() => parsePostgresConfig({ DATABASE_URL: 'postgres://db/x', PG_POOL_SIZE: '0' })).toThrow(/PG_POOL_SIZE/);
    expect(() => parsePostgresConfig({ DATABASE_URL: 'postgres://db/x', PG_SCHEMA: 'a; DROP' })).toThrow(/PG_SCHEMA/);
  });
});

describe('redactedUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactedUrl('postgres://gateway:s3cret@db:5432/fhir')).toBe('postgres://gateway:***@db:5432/fhir');
    expect(redactedUrl('postgres://gateway@db/fhir')).toBe('postgres://gateway@db/fhir');
  });
});
