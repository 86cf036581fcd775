import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { seedDemoCategoryRoutes } from '../modules/classifier/demo-routes.js';
import { pathLabel } from '../modules/org/org.repository.js';
// ---- community ----
import { seedCommunityDemo } from './demo-community.js';
import {
  DEMO_CHANGYI_UNIT,
  DEMO_DISTRICT_CODE,
  DEMO_PASSWORD,
  DEMO_ROSTER,
  DEMO_UNITS,
  DEMO_USERS,
} from './demo-data.js';

export async function demoLoaded(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('org_units')
    .select('id')
    .where('division_code', '=', DEMO_DISTRICT_CODE)
    .executeTakeFirst();
  return !!row;
}

/** Loads the demo district once; running it again changes nothing. */
export async function seedDemo(db: Kysely<DB>): Promise<{ created: boolean; unitIds: Map<string, string> }> {
  const unitIds = new Map<string, string>();
  if (await demoLoaded(db)) return { created: false, unitIds };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const paths = new Map<string, { path: string; depth: number }>();
    let order = 0;
    for (const u of DEMO_UNITS) {
      const id = crypto.randomUUID();
      const parent = u.parent ? paths.get(u.parent) : undefined;
      if (u.parent && !parent) throw new Error(`demo unit ${u.key} listed before its parent`);
      const path = parent ? `${parent.path}.${pathLabel(id)}` : pathLabel(id);
      const depth = parent ? parent.depth + 1 : 0;
      paths.set(u.key, { path, depth });
      unitIds.set(u.key, id);
      await trx
        .insertInto('org_units')
        .values({
          id,
          parent_id: u.parent ? (unitIds.get(u.parent) ?? null) : null,
          path,
          depth,
          kind: u.kind,
          name: u.name,
          division_code: u.divisionCode ?? null,
          sort_order: order++,
        })
        .execute();
      if (u.workstation) {
        await trx
          .insertInto('workstations')
          .values({
            unit_id: id,
            name: `${u.name}“我来办”工作室`,
            public_phone: u.workstation.phone,
            address: u.workstation.address,
            opening_hours: u.workstation.hours,
            latitude: u.workstation.lat,
            longitude: u.workstation.lng,
          })
          .execute();
      }
    }
    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const row = await trx
        .insertInto('users')
        .values({
          username: u.username,
          display_name: u.displayName,
          unit_id: unitIds.get(u.unit)!,
          password_hash: passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userIds.set(u.username, row.id);
      await trx
        .insertInto('user_roles')
        .values(u.roles.map((r) => ({ user_id: row.id, role: r.role, unit_id: unitIds.get(r.unit)! })))
        .execute();
    }
    // S13: every Wednesday the community party secretary receives residents; staff on duty on weekdays.
    for (const u of DEMO_UNITS.filter((x) => x.workstation)) {
      const unitId = unitIds.get(u.key)!;
      const entries = [1, 2, 3, 4, 5].map((weekday) => ({
        unit_id: unitId,
        weekday,
        start_time: '08:30',
        end_time: '17:30',
        staff_name: weekday % 2 ? '值班干部甲' : '值班干部乙',
        staff_title: '值班干部',
        user_id: u.key === 'xl' ? (userIds.get('xl_staff') ?? null) : null,
        note: null as string | null,
      }));
      entries.push({
        unit_id: unitId,
        weekday: 3,
        start_time: '09:00',
        end_time: '11:30',
        staff_name: `${u.name}党组织书记`,
        staff_title: '书记接待日',
        user_id: null,
        note: '每周三书记接待群众',
      });
      await trx.insertInto('duty_roster_entries').values(entries).execute();
    }
    // --- Resolution mechanisms: rosters and the Changyi-practice street ---
    for (const r of DEMO_ROSTER) {
      const owner = paths.get(r.owner)!;
      await trx
        .insertInto('mechanism_roster')
        .values({
          kind: r.kind,
          name: r.name,
          identity: r.identity,
          level: r.level,
          expertise: r.expertise,
          work_unit: r.workUnit,
          work_unit_id: r.workUnitKey ? unitIds.get(r.workUnitKey)! : null,
          owner_unit_id: unitIds.get(r.owner)!,
          owner_path: owner.path,
          user_id: r.user ? userIds.get(r.user)! : null,
        })
        .execute();
    }
    await trx
      .updateTable('org_units')
      .set({ deadline_profile: 'changyi' })
      .where('id', '=', unitIds.get(DEMO_CHANGYI_UNIT)!)
      .execute();
    // --- category suggestion and hot issues ---
    await seedDemoCategoryRoutes(trx, unitIds);
    // --- end category suggestion and hot issues ---
    // ---- community: grid boundaries, heads and members, a courtyard unit ----
    await seedCommunityDemo(trx, unitIds, userIds);
  });
  return { created: true, unitIds };
}

export function demoAccountsTable(): string {
  const rows = DEMO_USERS.map(
    (u) => `  ${u.username.padEnd(14)} ${DEMO_PASSWORD}   ${u.displayName} — ${u.note}`,
  );
  return ['演示账号 Demo accounts (username / password):', ...rows].join('\n');
}
