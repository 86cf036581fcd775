import { AlertOutlined, ClockCircleOutlined, FlagOutlined, InboxOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CasesSummary } from '../api/home.api';

/**
 * The four workload figures, straight from the server. Each opens the queue with the matching
 * filter (the supervision card lists cases with an open supervision order to my units).
 */
export function CaseSummaryCards({ summary }: { summary: CasesSummary }) {
  const { t } = useTranslation();
  // 即将到期 is the yellow light (due within the warning window), 已超期 the red one.
  const cards: {
    key: keyof CasesSummary;
    title: string;
    icon: ReactNode;
    color: string;
    note?: string;
    to?: string;
  }[] = [
    { key: 'open', title: t('home.myTodo'), icon: <InboxOutlined />, color: '#1a56b0', to: '/cases' },
    {
      key: 'yellow',
      title: t('home.dueSoon'),
      icon: <ClockCircleOutlined />,
      color: '#d48806',
      note: t('home.dueThisWeek', { count: summary.dueThisWeek }),
      to: '/cases?colour=yellow',
    },
    {
      key: 'red',
      title: t('home.overdue'),
      icon: <AlertOutlined />,
      color: '#cf1322',
      to: '/cases?colour=red',
    },
    {
      key: 'supervisionOpen',
      title: t('home.supervised'),
      icon: <FlagOutlined />,
      color: '#531dab',
      to: '/cases?supervised=1',
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} xl={6}>
          {c.to ? (
            <Link to={c.to} data-testid={`summary-${c.key}`}>
              <SummaryCard card={c} value={summary[c.key]} hoverable />
            </Link>
          ) : (
            <SummaryCard card={c} value={summary[c.key]} />
          )}
        </Col>
      ))}
    </Row>
  );
}

function SummaryCard({
  card,
  value,
  hoverable,
}: {
  card: { title: string; icon: ReactNode; color: string; note?: string };
  value: number;
  hoverable?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card hoverable={hoverable}>
      <Statistic
        title={card.title}
        value={value}
        prefix={card.icon}
        suffix={t('home.pieces')}
        styles={{ content: { color: card.color } }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {card.note ?? '\u00a0'}
      </Typography.Text>
    </Card>
  );
}
