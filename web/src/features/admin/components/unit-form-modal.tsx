import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import { ALLOWED_PARENT_KINDS, UNIT_KINDS, type UnitKind } from '../../../../../common/src/roles.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { UnitDetail } from '../api/org-units.api';

/** Kinds that may sit directly under a unit of `parentKind` (the server checks the same table). */
export function childKindsOf(parentKind: UnitKind): UnitKind[] {
  return UNIT_KINDS.filter((k) => ALLOWED_PARENT_KINDS[k].includes(parentKind));
}

export interface UnitFormValues {
  kind: UnitKind;
  name: string;
  shortName: string;
  divisionCode: string;
  sortOrder: number | null;
}

interface Props {
  open: boolean;
  /** create: a sub-unit of `unit`; edit: `unit` itself. */
  mode: 'create' | 'edit';
  unit: UnitDetail;
  /** Sort order proposed for a new sub-unit: after its last sibling. */
  suggestedSortOrder?: number;
  submitting: boolean;
  onSubmit: (values: UnitFormValues) => Promise<unknown>;
  onCancel: () => void;
}

export function UnitFormModal({
  open,
  mode,
  unit,
  suggestedSortOrder,
  submitting,
  onSubmit,
  onCancel,
}: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<UnitFormValues>();
  const kinds = mode === 'create' ? childKindsOf(unit.kind) : [unit.kind];

  const initialValues: Partial<UnitFormValues> =
    mode === 'edit'
      ? {
          kind: unit.kind,
          name: unit.name,
          shortName: unit.shortName ?? '',
          divisionCode: unit.divisionCode ?? '',
          sortOrder: unit.sortOrder,
        }
      : { ...(kinds.length === 1 ? { kind: kinds[0] } : {}), sortOrder: suggestedSortOrder ?? null };

  const submit = async (values: UnitFormValues) => {
    try {
      await onSubmit(values);
    } catch (err) {
      applyFieldErrors(form, err, { UNIT_CODE_TAKEN: 'divisionCode', INVALID_PARENT_UNIT: 'kind' });
    }
  };

  return (
    <Modal
      open={open}
      title={mode === 'create' ? t('org.createChildTitle', { parent: unit.name }) : t('org.editUnit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={submitting}
      destroyOnHidden
    >
      {/* destroyOnHidden: the form mounts afresh, with these initial values, each time it opens. */}
      <Form
        form={form}
        layout="vertical"
        name="unit-form"
        initialValues={initialValues}
        preserve={false}
        onFinish={submit}
      >
        <Form.Item
          name="kind"
          label={t('org.kind')}
          rules={[{ required: true, message: labels.field('required') }]}
        >
          <Select
            disabled={mode === 'edit'}
            options={kinds.map((k) => ({ value: k, label: labels.unitKind(k) }))}
            placeholder={t('org.kind')}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[
            { required: true, whitespace: true, message: labels.field('required') },
            { max: LIMITS.unitNameMax },
          ]}
        >
          <Input maxLength={LIMITS.unitNameMax} showCount />
        </Form.Item>
        <Form.Item name="shortName" label={t('org.shortName')} rules={[{ max: LIMITS.unitNameMax }]}>
          <Input maxLength={LIMITS.unitNameMax} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('org.divisionCode')}
          extra={t('org.divisionCodeHint')}
          rules={[{ pattern: LIMITS.divisionCodePattern, message: labels.field('divisionCodeFormat') }]}
        >
          <Input maxLength={12} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('org.sortOrder')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
