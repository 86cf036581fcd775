import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import type { ApiToken, IssuedApiToken } from '../api/api-tokens.api';
import { ApiTokensTable } from '../components/api-tokens-table';
import { CreateTokenModal } from '../components/create-token-modal';
import { IssuedTokenModal } from '../components/issued-token-modal';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../hooks/use-api-tokens';
import { useUserList } from '../hooks/use-users';

/** 接口令牌: tokens for connected systems; the secret is shown once, at issue. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(LIMITS.pageSizeDefault);
  const [creating, setCreating] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [issued, setIssued] = useState<IssuedApiToken | null>(null);
  const [userQuery, setUserQuery] = useState('');
  const deferredQuery = useDeferredValue(userQuery);

  const tokens = useApiTokens(page, pageSize);
  const users = useUserList(
    { q: deferredQuery.trim() || undefined, pageSize: 20, page: 1 },
    { enabled: creating },
  );
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();

  const userOptions = (users.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.username}）· ${u.unit.name}`,
  }));

  const confirmRevoke = (token: ApiToken) =>
    modal.confirm({
      title: t('tokens.revokeConfirm', { name: token.name }),
      content: t('tokens.revokeHint'),
      okText: t('tokens.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        revoke
          .mutateAsync(token.id)
          .then(() => void message.success(t('tokens.revoked')))
          .catch(() => undefined),
    });

  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setFormKey((k) => k + 1);
            setCreating(true);
          }}
        >
          {t('tokens.create')}
        </Button>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('tokens.intro')}
        </Typography.Paragraph>
        <ApiTokensTable
          tokens={tokens.data?.items ?? []}
          total={tokens.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          loading={tokens.isFetching}
          onPageChange={(p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          }}
          onRevoke={confirmRevoke}
        />
      </Space>
      <CreateTokenModal
        key={`token-${formKey}`}
        open={creating}
        userOptions={userOptions}
        usersLoading={users.isFetching}
        onUserSearch={setUserQuery}
        submitting={create.isPending}
        onSubmit={async (body) => {
          const token = await create.mutateAsync(body);
          setCreating(false);
          setIssued(token);
        }}
        onCancel={() => setCreating(false)}
      />
      <IssuedTokenModal token={issued} onClose={() => setIssued(null)} />
    </Card>
  );
}
