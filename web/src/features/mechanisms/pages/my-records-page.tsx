import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MemberCaseList } from '../api/mechanisms.api';
import { useMyRecords } from '../hooks/use-mechanisms';

type Row = MemberCaseList['items'][number];

/** 我的调解与评审: the mediations, hearings and reviews the signed-in mediator or expert sits on. */
export function MyRecordsPage() {
  const { t } = useTranslation();
  const mine = useMyRecords();
  return (
    <Card title={t('mechanisms.mine.title')} data-testid="my-records">
      <Table<Row>
        rowKey="mechanismId"
        loading={mine.isPending}
        dataSource={mine.data?.items ?? []}
        locale={{ emptyText: t('mechanisms.mine.empty') }}
        pagination={false}
        columns={[
          { title: t('mechanisms.roster.caseNo'), dataIndex: 'caseNo' },
          { title: t('cases.columns.title'), dataIndex: 'title' },
          {
            title: t('mechanisms.roster.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`mechanisms.kinds.${k}` as 'mechanisms.kinds.mediation'),
          },
          {
            title: '',
            dataIndex: 'status',
            render: (s: string, r) => (
              <>
                <Tag color={s === 'active' ? 'processing' : 'default'}>
                  {t(`mechanisms.status.${s}` as 'mechanisms.status.active')}
                </Tag>
                {r.role === 'expert' && (
                  <Tag color={r.hasOpinion ? 'success' : 'warning'}>
                    {r.hasOpinion ? t('mechanisms.mine.opinionDone') : t('mechanisms.mine.opinionTodo')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: '',
            key: 'open',
            render: (_: unknown, r) => (
              <Link to={`/mechanisms/${r.caseId}/${r.mechanismId}`} data-testid="open-record">
                {t('mechanisms.mine.open')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
