import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Records are kept and read in China Standard Time, whatever the browser's zone. */
export const CASE_TZ = 'Asia/Shanghai';

export function shanghai(iso: string) {
  return dayjs(iso).tz(CASE_TZ);
}

/** Today's date in Shanghai, as the server counts deadlines. */
export function todayInShanghai(): string {
  return dayjs().tz(CASE_TZ).format('YYYY-MM-DD');
}

/** "11月25日 周三 09:00–11:30" style text of an instant (and optionally the end) in Shanghai. */
export function formatShanghai(iso: string, endIso?: string): string {
  const d = shanghai(iso);
  const week = '日一二三四五六'[d.day()];
  const text = `${d.month() + 1}月${d.date()}日 周${week} ${d.format('HH:mm')}`;
  return endIso ? `${text}–${shanghai(endIso).format('HH:mm')}` : text;
}
