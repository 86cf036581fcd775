import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { CreateApiTokenBody } from '../api/api-tokens.api';

export interface UserOption {
  value: string;
  label: string;
}

interface Props {
  open: boolean;
  userOptions: UserOption[];
  usersLoading: boolean;
  onUserSearch: (q: string) => void;
  submitting: boolean;
  onSubmit: (body: CreateApiTokenBody) => Promise<unknown>;
  onCancel: () => void;
}

interface Values {
  userId: string;
  name: string;
  expiresInDays: number | null;
}

/** 签发令牌: for which user (the token acts as that user), a name, and how long it lives. */
export function CreateTokenModal(props: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    try {
      await props.onSubmit({
        userId: v.userId,
        name: v.name.trim(),
        ...(v.expiresInDays ? { expiresInDays: v.expiresInDays } : {}),
      });
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('tokens.createTitle')}
      okText={t('tokens.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      confirmLoading={props.submitting}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="create-token"
        initialValues={{ expiresInDays: 365 }}
        preserve={false}
        onFinish={submit}
      >
        <Form.Item
          name="userId"
          label={t('tokens.user')}
          rules={[{ required: true, message: labels.field('required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: props.onUserSearch }}
            options={props.userOptions}
            loading={props.usersLoading}
            placeholder={t('tokens.userPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, whitespace: true, message: labels.field('required') }, { max: 100 }]}
        >
          <Input maxLength={100} placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHint')}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
