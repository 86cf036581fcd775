import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../lib/api-errors';
import type { DocumentTemplate, TemplateInput } from '../api/documents.api';
import { useSaveTemplate, useTemplateHistory, useTemplates } from '../hooks/use-documents';

/** 文书模板 (system administrator): the wording of every document, edited as new versions. */
export function DocumentTemplatesPage() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [editing, setEditing] = useState<DocumentTemplate | null>(null);

  const columns: ColumnsType<DocumentTemplate> = [
    { title: t('documents.templates.name'), dataIndex: 'name' },
    { title: t('documents.templates.fieldTitle'), dataIndex: 'title' },
    {
      title: t('documents.templates.numberCode'),
      dataIndex: 'numberCode',
      width: 120,
      render: (v: string | null) =>
        v ?? <Typography.Text type="secondary">{t('documents.templates.none')}</Typography.Text>,
    },
    { title: t('documents.templates.version'), dataIndex: 'version', width: 80 },
    {
      title: t('documents.templates.updatedAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      key: 'edit',
      width: 90,
      render: (_, r) => (
        <Button size="small" onClick={() => setEditing(r)} data-testid={`edit-template-${r.kind}`}>
          {t('documents.templates.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Card title={t('documents.templates.title')}>
      <Typography.Paragraph type="secondary">
        {t('documents.templates.intro', { example: '{{contactPhone}}' })}
      </Typography.Paragraph>
      <Table
        rowKey="kind"
        size="small"
        loading={templates.isPending}
        dataSource={templates.data?.items ?? []}
        columns={columns}
        pagination={false}
      />
      {editing && (
        <TemplateDrawer
          key={`${editing.kind}-${editing.version}`}
          template={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

function TemplateDrawer({ template, onClose }: { template: DocumentTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateInput>();
  const save = useSaveTemplate();
  const history = useTemplateHistory(template.kind);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    save.mutate(
      {
        kind: template.kind,
        body: {
          ...v,
          addressee: v.addressee || null,
          signature: v.signature || null,
          numberCode: v.numberCode || null,
          note: v.note || null,
        },
      },
      {
        onSuccess: (saved) => {
          void message.success(t('documents.templates.saved', { version: saved.version }));
          onClose();
        },
        onError: (err) => applyFieldErrors(form, err),
      },
    );
  };

  return (
    <Drawer
      open
      size="large"
      title={t('documents.templates.editTitle', { name: template.name })}
      onClose={onClose}
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => void submit()}
          data-testid="save-template"
        >
          {t('common.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: template.title,
          addressee: template.addressee ?? '',
          body: template.body,
          signature: template.signature ?? '',
          numberCode: template.numberCode ?? '',
          hasSeal: template.hasSeal,
          note: template.note ?? '',
        }}
      >
        <Form.Item
          name="title"
          label={t('documents.templates.fieldTitle')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="addressee" label={t('documents.templates.addressee')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('documents.templates.body')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 8, maxRows: 24 }}
            maxLength={20000}
            data-testid="template-body"
          />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="signature" label={t('documents.templates.signature')}>
            <Input maxLength={200} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="numberCode" label={t('documents.templates.numberCode')}>
            <Input maxLength={8} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="hasSeal" label={t('documents.templates.hasSeal')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('documents.templates.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('documents.templates.placeholders')}</Typography.Title>
      <Space size={[4, 4]} wrap style={{ marginBottom: 16 }}>
        {template.placeholders.map((p) => (
          <Tag key={p}>
            {`{{${p}}}`} {t(`documents.fields.${p}`, { defaultValue: '' })}
          </Tag>
        ))}
      </Space>
      <Typography.Title level={5}>{t('documents.templates.history')}</Typography.Title>
      <Timeline
        items={(history.data?.items ?? []).map((h) => ({
          content: `${t('documents.templates.version')} ${h.version} · ${dayjs(h.createdAt).format('YYYY-MM-DD HH:mm')}${h.createdBy ? ` · ${h.createdBy}` : ''}`,
        }))}
      />
    </Drawer>
  );
}
