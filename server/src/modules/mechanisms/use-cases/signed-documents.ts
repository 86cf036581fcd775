import type { z } from 'zod';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { insertMechanism, requireAttachment } from '../mechanisms.repository.js';
import type { signedDocumentBody } from '../mechanisms.schemas.js';
import { recordStep } from '../record-step.js';

/**
 * 息诉罢访承诺书 and the signed 包案 paper: a record with who signed, when, a summary, and the scanned
 * signed document (a case attachment). The 包案 four fixes themselves stay with the case's
 * `attach-leader` action; this keeps the paper.
 */
export async function recordSignedDocument(ctx: Ctx, caseId: string, b: z.infer<typeof signedDocumentBody>) {
  let id = '';
  await recordStep(ctx, caseId, {
    event: b.kind === 'commitment' ? 'case.commitment_signed' : 'case.leader_package_signed',
    apply: async (s) => {
      if (b.signedOn > s.today) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.signedOn', message: '日期不能晚于今天' }]);
      }
      await requireAttachment(s.trx, caseId, b.attachmentId, 'body.attachmentId');
      id = await insertMechanism(s.trx, {
        caseId,
        kind: b.kind,
        status: 'concluded',
        outcome: 'signed',
        details: { signedOn: b.signedOn, signedBy: b.signedBy, summary: b.summary },
        attachmentId: b.attachmentId,
        createdBy: ctx.actor.userId,
      });
      return { mechanismId: id, signedOn: b.signedOn, attachmentId: b.attachmentId };
    },
  });
  return id;
}
