import { Col, Form, Input, InputNumber, Modal, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { UnitDetail, WorkstationBody } from '../api/org-units.api';

interface Props {
  open: boolean;
  unit: UnitDetail;
  submitting: boolean;
  onSubmit: (values: WorkstationBody) => Promise<unknown>;
  onCancel: () => void;
}

/** 设立/编辑我来办工作室: the public face of a community's mediation room. */
export function WorkstationFormModal({ open, unit, submitting, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<WorkstationBody>();
  const ws = unit.workstation;
  const initialValues: Partial<WorkstationBody> = ws
    ? { ...ws }
    : { name: `${unit.name}我来办工作室`, isPublished: true, latitude: null, longitude: null };

  const submit = async (values: WorkstationBody) => {
    try {
      await onSubmit({
        ...values,
        name: values.name.trim(),
        publicPhone: values.publicPhone.trim(),
        address: values.address.trim(),
        openingHours: values.openingHours.trim(),
        latitude: values.latitude ?? null,
        longitude: values.longitude ?? null,
      });
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  const required = { required: true, whitespace: true, message: labels.field('required') };
  return (
    <Modal
      open={open}
      title={ws ? t('org.editWorkstation') : t('org.setUpWorkstation')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={submitting}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        layout="vertical"
        name="workstation-form"
        initialValues={initialValues}
        preserve={false}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('org.wsName')} rules={[required, { max: LIMITS.unitNameMax }]}>
          <Input maxLength={LIMITS.unitNameMax} />
        </Form.Item>
        <Form.Item
          name="publicPhone"
          label={t('org.wsPhone')}
          extra={t('org.wsPhoneHint')}
          rules={[required, { pattern: LIMITS.phonePattern, message: labels.field('phoneFormat') }]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t('org.wsAddress')} rules={[required, { max: LIMITS.addressMax }]}>
          <Input maxLength={LIMITS.addressMax} />
        </Form.Item>
        <Form.Item
          name="openingHours"
          label={t('org.wsOpeningHours')}
          rules={[required, { max: LIMITS.openingHoursMax }]}
        >
          <Input.TextArea rows={2} maxLength={LIMITS.openingHoursMax} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="latitude" label={t('org.wsLatitude')}>
              <InputNumber min={-90} max={90} step={0.000001} precision={6} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="longitude" label={t('org.wsLongitude')}>
              <InputNumber min={-180} max={180} step={0.000001} precision={6} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="isPublished" label={t('org.wsPublished')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
