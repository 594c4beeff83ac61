/**
 * Helpers for driving the gateway with fhir-kit-client, the client our users use.
 */
import { Client, RESPONSE_KEY } from 'fhir-kit-client';
import { afterAll, beforeAll, expect } from 'vitest';
import { startNodeServer, type RunningServer } from '../runtime/node-server.js';
import { auditDifferences, startRecordingProxy, type RecordingProxy } from './audit-check.js';

/** A fhir-kit-client for `baseUrl`. */
export function createClient(baseUrl: string): Client {
  return new Client({ baseUrl });
}

/** The real Node server of a test file and a client for it, set once `beforeAll` has run. */
export interface ServedGateway {
  server: RunningServer;
  client: Client;
}

/** Options of {@link useNodeServer}. */
export interface NodeServerUse {
  /**
   * Audit check (`audit-check.ts`): the server records AuditEvents, every request passes a
   * recording proxy with an X-Request-Id, and after the file the audit trail must match the
   * requests made. For development-mode files (the check reads the trail as the local admin).
   */
  auditCheck?: boolean;
}

/**
 * Starts the real Node server with `env` before the file's tests and stops it after them. The
 * fields of the returned object are set in `beforeAll`; read them inside tests and hooks only.
 */
export function useNodeServer(env: Record<string, string> = {}, use: NodeServerUse = {}): ServedGateway {
  const served = {} as ServedGateway;
  let direct: RunningServer | undefined;
  let proxy: RecordingProxy | undefined;
  beforeAll(async () => {
    // On a loaded machine shared with other runs, a start alone took 28 s (the default wait is 30 s).
    direct = await startNodeServer(use.auditCheck ? { ...env, AUDIT_LOG: 'on' } : env, { startupTimeoutMs: 90_000 });
    served.server = direct;
    if (use.auditCheck) {
      proxy = await startRecordingProxy(new URL(direct.baseUrl).origin);
      served.server = { ...direct, baseUrl: `${proxy.origin}${new URL(direct.baseUrl).pathname}` };
    }
    served.client = createClient(served.server.baseUrl);
  }, 120_000);
  afterAll(async () => {
    try {
      if (proxy && direct) {
        await proxy.close();
        expect(await auditDifferences(direct.baseUrl, proxy.requests), 'requests without their AuditEvents').toEqual(
          [],
        );
      }
    } finally {
      await direct?.stop();
    }
  });
  return served;
}

/** The HTTP response behind a fhir-kit-client result (headers, status). */
export function responseOf(result: unknown): Response {
  return (result as Record<typeof RESPONSE_KEY, Response>)[RESPONSE_KEY];
}

/** The error fhir-kit-client throws for a non-2xx answer. */
interface ClientHttpError {
  response: { status: number; data: unknown };
}

/**
 * Awaits a call that must fail and returns its status and OperationOutcome, asserting that the
 * body is an OperationOutcome with at least one error issue.
 */
export async function expectOutcome(call: Promise<unknown>, status: number): Promise<fhir4.OperationOutcome> {
  const thrown = await call.then(
    () => undefined,
    (error: unknown) => error as ClientHttpError,
  );
  expect(thrown, 'the call should have failed').toBeDefined();
  expect(thrown!.response.status).toBe(status);
  const outcome = thrown!.response.data as fhir4.OperationOutcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.some((i) => i.severity === 'error' || i.severity === 'fatal')).toBe(true);
  return outcome;
}

/** A resource typed for fhir-kit-client bodies, which are index-signature objects. */
export type ClientBody<T extends fhir4.Resource> = T & Record<string, unknown>;
