/**
 * The document kinds of DOMAIN.md §5.3 that Laiban generates.
 *
 * Lifecycle documents take their fields from the case record and may only be issued once the case
 * has reached the step they report (`requires`: an event of that type must be on the record).
 * Mechanism documents (mediation, judicial confirmation, hearing, expert review, commitment) take
 * their fields from the request; the mechanism records will fill them later.
 */
export const DOCUMENT_KINDS = [
  'acceptance_notice',
  'rejection_notice',
  'non_reacceptance_notice',
  'transfer_slip',
  'extension_notice',
  'handling_opinion',
  'review_opinion',
  'recheck_opinion',
  'supervision_order',
  'mediation_agreement',
  'judicial_confirmation_application',
  'false_mediation_notice',
  'judicial_confirmation_undertaking',
  'hearing_notice',
  'expert_review_opinion',
  'petition_closure_commitment',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface KindSpec {
  /** 'case': fields from the case record; 'request': the issuer supplies them. */
  source: 'case' | 'request';
  /** One of these events must be on the case record before the document can be issued. */
  requires?: readonly `case.${string}`[];
  /** Issuing it needs `case.supervise` over the handling unit (the 督办单), else handling rights. */
  supervise?: boolean;
}

export const KIND_SPECS: Record<DocumentKind, KindSpec> = {
  acceptance_notice: { source: 'case', requires: ['case.accepted'] },
  rejection_notice: { source: 'case', requires: ['case.not_accepted'] },
  non_reacceptance_notice: { source: 'case', requires: ['case.not_reaccepted'] },
  transfer_slip: { source: 'case', requires: ['case.transferred', 'case.assigned'] },
  extension_notice: { source: 'case', requires: ['case.extended'] },
  handling_opinion: { source: 'case', requires: ['case.opinion_issued'] },
  review_opinion: { source: 'case', requires: ['case.review_decided'] },
  recheck_opinion: { source: 'case', requires: ['case.recheck_decided'] },
  supervision_order: { source: 'case', requires: ['case.supervision_raised'], supervise: true },
  mediation_agreement: { source: 'request' },
  judicial_confirmation_application: { source: 'request' },
  false_mediation_notice: { source: 'request' },
  judicial_confirmation_undertaking: { source: 'request' },
  hearing_notice: { source: 'request' },
  expert_review_opinion: { source: 'request' },
  petition_closure_commitment: { source: 'request' },
};

/** Field names that carry the petitioner's or reporter's identity (redacted in copies for other units). */
export const IDENTITY_FIELDS = [
  'petitionerNames',
  'partiesInfo',
  'parties',
  'applicants',
  'contactPhone',
] as const;

export const REDACTED = '（检举人身份信息已隐去）';

/** Documents addressed to other units (the forward packet): for accusations, without the reporter. */
export const FORWARDED_KINDS: readonly DocumentKind[] = ['transfer_slip', 'supervision_order'];
