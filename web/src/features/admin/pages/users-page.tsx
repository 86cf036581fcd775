import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import { useCan, useMe } from '../../auth/hooks/use-session';
import type { User } from '../api/users.api';
import { ResetPasswordModal } from '../components/reset-password-modal';
import { cleanRoles, roleKey, UserFormDrawer, type UserFormValues } from '../components/user-form-drawer';
import { type UserFilters, UsersFilterBar } from '../components/users-filter-bar';
import { UsersTable } from '../components/users-table';
import { useUnitOptions } from '../hooks/use-unit-options';
import {
  useCreateUser,
  useResetPassword,
  useSaveUser,
  useSetUserActive,
  useUnlockUser,
  useUserDetail,
  useUserList,
} from '../hooks/use-users';

type DrawerState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

/** 用户管理: staff accounts in the jurisdiction, with server-side paging. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const can = useCan();
  const canManage = can('user.manage');

  const [filters, setFilters] = useState<UserFilters>({ includeInactive: false });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(LIMITS.pageSizeDefault);
  const [drawer, setDrawer] = useState<DrawerState>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  // A new key per opening: each form starts from a clean store, not the last one's values.
  const [formKey, setFormKey] = useState(0);
  const openDrawer = (state: Exclude<DrawerState, null>) => {
    setFormKey((k) => k + 1);
    setDrawer(state);
  };

  const list = useUserList({ ...filters, page, pageSize });
  const units = useUnitOptions();
  const editing = useUserDetail(drawer?.mode === 'edit' ? drawer.id : undefined);

  const createUser = useCreateUser();
  const saveUser = useSaveUser();
  const setActive = useSetUserActive();
  const resetPassword = useResetPassword();
  const unlock = useUnlockUser();

  const submitUser = async (v: UserFormValues) => {
    const roles = cleanRoles(v.roles ?? []);
    if (drawer?.mode === 'create') {
      await createUser.mutateAsync({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        unitId: v.unitId,
        password: v.password,
        mustChangePassword: v.mustChangePassword,
        roles,
      });
      void message.success(t('users.created'));
    } else if (drawer?.mode === 'edit' && editing.data) {
      const user = editing.data;
      const profile = {
        ...(user.abilities.update &&
          v.displayName.trim() !== user.displayName && { displayName: v.displayName.trim() }),
        ...(user.abilities.update && v.unitId !== user.unit.id && { unitId: v.unitId }),
      };
      const before = user.roles.map(roleKey).sort().join('|');
      const after = roles.map(roleKey).sort().join('|');
      await saveUser.mutateAsync({
        id: user.id,
        profile,
        ...(user.abilities.manageRoles && before !== after && { roles }),
      });
      void message.success(t('users.updated'));
    }
    setDrawer(null);
  };

  const toggleActive = (u: User) => {
    const activate = !u.isActive;
    modal.confirm({
      title: activate
        ? t('users.enableConfirm', { name: u.displayName })
        : t('users.disableConfirm', { name: u.displayName }),
      okText: activate ? t('common.enable') : t('common.disable'),
      okButtonProps: { danger: !activate },
      cancelText: t('common.cancel'),
      onOk: () =>
        setActive
          .mutateAsync({ id: u.id, isActive: activate })
          .then(() => void message.success(activate ? t('users.enabled') : t('users.disabled')))
          .catch(() => undefined),
    });
  };

  return (
    <Card
      title={t('users.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openDrawer({ mode: 'create' })}>
            {t('users.create')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <UsersFilterBar
          value={filters}
          unitTree={units.treeData}
          onChange={(next) => {
            setFilters(next);
            setPage(1);
          }}
        />
        <UsersTable
          users={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          loading={list.isFetching}
          canManage={canManage}
          onPageChange={(p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          }}
          onEdit={(u) => openDrawer({ mode: 'edit', id: u.id })}
          onResetPassword={(u) => {
            setFormKey((k) => k + 1);
            setResetting(u);
          }}
          onUnlock={(u) =>
            unlock.mutate(u.id, { onSuccess: () => void message.success(t('users.unlocked')) })
          }
          onToggleActive={toggleActive}
        />
      </Space>
      <UserFormDrawer
        key={`user-${formKey}`}
        open={drawer !== null}
        mode={drawer?.mode ?? 'create'}
        user={drawer?.mode === 'edit' ? editing.data : undefined}
        loading={editing.isPending || editing.isFetching}
        unitTree={units.treeData}
        defaultUnitId={filters.unitId ?? me.unit.id}
        submitting={createUser.isPending || saveUser.isPending}
        onSubmit={submitUser}
        onClose={() => setDrawer(null)}
      />
      <ResetPasswordModal
        key={`reset-${formKey}`}
        user={resetting}
        submitting={resetPassword.isPending}
        onSubmit={async (newPassword) => {
          if (!resetting) return;
          await resetPassword.mutateAsync({ id: resetting.id, newPassword });
          void message.success(t('users.passwordReset'));
          setResetting(null);
        }}
        onCancel={() => setResetting(null)}
      />
    </Card>
  );
}
