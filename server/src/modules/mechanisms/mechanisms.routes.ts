import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../http/context.js';
import type { RouteDeps } from '../../http/routes.js';
import { errorResponses } from '../../http/schemas.js';
import {
  agreementBody,
  candidateList,
  caseParams,
  concludeExpertReviewBody,
  concludeHearingBody,
  confirmationBody,
  consentBody,
  dissolveBody,
  endMediationBody,
  expertOpinionBody,
  expertReviewBody,
  hearingBody,
  hearingNoticeBody,
  mechanismList,
  mechanismParams,
  mediationBody,
  meetingBody,
  memberCase,
  memberCaseList,
  noticeBody,
  paymentBody,
  rosterEntry,
  rosterInput,
  rosterList,
  rosterPatch,
  rosterQuery,
  rulingBody,
  sessionBody,
  signedDocumentBody,
  sittingList,
  taskForceBody,
} from './mechanisms.schemas.js';
import {
  concludeExpertReview,
  expertCandidates,
  recordExpertOpinion,
  requestExpertReview,
} from './use-cases/expert-review.js';
import { concludeHearing, recordHearingNotice, scheduleHearing } from './use-cases/hearing.js';
import { fileConfirmation, recordPayment, recordRuling } from './use-cases/judicial-confirmation.js';
import {
  finishMediation,
  recordAgreement,
  recordConsent,
  recordNotice,
  recordSession,
  startMediation,
} from './use-cases/mediation.js';
import { listCaseMechanisms, listMyRecords, memberView } from './use-cases/read.js';
import { createRosterEntry, listRoster, listSittings, updateRosterEntry } from './use-cases/roster.js';
import { recordSignedDocument } from './use-cases/signed-documents.js';
import { conveneTaskForce, dissolveTaskForce, recordTaskForceMeeting } from './use-cases/task-force.js';

/** What a change answers: the record it touched and the case version after it. */
const changed = z.object({ mechanismId: z.string(), caseVersion: z.number() });

async function caseVersion(ctx: Ctx, caseId: string): Promise<number> {
  const r = await ctx.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirst();
  return r?.version ?? 0;
}

/**
 * Resolution mechanisms (DOMAIN.md §1.5–1.6, §6): task force, mediation, judicial confirmation,
 * hearing, expert review, signed commitments and leader packages; rosters of experts, mediators
 * and hearing panellists. Transitions of the case go through its own commands.
 */
