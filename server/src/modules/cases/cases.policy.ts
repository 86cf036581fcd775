import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../policy/actor.js';
import type { Permission } from '../../policy/permissions.js';
import { can, scopeRoots } from '../../policy/policy.js';
import { COMMANDS, type CommandName, commandsFrom, OPEN_STATUSES, type Status } from './cases.workflow.js';

/**
 * Who may see and act on a case.
 *
 * Seeing: a case is visible when one of its units (owner, first receiver, source, lead/co-handler,
 * reviewer, former owner — table case_units) lies in a subtree where the actor holds `case.read`.
 * A confidential case (an accusation referred to discipline inspection, 第30条) is visible only to
 * holders of `case.read_confidential` over one of its units: the accused side, including the unit
 * that first received it, cannot find it at all.
 *
 * Acting: a command needs its permission over the case's current owner unit (the handling unit,
 * or the review organ during 复查/复核); decisions on an objection need it over the unit that
 * transferred or assigned the case; tasks of a whistle need it over the summoned unit.
 */
function unitsWithin(caseIdRef: string, roots: string[]): Expression<SqlBool> {
  if (roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`exists (select 1 from case_units cu where cu.case_id = ${sql.ref(caseIdRef)} and (${sql.join(
    roots.map((r) => sql`cu.unit_path <@ ${r}::ltree`),
    sql` or `,
  )}))`;
}

/** The jurisdiction filter for case queries; `alias` is the cases table alias in the query. */
export function caseScope(actor: Actor, alias = 'cases'): Expression<SqlBool> {
  const read = scopeRoots(actor, 'case.read');
  const confidential = scopeRoots(actor, 'case.read_confidential');
  const visible = unitsWithin(`${alias}.id`, read);
  if (confidential.length === 0)
    return sql<SqlBool>`(not ${sql.ref(`${alias}.is_confidential`)} and ${visible})`;
  return sql<SqlBool>`((not ${sql.ref(`${alias}.is_confidential`)} and ${visible}) or (${sql.ref(
    `${alias}.is_confidential`,
  )} and ${unitsWithin(`${alias}.id`, confidential)}))`;
}

export interface CaseForPolicy {
  status: Status;
  ownerPath: string;
  assigningPath: string | null;
  isConfidential: boolean;
}

/** May the actor act with `permission` on the case's owner unit? */
export function canOnOwner(actor: Actor, permission: Permission, c: CaseForPolicy): boolean {
  if (c.isConfidential && !can(actor, 'case.read_confidential', { unitPath: c.ownerPath })) return false;
  return can(actor, permission, { unitPath: c.ownerPath });
}

/** Whether the actor may run a command now, by status and by policy. */
export function canRun(actor: Actor, command: CommandName, c: CaseForPolicy): boolean {
  const spec = COMMANDS[command];
  if (!(spec.from as readonly Status[]).includes(c.status)) return false;
  if (command === 'decideObjection') {
    return !!c.assigningPath && can(actor, 'case.decide', { unitPath: c.assigningPath });
  }
  return canOnOwner(actor, spec.permission, c);
}

/** Commands that keep the status but change the record, offered where the actor may use them. */
export const ACTIONS = [
  'extend',
  'whistle',
  'attachLeader',
  'reportProgress',
  'confirmReceipt',
  'supervise',
] as const;
export type ActionName = (typeof ACTIONS)[number];

const HANDLING: readonly Status[] = ['accepted', 'in_progress', 'mediating', 'hearing'];

export function canAct(actor: Actor, action: ActionName, c: CaseForPolicy): boolean {
  switch (action) {
    case 'extend':
      return HANDLING.includes(c.status) && canOnOwner(actor, 'case.handle', c);
    case 'whistle':
      return HANDLING.includes(c.status) && canOnOwner(actor, 'case.handle', c);
    case 'attachLeader':
      return OPEN_STATUSES.includes(c.status) && canOnOwner(actor, 'case.package', c);
    case 'reportProgress':
      return OPEN_STATUSES.includes(c.status) && canOnOwner(actor, 'case.handle', c);
    case 'confirmReceipt':
      return (
        (c.status === 'delivered' || c.status === 'review_delivered') && canOnOwner(actor, 'case.handle', c)
      );
    case 'supervise':
      return OPEN_STATUSES.includes(c.status) && canOnOwner(actor, 'case.supervise', c);
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** The `abilities` the case detail carries, so the web app shows only what the server allows. */
export function abilitiesOf(actor: Actor, c: CaseForPolicy) {
  return {
    commands: commandsFrom(c.status).filter((cmd) => canRun(actor, cmd, c)),
    actions: ACTIONS.filter((a) => canAct(actor, a, c)),
    unmask: canOnOwner(actor, 'case.unmask', c),
  };
}
