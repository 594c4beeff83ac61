/**
 * The compiled form of a StructureDefinition snapshot: compact, JSON-like tables that the build
 * writes to `src/generated/` and the validator links once at start-up. Base R4 types and our
 * profiles compile into the same shape, so one interpreter walks both.
 *
 * A model is a flat dictionary of nodes. A node is a resource, a complex datatype, or an inline
 * element with children (a BackboneElement, an `Element`-typed group, or, in a profile, a
 * constrained datatype or a slice). An element names its type(s) by key: a primitive type name,
 * another node's id (`HumanName`, `Patient.contact`), or {@link ANY_RESOURCE}.
 * @see https://hl7.org/fhir/R4/elementdefinition.html
 * @module
 */

/** Node kinds: `r` resource, `c` complex datatype, `b` inline element (backbone or group). */
export type NodeKind = 'r' | 'c' | 'b';

/** Type key of an element that holds any resource (`contained`, `Bundle.entry.resource`). */
export const ANY_RESOURCE = 'Resource';

/** Canonical URL prefix of the core definitions; a node's default `u` is this plus its id. */
export const CORE_STRUCTURE_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

/** Unbounded `max` (`*`) in the compact form. */
export const UNBOUNDED = -1;

/**
 * Optional element rules beyond structure. Issue 5 (bindings, fixed/pattern, slicing,
 * invariants) adds fields here; the base structural walk ignores what it does not know.
 */
export interface CompactExtras {
  /** Binding: [strength, value-set canonical]. @see https://hl7.org/fhir/R4/terminologies.html#strength */
  readonly b?: readonly [strength: 'required' | 'extensible' | 'preferred' | 'example', valueSet: string];
  /** Keys of invariants declared on this element (see {@link CompactModel.constraints}). */
  readonly c?: readonly string[];
  /** Resource types a Reference may target (from targetProfile). @see https://hl7.org/fhir/R4/references.html */
  readonly r?: readonly string[];
  /**
   * A profile's targetProfile list when it names a profile (base types by bare name, `Patient`):
   * a target found in the same resource (contained) or Bundle must conform to one of them.
   * @see https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.targetProfile
   */
  readonly rp?: readonly string[];
  /** maxLength of a string-like primitive. */
  readonly l?: number;
  /** fixed[x]: the value must equal this exactly. @see https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.fixed_x_ */
  readonly f?: unknown;
  /** pattern[x]: the value must contain this. @see https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.pattern_x_ */
  readonly p?: unknown;
  /** Profiles the value must also conform to (`type.profile`, e.g. an extension definition). */
  readonly tp?: readonly string[];
  /** minValue / maxValue of a numeric or date element. */
  readonly mn?: number | string;
  readonly mx?: number | string;
  /** Node of a choice element's profiled children (`Observation.value[x].code`). */
  readonly cn?: string;
  /** Slicing of this element, with its slices. @see https://hl7.org/fhir/R4/profiling.html#slicing */
  readonly s?: CompactSlicing;
}

/** How one slice is recognised: [path, kind, value]; kinds f(ixed) p(attern) e(xists) t(ype) pr(ofile). */
export type CompactDiscriminator = readonly [path: string, kind: 'f' | 'p' | 'e' | 't' | 'pr', value: unknown];

/** One slice: its name, cardinality, node of its own constraints, and discriminator values. */
export interface CompactSlice {
  readonly n: string;
  readonly min: number;
  readonly max: number;
  readonly node?: string;
  readonly d: readonly CompactDiscriminator[];
  readonly tp?: readonly string[];
  /** A binding on the slice itself, and the slice's type (to read the coded value). */
  readonly b?: CompactExtras['b'];
  readonly t?: string;
  /**
   * Re-slicing: the slice's own slicing, applied to the items of this slice (re-slice names are
   * `a/b`). @see https://hl7.org/fhir/R4/profiling.html#reslicing
   */
  readonly s?: CompactSlicing;
}

/** Slicing rules of an element. */
export interface CompactSlicing {
  readonly r: 'open' | 'closed' | 'openAtEnd';
  readonly o?: 1;
  readonly sl: readonly CompactSlice[];
}

/**
 * One element in compact form. `name` is the JSON property name, ending in `[x]` for a choice;
 * `isArray` is 1 when the base definition repeats (the JSON form is then an array even if a
 * profile narrows `max` to 1).
 */
export type CompactElement = readonly [
  name: string,
  min: number,
  max: number,
  isArray: 0 | 1,
  types: string | readonly string[],
  extras?: CompactExtras,
];

/** A resource, datatype or inline element with its child elements in definition order. */
export interface CompactNode {
  readonly k: NodeKind;
  /**
   * Canonical URL of the StructureDefinition (resources and datatypes only). Left out when it is
   * {@link CORE_STRUCTURE_PREFIX} plus the node's id.
   */
  readonly u?: string;
  /**
   * A node whose elements come first, before `e` (`DomainResource`, `BackboneElement`…): the
   * base tables share those instead of repeating them in every node.
   */
  readonly x?: string;
  readonly e: readonly CompactElement[];
  /** Keys of invariants declared on the node itself (its root element). */
  readonly c?: readonly string[];
  /** Where an extension definition may be used, and how often (root nodes of extension definitions only). */
  readonly use?: CompactExtensionUse;
}

/**
 * The use rules of an extension definition: its context (`StructureDefinition.context` of type
 * element: a resource or datatype name, an element path such as `Patient.contact` or
 * `HumanName.family`, or `Element` for anywhere), whether it is a modifier extension, and the
 * cardinality of its root element (how many times it may appear on one element).
 * @see https://hl7.org/fhir/R4/extensibility.html#context
 * @see https://hl7.org/fhir/R4/structuredefinition-definitions.html#StructureDefinition.context
 */
export interface CompactExtensionUse {
  readonly c: readonly string[];
  /** 1 when the definition is a modifier extension (isModifier on its root). */
  readonly m?: 1;
  readonly min: number;
  /** {@link UNBOUNDED} for `*`. */
  readonly max: number;
}

/** How a primitive is written in JSON, with its lexical and value-space rules. */
export interface CompactPrimitive {
  /** JSON kind: `s` string, `n` number, `b` boolean. */
  readonly j: 's' | 'n' | 'b';
  /** Anchored pattern from the R4 `regex` extension, translated to JS (XML Schema `\s` is only space, tab, CR, LF). */
  readonly r?: RegExp;
  /** Inclusive integer range. */
  readonly min?: number;
  readonly max?: number;
  readonly l?: number;
}

/** An invariant: [severity, human text, FHIRPath expression]. @see https://hl7.org/fhir/R4/conformance-rules.html#constraints */
export type CompactConstraint = readonly [severity: 'error' | 'warning', human: string, expression: string];

/** A compiled set of definitions (base R4, or a profile set). */
export interface CompactModel {
  readonly nodes: Readonly<Record<string, CompactNode>>;
  readonly primitives: Readonly<Record<string, CompactPrimitive>>;
  /** Every R4 resource type name, including those the model does not describe. */
  readonly resourceTypes: readonly string[];
  /** Value sets expanded at build time: url → code system → codes. Absent url = not enumerable. */
  readonly valueSets?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}
