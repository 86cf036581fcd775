import type { Role, UnitKind } from '../../../common/src/roles.js';

/**
 * The demo district of SCENARIOS.md: a fictional 示范区 with its petition office, departments,
 * three towns/streets, six communities and villages each running a 我来办工作室, and grids.
 */
export interface DemoUnit {
  key: string;
  parent?: string;
  kind: UnitKind;
  name: string;
  divisionCode?: string;
  workstation?: { phone: string; address: string; hours: string; lat: number; lng: number };
}

export const DEMO_DISTRICT_CODE = '990100000000';
export const DEMO_PASSWORD = 'Laiban@2026';

const ws = (n: number, address: string) => ({
  phone: `010-6990${String(1000 + n)}`,
  address,
  hours: '周一至周五 8:30–17:30；周六 9:00–12:00',
  lat: 39.72 + n * 0.01,
  lng: 116.14 + n * 0.01,
});

export const DEMO_UNITS: DemoUnit[] = [
  { key: 'district', kind: 'district', name: '示范区', divisionCode: DEMO_DISTRICT_CODE },
  { key: 'xfb', parent: 'district', kind: 'department', name: '区信访办' },
  { key: 'lxb', parent: 'district', kind: 'department', name: '区信访联席办' },
  { key: 'szcenter', parent: 'district', kind: 'service_centre', name: '区群众诉求接待服务中心' },
  { key: 'zfw', parent: 'district', kind: 'department', name: '区委政法委' },
  { key: 'zjw', parent: 'district', kind: 'department', name: '区住建委' },
  { key: 'cgw', parent: 'district', kind: 'department', name: '区城管委' },
  { key: 'mzj', parent: 'district', kind: 'department', name: '区民政局' },
  { key: 'rsj', parent: 'district', kind: 'department', name: '区人社局' },
  { key: 'sfj', parent: 'district', kind: 'department', name: '区司法局' },
  { key: 'tjzx', parent: 'sfj', kind: 'service_centre', name: '区矛盾纠纷多元调解中心' },
  { key: 'glj', parent: 'district', kind: 'department', name: '公路分局' },
  { key: 'jjfw', parent: 'district', kind: 'department', name: '区经济发展服务中心' },
  { key: 'jw', parent: 'district', kind: 'discipline', name: '区纪委监委' },
  { key: 'court', parent: 'district', kind: 'court', name: '示范区人民法院' },
  { key: 'dc', parent: 'district', kind: 'town', name: '东城镇', divisionCode: '990101000000' },
  { key: 'xs', parent: 'district', kind: 'town', name: '西山镇', divisionCode: '990102000000' },
  { key: 'nh', parent: 'district', kind: 'town', name: '南湖街道', divisionCode: '990103000000' },
  { key: 'dc_zz', parent: 'dc', kind: 'service_centre', name: '东城镇综治中心' },
  { key: 'nh_zz', parent: 'nh', kind: 'service_centre', name: '南湖街道综治中心' },
  {
    key: 'dg',
    parent: 'dc',
    kind: 'community',
    name: '东关村',
    divisionCode: '990101001000',
    workstation: ws(1, '东城镇东关村村委会一层'),
  },
  {
    key: 'xl',
    parent: 'dc',
    kind: 'community',
    name: '杏林社区',
    divisionCode: '990101002000',
    workstation: ws(2, '东城镇杏林路18号社区服务站'),
  },
  {
    key: 'xsc',
    parent: 'xs',
    kind: 'community',
    name: '西山村',
    divisionCode: '990102001000',
    workstation: ws(3, '西山镇西山村党群服务中心'),
  },
  {
    key: 'sq',
    parent: 'xs',
    kind: 'community',
    name: '石桥村',
    divisionCode: '990102002000',
    workstation: ws(4, '西山镇石桥村村委会'),
  },
  {
    key: 'nhsq',
    parent: 'nh',
    kind: 'community',
    name: '南湖社区',
    divisionCode: '990103001000',
    workstation: ws(5, '南湖街道南湖路6号'),
  },
  {
    key: 'hb',
    parent: 'nh',
    kind: 'community',
    name: '湖滨社区',
    divisionCode: '990103002000',
    workstation: ws(6, '南湖街道湖滨东路22号'),
  },
];

