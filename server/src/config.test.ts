import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses defaults and generates secrets into DATA_DIR once, reusing them afterwards', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laiban-cfg-'));
    const a = loadConfig({ DATA_DIR: dir });
    expect(a.port).toBe(3000);
    expect(a.databaseUrl).toBeUndefined();
    expect(a.sessionIdleMinutes).toBe(30);
    expect(a.fieldEncryptionKey).toHaveLength(32);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const b = loadConfig({ DATA_DIR: dir });
    expect(b.fieldEncryptionKey.equals(a.fieldEncryptionKey)).toBe(true);
  });

  it('lists every bad variable at once', () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        FIELD_ENCRYPTION_KEY: 'short',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const vars = (err as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(vars).toEqual(['DATABASE_URL', 'FIELD_ENCRYPTION_KEY', 'LOG_LEVEL', 'PORT']);
  });

  it('requires the secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET.*\n.*FIELD_ENCRYPTION_KEY/s);
  });
});
