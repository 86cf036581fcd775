import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/types.js';
import type { Actor } from '../policy/actor.js';

/** What every use case receives: the database, the config, and who is acting in which request. */
export interface Ctx {
  db: Kysely<DB>;
  config: Config;
  actor: Actor;
  requestId: string;
  ip?: string | undefined;
}

/** For use cases that run before anyone is signed in (login). */
export type AnonCtx = Omit<Ctx, 'actor'>;
