import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../lib/labels';
import { todayInShanghai } from '../../../lib/shanghai-time';
import type {
  DeadlineProfile,
  DeadlineRule,
  ProfileAssignment,
  ProfileVersion,
} from '../api/admin-config.api';
import { ProfileVersionDrawer } from '../components/profile-version-drawer';
import { buildUnitTree, toTreeSelectData } from '../components/unit-tree-data';
import { useAssignProfile, useDeadlineProfiles, usePublishVersion } from '../hooks/use-admin-config';
import { useUnitTree } from '../hooks/use-org-units';

const INHERIT = '__inherit__';

/** One rule in plain words: when it starts, how long, what happens on a rest day, extensions. */
function useRuleText() {
  const { t, i18n } = useTranslation();
  const triggers = t('adminConfig.deadlines.triggers', { returnObjects: true }) as Record<string, string>;
  const isEn = i18n.language.startsWith('en');
  return {
    label: (r: DeadlineRule) => (isEn ? r.labelEn : r.labelZh),
    trigger: (r: DeadlineRule) => triggers[r.trigger] ?? r.trigger,
    period: (r: DeadlineRule) => t(`adminConfig.deadlines.period.${r.unit}`, { count: r.period }),
    rollForward: (r: DeadlineRule) => t(`adminConfig.deadlines.rollForward.${r.rollForward ? 'yes' : 'no'}`),
    extension: (r: DeadlineRule) =>
      r.extensionCapDays > 0
        ? t('adminConfig.deadlines.extension.cap', { count: r.extensionCapDays })
        : t('adminConfig.deadlines.extension.none'),
  };
}

function RulesTable({ version }: { version: ProfileVersion }) {
  const { t } = useTranslation();
  const text = useRuleText();
  const columns: TableColumnsType<DeadlineRule> = [
    {
      title: t('adminConfig.deadlines.columns.rule'),
      key: 'rule',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>{text.label(r)}</Typography.Text>
          <Space size={4} wrap>
            {r.isLocalPractice && <Tag color="purple">{t('adminConfig.deadlines.tags.local')}</Tag>}
            {!r.isVerified && <Tag color="orange">{t('adminConfig.deadlines.tags.unverified')}</Tag>}
            {r.canOverridePeriod && <Tag>{t('adminConfig.deadlines.tags.perCase')}</Tag>}
            {r.pausable && <Tag color="cyan">{t('adminConfig.deadlines.tags.pausable')}</Tag>}
          </Space>
        </Space>
      ),
    },
    { title: t('adminConfig.deadlines.columns.trigger'), key: 'trigger', render: (_, r) => text.trigger(r) },
    {
      title: t('adminConfig.deadlines.columns.period'),
      key: 'period',
      width: 150,
      render: (_, r) => <Typography.Text strong>{text.period(r)}</Typography.Text>,
    },
    {
      title: t('adminConfig.deadlines.columns.rollForward'),
      key: 'roll',
      width: 160,
      responsive: ['lg'],
      render: (_, r) => text.rollForward(r),
    },
    {
      title: t('adminConfig.deadlines.columns.extension'),
      key: 'ext',
      width: 130,
      render: (_, r) => text.extension(r),
    },
    {
      title: t('adminConfig.deadlines.columns.basis'),
      dataIndex: 'basis',
      responsive: ['xl'],
      render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
    },
  ];
  return (
    <Table<DeadlineRule>
      rowKey="code"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={version.rules}
    />
  );
}

function ProfilePanel(props: {
  profile: DeadlineProfile;
  canPublish: boolean;
  onPublish: (base: ProfileVersion) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { versions } = props.profile;
  const inForce = versions.find((v) => v.isInForce) ?? versions[versions.length - 1]!;
  const [selected, setSelected] = useState(inForce.version);
  const shown = versions.find((v) => v.version === selected) ?? inForce;
  const latest = versions[versions.length - 1]!;
  const today = todayInShanghai();

  const versionColumns: TableColumnsType<ProfileVersion> = [
    {
      title: t('adminConfig.deadlines.versions'),
      key: 'version',
      width: 170,
      render: (_, v) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            aria-pressed={v.version === shown.version}
            onClick={() => setSelected(v.version)}
          >
            {t('adminConfig.deadlines.version', { version: v.version })}
          </Button>
          {v.isInForce && <Tag color="green">{t('adminConfig.deadlines.inForce')}</Tag>}
          {!v.isInForce && v.validFrom > today && <Tag color="gold">{t('adminConfig.deadlines.future')}</Tag>}
        </Space>
      ),
    },
    { title: t('adminConfig.deadlines.validFrom'), dataIndex: 'validFrom', width: 120 },
    {
      title: t('adminConfig.deadlines.source'),
      key: 'source',
      render: (_, v) =>
        v.isBuiltin
          ? t('adminConfig.deadlines.builtin')
          : t('adminConfig.deadlines.publishedBy', {
              name: v.createdBy ?? '—',
              at: labels.dateTime(v.createdAt),
            }),
    },
    { title: t('adminConfig.deadlines.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">{props.profile.code}</Typography.Text>
        {props.canPublish && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => props.onPublish(latest)}>
            {t('adminConfig.deadlines.publish')}
          </Button>
        )}
      </Space>
      <Table<ProfileVersion>
        rowKey="version"
        size="small"
        pagination={false}
        columns={versionColumns}
        dataSource={versions}
        rowClassName={(v) => (v.version === shown.version ? 'ant-table-row-selected' : '')}
      />
      <Descriptions
        size="small"
        column={1}
        title={t('adminConfig.deadlines.rulesOf', { name: shown.name, version: shown.version })}
        items={[
          {
            key: 'warn',
            label: t('adminConfig.deadlines.validFrom'),
            children: shown.validFrom,
          },
          {
            key: 'thresholds',
            label: t('adminConfig.deadlines.warnLabel'),
            children: t('adminConfig.deadlines.warnText', {
              days: shown.warnDays,
              percent: Math.round(shown.warnRatio * 100),
            }),
          },
          ...(shown.basedOn
            ? [
                {
                  key: 'based',
                  label: t('adminConfig.deadlines.source'),
                  children: t('adminConfig.deadlines.basedOn', shown.basedOn),
                },
              ]
            : []),
        ]}
      />
      <RulesTable version={shown} />
    </Space>
  );
}

