import { Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../lib/labels';
import type { ApiToken } from '../api/api-tokens.api';

interface Props {
  tokens: ApiToken[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onRevoke: (token: ApiToken) => void;
}

type TokenStatus = 'valid' | 'expired' | 'revoked';

export function tokenStatus(token: ApiToken, now = dayjs()): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && !dayjs(token.expiresAt).isAfter(now)) return 'expired';
  return 'valid';
}

export function ApiTokensTable(props: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const statusTag: Record<TokenStatus, { color: string; label: string }> = {
    valid: { color: 'success', label: t('tokens.statusValid') },
    expired: { color: 'warning', label: t('tokens.statusExpired') },
    revoked: { color: 'default', label: t('tokens.statusRevoked') },
  };

  const columns: ColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    {
      title: t('tokens.prefix'),
      dataIndex: 'prefix',
      width: 150,
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    { title: t('tokens.user'), key: 'user', width: 130, render: (_, tk) => tk.user.displayName },
    {
      title: t('tokens.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => labels.dateTime(v),
    },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      width: 150,
      render: (v: string | null) => labels.dateTime(v) ?? t('tokens.neverExpires'),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (v: string | null) =>
        labels.dateTime(v) ?? <Typography.Text type="secondary">{t('tokens.neverUsed')}</Typography.Text>,
    },
    {
      title: t('tokens.status'),
      key: 'status',
      width: 90,
      render: (_, tk) => {
        const s = statusTag[tokenStatus(tk)];
        return <Tag color={s.color}>{s.label}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, tk) =>
        tk.revokedAt ? null : (
          <Button type="link" size="small" danger onClick={() => props.onRevoke(tk)}>
            {t('tokens.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <Table<ApiToken>
      rowKey="id"
      size="middle"
      loading={props.loading}
      dataSource={props.tokens}
      columns={columns}
      rowClassName={(tk) => (tokenStatus(tk) === 'valid' ? '' : 'row-inactive')}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: props.onPageChange,
      }}
    />
  );
}
