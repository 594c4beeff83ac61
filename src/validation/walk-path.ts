/**
 * Where the base walk is, as a FHIRPath (`Patient.name[0].given[1]`) joined only when it is
 * needed: an issue that names it, a nested resource or a claimed profile. The walk visits every
 * value of a resource and almost none has an issue, so building each value's path as a string
 * cost more than any single check (about a tenth of a validation; decision 037).
 * @see https://hl7.org/fhir/R4/fhirpath.html
 * @module
 */

/** A location: a FHIRPath string, or a step below another location. */
export type WalkPath = string | PathStep;

/**
 * One step: property `key` of `parent`, and item `index` of it when the property is an array
 * (`-1`: a single value). One object per value, in place of two or three strings.
 */
export class PathStep {
  /** The joined path, once someone has asked for it. */
  private text: string | undefined = undefined;

  constructor(
    readonly parent: WalkPath,
    readonly key: string,
    readonly index: number,
  ) {}

  /** `parent.key` or `parent.key[index]`, joined once. */
  toString(): string {
    if (this.text === undefined) {
      const at = `${pathText(this.parent)}.${this.key}`;
      this.text = this.index < 0 ? at : `${at}[${this.index}]`;
    }
    return this.text;
  }
}

/** The FHIRPath text of `path`. */
export function pathText(path: WalkPath): string {
  return typeof path === 'string' ? path : path.toString();
}