const GRIDS: [string, number][] = [
  ['dg', 2],
  ['xl', 3],
  ['xsc', 2],
  ['sq', 2],
  ['nhsq', 4],
  ['hb', 3],
];
const ORDINALS = ['第一', '第二', '第三', '第四'];
for (const [community, n] of GRIDS) {
  for (let i = 0; i < n; i++) {
    DEMO_UNITS.push({
      key: `${community}_g${i + 1}`,
      parent: community,
      kind: 'grid',
      name: `${ORDINALS[i]}网格`,
    });
  }
}

export interface DemoUser {
  username: string;
  displayName: string;
  unit: string;
  roles: { role: Role; unit: string }[];
  note: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    unit: 'district',
    roles: [{ role: 'system_admin', unit: 'district' }],
    note: '全区系统管理',
  },
  {
    username: 'qu_xfb',
    displayName: '王敏（区信访办）',
    unit: 'xfb',
    roles: [{ role: 'petition_clerk', unit: 'district' }],
    note: '区信访办登记、转送、交办、督办',
  },
  {
    username: 'dc_xfb',
    displayName: '李强（东城镇信访办）',
    unit: 'dc',
    roles: [{ role: 'petition_clerk', unit: 'dc' }],
    note: '东城镇受理、吹哨、提级办理',
  },
  {
    username: 'xl_staff',
    displayName: '赵丽（杏林社区我来办）',
    unit: 'xl',
    roles: [{ role: 'workstation_staff', unit: 'xl' }],
    note: '社区工作室登记、就地解决、代理',
  },
  {
    username: 'xl_grid1',
    displayName: '孙刚（杏林社区第一网格）',
    unit: 'xl_g1',
    roles: [{ role: 'grid_worker', unit: 'xl_g1' }],
    note: '网格巡查上报',
  },
  {
    username: 'zjw_handler',
    displayName: '周杰（区住建委）',
    unit: 'zjw',
    roles: [{ role: 'department_handler', unit: 'zjw' }],
    note: '职能部门承办、协办',
  },
  {
    username: 'cgw_handler',
    displayName: '冯伟（区城管委）',
    unit: 'cgw',
    roles: [{ role: 'department_handler', unit: 'cgw' }],
    note: '职能部门承办、协办（吹哨报到）',
  },
  {
    username: 'dc_leader',
    displayName: '何镇长（东城镇领导）',
    unit: 'dc',
    roles: [{ role: 'leader', unit: 'dc' }],
    note: '镇领导：审批延期、包案',
  },
  {
    username: 'leader',
    displayName: '陈书记（区领导）',
    unit: 'district',
    roles: [{ role: 'leader', unit: 'district' }],
    note: '领导接访、包案、审批延期',
  },
  {
    username: 'mediator',
    displayName: '吴调解（多元调解中心）',
    unit: 'tjzx',
    roles: [{ role: 'mediator', unit: 'tjzx' }],
    note: '人民调解',
  },
  {
    username: 'expert',
    displayName: '郑律师（评审专家）',
    unit: 'district',
    roles: [{ role: 'expert', unit: 'district' }],
    note: '专家评审（只读）',
  },
  {
    username: 'jw_inspector',
    displayName: '钱纪检（区纪委监委）',
    unit: 'jw',
    roles: [{ role: 'discipline_inspector', unit: 'jw' }],
    note: '检举控告办理',
  },
];

// ---------------------------------------------------------------------------------------------
// Resolution mechanisms (modules/mechanisms): rosters of the demo district. `user` links an entry
// to a demo account (the expert and the mediator record their work through it).

export interface DemoRosterEntry {
  kind: 'expert' | 'mediator' | 'hearing_panel';
  name: string;
  identity: string;
  level: 'city' | 'district' | 'town';
  owner: string;
  workUnit: string;
  workUnitKey?: string;
  expertise: string;
  user?: string;
}

