import type { TFunction } from 'i18next';
// resolution mechanisms
import { mechanismEventSentence } from '../../mechanisms/components/mechanism-event-text';
import type { CaseEvent } from '../api/cases.api';
import type { CaseLabels } from '../hooks/use-case-labels';

/** What a sentence needs beyond the event: names of units and categories the payload refers to by id. */
export interface EventTextContext {
  t: TFunction;
  labels: CaseLabels;
  unitName: (id: string | null | undefined) => string | null;
  categoryName: (code: string | null | undefined) => string;
}

function field(payload: unknown, key: string): unknown {
  return typeof payload === 'object' && payload !== null
    ? (payload as Record<string, unknown>)[key]
    : undefined;
}
function str(payload: unknown, key: string): string {
  const v = field(payload, key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
function bool(payload: unknown, key: string): boolean | undefined {
  const v = field(payload, key);
  return typeof v === 'boolean' ? v : undefined;
}

/**
 * Who did it, as people say it: "赵丽（杏林社区）". Demo and real display names often carry the
 * unit already ("赵丽（杏林社区我来办）"); then the unit is not repeated.
 */
export function actorText(e: CaseEvent, ctx: EventTextContext): string {
  const { t } = ctx;
  if (!e.actor) return t('cases.events.system');
  const name = e.actor.name;
  const unit = e.unit?.name;
  if (!unit || name.includes(unit)) return name;
  return t('cases.events.actorWithUnit', { name, unit });
}

/** A sentence per event type; unknown types (newer servers) fall back to the type name. */
export function eventSentence(e: CaseEvent, ctx: EventTextContext): string {
  const { t, labels } = ctx;
  const p = e.payload;
  const who = actorText(e, ctx);
  const unit = (key: string) => ctx.unitName(str(p, key)) ?? t('cases.events.someUnit');
  const withReason = (text: string) => {
    const reason = str(p, 'reason');
    return reason ? t('cases.events.withReason', { text, reason }) : text;
  };
  const withNote = (text: string) => {
    const note = str(p, 'note');
    return note ? t('cases.events.withReason', { text, reason: note }) : text;
  };
  switch (e.type.replace(/^case\./, '')) {
    case 'registered':
      return t('cases.events.registered', {
        who,
        channel: labels.channel(str(p, 'channel')),
        category: ctx.categoryName(str(p, 'categoryCode')),
        count: Number(field(p, 'personCount') ?? 1),
      });
    case 'triaged':
      return withNote(t('cases.events.triaged', { who }));
    case 'accepted':
      return str(p, 'handleDueOn')
        ? t('cases.events.accepted', { who, due: str(p, 'handleDueOn') })
        : t('cases.events.acceptedNoDue', { who });
    case 'not_accepted':
      return withReason(t('cases.events.notAccepted', { who }));
    case 'not_reaccepted':
      return t('cases.events.notReaccepted', { who, caseNo: str(p, 'terminatedCaseNo') });
    case 'transferred':
      return withReason(t('cases.events.transferred', { who, to: unit('toUnitId') }));
    case 'assigned':
      return t('cases.events.assigned', { who, to: unit('toUnitId'), due: str(p, 'feedbackDueOn') });
    case 'objected':
      return withReason(t('cases.events.objected', { who }));
    case 'objection_decided':
      return withReason(
        t(
          str(p, 'decision') === 'upheld' ? 'cases.events.objectionUpheld' : 'cases.events.objectionRejected',
          {
            who,
          },
        ),
      );
    case 'routed_out':
      return t('cases.events.routedOut', {
        who,
        procedure: str(p, 'procedure'),
        body: str(p, 'competentBody'),
      });
    case 'referred_discipline':
      return bool(p, 'automatic')
        ? t('cases.events.referredAutomatic', { to: unit('toUnitId') })
        : withReason(t('cases.events.referred', { who, to: unit('toUnitId') }));
    case 'merged_as_repeat':
      return t('cases.events.merged', { who, caseNo: str(p, 'openCaseNo') });
    case 'handling_started':
      return withNote(t('cases.events.handlingStarted', { who }));
    case 'escalated':
      return withReason(t('cases.events.escalated', { who, to: unit('toUnitId') }));
    case 'mediation_started':
      return t('cases.events.mediationStarted', {
        who,
        kind: t(
          `cases.options.mediationKind.${str(p, 'kind') || 'people'}` as 'cases.options.mediationKind.people',
        ),
      });
    case 'mediation_ended':
      return t(
        str(p, 'result') === 'agreement'
          ? 'cases.events.mediationAgreement'
          : 'cases.events.mediationNoAgreement',
        { who },
      );
    case 'hearing_started':
      return t('cases.events.hearingStarted', { who, date: str(p, 'scheduledOn') });
    case 'hearing_ended':
      return t('cases.events.hearingEnded', { who, conclusion: str(p, 'conclusion') });
    case 'opinion_issued':
      return t('cases.events.opinionIssued', {
        who,
        outcome: labels.outcome(str(p, 'outcome')),
        basis: str(p, 'legalBasis'),
      });
    case 'opinion_withdrawn':
      return withReason(t('cases.events.opinionWithdrawn', { who }));
    case 'delivered':
      return t(str(p, 'reviewWindowLastDay') ? 'cases.events.delivered' : 'cases.events.deliveredNoWindow', {
        who,
        date: str(p, 'deliveredOn'),
        method: labels.delivery(str(p, 'method')),
        window: str(p, 'reviewWindowLastDay'),
      });
    case 'expert_review_requested':
      return t('cases.events.expertReviewRequested', { who, date: str(p, 'requestedOn') });
    case 'expert_review_concluded':
      return t(bool(p, 'upheld') ? 'cases.events.expertReviewUpheld' : 'cases.events.expertReviewNotUpheld', {
        who,
      });
    case 'review_requested':
      return t('cases.events.reviewRequested', {
        who,
        date: str(p, 'requestedOn'),
        to: unit('reviewUnitId'),
        due: str(p, 'decideDueOn'),
      });
    case 'review_started':
      return t('cases.events.reviewStarted', { who });
    case 'review_decided':
      return t('cases.events.reviewDecided', {
        who,
        decision: t(
          `cases.options.decision.${str(p, 'decision') || 'uphold'}` as 'cases.options.decision.uphold',
        ),
      });
    case 'review_delivered':
      return t('cases.events.reviewDelivered', {
        who,
        date: str(p, 'deliveredOn'),
        method: labels.delivery(str(p, 'method')),
      });
    case 'recheck_requested':
      return t('cases.events.recheckRequested', {
        who,
        date: str(p, 'requestedOn'),
        to: unit('recheckUnitId'),
        due: str(p, 'decideDueOn'),
      });
    case 'recheck_started':
      return t('cases.events.recheckStarted', { who });
    case 'recheck_decided':
      return t('cases.events.recheckDecided', {
        who,
        decision: t(
          `cases.options.decision.${str(p, 'decision') || 'uphold'}` as 'cases.options.decision.uphold',
        ),
      });
    case 'terminated':
      return t('cases.events.terminated', { who, date: str(p, 'deliveredOn') });
    case 'closed':
      return t(
        str(p, 'basis') === 'petitioner_satisfied'
          ? 'cases.events.closedSatisfied'
          : 'cases.events.closedLapsed',
        { who },
      );
    case 'followed_up': {
      const text = t('cases.events.followedUp', {
        who,
        method: labels.followUp(str(p, 'method')),
        satisfaction: labels.satisfaction(str(p, 'satisfaction')),
        resolved: bool(p, 'resolved') ? t('cases.events.resolved') : t('cases.events.unresolved'),
      });
      return bool(p, 'rectification') ? `${text}${t('cases.events.rectification')}` : text;
    }
    case 'reopened':
      return withReason(t('cases.events.reopened', { who }));
    case 'archived':
      return t('cases.events.archived', { who });
    case 'extended':
      return withReason(t('cases.events.extended', { who, days: str(p, 'days'), due: str(p, 'newDueOn') }));
    case 'whistle_blown': {
      const tasks = field(p, 'tasks');
      const names = Array.isArray(tasks)
        ? tasks.map((task) => ctx.unitName(str(task, 'unitId')) ?? t('cases.events.someUnit'))
        : [];
      return t('cases.events.whistleBlown', { who, units: names.join(t('cases.events.listSeparator')) });
    }
    case 'leader_attached':
      return t('cases.events.leaderAttached', {
        who,
        handler: str(p, 'handlerName'),
        deadline: str(p, 'deadline'),
      });
    case 'progress_reported':
      return t('cases.events.progressReported', { who, text: str(p, 'text') });
    case 'receipt_confirmed':
      return t('cases.events.receiptConfirmed', { who, date: str(p, 'confirmedOn') });
    case 'supervision_raised':
      return withReason(
        t('cases.events.supervisionRaised', {
          who,
          tier: t(`cases.options.tier.${str(p, 'tier') || 'normal'}` as 'cases.options.tier.normal'),
          to: unit('targetUnitId'),
          due: str(p, 'dueOn'),
        }),
      );
    case 'supervision_replied':
      return t('cases.events.supervisionReplied', { who });
    case 'assignment_reported':
      return t(bool(p, 'onTime') === false ? 'cases.events.reportedLate' : 'cases.events.reported', { who });
    case 'assignment_feedback':
      return t('cases.events.feedback', { who, text: str(p, 'text') });
    case 'assignment_objected':
      return withReason(t('cases.events.taskObjected', { who }));
    case 'assignment_objection_decided':
      return withReason(
        t(
          str(p, 'decision') === 'upheld'
            ? 'cases.events.taskObjectionUpheld'
            : 'cases.events.taskObjectionRejected',
          {
            who,
          },
        ),
      );
    case 'attachment_added':
      return t('cases.events.attachmentAdded', { who, name: str(p, 'name') || str(p, 'url') });
    // documents
    case 'document_issued': {
      const docNo = str(p, 'docNo');
      return t('documents.events.issued', {
        who,
        title: str(p, 'title'),
        docNo: docNo ? `（${docNo}）` : '',
      });
    }
    // ---- community: 三事分流 ----
    case 'matter_scope_set':
      return t('community.scope.event', {
        who,
        from: t(`community.scope.short.${str(p, 'from') || 'big'}` as 'community.scope.short.big'),
        to: t(`community.scope.short.${str(p, 'to') || 'big'}` as 'community.scope.short.big'),
        reason: str(p, 'reason'),
      });
    default:
      return (
        // resolution mechanisms (features/mechanisms)
        mechanismEventSentence(e.type.replace(/^case\./, ''), p, who, t) ??
        t('cases.events.unknown', { who, type: e.type })
      );
  }
}
