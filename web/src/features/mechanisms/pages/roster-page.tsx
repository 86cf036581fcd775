import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitDirectory } from '../../cases/hooks/use-unit-directory';
import { IDENTITIES, type RosterEntry, type RosterKind } from '../api/mechanisms.api';
import { useRoster, useSaveRoster, useSittings } from '../hooks/use-mechanisms';

const KINDS: RosterKind[] = ['expert', 'mediator', 'hearing_panel'];

function RosterForm({
  kind,
  entry,
  onClose,
}: {
  kind: RosterKind;
  entry: RosterEntry | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveRoster();
  const directory = useUnitDirectory();
  const submit = async () => {
    const v = await form.validateFields();
    const body = { ...v, userId: v.userId || null, workUnitId: v.workUnitId || null };
    await save.mutateAsync(entry ? { id: entry.id, body } : { body: { ...body, kind } });
    void message.success(t('mechanisms.actions.saved'));
    onClose();
  };
  return (
    <Modal
      open
      title={entry ? t('mechanisms.roster.edit') : t('mechanisms.roster.add')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="roster-form"
        initialValues={
          entry
            ? { ...entry }
            : { identity: kind === 'mediator' ? 'mediator' : 'lawyer', level: 'district', isActive: true }
        }
      >
        <Form.Item name="name" label={t('mechanisms.roster.name')} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="identity" label={t('mechanisms.roster.identity')} rules={[{ required: true }]}>
          <Select options={IDENTITIES.map((v) => ({ value: v, label: t(`mechanisms.identities.${v}`) }))} />
        </Form.Item>
        <Form.Item name="level" label={t('mechanisms.roster.level')} rules={[{ required: true }]}>
          <Select
            options={(['city', 'district', 'town'] as const).map((v) => ({
              value: v,
              label: t(`mechanisms.levels.${v}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="ownerUnitId" label={t('mechanisms.roster.ownerUnitId')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={directory.options((u) => u.kind === 'district' || u.kind === 'town')}
          />
        </Form.Item>
        <Form.Item name="expertise" label={t('mechanisms.roster.expertise')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="workUnit" label={t('mechanisms.roster.workUnit')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="workUnitId" label={t('mechanisms.roster.workUnitId')}>
          <Select allowClear showSearch optionFilterProp="label" options={directory.options()} />
        </Form.Item>
        <Form.Item name="userId" label={t('mechanisms.roster.userId')}>
          <Input maxLength={36} />
        </Form.Item>
        <Form.Item name="isActive" label={t('mechanisms.roster.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Sittings({ entry, onClose }: { entry: RosterEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const sittings = useSittings(entry.id);
  return (
    <Drawer open title={`${entry.name} · ${t('mechanisms.roster.sittings')}`} onClose={onClose} size={560}>
      <Table
        rowKey="mechanismId"
        size="small"
        loading={sittings.isPending}
        dataSource={sittings.data?.items ?? []}
        locale={{ emptyText: t('mechanisms.roster.noSittings') }}
        pagination={false}
        columns={[
          { title: t('mechanisms.roster.caseNo'), dataIndex: 'caseNo' },
          {
            title: t('mechanisms.roster.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`mechanisms.kinds.${k}` as 'mechanisms.kinds.hearing'),
          },
          {
            title: '',
            dataIndex: 'role',
            render: (r: string) => t(`mechanisms.roles.${r}` as 'mechanisms.roles.expert'),
          },
          { title: '', dataIndex: 'since', render: (s: string) => s.slice(0, 10) },
        ]}
      />
    </Drawer>
  );
}

/** 调解评审名库: experts, mediators and hearing panellists (person, identity, level, unit, active). */
export function RosterPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RosterKind>('expert');
  const roster = useRoster(kind);
  const [editing, setEditing] = useState<{ entry: RosterEntry | null } | null>(null);
  const [sittingsOf, setSittingsOf] = useState<RosterEntry | null>(null);
  return (
    <Card
      title={t('mechanisms.roster.title')}
      data-testid="roster-page"
      extra={
        <Button type="primary" onClick={() => setEditing({ entry: null })} data-testid="roster-add">
          {t('mechanisms.roster.add')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Segmented
          value={kind}
          onChange={(v) => setKind(v as RosterKind)}
          options={KINDS.map((k) => ({ value: k, label: t(`mechanisms.rosterKinds.${k}`) }))}
        />
        <Table<RosterEntry>
          rowKey="id"
          size="small"
          loading={roster.isPending}
          dataSource={roster.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('mechanisms.roster.name'), dataIndex: 'name' },
            {
              title: t('mechanisms.roster.identity'),
              dataIndex: 'identity',
              render: (v: string) => t(`mechanisms.identities.${v}` as 'mechanisms.identities.other'),
            },
            {
              title: t('mechanisms.roster.level'),
              dataIndex: 'level',
              render: (v: string) => t(`mechanisms.levels.${v}` as 'mechanisms.levels.city'),
            },
            { title: t('mechanisms.roster.ownerUnitId'), dataIndex: 'ownerUnitName' },
            { title: t('mechanisms.roster.workUnit'), dataIndex: 'workUnit' },
            { title: t('mechanisms.roster.expertise'), dataIndex: 'expertise' },
            {
              title: t('mechanisms.roster.active'),
              dataIndex: 'isActive',
              render: (a: boolean) => (
                <Tag color={a ? 'success' : 'default'}>
                  {a ? t('mechanisms.roster.active') : t('mechanisms.roster.inactive')}
                </Tag>
              ),
            },
            {
              title: '',
              key: 'ops',
              render: (_: unknown, r) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setEditing({ entry: r })}>
                    {t('mechanisms.roster.edit')}
                  </Button>
                  <Button size="small" type="link" onClick={() => setSittingsOf(r)}>
                    {t('mechanisms.roster.sittings')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Space>
      {editing && <RosterForm kind={kind} entry={editing.entry} onClose={() => setEditing(null)} />}
      {sittingsOf && <Sittings entry={sittingsOf} onClose={() => setSittingsOf(null)} />}
    </Card>
  );
}
