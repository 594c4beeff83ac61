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
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api', deepLinking: true, tryItOutEnabled: false,
    docExpansion: 'none', defaultModelsExpandDepth: -1, filter: true });
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
