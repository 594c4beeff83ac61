/**
 * Every resource of the implementation guide passes the server's own validator, as `$validate`
 * checks (unknown extensions are errors there). Start-up stores the guide without validating it
 * again (`load-implementation-guide.ts`), so this is where a guide that no longer validates fails.
 */
import { describe, expect, it } from 'vitest';
import { parseValidationConfig } from '../config/validation-config.js';
import { createValidator } from '../validation/create-validator.js';
import { igResources } from './ig-resources.js';

const validate = createValidator(parseValidationConfig({}));

describe('the implementation guide validates', () => {
  it.each(igResources().map((resource) => [`${resource.resourceType}/${resource.id}`, resource] as const))(
    '%s has no error',
    (_name, resource) => {
      const errors = validate(resource, { purpose: 'validate' }).filter(
        (issue) => issue.severity === 'error' || issue.severity === 'fatal',
      );
      expect(errors).toEqual([]);
    },
  );
});
