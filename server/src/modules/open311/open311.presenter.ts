import { NATURE_LABELS, NATURES } from '../../../../common/src/cases.js';
import type { Status } from '../cases/cases.workflow.js';
import type { RequestRow, ServiceRow } from './open311.repository.js';

/** The detailed status a citizen reads in `status_notes` (public wording, no staff names). */
export const PUBLIC_STATUS: Record<Status, string> = {
  registered: '已登记，等待受理审查',
  triage: '正在分流研判',
  transferred: '已转送有权处理的机关',
  assigned: '已交办有关单位',
  objected: '承办单位提出异议，正在研究',
  routed_out: '已导入法定途径',
  referred_discipline: '已移送纪检监察机关',
  not_accepted: '不予受理',
  not_reaccepted: '已终结事项，不再受理',
  merged: '已并入同一事项办理',
  accepted: '已受理',
  in_progress: '正在办理',
  mediating: '正在调解',
  hearing: '正在组织听证',
  opinion_issued: '已出具处理意见',
  delivered: '处理意见已送达',
  expert_review: '专家评审中',
  review_requested: '已申请复查',
  reviewing: '正在复查',
  review_decided: '已作出复查意见',
  review_delivered: '复查意见已送达',
  recheck_requested: '已申请复核',
  rechecking: '正在复核',
  recheck_decided: '已作出复核意见',
  closed: '已办结',
  terminated: '已终结',
  followed_up: '已回访',
  archived: '已归档',
};

/** The extra fields a GeoReport client asks for beyond the core ones (service definition attributes). */
export const ATTRIBUTES = [
  {
    code: 'demands',
    datatype: 'text',
    required: true,
    description: '您的诉求（希望如何解决）',
    max: 2000,
  },
  {
    code: 'person_count',
    datatype: 'number',
    required: false,
    description: '涉及人数（默认1人）',
  },
  {
    code: 'nature',
    datatype: 'singlevaluelist',
    required: false,
    description: '事项性质（不选则按分类默认）',
    values: NATURES.map((n) => ({ key: n, name: NATURE_LABELS[n].zh })),
  },
  {
    code: 'contact_address',
    datatype: 'string',
    required: false,
    description: '信访人联系地址（不填则为事发地址）',
    max: 200,
  },
] as const;

export function presentService(s: ServiceRow) {
  return {
    service_code: s.code,
    service_name: s.name,
    description: s.name_en ? `${s.name}（${s.name_en}）` : s.name,
    metadata: ATTRIBUTES.length > 0,
    type: 'realtime',
    keywords: [s.group_name, s.name].join(','),
    group: s.group_name,
  };
}

export function presentServiceDefinition(s: ServiceRow) {
  return {
    service_code: s.code,
    attributes: ATTRIBUTES.map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: 'max' in a ? `不超过${a.max}字` : null,
      order: i + 1,
      description: a.description,
      ...('values' in a ? { values: a.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
    })),
  };
}

/** W3C date-time without milliseconds, as in the spec's examples. */
export const w3c = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A request as the public sees it: status, category, the handling unit, dates and the location. */
export function presentRequest(r: RequestRow) {
  return {
    service_request_id: r.case_no,
    status: r.is_open ? 'open' : 'closed',
    status_notes: PUBLIC_STATUS[r.status as Status] ?? r.status,
    service_name: r.category_name ?? r.category_code,
    service_code: r.category_code,
    // The facts a petitioner wrote can name people: they are not published.
    description: null,
    agency_responsible: r.owner_name,
    service_notice: null,
    requested_datetime: w3c(r.received_at),
    updated_datetime: w3c(r.updated_at),
    expected_datetime: r.is_open && r.due_on ? `${r.due_on}T23:59:59+08:00` : null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.latitude,
    long: r.longitude,
    media_url: null,
  };
}
