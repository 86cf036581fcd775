import { Alert, Checkbox, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { NATURE_LABELS, NATURES, type Nature } from '../../../../../common/src/cases.js';
import {
  CATEGORY_FLAG_LABELS,
  CATEGORY_FLAGS,
  CATEGORY_LIMITS,
  type CategoryFlag,
} from '../../../../../common/src/taxonomy.js';
import { labelLang } from '../../../app/i18n';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { Category } from '../api/admin-config.api';

export interface CategoryFormValues {
  name: string;
  nameEn?: string;
  nationalCategory?: string;
  flags?: CategoryFlag[];
  defaultNature?: Nature;
  isPublic: boolean;
}

/**
 * Add or edit one category. `isLeaf` decides whether the leaf-only hints are shown; the server
 * refuses them on a group anyway, and its field errors (e.g. a sibling with the same name) appear
 * under the fields.
 */
export function CategoryFormModal(props: {
  open: boolean;
  title: string;
  isLeaf: boolean;
  initial?: Category | undefined;
  submitting: boolean;
  onSubmit: (values: CategoryFormValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const lang = labelLang(i18n.language);
  const [form] = Form.useForm<CategoryFormValues>();
  const initial = props.initial;

  const submit = async (values: CategoryFormValues) => {
    try {
      await props.onSubmit(values);
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={props.submitting}
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="category"
        onFinish={submit}
        initialValues={{
          name: initial?.name,
          nameEn: initial?.nameEn ?? undefined,
          nationalCategory: initial?.nationalCategory ?? undefined,
          flags: initial?.flags ?? [],
          defaultNature: initial?.defaultNature ?? undefined,
          isPublic: initial?.isPublic ?? true,
        }}
      >
        <Form.Item
          name="name"
          label={t('adminConfig.categories.fields.name')}
          rules={[
            { required: true, whitespace: true, message: labels.field('required') },
            { max: CATEGORY_LIMITS.nameMax },
          ]}
        >
          <Input maxLength={CATEGORY_LIMITS.nameMax} showCount />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('adminConfig.categories.fields.nameEn')}
          rules={[{ max: CATEGORY_LIMITS.nameEnMax }]}
        >
          <Input maxLength={CATEGORY_LIMITS.nameEnMax} />
        </Form.Item>
        <Form.Item
          name="nationalCategory"
          label={t('adminConfig.categories.fields.nationalCategory')}
          rules={[{ max: CATEGORY_LIMITS.nationalCategoryMax }]}
        >
          <Input maxLength={CATEGORY_LIMITS.nationalCategoryMax} />
        </Form.Item>
        {props.isLeaf ? (
          <>
            <Form.Item name="flags" label={t('adminConfig.categories.fields.flags')}>
              <Checkbox.Group
                options={CATEGORY_FLAGS.map((f) => ({ value: f, label: CATEGORY_FLAG_LABELS[f][lang] }))}
              />
            </Form.Item>
            <Form.Item name="defaultNature" label={t('adminConfig.categories.fields.defaultNature')}>
              <Select
                allowClear
                options={NATURES.map((n) => ({ value: n, label: NATURE_LABELS[n][lang] }))}
              />
            </Form.Item>
          </>
        ) : (
          <Alert
            type="info"
            showIcon
            title={t('adminConfig.categories.leafOnlyHint')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form.Item
          name="isPublic"
          label={t('adminConfig.categories.fields.isPublic')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
