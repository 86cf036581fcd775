import { Alert, App, Button, Drawer, Form, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api';
import { applyFieldErrors } from '../../../lib/api-errors';
import { type CaseDetail, casesApi } from '../api/cases.api';
import type { AssignmentBody, AssignmentTask } from '../api/workflow';
import { useCaseLabels } from '../hooks/use-case-labels';
import { useCaseTask, useReplySupervision, useRunCase } from '../hooks/use-cases';
import { useCategories } from '../hooks/use-categories';
import { useLeaders } from '../hooks/use-leaders';
import { useUnitDirectory } from '../hooks/use-unit-directory';
import { type FieldSources, initialValues, SpecField, toBody } from './case-form-fields';
import {
  caseFormOf,
  type FieldSpec,
  type FormContext,
  type FormSpec,
  SUPERVISION_REPLY_FORM,
  TASK_FORMS,
} from './command-specs';

/** What the form submits to: a command or action on the case, a whistle task, or a supervision order. */
export type FormTarget =
  | {
      type: 'case';
      name: string;
      preset?: Record<string, unknown>;
      /** Case numbers the page already knows the id of (e.g. from intake warnings). */
      knownCases?: Record<string, string>;
    }
  | { type: 'task'; task: AssignmentTask; assignmentId: string; unitName: string }
  | { type: 'supervision'; orderId: string };

function specOf(target: FormTarget): FormSpec | undefined {
  if (target.type === 'case') return caseFormOf(target.name);
  if (target.type === 'task') return TASK_FORMS[target.task];
  return SUPERVISION_REPLY_FORM;
}

/** Case numbers typed into a form become the case's id: the API refers to cases by id. */
async function resolveCaseNo(caseNo: string): Promise<string | null> {
  const page = await casesApi.list({ q: caseNo.trim(), limit: 5, sort: 'received' });
  return (
    page.items.find((i) => i.caseNo === caseNo.trim().toUpperCase() || i.caseNo === caseNo.trim())?.id ?? null
  );
}

/**
 * The form of one command, in a Drawer (several fields) or a Modal (one or two): built from its
 * spec, validated like the server's schema, always sending the case version the user saw.
 */
export function CaseCommandForm({
  c,
  target,
  onClose,
}: {
  c: CaseDetail;
  target: FormTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useCaseLabels();
  const [form] = Form.useForm<Record<string, unknown>>();
  const spec = specOf(target);
  const fields = spec?.fields ?? [];
  const needsUnits = fields.some((f) => f.kind === 'unit' || f.kind === 'tasks');
  const needsLeaders = fields.some((f) => f.kind === 'leader');
  const directory = useUnitDirectory(needsUnits);
  const leaders = useLeaders(c.id, needsLeaders);
  const categories = useCategories();
  const run = useRunCase(c.id);
  const task = useCaseTask(c.id);
  const reply = useReplySupervision(c.id);
  const values = (Form.useWatch([], form) ?? {}) as Record<string, unknown>;

  const ctx: FormContext = {
    c,
    t,
    labels,
    ancestors: directory.ancestors,
    leaders: leaders.data?.items ?? [],
  };
  const sources: FieldSources = {
    ctx,
    unitOptions: (f: FieldSpec) =>
      f.unitOptions
        ? f.unitOptions(ctx).map((o) => ({ value: String(o.value), label: o.label }))
        : directory.options(f.units ? (u) => f.units!(u, ctx) : undefined),
    categoryTree: categories.leafTree,
    leadersUnavailable: needsLeaders && !leaders.isLoading && (leaders.data?.items.length ?? 0) === 0,
  };
  // Read once, when the form mounts (a form's initial values do not follow later renders).
  const [initial] = useState(() => ({
    ...initialValues(fields, ctx),
    ...(target.type === 'case' ? target.preset : {}),
  }));

  if (!spec) return null;
  const title =
    target.type === 'case'
      ? labels.command(target.name)
      : target.type === 'task'
        ? `${t(`cases.taskNames.${target.task}`)} · ${target.unitName}`
        : t('cases.supervision.reply');
  const submitting = run.isPending || task.isPending || reply.isPending;

  const submit = async (v: Record<string, unknown>) => {
    const body = toBody(fields, v);
    try {
      for (const f of fields.filter((x) => x.kind === 'caseNo')) {
        const no = body[f.name];
        if (typeof no !== 'string') continue;
        const known = target.type === 'case' ? target.knownCases?.[no] : undefined;
        const id = known ?? (await resolveCaseNo(no));
        if (!id) {
          form.setFields([{ name: f.name, errors: [t('cases.form.caseNoNotFound')] }]);
          return;
        }
        body[f.name] = id;
      }
      if (target.type === 'case') {
        await run.mutateAsync({ name: target.name, body: { ...body, version: c.version } });
      } else if (target.type === 'task') {
        await task.mutateAsync({
          assignmentId: target.assignmentId,
          task: target.task,
          body: body as AssignmentBody<AssignmentTask>,
        });
      } else {
        await reply.mutateAsync({ orderId: target.orderId, reply: String(body.reply ?? '') });
      }
      void message.success(t('cases.form.done', { action: title }));
      onClose();
    } catch (err) {
      // The global handler shows the message; a stale screen closes so the user sees the new state.
      if (isApiError(err, 'CASE_CONFLICT')) onClose();
      else applyFieldErrors(form, err);
    }
  };

  const formBody = (
    <Form
      form={form}
      layout="vertical"
      name={`case-${target.type === 'case' ? target.name : target.type}`}
      initialValues={initial}
      onFinish={submit}
      data-testid="command-form"
    >
      {needsUnits && directory.isScopedFallback && (
        <Alert type="info" showIcon title={t('cases.form.scopedUnits')} style={{ marginBottom: 16 }} />
      )}
      {fields.map((f) => (
        <SpecField key={f.name} spec={f} values={values} sources={sources} />
      ))}
    </Form>
  );
  const footer = (
    <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button
        type="primary"
        danger={spec.danger}
        loading={submitting}
        onClick={() => form.submit()}
        data-testid="command-submit"
      >
        {t('cases.form.submit', { action: title })}
      </Button>
    </Space>
  );
  const heading = (
    <Space size={8}>
      <span>{title}</span>
      <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
        {c.caseNo}
      </Typography.Text>
    </Space>
  );
  const wide = fields.length > 2 || fields.some((f) => f.kind === 'tasks');
  return wide ? (
    <Drawer open size={640} title={heading} onClose={onClose} destroyOnHidden footer={footer}>
      {formBody}
    </Drawer>
  ) : (
    <Modal open title={heading} onCancel={onClose} footer={footer} destroyOnHidden width={560}>
      {formBody}
    </Modal>
  );
}