function AssignmentsCard(props: {
  profiles: DeadlineProfile[];
  assignments: ProfileAssignment[];
  defaultName: string;
  canAssign: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const units = useUnitTree(false);
  const assign = useAssignProfile();
  const [form] = Form.useForm<{ unitId: string; profileCode: string }>();
  const treeData = useMemo(() => toTreeSelectData(buildUnitTree(units.data?.items ?? [])), [units.data]);
  const nameOf = (code: string) => props.profiles.find((p) => p.code === code)?.name ?? code;

  return (
    <Card title={t('adminConfig.deadlines.assignments.title')}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('adminConfig.deadlines.assignments.intro', { name: props.defaultName })}
        </Typography.Paragraph>
        {props.assignments.length === 0 ? (
          <Empty description={t('adminConfig.deadlines.assignments.none')} />
        ) : (
          <Table<ProfileAssignment>
            rowKey="unitId"
            size="small"
            pagination={false}
            dataSource={props.assignments}
            columns={[
              { title: t('adminConfig.deadlines.assignments.unit'), dataIndex: 'unitName' },
              {
                title: t('adminConfig.deadlines.assignments.kind'),
                dataIndex: 'unitKind',
                render: (k: ProfileAssignment['unitKind']) => labels.unitKind(k),
              },
              {
                title: t('adminConfig.deadlines.assignments.profile'),
                dataIndex: 'profileCode',
                render: (c: string) => nameOf(c),
              },
            ]}
          />
        )}
        {props.canAssign && (
          <Form
            form={form}
            name="profile-assignment"
            layout="inline"
            onFinish={async (v) => {
              await assign
                .mutateAsync({
                  unitId: v.unitId,
                  profileCode: v.profileCode === INHERIT ? null : v.profileCode,
                })
                .then(() => {
                  void message.success(t('adminConfig.deadlines.assignments.saved'));
                  form.resetFields();
                })
                .catch(() => undefined);
            }}
          >
            <Form.Item
              name="unitId"
              label={t('adminConfig.deadlines.assignments.unit')}
              rules={[{ required: true, message: labels.field('required') }]}
            >
              <TreeSelect
                style={{ width: 280 }}
                treeData={treeData}
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder={t('adminConfig.deadlines.assignments.pickUnit')}
                loading={units.isFetching}
                treeDefaultExpandAll
              />
            </Form.Item>
            <Form.Item
              name="profileCode"
              label={t('adminConfig.deadlines.assignments.profile')}
              rules={[{ required: true, message: labels.field('required') }]}
            >
              <Select
                style={{ width: 280 }}
                placeholder={t('adminConfig.deadlines.assignments.pickProfile')}
                options={[
                  { value: INHERIT, label: t('adminConfig.deadlines.assignments.inherit') },
                  ...props.profiles.map((p) => ({ value: p.code, label: p.name })),
                ]}
              />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={assign.isPending}>
                {t('adminConfig.deadlines.assignments.assign')}
              </Button>
            </Form.Item>
          </Form>
        )}
      </Space>
    </Card>
  );
}

/** 期限配置: deadline profiles, their versions and rules in plain words, and which units use which. */
export function DeadlineRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const profiles = useDeadlineProfiles();
  const publish = usePublishVersion();
  const [tab, setTab] = useState<string | undefined>(undefined);
  const [drafting, setDrafting] = useState<{ profile: DeadlineProfile; base: ProfileVersion } | null>(null);
  const data = profiles.data;
  const defaultName = data?.profiles.find((p) => p.code === data.defaultProfileCode)?.name ?? '';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('adminConfig.deadlines.title')} loading={profiles.isLoading}>
        <Typography.Paragraph type="secondary">{t('adminConfig.deadlines.intro')}</Typography.Paragraph>
        {data && (
          <Tabs
            activeKey={tab ?? data.profiles[0]?.code}
            onChange={setTab}
            items={data.profiles.map((p) => ({
              key: p.code,
              label: p.name,
              children: (
                <ProfilePanel
                  key={`${p.code}-${p.versions.length}`}
                  profile={p}
                  canPublish={data.abilities.publish}
                  onPublish={(base) => setDrafting({ profile: p, base })}
                />
              ),
            }))}
          />
        )}
      </Card>
      {data && (
        <AssignmentsCard
          profiles={data.profiles}
          assignments={data.assignments}
          defaultName={defaultName}
          canAssign={data.abilities.assign}
        />
      )}
      {drafting && (
        <ProfileVersionDrawer
          profile={drafting.profile}
          base={drafting.base}
          submitting={publish.isPending}
          onClose={() => setDrafting(null)}
          onSubmit={async (body) => {
            const res = await publish.mutateAsync({ code: drafting.profile.code, body });
            void message.success(
              t('adminConfig.deadlines.form.published', { version: res.version, date: res.validFrom }),
            );
            setDrafting(null);
          }}
        />
      )}
    </Space>
  );
}
