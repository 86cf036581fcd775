import { Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../lib/labels';
import type { User } from '../api/users.api';
import { RoleTags } from './role-tags';
import { UserStatusTags } from './user-status-tags';

interface Props {
  users: User[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  canManage: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
  onUnlock: (user: User) => void;
  onToggleActive: (user: User) => void;
}

export function UsersTable(props: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { canManage } = props;

  const columns: ColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 150 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 140 },
    { title: t('users.unit'), key: 'unit', width: 160, render: (_, u) => u.unit.name },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_, u) => <RoleTags roles={u.roles} homeUnitId={u.unit.id} />,
    },
    { title: t('users.status'), key: 'status', width: 120, render: (_, u) => <UserStatusTags user={u} /> },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 140,
      render: (v: string | null) =>
        labels.dateTime(v) ?? <Typography.Text type="secondary">{t('common.never')}</Typography.Text>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: labels.lang === 'en' ? 250 : 190,
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => props.onEdit(u)}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => props.onResetPassword(u)}>
            {t('users.resetPassword')}
          </Button>
          {u.isLocked && (
            <Button type="link" size="small" onClick={() => props.onUnlock(u)}>
              {t('users.unlock')}
            </Button>
          )}
          <Button type="link" size="small" danger={u.isActive} onClick={() => props.onToggleActive(u)}>
            {u.isActive ? t('common.disable') : t('common.enable')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <Table<User>
      rowKey="id"
      size="middle"
      loading={props.loading}
      dataSource={props.users}
      columns={columns}
      rowClassName={(u) => (u.isActive ? '' : 'row-inactive')}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => t('common.total', { total }),
        onChange: props.onPageChange,
      }}
    />
  );
}