export async function mechanismRoutes(fastify: FastifyInstance, { ctxOf }: RouteDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['mechanisms'];

  // --- Rosters ---
  app.get(
    '/api/mechanisms/roster',
    {
      schema: {
        tags,
        summary: '名库 Experts, mediators and hearing panellists of my district',
        querystring: rosterQuery,
        response: { 200: rosterList, ...errorResponses },
      },
    },
    async (req) => listRoster(ctxOf(req), req.query),
  );
  app.get(
    '/api/mechanisms/roster/:id/sittings',
    {
      schema: {
        tags,
        summary: '参与记录 Who sat on what: the records a roster entry was on',
        params: caseParams,
        response: { 200: sittingList, ...errorResponses },
      },
    },
    async (req) => listSittings(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/admin/mechanism-roster',
    {
      schema: {
        tags,
        summary: '新增名库人员 Add an expert, mediator or hearing panellist',
        body: rosterInput,
        response: { 201: rosterEntry, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createRosterEntry(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/admin/mechanism-roster/:id',
    {
      schema: {
        tags,
        summary: '修改名库人员 Change or deactivate a roster entry',
        params: caseParams,
        body: rosterPatch,
        response: { 200: rosterEntry, ...errorResponses },
      },
    },
    async (req) => updateRosterEntry(ctxOf(req), req.params.id, req.body),
  );

  // --- Members (mediators, panellists, experts) ---
  app.get(
    '/api/mechanisms/mine',
    {
      schema: {
        tags,
        summary: '我参与的调解、听证和评审 Records I sit on',
        response: { 200: memberCaseList, ...errorResponses },
      },
    },
    async (req) => listMyRecords(ctxOf(req)),
  );
  app.get(
    '/api/cases/:id/mechanisms/:mechanismId/member-view',
    {
      schema: {
        tags,
        summary: '成员视图 The case read-only, for a member of the record',
        params: mechanismParams,
        response: { 200: memberCase, ...errorResponses },
      },
    },
    async (req) => memberView(ctxOf(req), req.params.id, req.params.mechanismId),
  );

  // --- Records of a case ---
  app.get(
    '/api/cases/:id/mechanisms',
    {
      schema: {
        tags,
        summary: '化解机制记录 Task forces, mediations, hearings, reviews … of a case',
        params: caseParams,
        response: { 200: mechanismList, ...errorResponses },
      },
    },
    async (req) => listCaseMechanisms(ctxOf(req), req.params.id),
  );
  app.get(
    '/api/cases/:id/mechanisms/expert-candidates',
    {
      schema: {
        tags,
        summary: '点单式选择专家 Experts to choose from, grouped, with recusal reasons',
        params: caseParams,
        response: { 200: candidateList, ...errorResponses },
      },
    },
    async (req) => expertCandidates(ctxOf(req), req.params.id),
  );

  type Handler = (ctx: Ctx, caseId: string, mechanismId: string, body: never) => Promise<unknown>;
  const onCase: [
    string,
    string,
    z.ZodType,
    (ctx: Ctx, caseId: string, body: never) => Promise<string | { id: string }>,
  ][] = [
    ['task-force', '召集专班 Convene a task force', taskForceBody, conveneTaskForce],
    ['mediation', '启动调解 Start a mediation (case → mediating)', mediationBody, startMediation],
    ['hearing', '组织听证 Schedule a hearing (case → hearing)', hearingBody, scheduleHearing],
    [
      'expert-review',
      '申请专家评审 Request an expert review (case → expert_review)',
      expertReviewBody,
      requestExpertReview,
    ],
    [
      'signed-documents',
      '登记息诉罢访承诺书或包案材料 Record a signed commitment or leader package',
      signedDocumentBody,
      recordSignedDocument,
    ],
  ];
  for (const [path, summary, body, fn] of onCase) {
    app.post(
      `/api/cases/:id/mechanisms/${path}`,
      { schema: { tags, summary, params: caseParams, body, response: { 201: changed, ...errorResponses } } },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const out = await fn(ctx, req.params.id, req.body as never);
        const mechanismId = typeof out === 'string' ? out : out.id;
        return reply.status(201).send({ mechanismId, caseVersion: await caseVersion(ctx, req.params.id) });
      },
    );
  }

  const onRecord: [string, string, z.ZodType, Handler][] = [
    ['meetings', '专班会议 Record a task-force meeting', meetingBody, recordTaskForceMeeting],
    ['dissolve', '撤销专班 Dissolve the task force', dissolveBody, dissolveTaskForce],
    ['consents', '当事人同意调解 Record a party’s consent or refusal', consentBody, recordConsent],
    ['sessions', '调解笔录 Record a mediation session', sessionBody, recordSession],
    ['notices', '告知书与承诺书 Record an acknowledged notice', noticeBody, recordNotice],
    [
      'agreement',
      '调解协议 Record the mediation agreement (starts the 30-day confirmation window)',
      agreementBody,
      recordAgreement,
    ],
    ['end', '结束调解 End the mediation (case → in_progress)', endMediationBody, finishMediation],
    [
      'judicial-confirmation',
      '申请司法确认 File the joint application for judicial confirmation',
      confirmationBody,
      fileConfirmation,
    ],
    ['ruling', '司法确认裁定 Record the court’s ruling', rulingBody, recordRuling],
    ['payments', '履行情况 Record a payment or performance of the agreement', paymentBody, recordPayment],
    ['hearing-notice', '听证通知 Record the hearing notice', hearingNoticeBody, recordHearingNotice],
    [
      'conclude-hearing',
      '听证结论 Minutes and conclusion (case resumes)',
      concludeHearingBody,
      concludeHearing,
    ],
    ['opinions', '专家意见 An expert records their opinion', expertOpinionBody, recordExpertOpinion],
    [
      'conclude-review',
      '评审结论 Panel opinion (case → delivered or in_progress)',
      concludeExpertReviewBody,
      concludeExpertReview,
    ],
  ];
  for (const [path, summary, body, fn] of onRecord) {
    app.post(
      `/api/cases/:id/mechanisms/:mechanismId/${path}`,
      {
        schema: {
          tags,
          summary,
          params: mechanismParams,
          body,
          response: { 200: changed, ...errorResponses },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        const out = await fn(ctx, req.params.id, req.params.mechanismId, req.body as never);
        const mechanismId = typeof out === 'string' ? out : req.params.mechanismId;
        return { mechanismId, caseVersion: await caseVersion(ctx, req.params.id) };
      },
    );
  }
}
