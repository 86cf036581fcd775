/**
 * Deadline rules as versioned configuration.
 *
 * DOMAIN.md §0: "store every number in this document (deadlines, thresholds, weights) as versioned
 * configuration, never as a code constant. Local practice overrides national defaults, and the
 * rules change over time." So a rule is data (`DeadlineRule`), rules come in a versioned
 * `DeadlineProfile` with the date it applies from, and a local profile is a partial override merged
 * onto the national one with `resolveProfile`. A deadline row should record the profile code and
 * version it was computed with, so a later change of configuration never rewrites an old deadline.
 *
 * The national profile is the master deadline table of DOMAIN.md §1.7, 《信访工作条例》 (2022, in
 * force 2022-05-01). Counting follows DOMAIN.md §2.1: a bare "日" is a calendar day; only 第23条第3款
 * says "5个工作日". `isVerified: false` marks rules whose source DOMAIN.md rates [3P] or
 * "(from memory, verify)", and `isLocalPractice` marks rules that are site practice rather than law,
 * so the UI can say so next to the date and nobody cites them as statute in a notice.
 *
 * The local profiles are the presets of DOMAIN.md §1.13:
 * - 昌邑 群众诉求接待服务中心: reply within 15 days (D_CHANGYI_REPLY of §1.7, applied here as the
 *   profile's D_HANDLE), expert review requested within 5 days after the reply is delivered
 *   (D_CHANGYI_EXPERT_REQ, here D_EXPERT_REVIEW_WINDOW), panel of at least 5 experts.
 * - 大连中山: general matters concluded within 15 days. This figure comes from the project brief;
 *   DOMAIN.md §1.13 lists only the 区—街道—社区 ladder for 中山, so the rule is marked unverified.
 * Both only shorten the statutory 60 days, which local practice may do; neither lengthens a
 * statutory period.
 */
import { z } from 'zod';
import type { ISODate } from './calendar.types.js';
import { isISODate } from './iso-date.js';

export type DayUnit = 'calendar_days' | 'working_days';

export interface DeadlineRule {
  /** Stable id, e.g. 'D_HANDLE' (DOMAIN.md §1.7). */
  code: string;
  labelZh: string;
  labelEn: string;
  /** The case event whose date starts the clock, e.g. 'case.accepted'. */
  trigger: string;
  /** Days in `unit`; for rules with `canOverridePeriod` the default when the case sets none. */
  period: number;
  unit: DayUnit;
  /** Move an end date that falls on a rest day to the next workday (民法典 第203条 analogy). */
  rollForward: boolean;
  /** Time may be excluded from the period (复核 hearing, 第36条). Calendar-day rules only. */
  pausable: boolean;
  /** Most days an extension may add; 0 = no extension. */
  extensionCapDays: number;
  /** Legal basis as it may be printed, e.g. 《信访工作条例》第34条. */
  basis: string;
  /** The period is set per case (交办 / 督办 deadlines); `period` is only the default. */
  canOverridePeriod: boolean;
  /** Site practice or a local default, not a statutory period. */
  isLocalPractice: boolean;
  /** False where the source is third-party or from memory (DOMAIN.md [3P] / "verify"). */
  isVerified: boolean;
}

/** Extra numbers a local model needs besides deadlines. */
export interface ProfileParams {
  /** 昌邑 expert review: least number of experts on a panel. */
  expertPanelMin?: number;
}

export interface DeadlineProfile {
  code: string;
  name: string;
  version: number;
  validFrom: ISODate;
  rules: Record<string, DeadlineRule>;
  /** Yellow when at most this share of the period is left (default 0.2). */
  warnRatio: number;
  /** Yellow when at most this many days are left (default 3). */
  warnDays: number;
  params: ProfileParams;
  /** The profile this one was resolved from, null for a base profile. */
  basedOn: { code: string; version: number } | null;
}

/** A local profile: its own identity, and only what differs from the base. */
export interface DeadlineProfileOverride {
  code: string;
  name: string;
  version: number;
  validFrom: ISODate;
  /** A patch for an existing rule, or a complete rule for a new one. */
  rules?: Record<string, Partial<DeadlineRule>>;
  warnRatio?: number;
  warnDays?: number;
  params?: ProfileParams;
}

const isoDateSchema = z.string().refine(isISODate, { message: 'Expected a date YYYY-MM-DD' });
const dayCount = z.number().int().min(0).max(3660);

