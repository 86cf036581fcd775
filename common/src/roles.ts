/** Staff roles. A user holds roles, each scoped to one organisation unit and its subtree. */
export const ROLES = [
  'system_admin',
  'petition_clerk',
  'workstation_staff',
  'grid_worker',
  'department_handler',
  'leader',
  'mediator',
  'expert',
  'discipline_inspector',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  petition_clerk: { zh: '信访办工作人员', en: 'Petition-office clerk' },
  workstation_staff: { zh: '工作室值班人员', en: 'Workstation staff' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  department_handler: { zh: '职能部门承办人', en: 'Department handler' },
  leader: { zh: '领导', en: 'Leader' },
  mediator: { zh: '调解员', en: 'Mediator' },
  expert: { zh: '评审专家', en: 'Expert reviewer' },
  discipline_inspector: { zh: '纪检监察人员', en: 'Discipline inspector' },
};

/** Kinds of organisation unit. The first four form the territorial tree; the rest attach at any level. */
export const UNIT_KINDS = [
  'district',
  'town',
  'community',
  'grid',
  'department',
  'service_centre',
  'court',
  'discipline',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, { zh: string; en: string }> = {
  district: { zh: '区/县', en: 'District' },
  town: { zh: '乡镇/街道', en: 'Town / street' },
  community: { zh: '社区/村', en: 'Community / village' },
  grid: { zh: '网格', en: 'Grid' },
  department: { zh: '职能部门', en: 'Functional department' },
  service_centre: { zh: '服务中心', en: 'Service centre' },
  court: { zh: '法院', en: 'Court' },
  discipline: { zh: '纪检监察机关', en: 'Discipline inspection body' },
};

/** Which kinds of unit may sit directly under which parent kind (null = root). */
export const ALLOWED_PARENT_KINDS: Record<UnitKind, readonly (UnitKind | null)[]> = {
  district: [null],
  town: ['district'],
  community: ['town'],
  grid: ['community'],
  department: ['district', 'town'],
  service_centre: ['district', 'town', 'department'],
  court: [null, 'district'],
  discipline: ['district', 'town'],
};
