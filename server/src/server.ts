import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from './config.js';
import { checkDatabaseLocale, type Database, openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { startTimers } from './modules/cases/timers.js';
import { startOutboxSender } from './modules/notifications/outbox-sender.js';
import { transportFor } from './modules/notifications/transports.js';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'pglite'),
    poolMax: config.dbPoolMax,
  });
  const localeProblem = await checkDatabaseLocale(database);
  if (localeProblem) {
    await database.close();
    throw new Error(localeProblem);
  }
  return database;
}

export interface Running {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, applies pending migrations and serves the API and web app. */
export async function startServer(config: Config = loadConfig()): Promise<Running> {
  const database = await openConfiguredDatabase(config);
  await migrate(database);
  const app = await buildApp({ config, database });
  await app.listen({ port: config.port, host: config.host });
  const timers = config.timers ? startTimers(database.db, config, app.log) : undefined;
  const sender = config.timers
    ? startOutboxSender(database.db, config, transportFor(config, app.log), app.log)
    : undefined;
  const url = `http://localhost:${config.port}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      timers?.stop();
      sender?.stop();
      await app.close();
      await database.close();
    })();
    return stopping;
  };
  return { app, database, url, stop };
}
