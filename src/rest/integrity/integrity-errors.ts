/**
 * The FHIR answers to failed integrity guards: a reference to nothing is 422 at the Reference's
 * expression; deleting a resource others still reference is 409 naming them; a second resource
 * with an identifier declared unique is 409 naming the first.
 * @see https://hl7.org/fhir/R4/http.html#delete
 * @see https://hl7.org/fhir/R4/operationoutcome.html
 * @module
 */
import { FhirError, error, type Issue } from '../../fhir/outcome.js';
import {
  DanglingReferenceError,
  DuplicateIdentifierError,
  ReferencedResourceError,
  type IntegrityError,
} from '../../storage/port.js';

/** The {@link FhirError} of an {@link IntegrityError}. */
export function integrityFhirError(thrown: IntegrityError): FhirError {
  if (thrown instanceof DanglingReferenceError) {
    const issues: Issue[] = thrown.missing.map((m) =>
      error(
        'not-found',
        `${m.expression ? `${m.expression}: ` : ''}${m.resourceType}/${m.id} does not exist on this server ` +
          '(literal references must name an existing resource)',
        m.expression,
      ),
    );
    return new FhirError(422, issues);
  }
  if (thrown instanceof ReferencedResourceError) {
    const { target, referrers, more } = thrown;
    const names = referrers.map((r) => `${r.resourceType}/${r.id}`).join(', ');
    return new FhirError(
      409,
      error(
        'conflict',
        `${target.resourceType}/${target.id} cannot be deleted: it is referenced by ${names}` +
          `${more ? ' and more' : ''}; change or delete those first`,
      ),
    );
  }
  if (thrown instanceof DuplicateIdentifierError) {
    const { identifier, existing } = thrown;
    return new FhirError(
      409,
      error(
        'duplicate',
        `${existing.resourceType}/${existing.id} already has the identifier ${identifier.system}|${identifier.value}, ` +
          `which is unique per ${identifier.resourceType}`,
        identifier.expression,
      ),
    );
  }
  return new FhirError(409, error('conflict', thrown.message));
}
