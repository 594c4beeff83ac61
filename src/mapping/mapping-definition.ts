/**
 * The shape of a mapping file in `mappings/` (`*.map.json`): which resources one local record
 * becomes, under which profile, how each is identified (the business identifier its conditional
 * write searches by), and rules that set one element each from a constant, a field, a ConceptMap
 * translation, a date and time in the Kazakhstan offset, a template or a reference to another
 * resource of the same record. Decision 023 says why this form and not the FHIR Mapping Language.
 * @module
 */
import { z } from 'zod';

const fieldPath = z.string().regex(/^(\$item|\$number|[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*)$/i, 'a dotted field path, $item or $number');
const elementPath = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*(\[(\d+|\$index)\])?(\.[a-zA-Z][a-zA-Z0-9]*(\[(\d+|\$index)\])?)*$/, 'an element path such as name[0].given[0]');

/** Keeps list items (dictionary source codes) in or out of a rule. */
const ListFilter = z.object({ only: z.array(z.string()).optional(), except: z.array(z.string()).optional() }).strict();

/** When a rule or a resource applies. */
export const Condition = z.union([
  z.object({ field: fieldPath }).extend(ListFilter.shape).strict(),
  z
    .object({ monthsBetween: z.tuple([fieldPath, fieldPath]), lessThan: z.number().optional(), atLeast: z.number().optional() })
    .strict(),
]);
export type Condition = z.infer<typeof Condition>;

const Translate = z
  .object({
    /** Canonical url of the guide's ConceptMap. */
    conceptMap: z.string().url(),
    /** The target code system (group.target). */
    target: z.string().url(),
    /** `coding` sets a Coding (system, code, display); `code` only the code. */
    as: z.enum(['coding', 'code']).default('coding'),
  })
  .strict();

const RuleBase = z
  .object({
    path: elementPath,
    when: Condition.optional(),
    /** The rule applies only when this field is absent (a fallback for an optional field). */
    unless: fieldPath.optional(),
    /** False when the rule cannot be read back (the reverse mapping skips it). */
    reverse: z.boolean().optional(),
  })
  .strict();

/** One rule: sets the element at `path` from exactly one source. */
export type Rule = z.infer<typeof RuleBase> & {
  value?: unknown;
  field?: string;
  translate?: z.infer<typeof Translate>;
  template?: string;
  ref?: string;
  dateTime?: [string, string];
  derive?: 'iinBirthDate';
  cases?: { when: unknown; value: unknown }[];
  default?: unknown;
  each?: string;
  filter?: z.infer<typeof ListFilter>;
  rules?: Rule[];
};

const SOURCES = ['value', 'field', 'template', 'ref', 'dateTime', 'each'] as const;

export const Rule: z.ZodType<Rule> = z.lazy(() =>
  RuleBase.extend({
    value: z.unknown().optional(),
    field: fieldPath.optional(),
    translate: Translate.optional(),
    template: z.string().optional(),
    ref: z.string().optional(),
    dateTime: z.tuple([fieldPath, fieldPath]).optional(),
    derive: z.literal('iinBirthDate').optional(),
    cases: z.array(z.object({ when: z.unknown(), value: z.unknown() }).strict()).optional(),
    default: z.unknown().optional(),
    each: fieldPath.optional(),
    filter: ListFilter.optional(),
    rules: z.array(Rule).optional(),
  })
    .strict()
    .superRefine((rule, ctx) => {
      const sources = SOURCES.filter((key) => rule[key] !== undefined);
      if (sources.length !== 1) ctx.addIssue({ code: 'custom', message: `a rule has exactly one of ${SOURCES.join(', ')} (found ${sources.join(', ') || 'none'})` });
      if ((rule.translate || rule.cases) && rule.field === undefined) ctx.addIssue({ code: 'custom', message: 'translate and cases need a field' });
      if (rule.each !== undefined && !rule.rules) ctx.addIssue({ code: 'custom', message: 'an each rule has rules', path: ['rules'] });
      if (rule.derive !== undefined && rule.field === undefined) ctx.addIssue({ code: 'custom', message: 'derive needs a field' });
    }),
) as z.ZodType<Rule>;

/** One resource a record becomes. */
export const ResourceMapping = z
  .object({
    name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    resourceType: z.string().regex(/^[A-Z][a-zA-Z]+$/),
    /** The guide profile the resource claims (meta.profile) and is validated against. */
    profile: z.string().url().optional(),
    when: Condition.optional(),
    /** One resource per item of a list field. */
    forEach: z.object({ field: fieldPath }).extend(ListFilter.shape).strict().optional(),
    /** The business identifier: what the conditional write searches by, added to the resource. */
    identity: z
      .object({ system: z.string().url(), field: fieldPath.optional(), template: z.string().optional() })
      .strict()
      .refine((identity) => (identity.field === undefined) !== (identity.template === undefined), 'an identity has a field or a template'),
    /** `create`: only when no resource has the identifier; `update`: create or replace it. */
    write: z.enum(['create', 'update']),
    /** True for resources of this record only (its visit and findings): stale ones are deleted on update. */
    ownedByRecord: z.boolean().default(false),
    rules: z.array(Rule),
  })
  .strict();
export type ResourceMapping = z.infer<typeof ResourceMapping>;

/** A mapping file. */
export const MappingDefinition = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    title: z.string(),
    /** Name of the local format (`*.format.json`) this maps from. */
    format: z.string(),
    /** The offset of local times in the source (Kazakhstan: +05:00). */
    timezoneOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
    resources: z.array(ResourceMapping).min(1),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    const names = mapping.resources.map((r) => r.name);
    mapping.resources.forEach((resource, i) => {
      if (names.indexOf(resource.name) !== i) ctx.addIssue({ code: 'custom', message: `duplicate resource name ${resource.name}`, path: ['resources', i, 'name'] });
      const checkRefs = (rules: Rule[], path: (string | number)[]) =>
        rules.forEach((rule, j) => {
          if (rule.ref !== undefined && !names.includes(rule.ref))
            ctx.addIssue({ code: 'custom', message: `unknown resource ${rule.ref}`, path: [...path, j, 'ref'] });
          if (rule.rules) checkRefs(rule.rules, [...path, j, 'rules']);
        });
      checkRefs(resource.rules, ['resources', i, 'rules']);
    });
  });
export type MappingDefinition = z.infer<typeof MappingDefinition>;
