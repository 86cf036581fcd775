/**
 * Stable error codes shared by the server (which raises them) and the web app (which shows them).
 * The HTTP status lives here too so there is one table from code to status.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误，请按提示修改', en: 'Some fields are invalid' },
  MALFORMED_REQUEST: {
    status: 400,
    zh: '请求格式错误，无法解析',
    en: 'The request body could not be parsed',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已超时，请重新登录',
    en: 'Your session has expired, please sign in again',
  },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '密码错误次数过多，账号已锁定，请稍后再试',
    en: 'Too many failed attempts; the account is locked for a while',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系管理员', en: 'This account is disabled' },
  CSRF_FAILED: {
    status: 403,
    zh: '页面已过期，请刷新后重试',
    en: 'Security token missing or invalid; reload the page',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码',
    en: 'Change your temporary password first',
  },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在或您无权查看', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  PASSWORD_POLICY: {
    status: 400,
    zh: '密码不符合要求：至少10位，须包含字母和数字，且不能与用户名相同',
    en: 'Password must be at least 10 characters with letters and digits, and differ from the username',
  },
  WRONG_PASSWORD: { status: 400, zh: '原密码不正确', en: 'The current password is wrong' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'That username is taken' },
  UNIT_CODE_TAKEN: {
    status: 409,
    zh: '行政区划代码已被其他单位使用',
    en: 'That division code is already used',
  },
  INVALID_PARENT_UNIT: {
    status: 400,
    zh: '上级单位不合适：该类型单位不能设在所选上级之下',
    en: 'This kind of unit cannot sit under the chosen parent',
  },
  UNIT_HAS_CHILDREN: {
    status: 409,
    zh: '该单位下还有下级单位，不能停用',
    en: 'The unit still has active sub-units',
  },
  WORKSTATION_NOT_ALLOWED: {
    status: 400,
    zh: '只有社区/村可以设立我来办工作室',
    en: 'Only a community or village can run a workstation',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request is too large' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests' },
  CAPTCHA_INVALID: {
    status: 400,
    zh: '图形验证码错误或已过期，请刷新后重新输入',
    en: 'The picture code is wrong or has expired; get a new one',
  },
  SMS_CODE_INVALID: {
    status: 400,
    zh: '短信验证码错误或已过期，请重新获取',
    en: 'The SMS code is wrong or has expired; request a new one',
  },
  TRACKING_CREDENTIALS_INVALID: {
    status: 401,
    zh: '查询码或查询密码错误',
    en: 'Wrong tracking code or query password',
  },
  TRACKING_LOCKED: {
    status: 429,
    zh: '查询密码错误次数过多，请15分钟后再试',
    en: 'Too many wrong passwords; try again in 15 minutes',
  },
  CASE_CONFLICT: {
    status: 409,
    zh: '该事项刚被他人处理，请刷新后再操作',
    en: 'Someone else changed this case just now; reload and try again',
  },
  INVALID_TRANSITION: {
    status: 409,
    zh: '当前状态下不能执行此操作',
    en: 'This action is not allowed in the current state',
  },
  OUT_OF_WINDOW: {
    status: 409,
    zh: '已超过申请期限',
    en: 'The time limit for this request has passed',
  },
  WINDOW_NOT_LAPSED: {
    status: 409,
    zh: '信访人申请复查（复核）的期限尚未届满，不能办结；如信访人明确表示满意，请选择“信访人满意”',
    en: 'The petitioner’s review window is still open',
  },
  NO_HIGHER_ORGAN: {
    status: 409,
    zh: '本系统内没有上一级机关，请线下报送上一级机关',
    en: 'No higher organ is configured for this unit',
  },
  EXTENSION_NOT_ALLOWED: {
    status: 409,
    zh: '不能延期：延期累计不得超过30日，且须经领导批准',
    en: 'Extension refused: at most 30 days in total, approved by a leader',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '不支持该文件类型，请上传图片、PDF、Word/Excel 文档、音频或视频文件',
    en: 'This file type is not accepted; upload an image, PDF, Word/Excel document, audio or video file',
  },
  ATTACHMENT_TOO_LARGE: { status: 413, zh: '文件超过大小限制', en: 'The file is too large' },
  ATTACHMENT_EMPTY: { status: 400, zh: '文件内容为空，请重新选择文件', en: 'The file is empty' },
  LEDGER_FILE_INVALID: {
    status: 400,
    zh: '台账文件无法读取，请使用台账导入模板',
    en: 'The ledger file cannot be read; use the import template',
  },
  LEDGER_ROWS_INVALID: {
    status: 422,
    zh: '台账中有内容有误的行，整个文件未导入，请修改后重新导入',
    en: 'Some ledger rows are invalid; nothing was imported',
  },
  OUTBOX_ALREADY_SENT: {
    status: 409,
    zh: '该消息已发送，不能重发',
    en: 'This message was already sent',
  },
  SESSION_FULL: {
    status: 409,
    zh: '该场次预约已满，请选择其他场次',
    en: 'This session is fully booked; choose another',
  },
  SESSION_CLOSED: {
    status: 409,
    zh: '该场次已取消或已开始，不能预约',
    en: 'This session was cancelled or has begun',
  },
  ALREADY_BOOKED: {
    status: 409,
    zh: '该手机号已预约本场次，无需重复预约',
    en: 'This phone already holds a booking for the session',
  },
  BOOKING_NOT_FOUND: {
    status: 404,
    zh: '预约码或手机号不正确，或该预约已取消',
    en: 'Wrong booking code or phone, or the booking was cancelled',
  },
  // ---- documents ----
  DOCUMENT_NOT_APPLICABLE: {
    status: 409,
    zh: '案件尚未办理到该文书对应的环节，不能出具此文书',
    en: 'The case has not reached the step this document reports',
  },
  // ---- end documents ----
  // --- Resolution mechanisms (modules/mechanisms) ---
  EXPERT_RECUSED: {
    status: 409,
    zh: '所选专家须回避，不能参加本案评审',
    en: 'A chosen expert must stand aside (recusal) and cannot review this case',
  },
  EXPERT_PANEL_TOO_SMALL: {
    status: 409,
    zh: '所选评审专家人数不足',
    en: 'Too few experts were chosen for the review panel',
  },
  MECHANISM_CLOSED: {
    status: 409,
    zh: '该记录已结束，不能再补充',
    en: 'This record is concluded and takes no more entries',
  },
  // --- end resolution mechanisms ---
  INTERNAL: { status: 500, zh: '系统内部错误，请稍后再试或联系管理员', en: 'Internal error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export type Lang = 'zh' | 'en';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `petitioners.0.idNumber`. */
  path: string;
  message: string;
}

export interface ErrorEnvelope {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    details?: unknown;
  };
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERROR_CODES[code][lang];
}
