import { normalizeIdNumber } from '../../../../../common/src/id-number.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { fieldCryptoFor, normalizePhone } from '../../../lib/field-crypto.js';
import { keywords } from '../../../lib/zh-tokenize.js';
import { findCaseInScope } from '../../cases/cases.repository.js';
import { matterFingerprint } from '../../cases/fingerprint.js';
import { candidateRows, casesAtAddress, casesOfPersons, casesWithKeywords } from '../search.repository.js';
import type { DuplicateInput } from '../search.schemas.js';
import { bigrams, jaccard, matterTokens, scoreCandidate, THRESHOLDS } from '../similarity.js';

const TERMINATED = ['terminated', 'followed_up', 'archived'];
const MAX_SHOWN = 10;

interface Probe {
  title: string;
  facts: string;
  demands: string;
  reasons?: string | null | undefined;
  address: string;
  categoryCode?: string | undefined;
  /** Every stored blind-index form of the persons' ID numbers and phones. */
  hmacs: string[];
  /** One current blind index per person (as the matter fingerprint is computed at termination). */
  identities: string[];
  excludeId: string | null;
  /** Only cases received before this moment (for an already registered case). */
  before: Date | null;
}

/**
 * 重复件识别: earlier cases in the actor's jurisdiction that may be the same matter, each with its
 * reasons (same person by keyed hash, same address, similar text, a terminated matter with the same
 * facts and reasons). It proposes; the clerk decides (link as repeat, cite the terminated matter,
 * or confirm as new).
 */
async function suggest(ctx: Ctx, p: Probe) {
  const started = performance.now();
  const since = new Date(Date.now() - THRESHOLDS.windowDays * 86_400_000);
  const text = [p.title, p.facts, p.demands].join('\n');
  const words = keywords(text, 6);
  const [byPerson, byText, byAddress] = await Promise.all([
    casesOfPersons(ctx.db, ctx.actor, p.hmacs, since, p.excludeId),
    casesWithKeywords(ctx.db, ctx.actor, words, since, p.excludeId),
    casesAtAddress(ctx.db, ctx.actor, p.address, since, p.excludeId),
  ]);
  const samePerson = new Set(byPerson);
  const rows = await candidateRows(ctx.db, [...new Set([...byPerson, ...byText, ...byAddress])]);
  const mine = matterTokens(p);
  const myAddress = bigrams(p.address);
  const fingerprint =
    p.categoryCode && p.identities.length
      ? matterFingerprint({
          categoryCode: p.categoryCode,
          identities: p.identities,
          facts: p.facts,
          reasons: p.reasons,
        })
      : null;
  const items = [];
  for (const r of rows) {
    if (p.before && r.received_at > p.before) continue;
    const isTerminated = !!r.terminated_at && TERMINATED.includes(r.status);
    const textScore = jaccard(mine, matterTokens(r));
    const scored = scoreCandidate({
      samePerson: samePerson.has(r.id),
      addressScore: p.address ? jaccard(myAddress, bigrams(r.address)) : 0,
      textScore,
      terminatedSameFacts:
        isTerminated &&
        ((!!fingerprint && r.fingerprint === fingerprint) ||
          (samePerson.has(r.id) && textScore >= THRESHOLDS.nearIdentical)),
    });
    if (!scored) continue;
    items.push({
      id: r.id,
      caseNo: r.case_no,
      title: r.title,
      status: r.status,
      isOpen: r.is_open,
      isTerminated,
      receivedAt: new Date(r.received_at).toISOString(),
      ownerUnit: { id: r.owner_unit_id, name: r.owner_unit_name },
      address: r.address,
      score: scored.score,
      reasons: scored.reasons,
      canLinkAsRepeat: r.is_open,
      canCiteTerminated: isTerminated,
    });
  }
  items.sort((a, b) => b.score - a.score || b.receivedAt.localeCompare(a.receivedAt));
  return {
    items: items.slice(0, MAX_SHOWN),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** Candidates for a petition being registered (the intake form, before it is saved). */
export function suggestDuplicates(ctx: Ctx, input: DuplicateInput) {
  const fc = fieldCryptoFor(ctx.config);
  const hmacs: string[] = [];
  const identities: string[] = [];
  for (const person of input.persons) {
    const id = person.idNumber ? (normalizeIdNumber(person.idNumber) ?? person.idNumber.toUpperCase()) : null;
    const phone = person.phone ? normalizePhone(person.phone) : null;
    if (id) hmacs.push(...fc.blindIndexes(id));
    if (phone) hmacs.push(...fc.blindIndexes(phone));
    const identity = id ?? phone;
    if (identity) identities.push(fc.blindIndex(identity));
  }
  return suggest(ctx, {
    title: input.title,
    facts: input.facts,
    demands: input.demands,
    reasons: input.reasons,
    address: input.address,
    categoryCode: input.categoryCode,
    hmacs,
    identities,
    excludeId: null,
    before: null,
  });
}

/**
 * Candidates for a case already registered (a portal, Open311 or ledger intake the clerk now
 * triages): earlier cases only. Out of scope answers 404.
 */
export async function suggestDuplicatesOfCase(ctx: Ctx, caseId: string) {
  const c = await findCaseInScope(ctx.db, ctx.actor, caseId);
  if (!c) throw new AppError('NOT_FOUND');
  const parties = await ctx.db
    .selectFrom('case_parties')
    .select(['role', 'id_number_hmac', 'phone_hmac'])
    .where('case_id', '=', caseId)
    .execute();
  const hmacs = parties.flatMap((x) => [x.id_number_hmac, x.phone_hmac]).filter((x): x is string => !!x);
  const identities = parties
    .filter((x) => x.role === 'petitioner')
    .map((x) => x.id_number_hmac ?? x.phone_hmac)
    .filter((x): x is string => !!x);
  return suggest(ctx, {
    title: c.title,
    facts: c.facts,
    demands: c.demands,
    reasons: c.reasons,
    address: c.address,
    categoryCode: c.category_code,
    hmacs,
    identities,
    excludeId: c.id,
    before: new Date(c.received_at),
  });
}
