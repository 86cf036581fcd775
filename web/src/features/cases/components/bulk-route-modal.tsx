import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../lib/api-errors';
import {
  type BulkBody,
  type BulkCommand,
  type BulkResult,
  type CaseListItem,
  casesApi,
} from '../api/cases.api';
import { COMMANDS, type Status } from '../api/workflow';
import { caseKeys } from '../hooks/use-cases';
import { useUnitDirectory } from '../hooks/use-unit-directory';

/** Statuses from which a case can be assigned or transferred: what the queue lets one select. */
export const BULK_ROUTABLE = new Set<Status>([...COMMANDS.assign.from, ...COMMANDS.transfer.from]);

interface Props {
  open: boolean;
  cases: CaseListItem[];
  onClose: () => void;
  /** Called once the request went through (some cases may still have been refused). */
  onDone: () => void;
}

interface Values {
  command: BulkCommand;
  toUnitId: string;
  reason: string;
  feedbackDays: number;
}

/**
 * 批量交办/转送: the selected cases routed to one unit with one reason. The server takes each case
 * on its own, so the modal shows the outcome per case, refusals with their reason.
 */
export function BulkRouteModal({ open, cases, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const directory = useUnitDirectory(open);
  const queryClient = useQueryClient();
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const command = Form.useWatch('command', form) ?? 'assign';
  const routable = cases.filter((c) => (COMMANDS[command].from as readonly Status[]).includes(c.status));
  const owners = new Set(cases.map((c) => c.ownerUnit.id));

  const run = useMutation({
    mutationFn: (v: Values) => {
      const body: BulkBody = {
        items: routable.map((c) => ({ id: c.id, version: c.version })),
        toUnitId: v.toUnitId,
        reason: v.reason,
        ...(v.command === 'assign' ? { feedbackDays: v.feedbackDays } : {}),
      };
      return casesApi.bulk(v.command, body);
    },
    onSuccess: (r) => {
      setResults(r.results);
      const ok = r.results.filter((x) => x.ok).length;
      if (ok === r.results.length) void message.success(t('cases.bulk.allDone', { count: ok }));
      else void message.warning(t('cases.bulk.someRefused', { ok, refused: r.results.length - ok }));
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
    // The global handler shows the message; field errors go next to their fields.
    onError: (err) => applyFieldErrors(form, err),
  });

  const close = () => {
    if (results) onDone();
    setResults(null);
    form.resetFields();
    onClose();
  };
  const caseNoOf = (id: string) => cases.find((c) => c.id === id)?.caseNo ?? id;

  return (
    <Modal
      open={open}
      title={t('cases.bulk.title', { count: cases.length })}
      onCancel={close}
      destroyOnHidden
      width={640}
      okText={results ? t('common.close') : t('cases.bulk.submit', { count: routable.length })}
      okButtonProps={{ disabled: !results && routable.length === 0, id: 'bulk-submit' }}
      confirmLoading={run.isPending}
      onOk={() => (results ? close() : form.submit())}
      cancelButtonProps={{ style: results ? { display: 'none' } : {} }}
    >
      {results ? (
        <Table<BulkResult>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={results}
          data-testid="bulk-results"
          columns={[
            { title: t('cases.columns.caseNo'), key: 'no', render: (_, r) => r.caseNo ?? caseNoOf(r.id) },
            {
              title: t('cases.bulk.outcome'),
              key: 'outcome',
              render: (_, r) =>
                r.ok ? (
                  <Tag color="green">{t('cases.bulk.ok')}</Tag>
                ) : (
                  <>
                    <Tag color="red">{t('cases.bulk.refused')}</Tag>
                    {r.error?.message}
                  </>
                ),
            },
          ]}
        />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ command: 'assign', feedbackDays: 15 }}
          onFinish={(v) => run.mutate(v)}
        >
          {routable.length < cases.length && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('cases.bulk.skipped', { count: cases.length - routable.length })}
            />
          )}
          <Form.Item name="command" label={t('cases.bulk.command')}>
            <Radio.Group
              options={[
                { value: 'assign', label: t('cases.bulk.assign') },
                { value: 'transfer', label: t('cases.bulk.transfer') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="toUnitId"
            label={t('cases.bulk.toUnit')}
            rules={[{ required: true, message: t('cases.bulk.toUnitRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={directory.isLoading}
              options={directory.options((u) => !owners.has(u.id))}
              placeholder={t('cases.bulk.toUnitPlaceholder')}
              data-testid="bulk-unit"
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('cases.bulk.reason')}
            rules={[{ required: true, whitespace: true, message: t('cases.bulk.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="bulk-reason" />
          </Form.Item>
          {command === 'assign' && (
            <Form.Item name="feedbackDays" label={t('cases.bulk.feedbackDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={90} addonAfter={t('cases.bulk.days')} />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
