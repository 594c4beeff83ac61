/**
 * The type a compiled profile constrains, looked up by URL. The URL comes from the resource
 * (`meta.profile`, `Extension.url`), so only own keys of the generated table count: `constructor`
 * or `toString` must read as an unknown profile, never as a property of `Object.prototype`.
 * @see https://hl7.org/fhir/R4/profiling.html
 * @module
 */
import { PROFILE_TYPES } from '../../generated/profiles/profile-model.js';

/** The type (`Patient`, `Extension`…) that the compiled profile `url` constrains, if known. */
export function profileTypeOf(url: string): string | undefined {
  return Object.hasOwn(PROFILE_TYPES, url) ? PROFILE_TYPES[url] : undefined;
}
