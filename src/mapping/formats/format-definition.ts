/**
 * The shape of a local-format file in `mappings/` (`*.format.json`): the fields of a record by
 * their dotted path in the JSON form, each with a type from a fixed vocabulary, the record-level
 * checks, and the CSV columns. Renaming a field or adding one is an edit of that file only.
 * @module
 */
import { z } from 'zod';

/** Field types the local formats may use; each is implemented in `field-types.ts`. */
export const FIELD_TYPES = ['text', 'iin', 'bin', 'kato', 'date', 'time', 'integer', 'decimal', 'grams', 'boolean', 'code', 'codes', 'scores'] as const;

const fieldPath = z.string().regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/i, 'a dotted field path such as child.iin');

/** One field of a local format. */
export const FieldDefinition = z
  .object({
    type: z.enum(FIELD_TYPES),
    required: z.boolean().optional(),
    description: z.string().optional(),
    /** Canonical URL of the guide's ConceptMap whose source codes are this dictionary's values. */
    conceptMap: z.string().url().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Digits after the decimal separator when a decimal is written back. */
    decimals: z.number().int().min(0).max(6).optional(),
    /** Number of items of a `scores` field. */
    count: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((field, ctx) => {
    const coded = field.type === 'code' || field.type === 'codes';
    if (coded && !field.conceptMap) ctx.addIssue({ code: 'custom', message: `a ${field.type} field names its conceptMap`, path: ['conceptMap'] });
    if (!coded && field.conceptMap) ctx.addIssue({ code: 'custom', message: 'only code and codes fields have a conceptMap', path: ['conceptMap'] });
  });
export type FieldDefinition = z.infer<typeof FieldDefinition>;

const RecordCheck = z.discriminatedUnion('check', [
  z.object({ check: z.literal('notBefore'), field: fieldPath, than: fieldPath, message: z.string() }).strict(),
  z.object({ check: z.literal('sum'), field: fieldPath, of: fieldPath, message: z.string() }).strict(),
]);
export type RecordCheck = z.infer<typeof RecordCheck>;

/** A local-format file. */
export const FormatDefinition = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    title: z.string(),
    description: z.string().optional(),
    /** The field that identifies a record in its source system. */
    recordId: fieldPath,
    fields: z.record(fieldPath, FieldDefinition),
    checks: z.array(RecordCheck).default([]),
    csv: z
      .object({ listSeparator: z.string().min(1), columns: z.record(z.string().min(1), fieldPath) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((format, ctx) => {
    const known = (path: string) => path in format.fields;
    if (!known(format.recordId)) ctx.addIssue({ code: 'custom', message: `unknown field ${format.recordId}`, path: ['recordId'] });
    format.checks.forEach((check, i) => {
      for (const key of ['field', 'than', 'of'] as const) {
        const path = (check as Record<string, string>)[key];
        if (path !== undefined && !known(path)) ctx.addIssue({ code: 'custom', message: `unknown field ${path}`, path: ['checks', i, key] });
      }
    });
    for (const [column, path] of Object.entries(format.csv?.columns ?? {})) {
      if (!known(path)) ctx.addIssue({ code: 'custom', message: `unknown field ${path}`, path: ['csv', 'columns', column] });
    }
  });
export type FormatDefinition = z.infer<typeof FormatDefinition>;
