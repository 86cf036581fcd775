import { CHANNELS, type Channel } from '../../../../../common/src/cases.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { TtlCache } from '../../../lib/ttl-cache.js';
import { scopeRoots } from '../../../policy/policy.js';
import type { ISODate } from '../../calendar/calendar.types.js';
import { today } from '../../cases/case-clock.js';
import type { Status } from '../../cases/cases.workflow.js';
import { authorizeAreaFigures } from '../dashboard.policy.js';
import { countOpenByColour, countReceived, findUnitPath, topCategoryNames } from '../dashboard.repository.js';
import type { AreaFigures, AreaQuery } from '../dashboard.schemas.js';
import { STATUS_GROUP_OF, STATUS_GROUPS } from '../status-groups.js';

/**
 * The counts of an area read every case of it in the period (a district's year is hundreds of
 * thousands at a million cases), and every leader and clerk of the area opens the same home page:
 * the raw counts are kept half a minute per scope and period. Figures of a whole area half a
 * minute old mislead nobody; authorisation is still checked on every request.
 */
const counts = new TtlCache<
  [Awaited<ReturnType<typeof countReceived>>, Awaited<ReturnType<typeof countOpenByColour>>]
>(30_000, 1000);

/** 'YYYY-MM' of the month `back` months before the month of `date`. */
function monthBefore(date: ISODate, back: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - back;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

/** Every month from the month of `from` to the month of `to`, so empty months show as zero. */
export function monthsBetween(from: ISODate, to: ISODate): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = monthBefore(`${m}-01`, -1)) out.push(m);
  return out;
}

/**
 * 辖区概况: what the actor's area received in the period (by month, first-level category, channel
 * and stage) and how its open cases stand now (by deadline colour). Defaults to the last twelve
 * months, this one included, in Asia/Shanghai dates.
 */
export async function getAreaFigures(ctx: Ctx, q: AreaQuery): Promise<AreaFigures> {
  const { db, actor } = ctx;
  const unit = q.unitId ? ((await findUnitPath(db, q.unitId)) ?? null) : undefined;
  authorizeAreaFigures(actor, unit);
  const asOf = today();
  const to = q.to ?? (q.from && q.from > asOf ? q.from : asOf);
  const from = q.from ?? `${monthBefore(to, 11)}-01`;
  if (from > to) {
    // Only reachable with `to` given alone before the default start; zod checked the pair.
    throw new AppError('VALIDATION_FAILED', [{ path: 'querystring.to', message: '结束日期须晚于开始日期' }]);
  }
  const unitPath = unit?.path;
  // The figures depend on the actor only through the scope roots: users of one area share them.
  const key = JSON.stringify([
    scopeRoots(actor, 'case.read'),
    scopeRoots(actor, 'case.read_confidential'),
    from,
    to,
    unitPath ?? null,
    asOf,
  ]);
  const [received, colours] = await counts.get(key, () =>
    Promise.all([
      countReceived(db, actor, { from, to }, unitPath),
      countOpenByColour(db, actor, asOf, unitPath),
    ]),
  );

  const byMonth = new Map(monthsBetween(from, to).map((m) => [m, 0]));
  const byTop = new Map<string, number>();
  const byChannel = new Map<Channel, number>();
  const byGroup = new Map(STATUS_GROUPS.map((g) => [g, 0]));
  let total = 0;
  for (const r of received) {
    if (r.month !== null) {
      byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.n);
      total += r.n;
    } else if (r.top !== null) byTop.set(r.top, r.n);
    else if (r.channel !== null) byChannel.set(r.channel as Channel, r.n);
    else if (r.status !== null) {
      const g = STATUS_GROUP_OF[r.status as Status];
      byGroup.set(g, (byGroup.get(g) ?? 0) + r.n);
    }
  }
  const names = new Map<string, { name: string; nameEn: string | null }>();
  for (const c of await topCategoryNames(db, [...byTop.keys()])) {
    if (!names.has(c.code)) names.set(c.code, { name: c.name, nameEn: c.name_en });
  }

  return {
    from,
    to,
    asOf,
    unit: unit ? { id: unit.id, name: unit.name } : null,
    received: total,
    openNow: colours.open,
    byMonth: [...byMonth].map(([month, count]) => ({ month, count })),
    byCategory: [...byTop]
      .map(([code, count]) => ({
        code,
        name: names.get(code)?.name ?? code,
        nameEn: names.get(code)?.nameEn ?? null,
        count,
      }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    byColour: {
      red: colours.red,
      yellow: colours.yellow,
      green: colours.open - colours.red - colours.yellow - colours.none,
      none: colours.none,
    },
    byChannel: CHANNELS.filter((c) => byChannel.has(c)).map((channel) => ({
      channel,
      count: byChannel.get(channel) ?? 0,
    })),
    byStatusGroup: STATUS_GROUPS.map((group) => ({ group, count: byGroup.get(group) ?? 0 })),
  };
}
