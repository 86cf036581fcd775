/**
 * Publishing a new version of a deadline profile (DOMAIN.md §0: every number is versioned
 * configuration). Old versions are never edited: deadlines already running keep the profile code and
 * version they were computed with, and a new clock started on or after `validFrom` uses the new one.
 */
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { invalidateProfiles, PETITIONER_WINDOWS, today } from '../../cases/case-clock.js';
import { insertProfileVersion, lockProfileCode, recordProfileEvent } from '../calendar.repository.js';
import { authorizePublishProfile } from '../deadline-profiles.policy.js';
import type { ruleChange } from '../deadline-profiles.schemas.js';
import {
  type DeadlineProfile,
  type DeadlineRule,
  deadlineProfileSchema,
  NATIONAL_PROFILE,
} from '../deadline-rules.js';
import { profileVersionsByCode } from './deadline-profile-versions.js';

export interface PublishVersionInput {
  validFrom: string;
  name?: string | undefined;
  note: string;
  warnRatio: number;
  warnDays: number;
  rules: (typeof ruleChange._output)[];
}

interface FieldIssue {
  path: string;
  message: string;
}

function validationFailed(issues: FieldIssue[]): AppError {
  const paths = issues.map((i) => i.path);
  return new AppError('VALIDATION_FAILED', issues, {
    zh: `以下内容有误，请检查：${paths.join('、')}`,
    en: `Some fields are invalid: ${paths.join(', ')}`,
  });
}

/**
 * What local configuration may not do to a rule of the 《信访工作条例》 (deadline-rules.ts: local
 * profiles only shorten statutory periods): lengthen an organ's period or its extension cap, change
 * calendar days into working days, or change a petitioner's statutory window at all, since that
 * window is the petitioner's right and not the organ's workload.
 */
function statutoryIssues(change: PublishVersionInput['rules'][number], at: string): FieldIssue[] {
  const law: DeadlineRule | undefined = NATIONAL_PROFILE.rules[change.code];
  if (!law || law.isLocalPractice || law.canOverridePeriod) return [];
  const issues: FieldIssue[] = [];
  if (change.unit !== law.unit)
    issues.push({ path: `${at}.unit`, message: `法定期限的计日方式不能改变（${law.basis}）` });
  if (PETITIONER_WINDOWS.has(change.code)) {
    if (change.period !== law.period)
      issues.push({
        path: `${at}.period`,
        message: `申请人的法定申请期限为${law.period}日，不能由本地配置改变（${law.basis}）`,
      });
  } else if (change.period > law.period) {
    issues.push({ path: `${at}.period`, message: `不得长于法定期限${law.period}日（${law.basis}）` });
  }
  if (change.extensionCapDays > law.extensionCapDays)
    issues.push({
      path: `${at}.extensionCapDays`,
      message:
        law.extensionCapDays === 0
          ? `该期限依法不能延期（${law.basis}）`
          : `延期不得超过法定的${law.extensionCapDays}日（${law.basis}）`,
    });
  return issues;
}

/**
 * Stores version N+1 of profile `code`: the latest version with the given numbers changed.
 *
 * @throws FORBIDDEN unless the actor administers a root of the organisation tree; NOT_FOUND for an
 *   unknown profile; VALIDATION_FAILED naming every offending field (a date in the past or before the
 *   latest version's, an unknown rule, a statutory limit exceeded, a working-day rule set pausable).
 */
export async function publishProfileVersion(
  ctx: Ctx,
  code: string,
  input: PublishVersionInput,
): Promise<{ code: string; version: number; validFrom: string }> {
  authorizePublishProfile(ctx.actor);
  const published = await ctx.db.transaction().execute(async (trx) => {
    await lockProfileCode(trx, code);
    const versions = (await profileVersionsByCode(trx)).get(code) ?? [];
    const latest = versions[versions.length - 1]?.profile;
    if (!latest) throw new AppError('NOT_FOUND');

    const issues: FieldIssue[] = [];
    // A version reaching into the past would change which rules a clock "should" have used.
    if (input.validFrom < today()) issues.push({ path: 'body.validFrom', message: '生效日期不得早于今天' });
    else if (input.validFrom < latest.validFrom)
      issues.push({
        path: 'body.validFrom',
        message: `生效日期不得早于第${latest.version}版的生效日期${latest.validFrom}`,
      });
    const rules: Record<string, DeadlineRule> = { ...latest.rules };
    const seen = new Set<string>();
    input.rules.forEach((change, i) => {
      const at = `body.rules.${i}`;
      const base = latest.rules[change.code];
      if (!base || seen.has(change.code)) {
        issues.push({
          path: `${at}.code`,
          message: base ? '同一期限规则重复提交' : '该配置中没有这项期限规则',
        });
        return;
      }
      seen.add(change.code);
      issues.push(...statutoryIssues(change, at));
      if (change.pausable && change.unit === 'working_days')
        issues.push({ path: `${at}.pausable`, message: '按工作日计算的期限不能中止计算' });
      rules[change.code] = { ...base, ...change };
    });
    if (issues.length) throw validationFailed(issues);

    const candidate: DeadlineProfile = {
      ...latest,
      name: input.name ?? latest.name,
      version: latest.version + 1,
      validFrom: input.validFrom,
      warnRatio: input.warnRatio,
      warnDays: input.warnDays,
      rules,
    };
    // The same schema that guards the presets guards a published version, field by field.
    const parsed = deadlineProfileSchema.safeParse(candidate);
    if (!parsed.success)
      throw validationFailed(
        parsed.error.issues.map((iss) => ({ path: `body.${iss.path.join('.')}`, message: iss.message })),
      );
    const id = await insertProfileVersion(trx, parsed.data, { userId: ctx.actor.userId, note: input.note });
    await recordProfileEvent(trx, {
      actor: ctx.actor,
      type: 'deadline_profile.version_published',
      entityType: 'deadline_profile',
      entityId: id,
      payload: {
        code,
        version: parsed.data.version,
        previousVersion: latest.version,
        validFrom: parsed.data.validFrom,
        note: input.note,
        rules: input.rules,
        warnRatio: input.warnRatio,
        warnDays: input.warnDays,
      },
      requestId: ctx.requestId,
    });
    return { code, version: parsed.data.version, validFrom: parsed.data.validFrom };
  });
  // Cached unit profiles would keep the old version for up to a minute in this process.
  invalidateProfiles();
  return published;
}