export const deadlineRuleSchema = z
  .object({
    code: z.string().regex(/^D_[A-Z0-9_]+$/),
    labelZh: z.string().min(1),
    labelEn: z.string().min(1),
    trigger: z.string().min(1),
    period: dayCount.min(1),
    unit: z.enum(['calendar_days', 'working_days']),
    rollForward: z.boolean(),
    pausable: z.boolean(),
    extensionCapDays: dayCount,
    basis: z.string().min(1),
    canOverridePeriod: z.boolean(),
    isLocalPractice: z.boolean(),
    isVerified: z.boolean(),
  })
  .refine((r) => !(r.pausable && r.unit === 'working_days'), {
    // Pause intervals are measured in calendar days (pausedDaysBetween); adding them to a working-day
    // count would mix units, and no rule in DOMAIN.md needs it.
    message: 'Only calendar-day rules can be pausable',
    path: ['pausable'],
  }) satisfies z.ZodType<DeadlineRule>;

export const deadlineProfileSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    version: z.number().int().min(1),
    validFrom: isoDateSchema,
    rules: z.record(z.string(), deadlineRuleSchema),
    warnRatio: z.number().min(0).max(1).default(0.2),
    warnDays: dayCount.default(3),
    params: z.object({ expertPanelMin: z.number().int().min(1).optional() }).default({}),
    basedOn: z
      .object({ code: z.string(), version: z.number().int().min(1) })
      .nullable()
      .default(null),
  })
  .superRefine((p, ctx) => {
    for (const [key, rule] of Object.entries(p.rules)) {
      if (rule.code !== key) {
        ctx.addIssue({
          code: 'custom',
          message: `Rule key ${key} differs from its code ${rule.code}`,
          path: ['rules', key],
        });
      }
    }
  }) satisfies z.ZodType<DeadlineProfile>;

const TIAOLI = '《信访工作条例》';

