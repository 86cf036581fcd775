import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { User } from '../api/users.api';
import { generatePassword, passwordMeetsPolicy } from './password-generator';

interface Props {
  user: User | null;
  submitting: boolean;
  onSubmit: (newPassword: string) => Promise<unknown>;
  onCancel: () => void;
}

/** An administrator sets a temporary password; the user must change it at the next sign-in. */
export function ResetPasswordModal({ user, submitting, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<{ newPassword: string }>();

  const submit = async ({ newPassword }: { newPassword: string }) => {
    try {
      await onSubmit(newPassword);
    } catch (err) {
      applyFieldErrors(form, err, { PASSWORD_POLICY: 'newPassword' });
    }
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetPasswordTitle', { name: user?.displayName ?? '' })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('users.resetPasswordNotice')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" name="reset-password" preserve={false} onFinish={submit}>
        <Form.Item label={t('users.newPassword')} extra={labels.field('passwordPolicy')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="newPassword"
              noStyle
              rules={[
                { required: true, message: labels.field('required') },
                {
                  validator: async (_, value: string | undefined) => {
                    if (value && !passwordMeetsPolicy(value, user?.username)) {
                      throw new Error(t('errors.passwordWeak'));
                    }
                  },
                },
              ]}
            >
              {/* Shown in clear: the administrator has to pass it on to the user. */}
              <Input autoComplete="off" maxLength={LIMITS.passwordMax} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Button onClick={() => form.setFieldsValue({ newPassword: generatePassword(user?.username) })}>
              {t('users.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
