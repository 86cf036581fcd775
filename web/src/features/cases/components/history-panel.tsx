import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCaseLabels } from '../hooks/use-case-labels';
import { useCaseHistory } from '../hooks/use-cases';
import { StatusTag } from './case-tags';

/**
 * 既往信访记录: the earlier cases of the persons being registered, looked up as soon as an ID number
 * or phone is entered. Terminated matters are flagged: the same facts again are not re-accepted.
 */
export function HistoryPanel({ identities }: { identities: { idNumber?: string; phone?: string }[] }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const history = useCaseHistory(identities);
  return (
    <Card
      size="small"
      data-testid="history-panel"
      title={
        <Space>
          <HistoryOutlined />
          {t('cases.history.title')}
          {history.isFetching && <Spin size="small" />}
        </Space>
      }
    >
      {identities.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.history.hint')}</Typography.Text>
      ) : history.items.length === 0 && history.outsideScope === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={history.isFetching ? t('common.loading') : t('cases.history.none')}
        />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {history.items.map((h) => (
            <div key={h.id} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
              <Space size={6} wrap>
                <Link to={`/cases/${h.id}`} target="_blank">
                  {h.caseNo}
                </Link>
                {h.status !== 'terminated' && <StatusTag status={h.status} />}
                {h.isTerminated && (
                  <Tag color="red" data-testid="history-terminated">
                    {t('cases.history.terminated')}
                  </Tag>
                )}
              </Space>
              <div>
                <Typography.Text>{h.title}</Typography.Text>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {labels.date(h.receivedAt)}
              </Typography.Text>
            </div>
          ))}
          {history.outsideScope > 0 && (
            <Alert
              type="info"
              showIcon
              title={t('cases.history.outsideScope', { count: history.outsideScope })}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
