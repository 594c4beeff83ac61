/**
 * `GET /api`: the API reference, Swagger UI (swagger-ui-dist from npm) over `/openapi.json`, its
 * files served by this app under `/api/assets/` so that it works offline. Try-it calls go to the
 * server named in the document, i.e. this gateway.
 * @see https://swagger.io/docs/open-source-tools/swagger-ui/usage/configuration/
 * @module
 */
import { html } from 'hono/html';
import { layout } from './layout.js';

/** One file of the viewer. */
export interface ViewerAsset {
  body: string;
  contentType: string;
}

/** Reads the viewer's files by name; each entry knows where they are on its runtime. */
export type ViewerAssets = (name: string) => Promise<ViewerAsset | undefined>;

/** The files of swagger-ui-dist the page loads. */
export const VIEWER_FILES = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;

/** Our start-up script for the viewer (a file, so the page needs no inline script). */
export const VIEWER_INIT = `window.addEventListener('load', function () {
  // The viewer expands every schema reachable from an operation it opens; with the full datatype
  // schemas (decision 036) that tree is too large for a browser. It is shown the resources and
  // profiles in full and each datatype by name and link; /openapi.json itself is unchanged.
  fetch('/openapi.json').then(function (response) { return response.json(); }).then(function (doc) {
    var schemas = doc.components.schemas;
    Object.keys(schemas).forEach(function (name) {
      var schema = schemas[name];
      var isResource = schema.properties && schema.properties.resourceType;
      var isDatatype = schema.type === 'object' && !isResource && /^[A-Z][A-Za-z]*$/.test(name) && name !== 'Resource';
      if (isDatatype) schemas[name] = { type: 'object', description: schema.description, externalDocs: schema.externalDocs };
    });
    window.ui = SwaggerUIBundle({ spec: doc, dom_id: '#api', deepLinking: true, tryItOutEnabled: false,
      docExpansion: 'none', defaultModelsExpandDepth: -1, filter: true });
  });
});
`;

/** The API reference page; without the viewer's files, a pointer to the OpenAPI document. */
export function apiReferencePage(hasViewer: boolean) {
  if (!hasViewer) {
    return layout(
      'API reference',
      html`<h1>API reference</h1>
        <p>
          The interactive viewer's files are not available in this deployment. The API is described in
          <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1), which any OpenAPI viewer opens.
        </p>`,
    );
  }
  return layout(
    'API reference',
    html`<div id="api"></div>
      <script src="/api/assets/swagger-ui-bundle.js"></script>
      <script src="/api/assets/init.js"></script>`,
    html`<link rel="stylesheet" href="/api/assets/swagger-ui.css" />`,
  );
}
