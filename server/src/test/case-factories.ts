import { TEST_PASSWORD } from './factories.js';
import type { Client } from './test-app.js';

/** A valid resident ID number with a correct check character, derived from a seed. */
export function idNumberFor(seed: number): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first17 = `110105${1950 + (seed % 50)}0${1 + (seed % 9)}1${seed % 10}${String(seed % 1000).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}

export const intake = (over: Record<string, unknown> = {}) => ({
  channel: 'visit',
  petitioners: [{ name: '张三', idNumber: idNumberFor(7), phone: '13812345678', address: '甲一村3组' }],
  title: '戏台台阶无扶手',
  facts: '村戏台院台阶没有扶手，老人上下很不方便，已有人摔倒。',
  demands: '安装扶手',
  reasons: '保障老人安全',
  categoryCode: '0107',
  address: '甲一村戏台院',
  ...over,
});

export async function expectOk(res: { status: number; body: unknown }, status = 200) {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { version: number; status: string } & Record<string, unknown>;
}

/** Runs a command with the case's current version. */
export async function cmd(client: Client, caseId: string, name: string, body: Record<string, unknown> = {}) {
  const current = await client.get(`/api/cases/${caseId}`);
  return client.post(`/api/cases/${caseId}/${name}`, { version: current.body.version, ...body });
}

export { TEST_PASSWORD };
