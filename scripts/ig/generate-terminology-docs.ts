/**
 * The terminology page of docs/ig: every local code system with its codes and their Kazakh,
 * Russian and English designations, the value sets, and the concept maps from the polyclinic
 * export dictionaries.
 * @module
 */
import type { AnyResource } from './ig-files.js';

interface Concept {
  code: string;
  display?: string;
  designation?: { language: string; value: string }[];
  concept?: Concept[];
}

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|');

function conceptRows(concepts: readonly Concept[] | undefined, depth: number): string[] {
  return (concepts ?? []).flatMap((c) => {
    const d = (lang: string) => cell(c.designation?.find((x) => x.language === lang)?.value);
    const code = `${'↳ '.repeat(depth)}\`${c.code}\``;
    return [`| ${code} | ${cell(c.display)} | ${d('kk')} | ${d('ru')} |`, ...conceptRows(c.concept, depth + 1)];
  });
}

function codeSystemSection(cs: AnyResource): string[] {
  return [
    `### ${String(cs.title ?? cs.name)}`,
    '',
    `\`${cs.url}\` · ${String(cs.description ?? '')}`,
    '',
    '| Code | English | Қазақша | Русский |',
    '|---|---|---|---|',
    ...conceptRows(cs.concept as Concept[], 0),
    '',
  ];
}

function valueSetSection(vs: AnyResource): string[] {
  const compose = vs.compose as { include: { system?: string; concept?: { code: string }[] }[] };
  const parts = compose.include.map((i) =>
    i.concept ? `${i.system}: ${i.concept.map((c) => `\`${c.code}\``).join(', ')}` : `all of ${i.system}`,
  );
  return [`<a id="${vs.id}"></a>`, `### ${String(vs.title ?? vs.name)}`, '', `\`${vs.url}\` · ${parts.join('; ')}`, ''];
}

function conceptMapSection(cm: AnyResource): string[] {
  const rows: string[] = [];
  for (const g of cm.group as {
    source: string;
    target: string;
    element: { code: string; target: { code: string; display?: string; equivalence: string }[] }[];
  }[]) {
    for (const e of g.element) {
      for (const t of e.target)
        rows.push(`| \`${e.code}\` | ${g.target} | \`${t.code}\` ${cell(t.display)} | ${t.equivalence} |`);
    }
  }
  return [
    `### ${String(cm.title ?? cm.name)}`,
    '',
    `\`${cm.url}\` · ${String(cm.description ?? '')}`,
    '',
    '| Source code | Target system | Target | Equivalence |',
    '|---|---|---|---|',
    ...rows,
    '',
  ];
}

/** The Markdown of docs/ig/terminology.md. */
export function generateTerminologyDocs(resources: readonly AnyResource[], mark: string): string {
  const of = (type: string) => resources.filter((r) => r.resourceType === type && typeof r.url === 'string');
  return [
    mark,
    '# Terminology',
    '',
    'Local code systems (designations in Kazakh, Russian and English; translations await review by native speakers, see [open questions](open-questions.md)), value sets, and ConceptMaps from the polyclinic export dictionaries (test/fixtures/shared-samples/README.md) to these codes and to LOINC / SNOMED CT.',
    '',
    '## Code systems',
    '',
    ...of('CodeSystem').flatMap(codeSystemSection),
    '## Value sets',
    '',
    ...of('ValueSet').flatMap(valueSetSection),
    '## Concept maps',
    '',
    ...of('ConceptMap').flatMap(conceptMapSection),
  ].join('\n');
}
