import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { forgetSessionsOf } from '../../http/auth-hook.js';
import { AppError } from '../../http/errors.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses, idParams, okResponse, paged } from '../../http/schemas.js';
import { can } from '../../policy/policy.js';
import { createUser, replaceRoles, resetPassword, unlockUser, updateUser } from './use-cases/manage-users.js';
import { presentUser } from './users.presenter.js';
import { findUserInScope, listUsers, rolesOf } from './users.repository.js';
import {
  createUserBody,
  replaceRolesBody,
  resetPasswordBody,
  updateUserBody,
  userDetail,
  userListQuery,
  userView,
} from './users.schemas.js';

export async function userRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  const detail = async (req: FastifyRequest, id: string) => {
    const ctx = ctxOf(req);
    const user = await findUserInScope(ctx.db, ctx.actor, id);
    if (!user) throw new AppError('NOT_FOUND');
    const roles = (await rolesOf(ctx.db, [id])).get(id) ?? [];
    const manage = can(ctx.actor, 'user.manage', { unitPath: user.unit_path });
    return {
      ...presentUser(user, roles),
      abilities: { update: manage, manageRoles: manage, resetPassword: manage },
    };
  };

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: '用户列表 List users in my jurisdiction',
        querystring: userListQuery,
        response: { 200: paged(userView), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!can(ctx.actor, 'user.read')) throw new AppError('FORBIDDEN');
      const { page, pageSize, includeInactive, ...f } = req.query;
      const { rows, total } = await listUsers(
        ctx.db,
        ctx.actor,
        { ...f, includeInactive: includeInactive === 'true' },
        { page, pageSize },
      );
      const roles = await rolesOf(
        ctx.db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => presentUser(r, roles.get(r.id) ?? [])), total, page, pageSize };
    },
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: '用户详情 User detail',
        params: idParams,
        response: { 200: userDetail, ...errorResponses },
      },
    },
    async (req) => detail(req, req.params.id),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: '新建用户 Create a user',
        body: createUserBody,
        response: { 201: userDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await createUser(ctxOf(req), req.body);
      return reply.status(201).send(await detail(req, id));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: '修改用户 Update a user (name, unit, enabled)',
        params: idParams,
        body: updateUserBody,
        response: { 200: userDetail, ...errorResponses },
      },
    },
    async (req) => {
      await updateUser(ctxOf(req), req.params.id, req.body);
      forgetSessionsOf(req.params.id);
      return detail(req, req.params.id);
    },
  );

  app.put(
    '/api/users/:id/roles',
    {
      schema: {
        tags,
        summary: '设置角色 Replace the roles I manage',
        params: idParams,
        body: replaceRolesBody,
        response: { 200: userDetail, ...errorResponses },
      },
    },
    async (req) => {
      await replaceRoles(ctxOf(req), req.params.id, req.body.roles);
      forgetSessionsOf(req.params.id);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码 Reset password (must change at next sign-in)',
        params: idParams,
        body: resetPasswordBody,
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (req) => {
      await resetPassword(ctxOf(req), req.params.id, req.body.newPassword);
      forgetSessionsOf(req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags,
        summary: '解除锁定 Unlock',
        params: idParams,
        response: { 200: okResponse, ...errorResponses },
      },
    },
    async (req) => {
      await unlockUser(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
