import { loadCorpus } from './corpus.js';
import { idNumber, personName, phone, type Rng, streetAddress } from './gen.js';
import type { PersonSample } from './load.js';

/**
 * POST /api/cases bodies shaped like server/src/test/case-factories.ts `intake()`, with real text
 * from the data set, valid resident ID numbers, and one petitioner in five a person already on
 * record (repeat petitioners exercise the intake's terminated-matter check).
 */
export function intakeFactory(
  rng: Rng,
  persons: PersonSample[],
  categories: { code: string }[],
  place: string,
): () => Record<string, unknown> {
  const { messages } = loadCorpus();
  return () => {
    const msg = messages[rng.int(messages.length)]!;
    const known = persons.length > 0 && rng.chance(0.2) ? persons[rng.int(persons.length)]! : null;
    const petitioner = known
      ? {
          name: known.name,
          ...(known.idNumber ? { idNumber: known.idNumber } : {}),
          ...(known.phone ? { phone: known.phone } : {}),
          address: known.address,
        }
      : {
          name: personName(rng),
          idNumber: idNumber(rng),
          phone: phone(rng),
          address: streetAddress(rng, place),
        };
    const channel = rng.weighted([
      ['visit', 35],
      ['online', 25],
      ['phone', 20],
      ['letter', 10],
      ['superior', 5],
      ['leader_reception', 3],
      ['agent', 2],
    ] as const);
    const risk = rng.weighted([
      ['green', 85],
      ['yellow', 12],
      ['red', 3],
    ] as const);
    const group = rng.chance(0.03);
    return {
      channel,
      petitioners: [petitioner],
      ...(channel === 'agent'
        ? { agent: { name: personName(rng), phone: phone(rng), address: streetAddress(rng, place) } }
        : {}),
      ...(channel === 'superior' ? { sourceRef: `市信访局转〔2026〕${1 + rng.int(9999)}号` } : {}),
      personCount: group ? 5 + rng.int(26) : 1,
      title: msg.title,
      facts: msg.facts,
      demands: msg.demands.slice(0, 2000),
      ...(rng.chance(0.3) ? { reasons: '问题长期得不到解决，影响群众正常生活。' } : {}),
      categoryCode: categories[rng.int(categories.length)]!.code,
      riskColour: risk,
      ...(risk !== 'green'
        ? { riskReason: risk === 'red' ? '涉及群体性诉求，情绪激动' : '多次反映未果' }
        : {}),
      address: streetAddress(rng, place),
    };
  };
}
