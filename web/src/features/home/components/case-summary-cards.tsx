import { AlertOutlined, ClockCircleOutlined, FlagOutlined, InboxOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasesSummary } from '../api/home.api';

/** The four workload figures, straight from the server. */
export function CaseSummaryCards({ summary }: { summary: CasesSummary }) {
  const { t } = useTranslation();
  // 即将到期 is the yellow light (due within the warning window), 已超期 the red one.
  const cards: { key: keyof CasesSummary; title: string; icon: ReactNode; color: string; note?: string }[] = [
    { key: 'open', title: t('home.myTodo'), icon: <InboxOutlined />, color: '#1a56b0' },
    {
      key: 'yellow',
      title: t('home.dueSoon'),
      icon: <ClockCircleOutlined />,
      color: '#d48806',
      note: t('home.dueThisWeek', { count: summary.dueThisWeek }),
    },
    { key: 'red', title: t('home.overdue'), icon: <AlertOutlined />, color: '#cf1322' },
    { key: 'supervisionOpen', title: t('home.supervised'), icon: <FlagOutlined />, color: '#531dab' },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.key} xs={24} sm={12} xl={6}>
          <Card>
            <Statistic
              title={c.title}
              value={summary[c.key]}
              prefix={c.icon}
              suffix={t('home.pieces')}
              styles={{ content: { color: c.color } }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.note ?? '\u00a0'}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
