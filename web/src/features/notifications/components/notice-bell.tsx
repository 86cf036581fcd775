import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLabels } from '../../../lib/labels';
import type { Notice } from '../api/notices.api';
import { useNotices, useReadAllNotices, useReadNotice } from '../hooks/use-notices';

const KIND_COLOURS = {
  assignment: 'blue',
  supervision: 'red',
  deadline: 'orange',
  hot_issue: 'volcano',
} as const;

/** The notice text in the reader's language, from the kind and parameters the server stored. */
function useNoticeText() {
  const { t } = useTranslation();
  return (n: Notice) => {
    const caseNo = n.caseNo ?? '';
    if (n.kind === 'deadline')
      return t('notify.notices.text.deadline', { caseNo, dueOn: n.params.dueOn ?? '' });
    if (n.kind === 'hot_issue')
      return t('hotIssues.notice', { title: n.params.title ?? '', size: n.params.size ?? '' });
    if (n.kind === 'supervision') {
      const tier = (['normal', 'yellow', 'red'] as const).find((x) => x === n.params.tier) ?? 'normal';
      return t('notify.notices.text.supervision', { caseNo, tier: t(`notify.notices.tier.${tier}`) });
    }
    const event = (['received', 'escalated', 'whistle'] as const).find((x) => x === n.params.event);
    return event ? t(`notify.notices.text.${event}`, { caseNo }) : n.text;
  };
}

/** 消息通知: new assignments, supervision orders and approaching deadlines for the signed-in staff member. */
export function NoticeBell() {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notices = useNotices(true);
  const read = useReadNotice();
  const readAll = useReadAllNotices();
  const textOf = useNoticeText();
  const unread = notices.data?.unread ?? 0;

  const content = (
    <div style={{ width: 360 }}>
      <List<Notice>
        size="small"
        dataSource={notices.data?.items ?? []}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.notices.empty')} />,
        }}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: n.caseId ? 'pointer' : 'default', opacity: n.readAt ? 0.6 : 1 }}
            onClick={() => {
              if (!n.readAt) read.mutate(n.id);
              if (n.caseId) {
                setOpen(false);
                void navigate(`/cases/${n.caseId}`);
              }
            }}
            data-testid="notice-item"
          >
            <List.Item.Meta
              title={
                <span>
                  <Tag color={KIND_COLOURS[n.kind]}>{t(`notify.notices.kind.${n.kind}`)}</Tag>
                  {!n.readAt && <Badge status="processing" />}
                </span>
              }
              description={
                <>
                  <div style={{ color: 'rgba(0,0,0,0.88)' }}>{textOf(n)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {labels.dateTime(n.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>{t('notify.notices.bell')}</span>
          <Button type="link" size="small" disabled={!unread} onClick={() => readAll.mutate()}>
            {t('notify.notices.markAll')}
          </Button>
        </div>
      }
      content={content}
    >
      <Button
        type="text"
        aria-label={t('notify.notices.bell')}
        data-testid="notice-bell"
        style={{ height: 40 }}
      >
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
