import type { Conn } from '../../../db/database.js';
import { AppError } from '../../../http/errors.js';
import { sameDistrict } from '../../cases/cases.repository.js';
import { type RosterRow, rosterByIds } from '../mechanisms.repository.js';

/** Roster entries chosen for a record: each must exist, be active, of the kind, in the case's district. */
export async function pickRoster(
  conn: Conn,
  ids: string[],
  kind: 'expert' | 'mediator' | 'hearing_panel',
  casePath: string,
  path: string,
): Promise<RosterRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length) {
    throw new AppError('VALIDATION_FAILED', [{ path, message: '人员重复' }]);
  }
  const rows = await rosterByIds(conn, unique);
  const bad = unique.filter((id) => {
    const r = rows.find((x) => x.id === id);
    return !r?.is_active || r.kind !== kind || !sameDistrict(r.owner_path, casePath);
  });
  if (bad.length) {
    throw new AppError('VALIDATION_FAILED', [{ path, message: '所选人员不在本区名库中或已停用' }], undefined);
  }
  return unique.map((id) => rows.find((r) => r.id === id) as RosterRow);
}
