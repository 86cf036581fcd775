import { describe, expect, it } from 'vitest';
import { clientFor, testApp } from '../../test/test-app.js';
import { testDatabase } from '../../test/test-db.js';

describe('GET /api/health', () => {
  it('reports ok, the database engine in use and the version, without signing in', async () => {
    const res = await clientFor(await testApp()).get('/api/health');
    expect(res.status).toBe(200);
    const { kind } = await testDatabase();
    expect(res.body).toEqual({ status: 'ok', db: kind, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('serves the OpenAPI document and the interactive docs page', async () => {
    const client = clientFor(await testApp());
    const doc = await client.get('/api/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/api/health'].get.summary).toContain('Health');
    const page = await client.get('/api/docs');
    expect([200, 302]).toContain(page.status);
  });
});
