import { App, type ButtonProps, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseAttachment } from '../../cases/api/cases.api';
import { useUnitDirectory } from '../../cases/hooks/use-unit-directory';
import { useMechanismAction, useRoster } from '../hooks/use-mechanisms';
import type { ActionSpec, FieldSpec } from './action-specs';

function RosterSelect({
  kind,
  value,
  onChange,
  id,
}: {
  kind: 'expert' | 'mediator' | 'hearing_panel';
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const roster = useRoster(kind);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      loading={roster.isLoading}
      optionFilterProp="label"
      options={(roster.data?.items ?? [])
        .filter((r) => r.isActive)
        .map((r) => ({
          value: r.id,
          label: `${r.name}（${t(`mechanisms.identities.${r.identity}` as 'mechanisms.identities.other')}，${r.ownerUnitName}）`,
        }))}
    />
  );
}

/** Form.Item hands value, onChange and id to its direct child: the control gets them all (`rest`). */
function Field({
  f,
  attachments,
  ...rest
}: { f: FieldSpec; attachments: CaseAttachment[] } & Record<string, unknown>) {
  const directory = useUnitDirectory();
  switch (f.kind) {
    case 'text':
      return <Input maxLength={500} {...rest} />;
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={5000} {...rest} />;
    case 'date':
      return <Input type="date" {...rest} />;
    case 'number':
      return <InputNumber min={0} style={{ width: '100%' }} {...rest} />;
    case 'switch':
      return <Switch {...rest} />;
    case 'select':
      return <Select options={f.options} {...rest} />;
    case 'tags':
      return <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} {...rest} />;
    case 'roster':
      return <RosterSelect kind={f.rosterKind} {...rest} />;
    case 'unit':
    case 'units':
      return (
        <Select
          mode={f.kind === 'units' ? 'multiple' : undefined}
          showSearch
          optionFilterProp="label"
          options={directory.options()}
          {...rest}
        />
      );
    case 'attachment':
      return (
        <Select
          allowClear
          options={attachments
            .filter((a) => (f.video ? a.kind === 'video_reference' : a.kind !== 'video_reference'))
            .map((a) => ({ value: a.id, label: a.name }))}
          {...rest}
        />
      );
    default: {
      const never: never = f;
      return never;
    }
  }
}

/** One form for every mechanism step, built from its spec; errors show through the shared handler. */
export function ActionModal({
  caseId,
  spec,
  mechanismId,
  version,
  attachments,
  onClose,
}: {
  caseId: string;
  spec: ActionSpec;
  mechanismId?: string | undefined;
  version?: number | undefined;
  attachments: CaseAttachment[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const mutation = useMechanismAction(caseId);
  const initial = Object.fromEntries(
    spec.fields
      .filter((f) => 'initial' in f && f.initial !== undefined)
      .map((f) => [f.name, (f as { initial: unknown }).initial]),
  );
  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    const clean = Object.fromEntries(
      Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''),
    );
    const body = { ...(spec.toBody ? spec.toBody(clean) : clean), ...(spec.needsVersion ? { version } : {}) };
    await mutation.mutateAsync({ action: spec.action, body, mechanismId });
    void message.success(t('mechanisms.actions.saved'));
    onClose();
  };
  return (
    <Modal
      open
      title={t(`mechanisms.actions.${spec.label}` as 'mechanisms.actions.saved')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={
        { loading: mutation.isPending, danger: spec.danger, 'data-testid': 'mechanism-submit' } as ButtonProps
      }
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid={`mechanism-form-${spec.action}`}
      >
        {spec.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(`mechanisms.fields.${f.name}` as 'mechanisms.fields.note')}
            rules={f.required ? [{ required: true }] : []}
            valuePropName={f.kind === 'switch' ? 'checked' : 'value'}
          >
            <Field f={f} attachments={attachments} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
