/**
 * Where an extension may appear and whether the server knows it. For each item of an `extension`
 * or `modifierExtension` array: a definition the server has compiled (R4 core or the guide) must
 * allow the element it is on (its context), must be used as a modifier exactly when it is one,
 * and may not appear more often than its root cardinality allows. Its content (value[x] types,
 * nested extensions, bindings) is checked by the profile pass against the same definition.
 * An absolute URL nobody defines follows the unknown-extension policy, except that an example
 * URL (example.org, example.com, example.net, acme.com) is an error outside examples and that an
 * unknown modifier extension is always an error: a reader may not ignore what it does not
 * understand when it changes the meaning of the element.
 * @see https://hl7.org/fhir/R4/extensibility.html#context
 * @see https://hl7.org/fhir/R4/extensibility.html#modifierExtension
 * @see https://hl7.org/fhir/R4/extensibility.html#exchange
 * @module
 */
import { UNBOUNDED } from '../model/compiled-model.js';
import { report, type WalkContext } from '../walk-context.js';
import { PathStep, type WalkPath } from '../walk-path.js';
import { contextAllows, type ExtensionSite } from './extension-context.js';
import { extensionDefinition } from './extension-definitions.js';

/** What an extension whose URL the server does not know gives. */
export type UnknownExtensionPolicy = 'error' | 'warning' | 'ignore';

/** An absolute URL: a scheme, then anything (`urn:oid:…` included). */
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const HOST = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/:?#]+)/;
/** RFC 2606's example domains, and the one HL7's validator adds. */
const EXAMPLE_DOMAINS = ['example.org', 'example.com', 'example.net', 'acme.com'];
/** Domains whose extensions HL7's validator accepts without a definition: DICOM's attribute tags. */
const UNDEFINED_ALLOWED = ['nema.org'];

/** The extension array under `key` of an object, located at `path`, on `site` (resolved lazily). */
export interface ExtensionArray {
  items: readonly unknown[];
  key: 'extension' | 'modifierExtension';
  path: WalkPath;
  site: () => ExtensionSite;
}

/** Checks the use of every extension in `args.items`. */
export function checkExtensions(ctx: WalkContext, args: ExtensionArray): void {
  let site: ExtensionSite | undefined;
  // Made for a second extension only: most elements carry one.
  let counts: Map<string, number> | undefined;
  for (let i = 0; i < args.items.length; i++) {
    const url = (args.items[i] as { url?: unknown } | null)?.url;
    if (typeof url !== 'string') continue;
    const path = new PathStep(args.path, args.key, i);
    const definition = extensionDefinition(url);
    if (!definition) {
      checkUnknown(ctx, { url, modifier: args.key === 'modifierExtension' }, path);
      continue;
    }
    site ??= args.site();
    if (!contextAllows(definition.c, site)) reportContext(ctx, { url, contexts: definition.c, site }, path);
    checkModifier(ctx, { url, isModifier: definition.m === 1, key: args.key }, path);
    let count = 1;
    if (args.items.length > 1) {
      count += (counts ??= new Map()).get(url) ?? 0;
      counts.set(url, count);
    }
    if (definition.max !== UNBOUNDED && count === definition.max + 1) {
      const message = `Extension ${url} may appear at most ${definition.max} time(s) on ${site.elementPath}`;
      report(ctx, { code: 'structure', message }, path);
    }
  }
}

function reportContext(
  ctx: WalkContext,
  args: { url: string; contexts: readonly string[]; site: ExtensionSite },
  path: WalkPath,
): void {
  const { site } = args;
  const here = site.typeName === site.elementPath ? site.typeName : `${site.elementPath} (${site.typeName})`;
  const message = `Extension ${args.url} is not allowed on ${here}; its context allows ${args.contexts.join(', ')}`;
  report(ctx, { code: 'structure', message }, path);
}

function checkModifier(
  ctx: WalkContext,
  args: { url: string; isModifier: boolean; key: ExtensionArray['key'] },
  path: WalkPath,
): void {
  if (args.isModifier && args.key === 'extension') {
    report(
      ctx,
      { code: 'structure', message: `Extension ${args.url} is a modifier: use it in modifierExtension` },
      path,
    );
  } else if (!args.isModifier && args.key === 'modifierExtension') {
    report(ctx, { code: 'structure', message: `Extension ${args.url} is not a modifier: use it in extension` }, path);
  }
}

function checkUnknown(ctx: WalkContext, args: { url: string; modifier: boolean }, path: WalkPath): void {
  const { url } = args;
  // A relative URL names a part of a complex extension, checked by that extension's definition.
  if (!ABSOLUTE.test(url)) return;
  const policy = ctx.extensions;
  if (!args.modifier && onDomain(url, UNDEFINED_ALLOWED)) return;
  if (isExampleUrl(url)) {
    if (!policy.examples) {
      const message = `Extension ${url} has an example URL, which is only allowed in examples`;
      report(ctx, { code: 'invalid', message }, path);
      return;
    }
    if (!args.modifier) return;
  }
  if (args.modifier) {
    const message = `Modifier extension ${url} is not known to this server, so the element's meaning is unknown`;
    report(ctx, { code: 'not-supported', message }, path);
    return;
  }
  if (policy.unknown === 'ignore') return;
  const severity = policy.unknown === 'error' ? 'error' : 'warning';
  const message =
    severity === 'error'
      ? `Extension ${url} is not known to this server (neither R4 core nor the guide defines it)`
      : `Extension ${url} is not known to this server; its content was not checked`;
  report(ctx, { severity, code: 'not-supported', message }, path);
}

/** True for a URL on one of the example domains (or a subdomain of one). */
export function isExampleUrl(url: string): boolean {
  return onDomain(url, EXAMPLE_DOMAINS);
}

function onDomain(url: string, domains: readonly string[]): boolean {
  const host = HOST.exec(url)?.[1]?.toLowerCase();
  return host !== undefined && domains.some((d) => host === d || host.endsWith(`.${d}`));
}
