/**
 * Start-up of access control: production refuses to start without keys; development mode says
 * so on every start, prints a local administrator token that works, and (when asked) refuses
 * requests without a token.
 */
import { describe, expect, it } from 'vitest';
import { startNodeServer } from '../../runtime/node-server.js';
import { AUDIENCE, ISSUER, ROLES, makeSigningKey, mint } from './access-fixtures.js';

describe('start-up', () => {
  it('production without keys does not start', async () => {
    await expect(startNodeServer({ AUTH_MODE: 'production', LOAD_DEMO_DATA: 'false' })).rejects.toThrow(
      /needs signing keys/,
    );
  });

  it('production with a symmetric algorithm configured does not start', async () => {
    const jwks = JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] });
    await expect(
      startNodeServer({ AUTH_MODE: 'production', AUTH_JWKS: jwks, AUTH_ISSUER: 'x', AUTH_AUDIENCE: 'y' }),
    ).rejects.toThrow(/symmetric/);
  });

  it('development mode says so, prints a working token, and can refuse anonymous requests', async () => {
    const server = await startNodeServer({ AUTH_DEV_ANONYMOUS: 'deny', LOAD_DEMO_DATA: 'false' });
    try {
      expect(server.output()).toContain('development mode');
      const token = /local administrator token \(12 h\): (\S+)/.exec(server.output())?.[1];
      expect(token).toBeDefined();
      expect((await fetch(`${server.baseUrl}/Patient`)).status).toBe(401);
      const authorised = await fetch(`${server.baseUrl}/Patient`, { headers: { authorization: `Bearer ${token}` } });
      expect(authorised.status).toBe(200);
      const smart = await fetch(`${server.baseUrl}/.well-known/smart-configuration`);
      expect(((await smart.json()) as { capabilities: string[] }).capabilities).toContain('permission-v2');
      expect((await fetch(`${server.baseUrl}/metadata`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('limits each client’s rate: 429 with Retry-After as an OperationOutcome', async () => {
    const key = await makeSigningKey();
    const server = await startNodeServer({
      AUTH_MODE: 'production',
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_JWKS: JSON.stringify({ keys: [key.publicJwk] }),
      RATE_LIMIT_PER_MINUTE: '3',
      LOAD_DEMO_DATA: 'false',
    });
    try {
      const headers = { authorization: `Bearer ${await mint(key, ROLES.national)}` };
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${server.baseUrl}/Organization`, { headers });
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses[4]).toBe(429);
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited!.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
      // Another client has its own allowance.
      const other = { authorization: `Bearer ${await mint(key, ROLES.admin)}` };
      expect((await fetch(`${server.baseUrl}/Organization`, { headers: other })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
