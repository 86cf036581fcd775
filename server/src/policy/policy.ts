import { type Expression, type SqlBool, sql } from 'kysely';
import { AppError } from '../http/errors.js';
import type { Actor } from './actor.js';
import { type Permission, roleHas } from './permissions.js';

/** A resource placed in the organisation tree by the ltree path of its owning unit. */
export interface Placed {
  unitPath: string;
}

export function isWithin(path: string, rootPath: string): boolean {
  return path === rootPath || path.startsWith(`${rootPath}.`);
}

/** Unit paths under which the actor holds `permission` (with redundant nested roots removed). */
export function scopeRoots(actor: Actor, permission: Permission): string[] {
  const roots = actor.grants.filter((g) => roleHas(g.role, permission)).map((g) => g.unitPath);
  return roots.filter((p, i) => !roots.some((q, j) => j !== i && isWithin(p, q) && (p !== q || j < i)));
}

/**
 * The policy question. Without a resource: may the actor do this anywhere at all?
 * With one: is the resource inside a subtree where the actor may do it?
 */
export function can(actor: Actor, permission: Permission, resource?: Placed): boolean {
  const roots = scopeRoots(actor, permission);
  if (!resource) return roots.length > 0;
  return roots.some((r) => isWithin(resource.unitPath, r));
}

/**
 * Throws when the actor may not act. A resource the actor cannot even read is reported as
 * NOT_FOUND, so that ids outside the jurisdiction reveal nothing; a readable one as FORBIDDEN.
 */
export function authorize(actor: Actor, permission: Permission, resource?: Placed, readable = false): void {
  if (can(actor, permission, resource)) return;
  throw new AppError(resource && !readable ? 'NOT_FOUND' : 'FORBIDDEN');
}

/**
 * The one jurisdiction filter every repository applies: the row's unit path must lie in one of
 * the actor's scope roots for `permission`. Uses `<@` so the GiST index on org_units.path serves it.
 */
export function scopeFilter(actor: Actor, permission: Permission, pathColumn: string): Expression<SqlBool> {
  const roots = scopeRoots(actor, permission);
  if (roots.length === 0) return sql<SqlBool>`false`;
  const col = sql.ref(pathColumn);
  return sql<SqlBool>`(${sql.join(
    roots.map((r) => sql`${col} <@ ${r}::ltree`),
    sql` or `,
  )})`;
}
