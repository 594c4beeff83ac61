/**
 * Loads and checks the files of `mappings/` at start-up: each parses as JSON and matches its zod
 * schema, every field a mapping reads exists in its format, every ConceptMap exists in the guide.
 * Any problem is reported as `file:line: message` and stops the start (a thrown error).
 * @module
 */
import type { z } from 'zod';
import { dictionaryOf, type ConceptMaps } from './dictionaries.js';
import { FormatDefinition } from './formats/format-definition.js';
import { compileFormat, type LocalFormat } from './formats/local-format.js';
import { jsonLines, lineAtOffset, lineOf } from './json-lines.js';
import { MappingDefinition, type Rule } from './mapping-definition.js';

/** One file of `mappings/`: its name (for messages) and text. */
export interface MappingSource {
  file: string;
  text: string;
}

/** The loaded mappings: formats by name and mappings by the format they read. */
export interface LoadedMappings {
  formats: ReadonlyMap<string, LocalFormat>;
  mappings: ReadonlyMap<string, { definition: MappingDefinition; format: LocalFormat }>;
  conceptMaps: ConceptMaps;
}

/** Thrown when a mapping file is broken; the message lists every problem as `file:line: ...`. */
export class MappingFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Broken mapping files:\n${problems.join('\n')}`);
    this.name = 'MappingFileError';
  }
}

function parseFile<T>(source: MappingSource, schema: z.ZodType<T>, problems: string[]): { data: T; lines: Map<string, number> } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(source.text);
  } catch (err) {
    const offset = /position (\d+)/.exec((err as Error).message)?.[1];
    problems.push(`${source.file}:${offset ? lineAtOffset(source.text, Number(offset)) : 1}: not JSON: ${(err as Error).message}`);
    return undefined;
  }
  const lines = jsonLines(source.text);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${source.file}:${lineOf(lines, issue.path)}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    return undefined;
  }
  return { data: parsed.data, lines };
}

function* rulesOf(rules: Rule[], path: (string | number)[]): Generator<[Rule, (string | number)[]]> {
  for (const [i, rule] of rules.entries()) {
    yield [rule, [...path, i]];
    if (rule.rules) yield* rulesOf(rule.rules, [...path, i, 'rules']);
  }
}

function fieldsOfRule(rule: Rule): string[] {
  const fields = [rule.field, rule.unless, rule.each, ...(rule.dateTime ?? [])];
  const when = rule.when;
  if (when && 'field' in when) fields.push(when.field);
  if (when && 'monthsBetween' in when) fields.push(...when.monthsBetween);
  for (const match of (rule.template ?? '').matchAll(/\{([^}]+)\}/g)) fields.push(match[1]);
  return fields.filter((f): f is string => f !== undefined && !f.startsWith('$'));
}

/** Checks the fields a mapping reads against its format and its ConceptMaps against the guide. */
function crossCheck(source: MappingSource, mapping: MappingDefinition, lines: Map<string, number>, format: LocalFormat, maps: ConceptMaps, problems: string[]): void {
  const known = (field: string) => field in format.definition.fields || /\.\d+$/.test(field) && field.replace(/\.\d+$/, '') in format.definition.fields;
  for (const [r, resource] of mapping.resources.entries()) {
    const at = ['resources', r];
    const own = [resource.forEach?.field, resource.identity.field, ...[...(resource.identity.template ?? '').matchAll(/\{([^}]+)\}/g)].map((m) => m[1])];
    if (resource.when && 'field' in resource.when) own.push(resource.when.field);
    for (const field of own) if (field !== undefined && !field.startsWith('$') && !known(field)) problems.push(`${source.file}:${lineOf(lines, at)}: resource ${resource.name} reads unknown field ${field}`);
    for (const [rule, path] of rulesOf(resource.rules, [...at, 'rules'])) {
      for (const field of fieldsOfRule(rule)) if (!known(field)) problems.push(`${source.file}:${lineOf(lines, path)}: unknown field ${field} (not in format ${format.definition.name})`);
      if (rule.translate && !maps.has(rule.translate.conceptMap)) problems.push(`${source.file}:${lineOf(lines, [...path, 'translate'])}: the guide has no ConceptMap ${rule.translate.conceptMap}`);
    }
  }
}

/** Loads the format (`*.format.json`) and mapping (`*.map.json`) files; throws {@link MappingFileError}. */
export function loadMappings(sources: readonly MappingSource[], conceptMaps: ConceptMaps): LoadedMappings {
  const problems: string[] = [];
  const formats = new Map<string, LocalFormat>();
  for (const source of sources.filter((s) => s.file.endsWith('.format.json'))) {
    const parsed = parseFile(source, FormatDefinition, problems);
    if (!parsed) continue;
    for (const [path, field] of Object.entries(parsed.data.fields))
      if (field.conceptMap && !conceptMaps.has(field.conceptMap))
        problems.push(`${source.file}:${lineOf(parsed.lines, ['fields', path, 'conceptMap'])}: the guide has no ConceptMap ${field.conceptMap}`);
    formats.set(parsed.data.name, compileFormat(parsed.data, (url) => dictionaryOf(conceptMaps, url)));
  }
  const mappings = new Map<string, { definition: MappingDefinition; format: LocalFormat }>();
  for (const source of sources.filter((s) => s.file.endsWith('.map.json'))) {
    const parsed = parseFile(source, MappingDefinition, problems);
    if (!parsed) continue;
    const format = formats.get(parsed.data.format);
    if (!format) {
      problems.push(`${source.file}:${lineOf(parsed.lines, ['format'])}: no format named ${parsed.data.format}`);
      continue;
    }
    crossCheck(source, parsed.data, parsed.lines, format, conceptMaps, problems);
    mappings.set(parsed.data.format, { definition: parsed.data, format });
  }
  if (problems.length) throw new MappingFileError(problems);
  return { formats, mappings, conceptMaps };
}
