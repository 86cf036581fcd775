import { checkPasswordPolicy } from '../../../../../common/src/limits.js';
import type { Role } from '../../../../../common/src/roles.js';
import type { Conn } from '../../../db/database.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { authorize, can } from '../../../policy/policy.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { recordAuthEvent } from '../../auth/auth.repository.js';
import { hashPassword } from '../../auth/passwords.js';
import { findUserInScope, unitPaths } from '../users.repository.js';

type Grant = { role: Role; unitId: string };

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/**
 * Every unit named (home unit, role units) must be an active unit inside the admin's own
 * user.manage scope; anything else is reported against the field that named it.
 */
async function checkUnits(ctx: Ctx, conn: Conn, fields: { path: string; unitId: string }[]): Promise<void> {
  if (fields.length === 0) return;
  const rows = await unitPaths(conn, [...new Set(fields.map((f) => f.unitId))]);
  const bad = fields.filter((f) => {
    const u = rows.find((r) => r.id === f.unitId);
    return !u?.is_active || !can(ctx.actor, 'user.manage', { unitPath: u.path });
  });
  if (bad.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      bad.map((b) => ({ path: b.path, message: '单位不存在或不在您的管辖范围内' })),
    );
  }
}

async function userToManage(ctx: Ctx, conn: Conn, id: string) {
  const user = await findUserInScope(conn, ctx.actor, id);
  if (!user) throw new AppError('NOT_FOUND');
  authorize(ctx.actor, 'user.manage', { unitPath: user.unit_path }, true);
  await conn.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
  return user;
}

async function writeRoles(conn: Conn, userId: string, roles: Grant[]): Promise<void> {
  await conn.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  const unique = [...new Map(roles.map((r) => [`${r.role}|${r.unitId}`, r])).values()];
  if (unique.length) {
    await conn
      .insertInto('user_roles')
      .values(unique.map((r) => ({ user_id: userId, role: r.role, unit_id: r.unitId })))
      .execute();
  }
}

export async function createUser(
  ctx: Ctx,
  input: {
    username: string;
    displayName: string;
    unitId: string;
    password: string;
    roles: Grant[];
    mustChangePassword: boolean;
  },
): Promise<string> {
  authorize(ctx.actor, 'user.manage');
  if (!checkPasswordPolicy(input.password, input.username)) throw new AppError('PASSWORD_POLICY');
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await checkUnits(ctx, trx, [
        { path: 'body.unitId', unitId: input.unitId },
        ...input.roles.map((r, i) => ({ path: `body.roles.${i}.unitId`, unitId: r.unitId })),
      ]);
      const row = await trx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          unit_id: input.unitId,
          password_hash: passwordHash,
          must_change_password: input.mustChangePassword,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeRoles(trx, row.id, input.roles);
      await recordAdminEvent(trx, {
        actor: ctx.actor,
        type: 'user.created',
        entityType: 'user',
        entityId: row.id,
        payload: { username: input.username, unitId: input.unitId, roles: input.roles },
        requestId: ctx.requestId,
      });
      return row.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('USERNAME_TAKEN');
    throw err;
  }
}

export async function updateUser(
  ctx: Ctx,
  id: string,
  input: { displayName?: string | undefined; unitId?: string | undefined; isActive?: boolean | undefined },
): Promise<void> {
  if (id === ctx.actor.userId && input.isActive === false) throw new AppError('FORBIDDEN');
  await ctx.db.transaction().execute(async (trx) => {
    await userToManage(ctx, trx, id);
    if (input.unitId) await checkUnits(ctx, trx, [{ path: 'body.unitId', unitId: input.unitId }]);
    const changes = {
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.unitId !== undefined && { unit_id: input.unitId }),
      ...(input.isActive !== undefined && { is_active: input.isActive }),
    };
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable('users')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    // A disabled account loses its sessions at once, not at the next idle timeout.
    if (input.isActive === false) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'user.updated',
      entityType: 'user',
      entityId: id,
      payload: { changes: input },
      requestId: ctx.requestId,
    });
  });
}

export async function replaceRoles(ctx: Ctx, id: string, roles: Grant[]): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await userToManage(ctx, trx, id);
    // Grants outside the admin's scope stay as they are; the admin can neither see nor change them.
    const current = await trx
      .selectFrom('user_roles')
      .innerJoin('org_units', 'org_units.id', 'user_roles.unit_id')
      .select(['user_roles.role', 'user_roles.unit_id', 'org_units.path'])
      .where('user_roles.user_id', '=', id)
      .execute();
    const untouchable = current
      .filter((g) => !can(ctx.actor, 'user.manage', { unitPath: g.path }))
      .map((g) => ({ role: g.role as Role, unitId: g.unit_id }));
    await checkUnits(
      ctx,
      trx,
      roles.map((r, i) => ({ path: `body.roles.${i}.unitId`, unitId: r.unitId })),
    );
    await writeRoles(trx, id, [...untouchable, ...roles]);
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'user.roles_replaced',
      entityType: 'user',
      entityId: id,
      payload: { roles },
      requestId: ctx.requestId,
    });
  });
}

export async function resetPassword(ctx: Ctx, id: string, newPassword: string): Promise<void> {
  const user = await findUserInScope(ctx.db, ctx.actor, id);
  if (!user) throw new AppError('NOT_FOUND');
  if (!checkPasswordPolicy(newPassword, user.username)) throw new AppError('PASSWORD_POLICY');
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await userToManage(ctx, trx, id);
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: true,
        failed_attempts: 0,
        locked_until: null,
        password_changed_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAuthEvent(trx, {
      userId: id,
      event: 'password.reset',
      ip: ctx.ip,
      detail: { by: ctx.actor.userId },
    });
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      requestId: ctx.requestId,
    });
  });
}

export async function unlockUser(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await userToManage(ctx, trx, id);
    await trx
      .updateTable('users')
      .set({ failed_attempts: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
    await recordAdminEvent(trx, {
      actor: ctx.actor,
      type: 'user.unlocked',
      entityType: 'user',
      entityId: id,
      requestId: ctx.requestId,
    });
  });
}
