import type { Ctx } from '../../../http/context.js';
import { tokenize } from '../../../lib/zh-tokenize.js';
import { hasHit, segmentsOf, snippetOf } from '../highlight.js';
import { RANK_WINDOW, searchCases } from '../search.repository.js';
import type { SearchQuery } from '../search.schemas.js';

function replyText(opinion: unknown): string {
  const o = opinion as { text?: unknown } | null;
  return typeof o?.text === 'string' ? o.text : '';
}

/**
 * 检索: Chinese full-text search over the cases the actor may read (caseScope: a sealed accusation
 * is found only by holders of case.read_confidential), with filters, relevance or date order and
 * highlighted runs. The query is cut by the same tokenizer as the index.
 */
export async function searchCasesUseCase(ctx: Ctx, q: SearchQuery) {
  const started = performance.now();
  const tokens = [...new Set(tokenize(q.q))].slice(0, 12);
  // The raw text, as a substring of title or address, when long enough for trigrams.
  const raw = q.q.replace(/\s+/g, ' ').trim();
  const substring = [...raw].length >= 3 ? raw : null;
  const { rows, total } = await searchCases(ctx.db, ctx.actor, {
    tokens,
    substring,
    filters: {
      isOpen: q.open === undefined ? undefined : q.open === 'true',
      categoryCode: q.categoryCode,
      channel: q.channel,
      riskColour: q.riskColour,
      from: q.from,
      to: q.to,
    },
    sort: q.sort,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const terms = [...tokens, ...(substring ? [substring] : [])];
  const items = rows.map((r) => {
    const reply = replyText(r.opinion);
    const sources = [
      ['facts', r.facts],
      ['demands', r.demands],
      ['address', r.address],
      ['opinion', reply],
    ] as const;
    const [field, text] = sources.find(([, t]) => t && hasHit(t, terms)) ?? sources[0];
    return {
      id: r.id,
      caseNo: r.case_no,
      title: r.title,
      status: r.status,
      isOpen: r.is_open,
      channel: r.channel,
      categoryCode: r.category_code,
      riskColour: r.risk_colour,
      receivedAt: new Date(r.received_at).toISOString(),
      ownerUnit: { id: r.owner_unit_id, name: r.owner_unit_name },
      address: r.address,
      score: Math.round(Number(r.rank) * 1000) / 1000,
      highlights: { title: segmentsOf(r.title, terms), field, snippet: snippetOf(text, terms) },
    };
  });
  return {
    items,
    total,
    totalCap: RANK_WINDOW,
    page: q.page,
    pageSize: q.pageSize,
    terms,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
