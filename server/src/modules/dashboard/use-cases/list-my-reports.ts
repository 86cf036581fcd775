import type { Ctx } from '../../../http/context.js';
import { STATUS_LABELS, type Status } from '../../cases/cases.workflow.js';
import { authorizeMyReports } from '../dashboard.policy.js';
import { listRegisteredBy } from '../dashboard.repository.js';

/** 我的上报: the matters the actor registered (a grid worker's reports), newest first. */
export async function listMyReports(ctx: Ctx, limit: number) {
  authorizeMyReports(ctx.actor);
  const rows = await listRegisteredBy(ctx.db, ctx.actor, limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      caseNo: r.case_no,
      title: r.title,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status as Status],
      receivedAt: r.received_at.toISOString(),
      address: r.address,
      hasLocation: r.latitude !== null,
      attachmentCount: r.attachment_count ?? 0,
    })),
  };
}
