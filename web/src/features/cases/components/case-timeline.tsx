import { Card, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../api/cases.api';
import { useCaseLabels } from '../hooks/use-case-labels';
import { useCategories } from '../hooks/use-categories';
import { eventSentence } from './event-text';

const COLOURS: Record<string, string> = {
  'case.not_accepted': 'gray',
  'case.not_reaccepted': 'gray',
  'case.supervision_raised': 'red',
  'case.extended': 'orange',
  'case.escalated': 'orange',
  'case.closed': 'green',
  'case.followed_up': 'green',
  'case.archived': 'gray',
};

/** 办理记录: the audit events as sentences, oldest first, times in Shanghai. */
export function CaseTimeline({
  events,
  loading,
  unitName,
}: {
  events: CaseEvent[] | undefined;
  loading: boolean;
  unitName: (id: string | null | undefined) => string | null;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const categories = useCategories();
  const ctx = { t, labels, unitName, categoryName: categories.leafName };
  return (
    <Card title={t('cases.detail.timeline')} size="small">
      {loading ? (
        <Skeleton active />
      ) : !events?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          data-testid="case-timeline"
          items={events.map((e) => ({
            key: e.seq,
            color: COLOURS[e.type] ?? 'blue',
            content: (
              <div data-testid="timeline-item" data-type={e.type}>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 8 }}>
                  {labels.dateTime(e.at)}
                </Typography.Text>
                <Typography.Text>{eventSentence(e, ctx)}</Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
