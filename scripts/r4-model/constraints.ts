/**
 * Collects the invariants of base R4 snapshots into one table (key → severity, human text,
 * FHIRPath) and tells which keys apply to a node root or an element. The FHIRPath base of an
 * evaluation is the node's or element's path, known where the key is used.
 * ele-1 is enforced structurally by the walker (empty objects, id-only objects); ext-1 on
 * `extension` elements is applied once through the Extension node itself.
 * @see https://hl7.org/fhir/R4/conformance-rules.html#constraints
 */
import type { CompactConstraint } from '../../src/validation/model/compiled-model.js';

const STRUCTURAL = new Set(['ele-1']);

/**
 * Corrections of R4 invariant expressions that are wrong under strict FHIRPath typing.
 * que-7 says `answer is Boolean`, which names System.Boolean, so a FHIR `boolean` answer never
 * matches; R5 corrected it to `answer is boolean` (https://hl7.org/fhir/R5/questionnaire.html#invs).
 */
const ERRATA: Record<string, { from: string; to: string }> = {
  'que-7': { from: 'answer is Boolean', to: 'answer is boolean' },
};

function expressionOf(c: fhir4.ElementDefinitionConstraint): string {
  const expression = c.expression ?? 'true';
  const fix = ERRATA[c.key];
  return fix && expression.includes(fix.from) ? expression.replace(fix.from, fix.to) : expression;
}

/** A registry filled while compiling snapshots. */
export class ConstraintRegistry {
  readonly entries = new Map<string, CompactConstraint>();

  /** Keys of the invariants on a snapshot's root element (inherited ones included). */
  rootKeys(sd: fhir4.StructureDefinition): string[] | undefined {
    const root = sd.snapshot?.element[0];
    const list = (root?.constraint ?? []).filter((c) => !STRUCTURAL.has(c.key));
    return this.register(list);
  }

  /** Keys of the invariants an element declares itself (not those inherited from its type). */
  elementKeys(sd: fhir4.StructureDefinition, el: fhir4.ElementDefinition): string[] | undefined {
    const own = (el.constraint ?? []).filter(
      (c) => !STRUCTURAL.has(c.key) && c.key !== 'ext-1' && (c.source === undefined || c.source === sd.url),
    );
    return this.register(own);
  }

  private register(list: readonly fhir4.ElementDefinitionConstraint[]): string[] | undefined {
    if (list.length === 0) return undefined;
    return list.map((c) => {
      const entry: CompactConstraint = [c.severity, c.human, expressionOf(c)];
      let key = c.key;
      for (let n = 2; this.entries.has(key) && this.entries.get(key)![2] !== entry[2]; n++) key = `${c.key}#${n}`;
      this.entries.set(key, entry);
      return key;
    });
  }
}
