/**
 * The type a compiled profile constrains, looked up by URL: the guide's profiles and HL7's own
 * R4 profiles (gen:profiles), and the R4 core extension definitions (gen:extensions). The URL
 * comes from the resource (`meta.profile`, `Extension.url`), so only own keys of the generated
 * tables count: `constructor` or `toString` must read as an unknown profile, never as a property
 * of `Object.prototype`.
 * @see https://hl7.org/fhir/R4/profiling.html
 * @module
 */
import { PROFILE_TYPES } from '../../generated/profiles/profile-model.js';
import { EXTENSION_NODES } from '../../generated/r4/extensions.js';

/** The type (`Patient`, `Extension`…) that the compiled profile `url` constrains, if known. */
export function profileTypeOf(url: string): string | undefined {
  if (Object.hasOwn(PROFILE_TYPES, url)) return PROFILE_TYPES[url];
  // Child nodes of the extension table are keyed `URL#elementId`; only roots are definitions.
  return !url.includes('#') && Object.hasOwn(EXTENSION_NODES, url) ? 'Extension' : undefined;
}
