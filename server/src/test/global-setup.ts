import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';

/** On PostgreSQL, migrate once before the workers start; PGlite workers migrate their own copy. */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const database = await openDatabase({ databaseUrl: url });
  await migrate(database);
  await database.close();
}