export const DEMO_ROSTER: DemoRosterEntry[] = [
  {
    kind: 'expert',
    name: '郑律师',
    identity: 'lawyer',
    level: 'city',
    owner: 'district',
    workUnit: '明理律师事务所',
    expertise: '行政法、土地征收',
    user: 'expert',
  },
  {
    kind: 'expert',
    name: '马代表',
    identity: 'npc_deputy',
    level: 'city',
    owner: 'district',
    workUnit: '市人大代表',
    expertise: '农村事务',
  },
  {
    kind: 'expert',
    name: '林委员',
    identity: 'cppcc_member',
    level: 'city',
    owner: 'district',
    workUnit: '市政协委员',
    expertise: '社会保障',
  },
  {
    kind: 'expert',
    name: '高顾问',
    identity: 'legal_adviser',
    level: 'city',
    owner: 'district',
    workUnit: '市法律顾问团',
    expertise: '合同、物业',
  },
  {
    kind: 'expert',
    name: '孙科长',
    identity: 'department_head',
    level: 'city',
    owner: 'district',
    workUnit: '区住建委',
    workUnitKey: 'zjw',
    expertise: '房屋征收',
  },
  {
    kind: 'expert',
    name: '何老师',
    identity: 'legal_adviser',
    level: 'town',
    owner: 'dc',
    workUnit: '东城镇法律服务所',
    expertise: '土地承包',
  },
  {
    kind: 'expert',
    name: '罗站长',
    identity: 'department_head',
    level: 'town',
    owner: 'dc',
    workUnit: '东城镇政府',
    workUnitKey: 'dc',
    expertise: '农业农村',
  },
  {
    kind: 'expert',
    name: '彭书记',
    identity: 'local_elder',
    level: 'town',
    owner: 'xs',
    workUnit: '西山镇老干部',
    expertise: '邻里纠纷',
  },
  {
    kind: 'expert',
    name: '梁老师',
    identity: 'legal_adviser',
    level: 'town',
    owner: 'nh',
    workUnit: '南湖街道法律服务所',
    expertise: '劳动争议',
  },
  {
    kind: 'expert',
    name: '谢主任',
    identity: 'department_head',
    level: 'town',
    owner: 'nh',
    workUnit: '南湖街道综治中心',
    workUnitKey: 'nh_zz',
    expertise: '社区治理',
  },
  {
    kind: 'mediator',
    name: '吴调解',
    identity: 'mediator',
    level: 'district',
    owner: 'district',
    workUnit: '区矛盾纠纷多元调解中心',
    workUnitKey: 'tjzx',
    expertise: '人身损害、交通事故',
    user: 'mediator',
  },
  {
    kind: 'mediator',
    name: '曹调解',
    identity: 'mediator',
    level: 'district',
    owner: 'district',
    workUnit: '区矛盾纠纷多元调解中心',
    workUnitKey: 'tjzx',
    expertise: '劳动争议',
  },
  {
    kind: 'mediator',
    name: '邹主任',
    identity: 'mediator',
    level: 'town',
    owner: 'dc',
    workUnit: '东城镇人民调解委员会',
    expertise: '邻里、土地纠纷',
  },
  {
    kind: 'hearing_panel',
    name: '马代表',
    identity: 'npc_deputy',
    level: 'district',
    owner: 'district',
    workUnit: '市人大代表',
    expertise: '',
  },
  {
    kind: 'hearing_panel',
    name: '郑律师',
    identity: 'lawyer',
    level: 'district',
    owner: 'district',
    workUnit: '明理律师事务所',
    expertise: '',
  },
  {
    kind: 'hearing_panel',
    name: '田老师',
    identity: 'psychologist',
    level: 'district',
    owner: 'district',
    workUnit: '区心理援助中心',
    expertise: '情绪疏导',
  },
  {
    kind: 'hearing_panel',
    name: '冯老',
    identity: 'local_elder',
    level: 'town',
    owner: 'dc',
    workUnit: '东城镇乡贤理事会',
    expertise: '',
  },
];

/** 南湖街道 follows the Changyi practice (reply in 15 days, expert review within 5 days, 5 experts). */
export const DEMO_CHANGYI_UNIT = 'nh';
