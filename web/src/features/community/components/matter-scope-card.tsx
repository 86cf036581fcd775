import { Button, Card, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HANDLED_BY_LABELS,
  MATTER_SCOPE_LABELS,
  MATTER_SCOPES,
  type MatterScope,
} from '../../../../../common/src/community.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import { useMatterScope, useSetMatterScope } from '../hooks/use-community';

const COLOR: Record<MatterScope, string> = { big: 'volcano', small: 'blue', private: 'green' };

/**
 * 三事分流 on the case page: who should handle the matter, whether that is still the category's
 * default, the routing it suggests, and (for whoever decides on the case) a way to reclassify it.
 */
export function MatterScopeCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const q = useMatterScope(caseId);
  const set = useSetMatterScope(caseId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ scope: MatterScope; reason: string }>();
  const v = q.data;
  if (!v) return null;
  const handledBy = v.routing.handledBy as keyof typeof HANDLED_BY_LABELS;

  const submit = async (values: { scope: MatterScope; reason: string }) => {
    try {
      await set.mutateAsync({ version: v.version, ...values });
      setOpen(false);
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  return (
    <Card
      size="small"
      title={t('community.scope.title')}
      data-testid="matter-scope-card"
      extra={
        v.canChange ? (
          <Button
            size="small"
            onClick={() => {
              form.setFieldsValue({ scope: v.scope, reason: '' });
              setOpen(true);
            }}
          >
            {t('community.scope.change')}
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size={4}>
        <Space wrap>
          <Tag color={COLOR[v.scope]} data-testid="matter-scope">
            {MATTER_SCOPE_LABELS[v.scope][lang]}
          </Tag>
          <Typography.Text type="secondary">
            {v.isDefault ? t('community.scope.byDefault') : t('community.scope.byHand')}
          </Typography.Text>
        </Space>
        <Typography.Text>
          {t('community.scope.routing')}
          {HANDLED_BY_LABELS[handledBy]?.[lang] ?? handledBy}
        </Typography.Text>
      </Space>
      <Modal
        open={open}
        title={t('community.scope.changeTitle')}
        okText={t('community.grid.save')}
        confirmLoading={set.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(x) => void submit(x)}>
          <Form.Item name="scope" label={t('community.scope.title')} rules={[{ required: true }]}>
            <Radio.Group>
              <Space orientation="vertical">
                {MATTER_SCOPES.map((s) => (
                  <Radio key={s} value={s}>
                    {MATTER_SCOPE_LABELS[s][lang]}
                    {s === v.defaultScope ? `（${t('community.scope.default')}）` : ''}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="reason" label={t('community.scope.reason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
