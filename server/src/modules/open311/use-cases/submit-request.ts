import type { Kysely } from 'kysely';
import type { Nature } from '../../../../../common/src/cases.js';
import { NATURES } from '../../../../../common/src/cases.js';
import { LIMITS } from '../../../../../common/src/limits.js';
import type { Config } from '../../../config.js';
import type { DB } from '../../../db/types.js';
import type { Actor } from '../../../policy/actor.js';
import { intakeBody } from '../../cases/cases.schemas.js';
import { registerCase } from '../../cases/use-cases/register-case.js';
import { type Open311Client, Open311Error } from '../open311.errors.js';
import { districtOf, listPublicServices, OPEN311_SOURCE_PREFIX } from '../open311.repository.js';

type Form = Record<string, string>;

const DESCRIPTION_MAX = 5000;
const NAME_MAX = 50;

/**
 * 网上信访 through Open311: a client's form becomes an intake on channel "online" at the client's
 * receiving unit, registered by the client's service account and marked `open311:<client id>` in the
 * same transaction as the case, so the case enters the unit's normal queue. Text is stored exactly as
 * given (markup included) and only ever shown as text.
 */
export async function submitOpen311Request(
  deps: { db: Kysely<DB>; config: Config; requestId: string; ip?: string },
  client: Open311Client,
  form: Form,
): Promise<{ caseNo: string }> {
  const problems: string[] = [];
  const get = (k: string) => {
    const v = form[k]?.trim();
    return v ? v : undefined;
  };
  const tooLong = (field: string, v: string | undefined, max: number) => {
    if (v && [...v].length > max) problems.push(`${field}: 不得超过${max}字`);
  };

  const serviceCode = get('service_code');
  if (!serviceCode) problems.push('service_code: 请填写服务代码');
  const [service] =
    serviceCode && /^\d{4}$/.test(serviceCode) ? await listPublicServices(deps.db, serviceCode) : [];
  if (serviceCode && !service) problems.push(`service_code: 服务代码 ${serviceCode} 不存在`);

  const jurisdiction = get('jurisdiction_id');
  if (jurisdiction) {
    const district = await districtOf(deps.db, client.unitPath);
    if (district?.division_code !== jurisdiction)
      problems.push(`jurisdiction_id: 辖区 ${jurisdiction} 不是本接口的辖区`);
  }

  const description = get('description');
  if (!description) problems.push('description: 请填写问题描述');
  tooLong('description', description, DESCRIPTION_MAX);

  const lat = get('lat');
  const long = get('long');
  const addressString = get('address_string');
  const latitude = lat !== undefined ? Number(lat) : undefined;
  const longitude = long !== undefined ? Number(long) : undefined;
  if ((lat === undefined) !== (long === undefined)) problems.push('lat/long: 经纬度须同时填写');
  if (latitude !== undefined && !(Number.isFinite(latitude) && Math.abs(latitude) <= 90))
    problems.push('lat: 纬度应在-90到90之间');
  if (longitude !== undefined && !(Number.isFinite(longitude) && Math.abs(longitude) <= 180))
    problems.push('long: 经度应在-180到180之间');
  if (!addressString && (latitude === undefined || longitude === undefined))
    problems.push('address_string: 请填写事发地址或经纬度（lat/long）');
  tooLong('address_string', addressString, LIMITS.addressMax);

  // Chinese names are written family name first.
  const name = [get('last_name'), get('first_name')].filter(Boolean).join('');
  tooLong('first_name/last_name', name, NAME_MAX);
  const phone = get('phone')?.replace(/[\s()]/g, '');
  if (phone && !LIMITS.phonePattern.test(phone)) problems.push('phone: 电话号码格式不正确');
  const email = get('email');
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    problems.push('email: 电子邮箱格式不正确');

  const demands = get('attribute[demands]');
  if (!demands) problems.push('attribute[demands]: 请填写诉求');
  tooLong('attribute[demands]', demands, 2000);
  const natureRaw = get('attribute[nature]');
  if (natureRaw && !(NATURES as readonly string[]).includes(natureRaw))
    problems.push(`attribute[nature]: 应为 ${NATURES.join('、')} 之一`);
  const nature = (natureRaw as Nature | undefined) ?? (service?.default_nature as Nature | undefined);
  const countRaw = get('attribute[person_count]');
  const personCount = countRaw === undefined ? 1 : Number(countRaw);
  if (!Number.isInteger(personCount) || personCount < 1 || personCount > 100_000)
    problems.push('attribute[person_count]: 涉及人数应为1到100000的整数');
  const contactAddress = get('attribute[contact_address]');
  tooLong('attribute[contact_address]', contactAddress, LIMITS.addressMax);
  // 第19条: a petition names the petitioner; only an accusation may be anonymous.
  if (!name && nature !== 'accusation') problems.push('first_name/last_name: 请填写信访人姓名');

  const mediaUrl = get('media_url');
  if (mediaUrl && (mediaUrl.length > 500 || !/^https?:\/\/\S+$/.test(mediaUrl)))
    problems.push('media_url: 应为 http(s) 链接，且不超过500字符');

  if (problems.length) throw new Open311Error(400, problems);

  const address = addressString ?? `经纬度 ${latitude},${longitude}`;
  const facts = mediaUrl ? `${description}\n\n图片链接：${mediaUrl}` : (description as string);
  const parsed = intakeBody.safeParse({
    channel: 'online',
    unitId: client.unitId,
    sourceRef: `${OPEN311_SOURCE_PREFIX}${client.id}`,
    petitioners: name ? [{ name, ...(phone && { phone }), address: contactAddress ?? address }] : [],
    personCount,
    title: [...(description as string).split('\n')[0]!].slice(0, 40).join(''),
    facts,
    demands,
    categoryCode: serviceCode,
    ...(nature && { nature }),
    address,
    ...(latitude !== undefined && { latitude, longitude }),
  });
  if (!parsed.success) {
    throw new Open311Error(
      400,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`),
    );
  }
  const actor: Actor = {
    userId: client.userId,
    username: client.username,
    displayName: client.displayName,
    unitId: client.unitId,
    // Held only for this call and only over the client's unit: the narrowest role that may register.
    grants: [{ role: 'grid_worker', unitId: client.unitId, unitPath: client.unitPath }],
    via: 'token',
    mustChangePassword: false,
  };
  const result = await registerCase(
    { db: deps.db, config: deps.config, actor, requestId: deps.requestId, ip: deps.ip },
    parsed.data,
  );
  return { caseNo: result.caseNo };
}
