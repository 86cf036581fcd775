import { Button, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { checkPasswordPolicy, LIMITS } from '../../../../../common/src/limits.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import { useChangePassword, useMe } from '../hooks/use-session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current password, new password twice; the policy check is the one the server applies. */
export function ChangePasswordForm({
  onDone,
  extraActions,
}: {
  onDone: () => void;
  extraActions?: ReactNode;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const submit = (v: Values) =>
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onDone();
        },
        onError: (err) =>
          applyFieldErrors(form, err, { WRONG_PASSWORD: 'currentPassword', PASSWORD_POLICY: 'newPassword' }),
      },
    );

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
      <Form.Item
        name="currentPassword"
        label={t('auth.currentPassword')}
        rules={[{ required: true, message: labels.field('required') }]}
      >
        <Input.Password autoComplete="current-password" maxLength={LIMITS.passwordMax} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword')}
        extra={labels.field('passwordPolicy')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: labels.field('required') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              if (!checkPasswordPolicy(value, me.username)) throw new Error(t('errors.passwordWeak'));
              if (value === getFieldValue('currentPassword')) throw new Error(t('auth.sameAsOld'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: labels.field('required') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('auth.confirmMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
          {extraActions}
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('auth.submitChange')}
          </Button>
        </div>
      </Form.Item>
    </Form>
  );
}
