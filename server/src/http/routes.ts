import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { apiTokenRoutes } from '../modules/api-tokens/api-tokens.routes.js';
import { appointmentRoutes } from '../modules/appointments/appointments.routes.js';
import { attachmentRoutes } from '../modules/attachments/attachments.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { calendarRoutes } from '../modules/calendar/calendar.routes.js';
import { caseRoutes } from '../modules/cases/cases.routes.js';
import { classifierRoutes } from '../modules/classifier/classifier.routes.js';
// ---- community ----
import { communityRoutes } from '../modules/community/community.routes.js';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes.js';
// documents
import { documentRoutes } from '../modules/documents/documents.routes.js';
import { evaluationRoutes } from '../modules/evaluation/evaluation.routes.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import { hotIssueRoutes } from '../modules/hot-issues/hot-issues.routes.js';
import { ledgerRoutes } from '../modules/ledger/ledger.routes.js';
import { mechanismRoutes } from '../modules/mechanisms/mechanisms.routes.js';
import { notificationRoutes } from '../modules/notifications/notifications.routes.js';
import { open311Routes } from '../modules/open311/open311.routes.js';
import { open311ClientRoutes } from '../modules/open311/open311-clients.routes.js';
import { orgRoutes } from '../modules/org/org.routes.js';
import { portalRoutes } from '../modules/portal/portal.routes.js';
import { searchRoutes } from '../modules/search/search.routes.js';
import { taxonomyRoutes } from '../modules/taxonomy/taxonomy.routes.js';
import { userRoutes } from '../modules/users/users.routes.js';
import type { Ctx } from './context.js';

export interface RouteDeps {
  config: Config;
  database: Database;
  /** The use-case context of an authenticated request. */
  ctxOf: (req: FastifyRequest) => Ctx;
}

/** Every module's routes, mounted under /api. */
export async function registerRoutes(api: FastifyInstance, deps: RouteDeps): Promise<void> {
  await healthRoutes(api, deps);
  await authRoutes(api, deps);
  await orgRoutes(api, deps);
  await taxonomyRoutes(api, deps);
  await userRoutes(api, deps);
  await apiTokenRoutes(api, deps);
  await calendarRoutes(api, deps);
  await caseRoutes(api, deps);
  await attachmentRoutes(api, deps);
  await ledgerRoutes(api, deps);
  await notificationRoutes(api, deps);
  await open311ClientRoutes(api, deps);
  // GeoReport v2 lives outside /api, with its own body parser and error format (see the module).
  await open311Routes(api, deps);
  await dashboardRoutes(api, deps);
  await portalRoutes(api, deps);
  await evaluationRoutes(api, deps);
  await appointmentRoutes(api, deps);
  // --- category suggestion and hot issues ---
  await classifierRoutes(api, deps);
  await hotIssueRoutes(api, deps);
  // --- end category suggestion and hot issues ---
  // ---- documents ----
  await documentRoutes(api, deps);
  // --- resolution mechanisms ---
  await mechanismRoutes(api, deps);
  // ---- community ----
  await communityRoutes(api, deps);
  // ── Search and repeat detection ──
  await searchRoutes(api, deps);
}
