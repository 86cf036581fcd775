import { Alert, type ButtonProps, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInShanghai } from '../../../lib/shanghai-time';
import type { Candidate } from '../api/mechanisms.api';
import { useExpertCandidates, useMechanismAction } from '../hooks/use-mechanisms';

const GROUP_COLOURS = { own_town: 'green', city_pool: 'blue', other_town: 'purple' } as const;

/**
 * 点单式: the petitioner picks experts from the own town's panel, the city pool or other towns'
 * panels. Experts who must stand aside (回避) are shown with the reason and cannot be ticked.
 */
export function ExpertPicker({
  caseId,
  version,
  onClose,
}: {
  caseId: string;
  version: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const candidates = useExpertCandidates(caseId, true);
  const mutation = useMechanismAction(caseId);
  const [chosen, setChosen] = useState<string[]>([]);
  const [form] = Form.useForm<{ requestedOn: string; reasons: string }>();
  const min = candidates.data?.minimum ?? 5;
  const submit = async () => {
    const v = await form.validateFields();
    await mutation.mutateAsync({
      action: 'expert-review',
      body: { version, requestedOn: v.requestedOn, reasons: v.reasons, expertRosterIds: chosen },
    });
    onClose();
  };
  return (
    <Modal
      open
      width={860}
      title={t('mechanisms.picker.title')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={
        {
          loading: mutation.isPending,
          disabled: chosen.length < min,
          'data-testid': 'picker-submit',
        } as ButtonProps
      }
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('mechanisms.picker.hint', { min })}</Typography.Paragraph>
        {candidates.data &&
          (candidates.data.windowLastDay ? (
            <Alert
              type="info"
              showIcon
              title={t('mechanisms.picker.window', { date: candidates.data.windowLastDay })}
            />
          ) : (
            <Alert type="warning" showIcon title={t('mechanisms.picker.noWindow')} />
          ))}
        <Form form={form} layout="inline" initialValues={{ requestedOn: todayInShanghai() }}>
          <Form.Item
            name="requestedOn"
            label={t('mechanisms.fields.requestedOn')}
            rules={[{ required: true }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="reasons"
            label={t('mechanisms.fields.reasons')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={2000} data-testid="picker-reasons" />
          </Form.Item>
        </Form>
        <Table<Candidate>
          size="small"
          rowKey="id"
          loading={candidates.isLoading}
          dataSource={candidates.data?.items ?? []}
          pagination={false}
          data-testid="expert-candidates"
          rowSelection={{
            selectedRowKeys: chosen,
            onChange: (keys) => setChosen(keys as string[]),
            getCheckboxProps: (r) => ({ disabled: !!r.recusal, name: r.name }),
          }}
          columns={[
            {
              title: t('mechanisms.roster.kind'),
              dataIndex: 'group',
              render: (g: Candidate['group']) => (
                <Tag color={GROUP_COLOURS[g]}>{t(`mechanisms.groups.${g}`)}</Tag>
              ),
            },
            { title: t('mechanisms.roster.name'), dataIndex: 'name' },
            {
              title: t('mechanisms.roster.identity'),
              dataIndex: 'identity',
              render: (v: string) => t(`mechanisms.identities.${v}` as 'mechanisms.identities.other'),
            },
            { title: t('mechanisms.roster.expertise'), dataIndex: 'expertise' },
            { title: t('mechanisms.roster.workUnit'), dataIndex: 'workUnit' },
            {
              title: '',
              dataIndex: 'recusal',
              render: (r: string | null) =>
                r ? (
                  <Tag color="red" data-testid="recusal">
                    {t('mechanisms.picker.recused', { reason: r })}
                  </Tag>
                ) : null,
            },
          ]}
        />
        <Typography.Text data-testid="picker-count" type={chosen.length < min ? 'warning' : 'success'}>
          {t('mechanisms.picker.chosen', { n: chosen.length, min })}
        </Typography.Text>
      </Space>
    </Modal>
  );
}
