import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';

let shared: Promise<Database> | undefined;

/** The worker's database: PostgreSQL when TEST_DATABASE_URL is set, otherwise an in-memory PGlite. */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const url = process.env.TEST_DATABASE_URL;
    const database = await openDatabase(url ? { databaseUrl: url, poolMax: 5 } : { pgliteDir: 'memory://' });
    if (!url) await migrate(database);
    return database;
  })();
  return shared;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-000',
    FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    FIELD_HMAC_KEY: Buffer.alloc(32, 2).toString('base64'),
    ...overrides,
  });
}
