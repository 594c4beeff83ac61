/**
 * HTML tables of the guide's pages: element definitions of a profile, concepts of a code system
 * or value set with their Kazakh, Russian and English designations.
 * @module
 */
import { html } from 'hono/html';

/** A concept with its designation in each of the programme's languages. */
export interface ConceptRow {
  system: string;
  code: string;
  display?: string | undefined;
  kk?: string | undefined;
  ru?: string | undefined;
  en?: string | undefined;
}

/** The element table of a differential or a snapshot. */
export function elementTable(elements: readonly fhir4.ElementDefinition[]) {
  return html`<table>
    <tr>
      <th>Path</th>
      <th>Card.</th>
      <th>Type</th>
      <th>Short</th>
      <th>Binding, fixed or pattern</th>
    </tr>
    ${elements.map(
      (e) =>
        html`<tr>
          <td><code>${e.id ?? e.path}</code></td>
          <td>${e.min ?? ''}..${e.max ?? ''}</td>
          <td>
            ${(e.type ?? []).map((t) => t.code + (t.profile?.length ? ` (${t.profile.join(', ')})` : '')).join(' | ')}
          </td>
          <td>${e.short ?? ''}</td>
          <td>${constraintText(e)}</td>
        </tr>`,
    )}
  </table>`;
}

function constraintText(e: fhir4.ElementDefinition): string {
  const parts: string[] = [];
  if (e.binding?.valueSet) parts.push(`${e.binding.strength}: ${e.binding.valueSet}`);
  for (const [key, value] of Object.entries(e)) {
    if (key.startsWith('fixed') || key.startsWith('pattern')) parts.push(`${key}: ${JSON.stringify(value)}`);
  }
  return parts.join('; ');
}

/** A row for one concept of `system` (a code system's or a value set's), with its kk/ru/en designations. */
export function conceptRow(
  system: string,
  concept: Pick<fhir4.CodeSystemConcept, 'code' | 'display' | 'designation'>,
): ConceptRow {
  const byLanguage = (lang: string) => concept.designation?.find((d) => d.language === lang)?.value;
  return {
    system,
    code: concept.code,
    display: concept.display,
    kk: byLanguage('kk'),
    ru: byLanguage('ru'),
    en: byLanguage('en') ?? concept.display,
  };
}

/** Concepts of `codeSystem`, each with its kk/ru/en designations. */
export function conceptRows(codeSystem: fhir4.CodeSystem): ConceptRow[] {
  const rows: ConceptRow[] = [];
  const visit = (concepts: readonly fhir4.CodeSystemConcept[]) => {
    for (const concept of concepts) {
      rows.push(conceptRow(codeSystem.url ?? '', concept));
      visit(concept.concept ?? []);
    }
  };
  visit(codeSystem.concept ?? []);
  return rows;
}

/** The table of `rows`. */
export function conceptTable(rows: readonly ConceptRow[]) {
  return html`<table>
    <tr>
      <th>Code</th>
      <th>Қазақша (kk)</th>
      <th>Русский (ru)</th>
      <th>English (en)</th>
      <th>System</th>
    </tr>
    ${rows.map(
      (r) =>
        html`<tr>
          <td><code>${r.code}</code></td>
          <td>${r.kk ?? ''}</td>
          <td>${r.ru ?? ''}</td>
          <td>${r.en ?? r.display ?? ''}</td>
          <td>${r.system}</td>
        </tr>`,
    )}
  </table>`;
}
