/**
 * The implementation guide as browsable pages: an index, each profile (differential and snapshot
 * tables), code system and value set (kk/ru/en displays), the example instances and the visit
 * schedule. Rendered from the guide package bundled at build time (`src/ig/generated`, and
 * `generated/guide-extras.ts` from `npm run gen:pages`), so they serve the same on Workers.
 * @module
 */
import { html } from 'hono/html';
import { igResources, type IgResource } from '../../ig/ig-resources.js';
import { GUIDE_EXAMPLES_JSON, VISIT_SCHEDULE_JSON } from './generated/guide-extras.js';
import { conceptRow, conceptRows, conceptTable, elementTable, type ConceptRow } from './guide-tables.js';
import { layout } from './layout.js';

type Example = fhir4.Resource & { id: string };

let examples: readonly Example[] | undefined;
function guideExamples(): readonly Example[] {
  examples ??= JSON.parse(GUIDE_EXAMPLES_JSON) as Example[];
  return examples;
}

function byType(type: string): IgResource[] {
  return igResources().filter((r) => r.resourceType === type);
}

function link(r: { resourceType: string; id: string }, label: string) {
  return html`<a href="/guide/${r.resourceType}/${r.id}">${label}</a>`;
}

/** `GET /guide`. */
export function guideIndexPage() {
  const section = (type: string, heading: string) =>
    html`<h2>${heading}</h2>
      <ul>
        ${byType(type).map(
          (r) =>
            html`<li>
              ${link(r, (r as { title?: string }).title ?? r.name)} <small><code>${r.url}</code></small>
            </li>`,
        )}
      </ul>`;
  return layout(
    'Implementation guide',
    html`<h1>Implementation guide</h1>
      <p>
        The programme's profiles, terminology and examples, as the gateway validates them.
        <a href="/guide/visit-schedule">Visit schedule</a>.
      </p>
      ${section('StructureDefinition', 'Profiles and extensions')} ${section('ValueSet', 'Value sets')}
      ${section('CodeSystem', 'Code systems')} ${section('Questionnaire', 'Questionnaires')}
      <h2>Examples</h2>
      <ul>
        ${guideExamples().map((e) => html`<li><a href="/guide/examples/${e.resourceType}/${e.id}">${e.resourceType}/${e.id}</a></li>`)}
      </ul>`,
  );
}

/** `GET /guide/:type/:id`, or `undefined` when the guide has no such resource. */
export function guideResourcePage(type: string, id: string) {
  const resource = igResources().find((r) => r.resourceType === type && r.id === id);
  if (!resource) return undefined;
  const title = (resource as { title?: string }).title ?? resource.name;
  const heading = html`<h1>${title}</h1>
    <p><code>${resource.url}</code> · version ${resource.version}</p>
    <p>${(resource as { description?: string }).description ?? ''}</p>`;
  if (resource.resourceType === 'StructureDefinition') {
    return layout(
      title,
      html`${heading}
        <p>Base: <code>${resource.baseDefinition ?? ''}</code></p>
        <h2>Differential</h2>
        ${elementTable(resource.differential?.element ?? [])}
        <h2>Snapshot</h2>
        ${elementTable(resource.snapshot?.element ?? [])}`,
    );
  }
  if (resource.resourceType === 'CodeSystem')
    return layout(title, html`${heading}${conceptTable(conceptRows(resource))}`);
  if (resource.resourceType === 'ValueSet')
    return layout(title, html`${heading}${conceptTable(valueSetRows(resource))}`);
  return layout(
    title,
    html`${heading}
      <pre>${JSON.stringify(resource, null, 2)}</pre>`,
  );
}

/** The concepts a value set includes: listed ones, or all of a guide code system. */
function valueSetRows(valueSet: fhir4.ValueSet): ConceptRow[] {
  return (valueSet.compose?.include ?? []).flatMap((include) => {
    const system = byType('CodeSystem').find((cs) => cs.url === include.system) as fhir4.CodeSystem | undefined;
    const all = system ? conceptRows(system) : [];
    if (!include.concept) return all.length ? all : [{ system: include.system ?? '', code: '(all codes)' }];
    return include.concept.map((c) => all.find((row) => row.code === c.code) ?? conceptRow(include.system ?? '', c));
  });
}

/** `GET /guide/examples/:type/:id`, or `undefined`. */
export function examplePage(type: string, id: string) {
  const example = guideExamples().find((e) => e.resourceType === type && e.id === id);
  if (!example) return undefined;
  return layout(
    `${type}/${id}`,
    html`<h1>Example ${type}/${id}</h1>
      <p>Profiles: ${(example.meta?.profile ?? []).join(', ') || 'base R4'}</p>
      <pre>${JSON.stringify(example, null, 2)}</pre>`,
  );
}

interface ScheduledVisit {
  code: string;
  anchor: string;
  due: { value: number; unit: string; comparator?: string };
  window: { before: { value: number; unit: string }; after: { value: number; unit: string } } | null;
}

/** `GET /guide/visit-schedule`. */
export function visitSchedulePage() {
  const schedule = JSON.parse(VISIT_SCHEDULE_JSON) as {
    status: string;
    source: string;
    antenatal: ScheduledVisit[];
    child: ScheduledVisit[];
  };
  const rows = (visits: ScheduledVisit[]) =>
    visits.map(
      (v) =>
        html`<tr>
          <td><code>${v.code}</code></td>
          <td>${v.anchor}</td>
          <td>${v.due.comparator ?? ''}${v.due.value} ${v.due.unit}</td>
          <td>
            ${v.window ? `−${v.window.before.value} ${v.window.before.unit} / +${v.window.after.value} ${v.window.after.unit}` : ''}
          </td>
        </tr>`,
    );
  return layout(
    'Visit schedule',
    html`<h1>Visit schedule</h1>
      <p>Status: ${schedule.status}. ${schedule.source}</p>
      <table>
        <tr>
          <th>Visit</th>
          <th>Counted from</th>
          <th>Due</th>
          <th>Window</th>
        </tr>
        ${rows(schedule.antenatal)} ${rows(schedule.child)}
      </table>`,
  );
}
