import { HotIssuesPanel } from '../components/hot-issues-panel';

/** 热点发现 page: the full list with persons, supports and time span. */
export function HotIssuesPage() {
  return <HotIssuesPanel limit={30} />;
}
