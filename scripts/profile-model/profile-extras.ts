/**
 * Per-element extras a profile adds to base R4: fixed/pattern values, bindings that differ from
 * the base binding, the profile's own invariants, type profiles (extension definitions, profiled
 * datatypes), minValue/maxValue and maxLength.
 * @see https://hl7.org/fhir/R4/elementdefinition.html
 */
import type { CompactConstraint, CompactExtras } from '../../src/validation/model/compiled-model.js';
import { valueOf } from './discriminators.js';

type Element = fhir4.ElementDefinition;

/** What compiling a profile needs from outside. */
export interface ProfileContext {
  registry: ProfileConstraints;
  /** Binding of the base R4 element at `path` (e.g. `Observation.status`), if any. */
  baseBinding: (path: string) => fhir4.ElementDefinitionBinding | undefined;
  /** Every value set a profile binds, to expand afterwards. */
  valueSets: Set<string>;
}

/** Collects the invariants profiles add (those not already in base R4). */
export class ProfileConstraints {
  readonly entries = new Map<string, CompactConstraint>();

  constructor(private readonly base: Readonly<Record<string, CompactConstraint>>) {}

  /**
   * Keys of the invariants on `el` that base R4 does not already enforce. A base key is base R4's
   * rule even where a snapshot copies it with another expression (HL7's cqf-questionnaire carries
   * R4's que-7 `answer is Boolean`, which base R4 enforces as corrected in R5).
   */
  profileKeys(_sd: fhir4.StructureDefinition, el: Element): string[] | undefined {
    const own = (el.constraint ?? []).filter((c) => c.key !== 'ele-1' && this.base[c.key] === undefined);
    if (own.length === 0) return undefined;
    for (const c of own) this.entries.set(c.key, [c.severity, c.human, c.expression ?? 'true']);
    return own.map((c) => c.key);
  }
}

const CORE_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

/** Extras of one profile element (slicing is added by the caller). */
export function profileExtras(el: Element, sd: fhir4.StructureDefinition, ctx: ProfileContext): CompactExtras {
  const out: Record<string, unknown> = {};
  const fixed = valueOf(el, 'fixed');
  if (fixed !== undefined) out.f = fixed;
  const pattern = valueOf(el, 'pattern');
  if (pattern !== undefined) out.p = pattern;
  const binding = changedBinding(el, ctx);
  if (binding) out.b = binding;
  const c = el.sliceName ? undefined : ctx.registry.profileKeys(sd, el);
  if (c) out.c = c;
  const tp = (el.type ?? []).flatMap((t) => t.profile ?? []).filter((p) => !p.startsWith(CORE_PREFIX));
  if (tp.length > 0) out.tp = tp;
  const mn = valueOf(el, 'minValue' as 'fixed');
  const mx = valueOf(el, 'maxValue' as 'fixed');
  if (typeof mn === 'number' || typeof mn === 'string') out.mn = mn;
  if (typeof mx === 'number' || typeof mx === 'string') out.mx = mx;
  if (el.maxLength !== undefined) out.l = el.maxLength;
  const rp = targetProfiles(el);
  if (rp) out.rp = rp;
  return out as CompactExtras;
}

/**
 * The targetProfile list of a Reference element when one of them is a profile, not a base type;
 * base types are written as their bare name (`Patient`), profiles as their canonical URL.
 */
function targetProfiles(el: Element): string[] | undefined {
  const all = (el.type ?? []).flatMap((t) => t.targetProfile ?? []);
  const short = all.map((url) => {
    const name = url.startsWith(CORE_PREFIX) ? url.slice(CORE_PREFIX.length) : '';
    return /^[A-Z]/.test(name) ? name : url;
  });
  return short.some((p) => p.includes('/')) ? short : undefined;
}

function changedBinding(el: Element, ctx: ProfileContext): CompactExtras['b'] {
  const binding = el.binding;
  if (!binding?.valueSet || (binding.strength !== 'required' && binding.strength !== 'extensible')) return undefined;
  const base = ctx.baseBinding(el.base?.path ?? el.path);
  const url = binding.valueSet.split('|')[0]!;
  if (base && base.strength === binding.strength && base.valueSet?.split('|')[0] === url) return undefined;
  ctx.valueSets.add(url);
  return [binding.strength, url];
}
