/**
 * Helpers for the whole-lifecycle story tests (server/src/modules/cases/stories): fresh identities,
 * commands that must succeed, error envelopes, the audit check limited to the test's own cases, and
 * the walk of a matter through 复查 and 复核 to termination.
 */
import { expect } from 'vitest';
import { idCheckChar } from '../../../common/src/id-number.js';
import { addDays } from '../modules/calendar/iso-date.js';
import { today } from '../modules/cases/case-clock.js';
import { type ChainBreak, verifyAll } from '../modules/cases/case-events.js';
import { cmd, expectOk } from './case-factories.js';
import type { Client, Res } from './test-app.js';
import { testDatabase } from './test-db.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely.
export type Json = Record<string, any>;

export async function testDb() {
  return (await testDatabase()).db;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const rand = (n: number) => Math.floor(Math.random() * n);

/**
 * A valid resident ID number nobody else in the shared test database is likely to hold (random
 * birth date and sequence under a region code the other tests do not use), so history look-ups and
 * terminated-matter warnings only find this test's cases.
 */
export function freshIdNumber(): string {
  const first17 = `330106${1950 + rand(50)}${pad(1 + rand(12), 2)}${pad(1 + rand(28), 2)}${pad(rand(1000), 3)}`;
  return first17 + idCheckChar(first17);
}

/** The same number with a wrong check character. */
export function withBadCheckDigit(id: string): string {
  const good = id.slice(-1);
  const bad = '0123456789X'.split('').find((c) => c !== good) ?? '0';
  return id.slice(0, 17) + bad;
}

export function freshPhone(): string {
  return `139${pad(rand(100_000_000), 8)}`;
}

/** A person petitioning, with a fresh ID number and phone. */
export function person(name: string, address = '甲一村5组') {
  return { name, idNumber: freshIdNumber(), phone: freshPhone(), address };
}

/** ISO date `n` days before today in Asia/Shanghai. */
export function daysAgo(n: number): string {
  return addDays(today(), -n);
}

/** A receipt timestamp `n` (≥ 1) days ago, 10:00 Beijing time. */
export function receivedDaysAgo(n: number): string {
  if (n < 1) throw new Error('receivedDaysAgo needs n >= 1 (receipt may not lie in the future)');
  return `${daysAgo(n)}T10:00:00+08:00`;
}

/** Runs a command with the case's current version and expects 200; returns the case detail. */
export async function run(client: Client, id: string, name: string, body: Record<string, unknown> = {}) {
  return (await expectOk(await cmd(client, id, name, body))) as Json;
}

export async function detail(client: Client, id: string): Promise<Json> {
  return (await expectOk(await client.get(`/api/cases/${id}`))) as Json;
}

/** The error envelope of a response, after checking status and code. */
export function expectError(res: Res, status: number, code: string): Json {
  if (res.status !== status || res.body?.error?.code !== code) {
    throw new Error(
      `expected ${status} ${code}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`,
    );
  }
  return res.body.error as Json;
}

/** Paths of the fields a VALIDATION_FAILED names. */
export function fieldPaths(res: Res): string[] {
  return ((res.body?.error?.details ?? []) as { path: string }[]).map((d) => d.path);
}

export async function eventTypes(client: Client, id: string): Promise<string[]> {
  const res = await expectOk(await client.get(`/api/cases/${id}/events`));
  return (res.items as { type: string }[]).map((e) => e.type);
}

export function deadline(c: Json, code: string): Json {
  const d = (c.deadlines as Json[]).find((x) => x.code === code);
  if (!d) throw new Error(`no deadline ${code} on case ${c.caseNo}: ${JSON.stringify(c.deadlines)}`);
  return d;
}

export function ids(res: Res): string[] {
  return ((res.body?.items ?? []) as { id: string }[]).map((x) => x.id);
}

/**
 * Audit breaks of the given cases only. verifyAll scans the whole database, which other test files
 * share (and the tamper tests break on purpose), so every story looks at its own cases.
 */
export async function breaksOf(caseIds: string[]): Promise<ChainBreak[]> {
  const v = await verifyAll(await testDb());
  return v.breaks.filter((b) => caseIds.includes(b.caseId));
}

export async function expectChainIntact(caseIds: string[]): Promise<void> {
  expect(await breaksOf(caseIds)).toEqual([]);
}

export async function accessRows(caseId: string) {
  return (await testDb())
    .selectFrom('personal_data_access')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

/** Issues a support opinion and delivers it on `deliveredOn` (today by default). */
export async function replyAndDeliver(client: Client, id: string, deliveredOn = today()) {
  await run(client, id, 'issue-opinion', {
    outcome: 'support',
    text: '经调查核实，诉求合理，予以支持。',
    legalBasis: '《信访工作条例》第32条',
  });
  return run(client, id, 'deliver', { method: 'in_person', deliveredOn, proof: '送达回证' });
}

/**
 * From `delivered` through 复查 (decided by the parent unit of the handler) and 复核 (by the unit
 * above that) to termination. `town` acts for the petitioner and reviews; `district` rechecks.
 */
export async function reviewRecheckTerminate(
  id: string,
  who: { town: Client; district: Client },
  opts: { hearing?: boolean } = {},
): Promise<Json> {
  const on = today();
  await run(who.town, id, 'request-review', { requestedOn: on, reasons: '对处理意见不服，申请复查' });
  await run(who.town, id, 'start-review');
  await run(who.town, id, 'decide-review', { decision: 'uphold', text: '维持原处理意见。' });
  await run(who.town, id, 'deliver-review', { method: 'in_person', deliveredOn: on, proof: '送达回证' });
  await run(who.town, id, 'request-recheck', { requestedOn: on, reasons: '对复查意见不服，申请复核' });
  await run(who.district, id, 'start-recheck');
  if (opts.hearing) {
    await run(who.district, id, 'start-hearing', { scheduledOn: on });
    await run(who.district, id, 'end-hearing', { conclusion: '听证会认为原意见正确' });
  }
  await run(who.district, id, 'decide-recheck', { decision: 'uphold', text: '维持复查意见。' });
  return run(who.district, id, 'deliver-recheck', {
    method: 'in_person',
    deliveredOn: on,
    proof: '送达回证',
  });
}

/** The 201 answer of a registration (POST /api/cases). */
export async function expectCreated(res: Res): Promise<Json> {
  return (await expectOk(res, 201)) as Json;
}

/**
 * Stories sign several users in (argon2) and the first test of a file migrates its PGlite database;
 * on a loaded machine that exceeds the default 30 s, so story suites allow more.
 */
export const STORY = { timeout: 120_000 } as const;
