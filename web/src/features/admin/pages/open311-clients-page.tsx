import { CheckOutlined, CopyOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { copyText } from '../../../lib/clipboard';
import { useLabels } from '../../../lib/labels';
import type { IssuedOpen311Client, Open311Client } from '../api/open311-clients.api';
import {
  useCreateOpen311Client,
  useOpen311Clients,
  useRevokeOpen311Client,
} from '../hooks/use-open311-clients';
import { useUnitOptions } from '../hooks/use-unit-options';

/** Open311 接入方: external systems that submit matters, each into one receiving unit, with a key shown once. */
export function Open311ClientsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message, modal } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(LIMITS.pageSizeDefault);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedOpen311Client | null>(null);
  const [copied, setCopied] = useState(false);
  const [form] = Form.useForm<{ name: string; unitId: string }>();
  const clients = useOpen311Clients(page, pageSize);
  const units = useUnitOptions();
  const create = useCreateOpen311Client();
  const revoke = useRevokeOpen311Client();

  const confirmRevoke = (c: Open311Client) =>
    modal.confirm({
      title: t('notify.open311.revokeConfirm', { name: c.name }),
      content: t('notify.open311.revokeHint'),
      okText: t('notify.open311.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        revoke
          .mutateAsync(c.id)
          .then(() => void message.success(t('notify.open311.revokedDone')))
          .catch(() => undefined),
    });

  const columns: ColumnsType<Open311Client> = [
    { title: t('notify.open311.name'), dataIndex: 'name' },
    { title: t('notify.open311.unit'), key: 'unit', render: (_, c) => c.unit.name },
    {
      title: t('notify.open311.prefix'),
      dataIndex: 'prefix',
      width: 150,
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    {
      title: t('notify.open311.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => labels.dateTime(v),
    },
    {
      title: t('notify.open311.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (v: string | null) =>
        labels.dateTime(v) ?? (
          <Typography.Text type="secondary">{t('notify.open311.neverUsed')}</Typography.Text>
        ),
    },
    {
      title: t('notify.open311.status'),
      key: 'status',
      width: 90,
      render: (_, c) =>
        c.revokedAt ? (
          <Tag>{t('notify.open311.revoked')}</Tag>
        ) : (
          <Tag color="success">{t('notify.open311.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, c) =>
        c.revokedAt ? null : (
          <Button type="link" size="small" danger onClick={() => confirmRevoke(c)}>
            {t('notify.open311.revoke')}
          </Button>
        ),
    },
  ];

  const submit = async (v: { name: string; unitId: string }) => {
    try {
      const result = await create.mutateAsync({ name: v.name.trim(), unitId: v.unitId });
      setCreating(false);
      setCopied(false);
      setIssued(result);
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  return (
    <Card
      title={t('notify.open311.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setCreating(true);
          }}
        >
          {t('notify.open311.create')}
        </Button>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('notify.open311.intro')}
        </Typography.Paragraph>
        <Table<Open311Client>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={clients.data?.items ?? []}
          loading={clients.isFetching}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: clients.data?.total ?? 0,
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
        />
      </Space>
      <Modal
        open={creating}
        title={t('notify.open311.create')}
        okText={t('notify.open311.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="name"
            label={t('notify.open311.name')}
            rules={[{ required: true, whitespace: true, message: t('notify.open311.nameRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="unitId"
            label={t('notify.open311.unit')}
            rules={[{ required: true, message: t('notify.open311.unitRequired') }]}
          >
            <TreeSelect
              treeData={units.treeData}
              loading={units.isLoading}
              showSearch
              treeNodeFilterProp="title"
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={issued !== null}
        title={t('notify.open311.issuedTitle')}
        onCancel={() => setIssued(null)}
        mask={{ closable: false }}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => setIssued(null)}>
            {t('notify.open311.savedIt')}
          </Button>
        }
        destroyOnHidden
        width={620}
      >
        {issued && (
          <>
            <Alert
              type="warning"
              showIcon
              title={t('notify.open311.issuedWarning')}
              style={{ marginBottom: 16 }}
            />
            <Typography.Paragraph
              code
              style={{ fontSize: 15, wordBreak: 'break-all', padding: 8, background: '#fafafa' }}
              data-testid="issued-open311-key"
            >
              {issued.apiKey}
            </Typography.Paragraph>
            <Button
              type={copied ? 'default' : 'primary'}
              icon={copied ? <CheckOutlined /> : <CopyOutlined />}
              onClick={() => void copyText(issued.apiKey).then(setCopied)}
            >
              {copied ? t('common.copied') : t('notify.open311.copyKey')}
            </Button>
          </>
        )}
      </Modal>
    </Card>
  );
}
