/**
 * A local format compiled from its definition file: one zod schema for the record (nested as the
 * JSON form is), whose fields read raw values through `field-types.ts`, plus the record-level
 * checks. The same schema is published as JSON Schema for partners (`toJsonSchema`).
 * @see https://zod.dev/json-schema
 * @module
 */
import { z } from 'zod';
import type { Dictionary } from './field-types.js';
import { normalizeField } from './field-types.js';
import type { FieldDefinition, FormatDefinition } from './format-definition.js';

/** A problem with a source record, located in the source. */
export interface SourceIssue {
  severity: 'error' | 'warning';
  message: string;
  /** Dotted field path in the JSON form, e.g. `child.iin`. */
  field?: string;
  /** Record id when it could be read. */
  recordId?: string;
  /** CSV position: 1-based line of the file (the header is line 1) and column name. */
  row?: number;
  column?: string;
}

/** A record with every field normalised (ISO dates, numbers, dictionary source codes). */
export type LocalRecord = Record<string, unknown>;

/** The result of reading one raw record. */
export interface ReadResult {
  record?: LocalRecord;
  issues: SourceIssue[];
}

/** A local format ready to read records. */
export interface LocalFormat {
  definition: FormatDefinition;
  schema: z.ZodType;
  read(raw: unknown): ReadResult;
}

/** Value at a dotted path, or undefined. */
export function getPath(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Sets a value at a dotted path, creating the objects on the way. */
export function setPath(record: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = record;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[keys.at(-1)!] = value;
}

const isBlank = (raw: unknown) => raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');

function inputSchema(field: FieldDefinition, dictionary: Dictionary): z.ZodType {
  const described = (schema: z.ZodType, extra = '') =>
    schema.meta({ description: [field.description, extra].filter(Boolean).join('. ') || field.type });
  switch (field.type) {
    case 'boolean':
      return described(z.union([z.boolean(), z.string()]), 'true/false, да/нет');
    case 'integer':
    case 'decimal':
    case 'grams':
      return described(z.union([z.number(), z.string()]), field.type === 'grams' ? 'grams, whole number' : 'decimal comma or point');
    case 'codes':
      return described(z.union([z.array(z.string()), z.string()]), `values: ${[...dictionary.values()].join(' | ')}; case and spaces ignored`);
    case 'scores':
      return described(z.union([z.array(z.number().int()), z.string()]), `${field.count ?? ''} scores ${field.min ?? ''}-${field.max ?? ''}`);
    case 'code':
      return described(z.string(), `one of: ${[...dictionary.values()].join(' | ')}; case and spaces ignored`);
    case 'date':
      return described(z.string(), 'dd.mm.yyyy or yyyy-mm-dd');
    case 'time':
      return described(z.string(), 'hh:mm, Kazakhstan time (UTC+5)');
    default:
      return described(z.union([z.string(), z.number()]));
  }
}

function fieldSchema(path: string, field: FieldDefinition, dictionaryOf: (url: string) => Dictionary, listSeparator: string): z.ZodType {
  const dictionary = field.conceptMap ? dictionaryOf(field.conceptMap) : new Map<string, string>();
  const input = inputSchema(field, dictionary);
  const read = z.union([input, z.null()]).transform((raw, ctx) => {
    if (isBlank(raw) && field.type !== 'codes') {
      if (field.required) ctx.addIssue({ code: 'custom', message: `${path} is required` });
      return undefined;
    }
    const result = normalizeField(raw ?? [], field, dictionary, listSeparator);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
  return field.required ? read : read.optional();
}

/** Builds the nested zod object of the record from the dotted field paths. */
function nestedSchema(fields: [string, z.ZodType][], requiredGroups: Set<string>, prefix = ''): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  const groups = new Map<string, [string, z.ZodType][]>();
  for (const [path, schema] of fields) {
    const [head, ...rest] = path.split('.');
    if (rest.length === 0) shape[head!] = schema;
    else groups.set(head!, [...(groups.get(head!) ?? []), [rest.join('.'), schema]]);
  }
  for (const [name, inner] of groups) {
    const group = nestedSchema(inner, requiredGroups, `${prefix}${name}.`);
    shape[name] = requiredGroups.has(`${prefix}${name}`) ? group : group.nullish();
  }
  return z.looseObject(shape);
}

function runChecks(definition: FormatDefinition, record: LocalRecord): SourceIssue[] {
  const issues: SourceIssue[] = [];
  for (const check of definition.checks) {
    const value = getPath(record, check.field);
    if (check.check === 'notBefore') {
      const than = getPath(record, check.than);
      if (typeof value === 'string' && typeof than === 'string' && value < than)
        issues.push({ severity: 'error', field: check.field, message: `${check.message} (${value} < ${than})` });
    } else {
      const items = getPath(record, check.of);
      if (typeof value === 'number' && Array.isArray(items)) {
        const sum = (items as number[]).reduce((a, b) => a + b, 0);
        if (sum !== value) issues.push({ severity: 'error', field: check.field, message: `${check.message} (${value} ≠ ${sum})` });
      }
    }
  }
  return issues;
}

/** Compiles a format definition; `dictionaryOf` gives the source codes of a guide ConceptMap. */
export function compileFormat(definition: FormatDefinition, dictionaryOf: (url: string) => Dictionary): LocalFormat {
  const separator = definition.csv?.listSeparator ?? ',';
  const fields = Object.entries(definition.fields).map(
    ([path, field]) => [path, fieldSchema(path, field, dictionaryOf, separator)] as [string, z.ZodType],
  );
  const requiredGroups = new Set<string>();
  for (const [path, field] of Object.entries(definition.fields)) {
    const keys = path.split('.');
    if (field.required) for (let i = 1; i < keys.length; i++) requiredGroups.add(keys.slice(0, i).join('.'));
  }
  const schema = nestedSchema(fields, requiredGroups).meta({ title: definition.title, description: definition.description });
  return {
    definition,
    schema,
    read(raw) {
      const recordId = String(getPath(raw, definition.recordId) ?? '').trim() || undefined;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          severity: 'error' as const,
          field: issue.path.join('.'),
          message: issue.code === 'invalid_type' || issue.code === 'invalid_union' ? `${issue.path.join('.') || 'record'}: wrong type of value` : issue.message,
          ...(recordId ? { recordId } : {}),
        }));
        return { issues };
      }
      const record = parsed.data as LocalRecord;
      const issues = runChecks(definition, record).map((issue) => ({ ...issue, ...(recordId ? { recordId } : {}) }));
      return issues.length ? { issues } : { record, issues };
    },
  };
}

/** The format as JSON Schema (draft 2020-12) of what a partner may send. */
export function toJsonSchema(format: LocalFormat): Record<string, unknown> {
  return z.toJSONSchema(format.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
