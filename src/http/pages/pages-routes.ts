/**
 * The HTML pages outside the FHIR base: `/` (home), `/api` (API reference and its assets) and
 * `/guide/...` (the implementation guide).
 * @module
 */
import type { Context, Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../app.js';
import { VIEWER_FILES, VIEWER_INIT, apiReferencePage, type ViewerAssets } from './api-reference.js';
import { examplePage, guideIndexPage, guideResourcePage, visitSchedulePage } from './guide-pages.js';
import { homePage } from './home-page.js';

/** What the pages need beyond the app's dependencies. */
export interface PagesOptions {
  /** The viewer's files; without them `/api` says the reference is not available here. */
  viewerAssets?: ViewerAssets;
}

// Viewer files change only with the package version: let browsers keep them for a day.
const ASSET_CACHE = 'public, max-age=86400';

/** Registers the pages on `app`. */
export function registerPages(app: Hono<AppEnv>, deps: AppDependencies, options: PagesOptions = {}): void {
  app.get('/', (c) => c.html(homePage(deps.config.baseUrl ?? `${new URL(c.req.url).origin}/fhir`)));
  app.get('/api', (c) => c.html(apiReferencePage(options.viewerAssets !== undefined)));
  app.get('/api/assets/:name', async (c) => {
    const name = c.req.param('name');
    if (name === 'init.js') return c.body(VIEWER_INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' });
    const asset = Object.hasOwn(VIEWER_FILES, name) ? await options.viewerAssets?.(name) : undefined;
    if (!asset) return c.text('Not found', 404);
    return c.body(asset.body, 200, { 'content-type': asset.contentType, 'cache-control': ASSET_CACHE });
  });
  app.get('/guide', (c) => c.html(guideIndexPage()));
  app.get('/guide/visit-schedule', (c) => c.html(visitSchedulePage()));
  app.get('/guide/examples/:type/:id', (c) => htmlOr404(c, examplePage(c.req.param('type'), c.req.param('id'))));
  app.get('/guide/:type/:id', (c) => htmlOr404(c, guideResourcePage(c.req.param('type'), c.req.param('id'))));
}

function htmlOr404(
  c: Context<AppEnv>,
  page: ReturnType<typeof guideIndexPage> | undefined,
): Response | Promise<Response> {
  return page ? c.html(page) : c.text('No such page in the guide', 404);
}
