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
