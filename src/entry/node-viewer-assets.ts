/**
 * The API reference's viewer files on Node: read from the installed swagger-ui-dist package once
 * and kept in memory.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VIEWER_FILES, type ViewerAsset, type ViewerAssets } from '../http/pages/api-reference.js';

/** Reads swagger-ui-dist's files from node_modules. */
export function nodeViewerAssets(): ViewerAssets {
  const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const kept = new Map<string, Promise<ViewerAsset>>();
  return (name) => {
    if (!Object.hasOwn(VIEWER_FILES, name)) return Promise.resolve(undefined);
    let asset = kept.get(name);
    if (!asset) {
      const contentType = VIEWER_FILES[name as keyof typeof VIEWER_FILES];
      asset = readFile(join(folder, name), 'utf8').then((body) => ({ body, contentType }));
      kept.set(name, asset);
    }
    return asset;
  };
}
