import {
  Alert,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type {
  DeadlineProfile,
  ProfileVersion,
  PublishVersionBody,
  RuleChange,
} from '../api/admin-config.api';

interface VersionFormValues {
  validFrom: Dayjs;
  name: string;
  note: string;
  warnDays: number;
  warnPercent: number;
  rules: RuleChange[];
}

/**
 * A new version of a profile, prefilled from its latest version: every rule's numbers in one table.
 * The server sends its refusals per rule (body.rules.3.period), which land on that row's field.
 */
export function ProfileVersionDrawer(props: {
  profile: DeadlineProfile;
  base: ProfileVersion;
  submitting: boolean;
  onSubmit: (body: PublishVersionBody) => Promise<void>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const isEn = i18n.language.startsWith('en');
  const [form] = Form.useForm<VersionFormValues>();
  const { base } = props;

  const submit = async (v: VersionFormValues) => {
    try {
      await props.onSubmit({
        validFrom: v.validFrom.format('YYYY-MM-DD'),
        name: v.name.trim(),
        note: v.note.trim(),
        warnDays: v.warnDays,
        warnRatio: Math.round(v.warnPercent) / 100,
        rules: v.rules,
      });
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  const cell = (index: number, field: keyof RuleChange, node: ReactNode) => (
    <Form.Item
      name={['rules', index, field]}
      valuePropName={field === 'rollForward' || field === 'pausable' ? 'checked' : 'value'}
      style={{ margin: 0 }}
      rules={
        field === 'period'
          ? [{ required: true, message: labels.field('required') }]
          : field === 'extensionCapDays'
            ? [{ required: true, message: labels.field('required') }]
            : []
      }
    >
      {node}
    </Form.Item>
  );

  return (
    <Drawer
      open
      size={980}
      title={t('adminConfig.deadlines.publishTitle', { name: props.profile.name })}
      onClose={props.onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={props.submitting} onClick={() => form.submit()}>
            {t('adminConfig.deadlines.form.submit')}
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('adminConfig.deadlines.publishIntro', { version: base.version })}
      />
      <Form
        form={form}
        name="profile-version"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          validFrom: dayjs().add(1, 'day'),
          name: base.name,
          note: '',
          warnDays: base.warnDays,
          warnPercent: Math.round(base.warnRatio * 100),
          rules: base.rules.map(({ code, period, unit, rollForward, pausable, extensionCapDays }) => ({
            code,
            period,
            unit,
            rollForward,
            pausable,
            extensionCapDays,
          })),
        }}
      >
        <Space wrap size={16} align="start">
          <Form.Item
            name="validFrom"
            label={t('adminConfig.deadlines.form.validFrom')}
            rules={[{ required: true, message: labels.field('required') }]}
          >
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item
            name="warnDays"
            label={t('adminConfig.deadlines.form.warnDays')}
            rules={[{ required: true, message: labels.field('required') }]}
          >
            <InputNumber min={0} max={365} precision={0} />
          </Form.Item>
          <Form.Item
            name="warnPercent"
            label={t('adminConfig.deadlines.form.warnPercent')}
            rules={[{ required: true, message: labels.field('required') }]}
          >
            <InputNumber min={0} max={100} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item
          name="name"
          label={t('adminConfig.deadlines.form.name')}
          rules={[{ required: true, whitespace: true, message: labels.field('required') }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('adminConfig.deadlines.form.note')}
          rules={[{ required: true, whitespace: true, message: labels.field('required') }, { max: 500 }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('adminConfig.deadlines.form.notePlaceholder')}
          />
        </Form.Item>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={base.rules.map((r, index) => ({ ...r, index }))}
          scroll={{ x: 860 }}
          columns={[
            {
              title: t('adminConfig.deadlines.columns.rule'),
              key: 'label',
              render: (_, r) => (isEn ? r.labelEn : r.labelZh),
            },
            {
              title: t('adminConfig.deadlines.form.period'),
              key: 'period',
              width: 110,
              render: (_, r) =>
                cell(
                  r.index,
                  'period',
                  <InputNumber
                    min={1}
                    max={3660}
                    precision={0}
                    aria-label={`${isEn ? r.labelEn : r.labelZh} ${t('adminConfig.deadlines.form.period')}`}
                    data-testid={`period-${r.code}`}
                  />,
                ),
            },
            {
              title: t('adminConfig.deadlines.form.unit'),
              key: 'unit',
              width: 130,
              render: (_, r) =>
                cell(
                  r.index,
                  'unit',
                  <Select
                    aria-label={`${isEn ? r.labelEn : r.labelZh} ${t('adminConfig.deadlines.form.unit')}`}
                    options={(['calendar_days', 'working_days'] as const).map((u) => ({
                      value: u,
                      label: t(`adminConfig.deadlines.units.${u}`),
                    }))}
                  />,
                ),
            },
            {
              title: t('adminConfig.deadlines.form.rollForward'),
              key: 'rollForward',
              width: 110,
              render: (_, r) =>
                cell(
                  r.index,
                  'rollForward',
                  <Switch
                    size="small"
                    aria-label={`${isEn ? r.labelEn : r.labelZh} ${t('adminConfig.deadlines.form.rollForward')}`}
                  />,
                ),
            },
            {
              title: t('adminConfig.deadlines.form.pausable'),
              key: 'pausable',
              width: 110,
              render: (_, r) =>
                cell(
                  r.index,
                  'pausable',
                  <Switch
                    size="small"
                    aria-label={`${isEn ? r.labelEn : r.labelZh} ${t('adminConfig.deadlines.form.pausable')}`}
                  />,
                ),
            },
            {
              title: t('adminConfig.deadlines.form.extensionCap'),
              key: 'extensionCapDays',
              width: 160,
              render: (_, r) =>
                cell(
                  r.index,
                  'extensionCapDays',
                  <InputNumber
                    min={0}
                    max={3660}
                    precision={0}
                    aria-label={`${isEn ? r.labelEn : r.labelZh} ${t('adminConfig.deadlines.form.extensionCap')}`}
                    data-testid={`cap-${r.code}`}
                  />,
                ),
            },
          ]}
        />
        {/* The rule codes travel with the form so the server can name the row it refuses. */}
        {base.rules.map((r, i) => (
          <Form.Item key={r.code} name={['rules', i, 'code']} hidden>
            <Input />
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
