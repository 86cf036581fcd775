import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  TreeSelect,
} from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../lib/labels';
import { todayInShanghai } from '../hooks/use-case-labels';
import type { CategoryTreeNode } from '../hooks/use-categories';
import type { UnitOption, UnitOptionGroup } from '../hooks/use-unit-directory';
import type { FieldSpec, FormContext } from './command-specs';

export interface FieldSources {
  ctx: FormContext;
  /** Unit pickers: the directory grouped by kind, or a spec's own list (escalation targets). */
  unitOptions: (spec: FieldSpec) => (UnitOption | UnitOptionGroup)[];
  categoryTree: CategoryTreeNode[];
  leadersUnavailable: boolean;
}

const isFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > todayInShanghai();

/** One field of a command form, rendered from its spec. */
export function SpecField({
  spec,
  values,
  sources,
}: {
  spec: FieldSpec;
  values: Record<string, unknown>;
  sources: FieldSources;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (spec.visible && !spec.visible(values)) return null;
  const required = spec.required || (spec.requiredWhen?.(values) ?? false);
  const label = t(`cases.fields.${spec.label ?? spec.name}` as 'cases.fields.reason');
  const options = spec.options?.(sources.ctx) ?? [];
  const rules: Rule[] = [];
  if (required && spec.kind !== 'switch') {
    // The rule's type must match the value (a Dayjs, a number, a boolean), or antd's validator
    // treats the value as a wrong type and reports the "required" message.
    const type =
      spec.kind === 'date'
        ? ('object' as const)
        : spec.kind === 'number'
          ? ('number' as const)
          : options.some((o) => typeof o.value === 'boolean')
            ? ('boolean' as const)
            : undefined;
    rules.push({
      required: true,
      ...(type && { type }),
      whitespace: spec.kind === 'text' || spec.kind === 'textarea' || spec.kind === 'caseNo',
      message: labels.field('required'),
    });
  }
  if ((spec.kind === 'text' || spec.kind === 'textarea') && spec.max) rules.push({ max: spec.max });
  const extra = spec.hint ? t(`cases.hints.${spec.hint}` as 'cases.hints.proof') : undefined;
  const common = { name: spec.name, label, rules, extra };

  switch (spec.kind) {
    case 'text':
    case 'caseNo':
      return (
        <Form.Item {...common}>
          <Input maxLength={spec.max} />
        </Form.Item>
      );
    case 'textarea':
      return (
        <Form.Item {...common}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={spec.max}
            showCount={!!spec.max && spec.max <= 2000}
          />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item {...common}>
          <Select
            allowClear={!required}
            options={options.map((o) => ({ value: String(o.value), label: o.label }))}
          />
        </Form.Item>
      );
    case 'radio':
      return (
        <Form.Item {...common}>
          <Radio.Group
            options={options.map((o) => ({ value: o.value as string, label: o.label }))}
            optionType={options.length <= 3 ? 'button' : 'default'}
          />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item {...common}>
          <DatePicker style={{ width: 200 }} disabledDate={spec.notFuture ? isFuture : undefined} />
        </Form.Item>
      );
    case 'switch':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber min={spec.min} max={spec.max} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'unit':
      return (
        <Form.Item {...common}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            allowClear={!required}
            options={sources.unitOptions(spec)}
            placeholder={t('cases.form.pickUnit')}
          />
        </Form.Item>
      );
    case 'leader':
      return (
        <>
          {sources.leadersUnavailable && (
            <Alert type="warning" showIcon title={t('cases.form.noLeaders')} style={{ marginBottom: 12 }} />
          )}
          <Form.Item {...common}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              disabled={sources.leadersUnavailable}
              options={sources.ctx.leaders.map((l) => ({
                value: l.id,
                label: l.displayName.includes(l.unitName)
                  ? l.displayName
                  : `${l.displayName}（${l.unitName}）`,
              }))}
            />
          </Form.Item>
        </>
      );
    case 'category':
      return (
        <Form.Item {...common}>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={sources.categoryTree}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      );
    case 'tasks':
      return <WhistleTasks sources={sources} label={label} />;
    default: {
      const never: never = spec.kind;
      return never;
    }
  }
}

/** 吹哨: one row per summoned unit, with its role, task and deadlines. */
function WhistleTasks({ sources, label }: { sources: FieldSources; label: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const req = { required: true, message: labels.field('required') };
  const unitOptions = sources.unitOptions({
    name: 'tasks',
    kind: 'tasks',
    units: (u, { c }) => u.id !== c.ownerUnit.id,
  });
  return (
    <Form.List
      name="tasks"
      rules={[
        {
          validator: async (_, rows: unknown[] | undefined) => {
            if (!rows?.length) throw new Error(t('cases.form.tasksRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={label} required>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={t('cases.form.taskN', { n: i + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('common.remove')}
                  />
                }
              >
                <Form.Item name={[f.name, 'unitId']} label={t('cases.fields.taskUnit')} rules={[req]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={unitOptions}
                    placeholder={t('cases.form.pickUnit')}
                    data-testid={`task-unit-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'role']} label={t('cases.fields.taskRole')} rules={[req]}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'co', label: t('cases.options.role.co') },
                      { value: 'lead', label: t('cases.options.role.lead') },
                    ]}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'task']}
                  label={t('cases.fields.task')}
                  rules={[{ ...req, whitespace: true }, { max: 1000 }]}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
                </Form.Item>
                <Space size={16} wrap>
                  <Form.Item
                    name={[f.name, 'reportInWorkingDays']}
                    label={t('cases.fields.reportInWorkingDays')}
                    rules={[{ ...req, type: 'number' }]}
                  >
                    <InputNumber min={1} max={10} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'feedbackDays']}
                    label={t('cases.fields.feedbackDays')}
                    rules={[{ ...req, type: 'number' }]}
                  >
                    <InputNumber min={1} max={60} />
                  </Form.Item>
                </Space>
              </Card>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ role: 'co', reportInWorkingDays: 1, feedbackDays: 7 })}
              disabled={fields.length >= 20}
              block
            >
              {t('cases.form.addTask')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}

/** Form values as a request body: trimmed texts, dates as YYYY-MM-DD, empty fields left out. */
export function toBody(fields: FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.visible && !f.visible(values)) continue;
    const v = values[f.name];
    if (v === undefined || v === null) continue;
    if (dayjs.isDayjs(v)) body[f.name] = v.format('YYYY-MM-DD');
    else if (typeof v === 'string') {
      if (v.trim()) body[f.name] = v.trim();
    } else if (f.kind === 'tasks' && Array.isArray(v)) {
      body[f.name] = v.map((row: Record<string, unknown>) => ({
        ...row,
        task: typeof row.task === 'string' ? row.task.trim() : row.task,
      }));
    } else body[f.name] = v;
  }
  return body;
}

/** Initial values of a form from its specs ('today' means today in Shanghai). */
export function initialValues(fields: FieldSpec[], ctx: FormContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = f.initial?.(ctx);
    if (v === undefined) continue;
    out[f.name] = f.kind === 'date' && v === 'today' ? dayjs(todayInShanghai()) : v;
  }
  if (fields.some((f) => f.kind === 'tasks')) {
    out.tasks = [{ role: 'co', reportInWorkingDays: 1, feedbackDays: 7 }];
  }
  return out;
}
