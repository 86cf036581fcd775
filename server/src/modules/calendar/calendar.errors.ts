/**
 * The error a deadline computation raises when a request breaks the rule itself: an extension
 * beyond the cap of 第34条 ("延长期限不得超过30日"), an extension or a pause on a rule that has none,
 * or a per-case period on a statutory rule. It is an `AppError` (the project's one error type,
 * STYLE.md §8) so a use case can let it through and the client gets the envelope with a Chinese
 * message; `violation` lets callers and tests tell the cases apart without parsing text.
 *
 * It uses the shared VALIDATION_FAILED code (400): the request is wrong, nothing conflicts. A
 * dedicated code (e.g. DEADLINE_RULE_VIOLATED) can be added to common/src/errors.ts later without
 * changing callers, which test `instanceof DeadlineRuleError` and `violation`.
 */
import { AppError } from '../../http/errors.js';

export type DeadlineRuleViolation =
  | 'extension_not_allowed'
  | 'extension_cap_exceeded'
  | 'pause_not_allowed'
  | 'period_override_not_allowed'
  | 'invalid_amount';

export interface DeadlineRuleErrorDetails {
  violation: DeadlineRuleViolation;
  ruleCode: string;
  requested?: number;
  cap?: number;
}

function messages(d: DeadlineRuleErrorDetails): { zh: string; en: string } {
  switch (d.violation) {
    case 'extension_not_allowed':
      return { zh: '该期限不允许延期', en: `Deadline ${d.ruleCode} cannot be extended` };
    case 'extension_cap_exceeded':
      return {
        zh: `延期不得超过${d.cap}日（申请延期${d.requested}日）`,
        en: `An extension of ${d.requested} days exceeds the cap of ${d.cap} days for ${d.ruleCode}`,
      };
    case 'pause_not_allowed':
      return { zh: '该期限不允许中止计算', en: `Deadline ${d.ruleCode} cannot be paused` };
    case 'period_override_not_allowed':
      return {
        zh: '该期限为法定期限，不能按件另行设定',
        en: `Deadline ${d.ruleCode} is fixed by its rule and cannot be set per case`,
      };
    case 'invalid_amount':
      return {
        zh: '期限天数必须为非负整数',
        en: `Day counts for ${d.ruleCode} must be non-negative integers`,
      };
  }
}

export class DeadlineRuleError extends AppError {
  readonly violation: DeadlineRuleViolation;
  readonly ruleCode: string;

  constructor(details: DeadlineRuleErrorDetails) {
    super('VALIDATION_FAILED', details, messages(details));
    this.name = 'DeadlineRuleError';
    this.violation = details.violation;
    this.ruleCode = details.ruleCode;
  }
}
