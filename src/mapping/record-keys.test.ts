import { describe, expect, it } from 'vitest';
import { readMappingSources } from '../entry/mapping-files.js';
import { guideConceptMaps } from './dictionaries.js';
import { loadMappings } from './load-mappings.js';
import { recordKeys, updateIdentityFields } from './record-keys.js';

const visit = loadMappings(readMappingSources(), guideConceptMaps()).mappings.get('visit')!.definition;

describe('record keys', () => {
  it("are the fields of the visit mapping's update identities", () => {
    expect([...updateIdentityFields(visit)].sort()).toEqual(['child.iin', 'mother.iin', 'record_id']);
  });

  it('read each field without spaces and in lower case, skipping absent ones', () => {
    const fields = updateIdentityFields(visit);
    const keys = recordKeys(fields, { record_id: 'R-1 ', child: { iin: '240115 500123' }, mother: {} });
    expect(keys.sort()).toEqual(['240115500123', 'r-1']);
  });
});
