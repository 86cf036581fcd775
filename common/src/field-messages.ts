/**
 * Messages for field rules that zod does not phrase itself. Schemas use the key as the issue
 * message; the server's error handler and the web forms translate it.
 */
export const FIELD_MESSAGES = {
  required: { zh: '必填项', en: 'Required' },
  usernameFormat: { zh: '用户名只能包含字母、数字、下划线、点和连字符', en: 'Letters, digits, _ . - only' },
  divisionCodeFormat: { zh: '行政区划代码应为12位数字', en: 'Division code must be 12 digits' },
  phoneFormat: { zh: '电话号码格式不正确', en: 'Invalid phone number' },
  mobileFormat: { zh: '手机号格式不正确', en: 'Invalid mobile number' },
  idNumberInvalid: {
    zh: '身份证号码无效（校验位不符或出生日期有误）',
    en: 'Invalid ID number (check digit or birth date)',
  },
  passwordPolicy: {
    zh: '密码至少10位，须包含字母和数字，且不能包含用户名',
    en: 'At least 10 characters, letters and digits, not containing the username',
  },
  timeFormat: { zh: '时间格式应为 HH:MM', en: 'Time must be HH:MM' },
  dateFormat: { zh: '日期格式应为 YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' },
  categoryFormat: { zh: '请选择问题分类（二级分类）', en: 'Choose a category (second level)' },
  petitionerRequired: {
    zh: '请至少登记一名信访人（姓名、住址）',
    en: 'Register at least one petitioner (name, address)',
  },
  representativesMax: { zh: '集体访代表人数不得超过5人', en: 'At most 5 representatives' },
  riskReasonRequired: { zh: '红色、黄色风险须说明理由', en: 'Give a reason for a red or yellow risk colour' },
  personCountTooSmall: { zh: '有代表人时人数应不少于2人', en: 'With representatives, at least 2 persons' },
  endBeforeStart: { zh: '结束时间须晚于开始时间', en: 'End must be after start' },
  rangeTooLong: { zh: '统计区间不得超过3年', en: 'The period may not exceed 3 years' },
  periodOverYear: { zh: '统计期间不得超过一年', en: 'The period may not exceed a year' },
  periodNeedsBoth: { zh: '请同时填写开始和结束日期', en: 'Give both the first and the last day' },
  firstLevelCategory: {
    zh: '请选择一级分类（两位代码）',
    en: 'Choose a first-level category (two characters)',
  },
  monthFormat: { zh: '月份格式应为 YYYY-MM', en: 'Month must be YYYY-MM' },
  quarterFormat: { zh: '季度格式应为 YYYY-Q1 至 YYYY-Q4', en: 'Quarter must be YYYY-Q1 … YYYY-Q4' },
} as const;
export type FieldMessageKey = keyof typeof FIELD_MESSAGES;