/** A statutory calendar-day rule: rolls forward, no pause, no extension unless stated. */
function statutory(
  r: Pick<DeadlineRule, 'code' | 'labelZh' | 'labelEn' | 'trigger' | 'period' | 'basis'> &
    Partial<DeadlineRule>,
): DeadlineRule {
  return {
    unit: 'calendar_days',
    rollForward: true,
    pausable: false,
    extensionCapDays: 0,
    canOverridePeriod: false,
    isLocalPractice: false,
    isVerified: true,
    ...r,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function byCode(rules: DeadlineRule[]): Record<string, DeadlineRule> {
  return Object.fromEntries(rules.map((r) => [r.code, r]));
}

/** DOMAIN.md §1.7 master deadline table, 《信访工作条例》 (2022). */
export const NATIONAL_PROFILE: DeadlineProfile = deepFreeze(
  deadlineProfileSchema.parse({
    code: 'national-2022',
    name: '全国默认（《信访工作条例》2022）',
    version: 1,
    validFrom: '2022-05-01',
    warnRatio: 0.2,
    warnDays: 3,
    params: {},
    basedOn: null,
    rules: byCode([
      statutory({
        code: 'D_BUREAU_DISPOSE',
        labelZh: '信访部门登记转送交办期限',
        labelEn: 'Petition bureau: register, then transfer or assign',
        trigger: 'case.received',
        period: 15,
        basis: `${TIAOLI}第22条`,
      }),
      statutory({
        code: 'D_NOTIFY_DIRECT',
        labelZh: '书面告知期限（直接提出的信访事项）',
        labelEn: 'Written notice of receipt (matter submitted directly)',
        trigger: 'case.received',
        period: 15,
        // 当场书面告知 where possible; 15 days is the outer limit. Exempt when 姓名/住址不清.
        basis: `${TIAOLI}第23条第2款`,
      }),
      statutory({
        code: 'D_NOTIFY_TRANSFERRED',
        labelZh: '书面告知期限（转送、交办的信访事项）',
        labelEn: 'Written notice of receipt (transferred or assigned matter)',
        trigger: 'case.received_by_transfer',
        period: 15,
        basis: `${TIAOLI}第23条第3款`,
      }),
      statutory({
        code: 'D_OBJECTION',
        labelZh: '转送交办异议期限',
        labelEn: 'Objection to a transferred or assigned matter outside competence',
        trigger: 'case.received_by_transfer',
        period: 5,
        // The only "工作日" period of the 条例 (DOMAIN.md §2.1).
        unit: 'working_days',
        basis: `${TIAOLI}第23条第3款（5个工作日）`,
      }),
      statutory({
        code: 'D_ASSIGNED_FEEDBACK',
        labelZh: '交办事项反馈期限',
        labelEn: 'Report back on an assigned matter (办结报告)',
        trigger: 'case.assigned',
        // The assigning bureau sets the period on each 交办单; 15 is only the form's default.
        period: 15,
        canOverridePeriod: true,
        basis: `${TIAOLI}第22条第1款第3项（期限由交办机关指定）`,
      }),
      statutory({
        code: 'D_HANDLE',
        labelZh: '办结期限',
        labelEn: 'Conclude the matter',
        trigger: 'case.accepted',
        period: 60,
        // Head of the organ may extend by at most 30 days, and must tell the petitioner why.
        extensionCapDays: 30,
        basis: `${TIAOLI}第34条`,
      }),
      statutory({
        code: 'D_REVIEW_WINDOW',
        labelZh: '申请复查期限',
        labelEn: 'Window to request a review (复查)',
        trigger: 'case.opinion_delivered',
        period: 30,
        basis: `${TIAOLI}第35条`,
      }),
      statutory({
        code: 'D_REVIEW_DECIDE',
        labelZh: '复查办理期限',
        labelEn: 'Decide the review (复查意见)',
        trigger: 'case.review_requested',
        period: 30,
        basis: `${TIAOLI}第35条`,
      }),
      statutory({
        code: 'D_RECHECK_WINDOW',
        labelZh: '申请复核期限',
        labelEn: 'Window to request a re-examination (复核)',
        trigger: 'case.review_delivered',
        period: 30,
        basis: `${TIAOLI}第36条`,
      }),
      statutory({
        code: 'D_RECHECK_DECIDE',
        labelZh: '复核办理期限',
        labelEn: 'Decide the re-examination (复核意见)',
        trigger: 'case.recheck_requested',
        period: 30,
        // 听证所需时间不计算在前款规定的期限内.
        pausable: true,
        basis: `${TIAOLI}第36条（听证时间不计入）`,
      }),
      statutory({
        code: 'D_JUDICIAL_CONFIRM_WINDOW',
        labelZh: '申请司法确认期限',
        labelEn: 'Window to apply jointly for judicial confirmation',
        trigger: 'case.agreement_effective',
        period: 30,
        basis: '《人民调解法》第33条；《民事诉讼法》第205条',
      }),
      statutory({
        code: 'D_COURT_CONFIRM',
        labelZh: '法院司法确认审查期限',
        labelEn: 'Court decides on judicial confirmation',
        trigger: 'case.confirmation_filed',
        period: 30,
        // The court president may extend; that is the court's clock, recorded from its ruling rather
        // than computed here, so no extension cap is configured.
        basis: '《民事诉讼法》第187条',
      }),
      statutory({
        code: 'D_SIMPLE_HANDLE',
        labelZh: '简易办理期限',
        labelEn: 'Simplified handling: issue the handling opinion',
        trigger: 'case.accepted',
        period: 10,
        unit: 'working_days',
        isVerified: false,
        basis: '国家信访局《信访事项简易办理办法（试行）》（10个工作日）',
      }),
      statutory({
        code: 'D_SIMPLE_ACCEPT',
        labelZh: '简易办理受理决定期限',
        labelEn: 'Simplified handling: decide on acceptance',
        trigger: 'case.received',
        period: 3,
        unit: 'working_days',
        isVerified: false,
        basis: '国家信访局《信访事项简易办理办法（试行）》（3个工作日，待核实）',
      }),
      statutory({
        code: 'D_FOLLOW_UP',
        labelZh: '回访期限',
        labelEn: 'Follow-up call after delivery',
        trigger: 'case.opinion_delivered',
        period: 15,
        isLocalPractice: true,
        isVerified: false,
        basis: '地方工作惯例（非法定期限）',
      }),
      statutory({
        code: 'D_SUPERVISION_REPLY',
        labelZh: '督办回复期限',
        labelEn: 'Reply to a supervision order (督办单)',
        trigger: 'case.supervision_issued',
        period: 5,
        unit: 'working_days',
        // 第40条 requires written feedback but sets no period (the 2005 条例 had 30 days); each 督办单
        // may set its own, 5 working days is the local default.
        canOverridePeriod: true,
        isLocalPractice: true,
        isVerified: false,
        basis: `${TIAOLI}第40条（未规定期限，默认值为本地配置）`,
      }),
    ]),
  }),
);

/** 昌邑 群众诉求接待服务中心 (DOMAIN.md §1.13 and §1.7 D_CHANGYI_*). */
export const CHANGYI_OVERRIDE: DeadlineProfileOverride = deepFreeze({
  code: 'changyi',
  name: '昌邑群众诉求接待服务中心',
  version: 1,
  // The site's adoption date is not known; the preset applies from the national rules' start.
  validFrom: '2022-05-01',
  params: { expertPanelMin: 5 },
  rules: {
    D_HANDLE: {
      labelZh: '答复期限（昌邑：15日）',
      labelEn: 'Reply to the petitioner (Changyi: 15 days)',
      period: 15,
      isLocalPractice: true,
      basis: '昌邑群众诉求接待服务中心工作规程（受理登记后15日内答复）；法定上限为《信访工作条例》第34条',
    },
    D_EXPERT_REVIEW_WINDOW: {
      code: 'D_EXPERT_REVIEW_WINDOW',
      labelZh: '申请专家评审期限',
      labelEn: 'Window to request an expert review',
      trigger: 'case.opinion_delivered',
      period: 5,
      unit: 'calendar_days',
      rollForward: true,
      pausable: false,
      extensionCapDays: 0,
      canOverridePeriod: false,
      isLocalPractice: true,
      isVerified: true,
      basis: '昌邑群众诉求接待服务中心工作规程（答复后5日内申请专家评审，专家不少于5名）',
    },
  },
});

/** 大连中山 三级联动 (DOMAIN.md §1.13); the 15-day figure is from the brief, not DOMAIN.md. */
export const DALIAN_ZHONGSHAN_OVERRIDE: DeadlineProfileOverride = deepFreeze({
  code: 'dalian-zhongshan',
  name: '大连市中山区三级联动',
  version: 1,
  validFrom: '2022-05-01',
  rules: {
    D_HANDLE: {
      labelZh: '办结期限（中山：一般事项15日）',
      labelEn: 'Conclude the matter (Zhongshan: general matters 15 days)',
      period: 15,
      isLocalPractice: true,
      isVerified: false,
      basis: '大连市中山区工作惯例（一般事项15日内办结，待核实）；法定上限为《信访工作条例》第34条',
    },
  },
});

/**
 * A local profile: the base's rules with the override's patches applied field by field, new rules
 * added, and the override's identity (code, name, version, validFrom). The result is validated in
 * full, so a new rule missing a field or a broken number fails here, at configuration time, not
 * when a deadline is computed.
 *
 * @throws z.ZodError when the merged profile is not valid
 */
export function resolveProfile(base: DeadlineProfile, override: DeadlineProfileOverride): DeadlineProfile {
  const rules: Record<string, unknown> = { ...base.rules };
  for (const [code, patch] of Object.entries(override.rules ?? {})) {
    rules[code] = { ...base.rules[code], ...patch };
  }
  return deepFreeze(
    deadlineProfileSchema.parse({
      code: override.code,
      name: override.name,
      version: override.version,
      validFrom: override.validFrom,
      rules,
      warnRatio: override.warnRatio ?? base.warnRatio,
      warnDays: override.warnDays ?? base.warnDays,
      params: { ...base.params, ...override.params },
      basedOn: { code: base.code, version: base.version },
    }),
  );
}

export const CHANGYI_PROFILE: DeadlineProfile = resolveProfile(NATIONAL_PROFILE, CHANGYI_OVERRIDE);
export const DALIAN_ZHONGSHAN_PROFILE: DeadlineProfile = resolveProfile(
  NATIONAL_PROFILE,
  DALIAN_ZHONGSHAN_OVERRIDE,
);

/** The presets shipped with Laiban, by code. */
export const BUILTIN_PROFILES: Readonly<Record<string, DeadlineProfile>> = deepFreeze({
  [NATIONAL_PROFILE.code]: NATIONAL_PROFILE,
  [CHANGYI_PROFILE.code]: CHANGYI_PROFILE,
  [DALIAN_ZHONGSHAN_PROFILE.code]: DALIAN_ZHONGSHAN_PROFILE,
});

/** The rule `code` of a profile; a missing rule is a configuration bug, so it throws. */
export function getRule(profile: DeadlineProfile, code: string): DeadlineRule {
  const rule = profile.rules[code];
  if (!rule) throw new Error(`Deadline profile ${profile.code} v${profile.version} has no rule ${code}`);
  return rule;
}

/**
 * The version of a profile in force on `onDate` (the trigger date of the deadline): the one with the
 * latest `validFrom` not after it, the highest version on a tie. Undefined when none applies yet.
 */
export function pickProfileVersion(
  versions: readonly DeadlineProfile[],
  code: string,
  onDate: ISODate,
): DeadlineProfile | undefined {
  let best: DeadlineProfile | undefined;
  for (const p of versions) {
    if (p.code !== code || p.validFrom > onDate) continue;
    const isLater = !best || p.validFrom > best.validFrom;
    const isNewerSameDay = best !== undefined && p.validFrom === best.validFrom && p.version > best.version;
    if (isLater || isNewerSameDay) best = p;
  }
  return best;
}
