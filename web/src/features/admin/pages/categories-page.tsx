import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_FLAG_LABELS } from '../../../../../common/src/taxonomy.js';
import { labelLang } from '../../../app/i18n';
import type {
  Category,
  CategoryGroup,
  CreateCategoryBody,
  UpdateCategoryBody,
} from '../api/admin-config.api';
import { CategoryFormModal, type CategoryFormValues } from '../components/category-form-modal';
import { useCategoryTree, useCreateCategory, useUpdateCategory } from '../hooks/use-admin-config';

type Row = Category & { children?: Row[]; isLeaf: boolean };

/** Which form is open: a new group, a new leaf under `parent`, or an edit of `category`. */
type Editing =
  | { mode: 'createTop' }
  | { mode: 'createLeaf'; parent: CategoryGroup }
  | { mode: 'edit'; category: Category; isLeaf: boolean };

const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** 事项分类: the two-level category tree of the active set, with add, edit and disable. */
export function CategoriesPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const lang = labelLang(i18n.language);
  const tree = useCategoryTree();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [formKey, setFormKey] = useState(0);
  const canManage = tree.data?.abilities.manage ?? false;

  const rows = useMemo<Row[]>(
    () =>
      (tree.data?.items ?? [])
        .filter((g) => showInactive || g.isActive)
        .map((g) => ({
          ...g,
          isLeaf: false,
          children: g.children.filter((c) => showInactive || c.isActive).map((c) => ({ ...c, isLeaf: true })),
        })),
    [tree.data, showInactive],
  );

  const open = (e: Editing) => {
    setFormKey((k) => k + 1);
    setEditing(e);
  };

  const setActive = (row: Row, isActive: boolean) => {
    const run = () =>
      update
        .mutateAsync({ code: row.code, body: { isActive } })
        .then(
          () =>
            void message.success(
              t(isActive ? 'adminConfig.categories.enabled' : 'adminConfig.categories.disabled'),
            ),
        )
        .catch(() => undefined);
    if (isActive) return void run();
    modal.confirm({
      title: t('adminConfig.categories.disableConfirm', { name: row.name }),
      content: t('adminConfig.categories.disableHint'),
      okText: t('adminConfig.categories.disable'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const submit = async (values: CategoryFormValues) => {
    if (!editing) return;
    if (editing.mode === 'edit') {
      const body: UpdateCategoryBody = {
        name: values.name.trim(),
        nameEn: blankToUndefined(values.nameEn) ?? null,
        nationalCategory: blankToUndefined(values.nationalCategory) ?? null,
        isPublic: values.isPublic,
        ...(editing.isLeaf && { flags: values.flags ?? [] }),
        ...(editing.isLeaf && values.defaultNature && { defaultNature: values.defaultNature }),
      };
      await update.mutateAsync({ code: editing.category.code, body });
      void message.success(t('adminConfig.categories.saved'));
    } else {
      const isLeaf = editing.mode === 'createLeaf';
      const body: CreateCategoryBody = {
        name: values.name.trim(),
        isPublic: values.isPublic,
        ...(isLeaf && { parentCode: editing.parent.code }),
      };
      const nameEn = blankToUndefined(values.nameEn);
      const nationalCategory = blankToUndefined(values.nationalCategory);
      if (nameEn) body.nameEn = nameEn;
      if (nationalCategory) body.nationalCategory = nationalCategory;
      if (isLeaf && values.flags?.length) body.flags = values.flags;
      if (isLeaf && values.defaultNature) body.defaultNature = values.defaultNature;
      const created = await create.mutateAsync(body);
      void message.success(t('adminConfig.categories.created', { code: created.code }));
    }
    setEditing(null);
  };

  const columns: TableColumnsType<Row> = [
    { title: t('adminConfig.categories.columns.code'), dataIndex: 'code', width: 120 },
    {
      title: t('adminConfig.categories.columns.name'),
      dataIndex: 'name',
      render: (name: string, row) => (row.isLeaf ? name : <Typography.Text strong>{name}</Typography.Text>),
    },
    {
      title: t('adminConfig.categories.columns.nameEn'),
      dataIndex: 'nameEn',
      responsive: ['xl'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('adminConfig.categories.columns.flags'),
      dataIndex: 'flags',
      render: (flags: Category['flags']) =>
        flags.map((f) => (
          <Tag key={f} title={CATEGORY_FLAG_LABELS[f][lang]}>
            {CATEGORY_FLAG_LABELS[f][lang]}
          </Tag>
        )),
    },
    {
      title: t('adminConfig.categories.columns.isPublic'),
      dataIndex: 'isPublic',
      width: 90,
      render: (v: boolean) => (
        <Tag color={v ? 'blue' : 'default'}>
          {v ? t('adminConfig.categories.public') : t('adminConfig.categories.internal')}
        </Tag>
      ),
    },
    {
      title: t('adminConfig.categories.columns.isActive'),
      dataIndex: 'isActive',
      width: 90,
      render: (v: boolean) => (
        <Tag color={v ? 'green' : 'default'}>
          {v ? t('adminConfig.categories.active') : t('adminConfig.categories.inactive')}
        </Tag>
      ),
    },
    ...(canManage
      ? [
          {
            title: t('adminConfig.categories.columns.actions'),
            key: 'actions',
            width: 240,
            render: (_: unknown, row: Row) => (
              <Space size={0} wrap>
                <Button
                  type="link"
                  size="small"
                  aria-label={`${t('common.edit')} ${row.code} ${row.name}`}
                  onClick={() => open({ mode: 'edit', category: row, isLeaf: row.isLeaf })}
                >
                  {t('common.edit')}
                </Button>
                {!row.isLeaf && row.isActive && (
                  <Button
                    type="link"
                    size="small"
                    aria-label={t('adminConfig.categories.addLeafUnder', { name: row.name })}
                    onClick={() => open({ mode: 'createLeaf', parent: row as CategoryGroup })}
                  >
                    {t('adminConfig.categories.addLeaf')}
                  </Button>
                )}
                <Button
                  type="link"
                  size="small"
                  danger={row.isActive}
                  aria-label={`${t(row.isActive ? 'adminConfig.categories.disable' : 'adminConfig.categories.enable')} ${row.code} ${row.name}`}
                  onClick={() => setActive(row, !row.isActive)}
                >
                  {t(row.isActive ? 'adminConfig.categories.disable' : 'adminConfig.categories.enable')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const title =
    editing?.mode === 'edit'
      ? t('adminConfig.categories.editTitle', { code: editing.category.code })
      : editing?.mode === 'createLeaf'
        ? t('adminConfig.categories.addLeafUnder', { name: editing.parent.name })
        : t('adminConfig.categories.addTop');

  return (
    <Card
      title={t('adminConfig.categories.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'createTop' })}>
            {t('adminConfig.categories.addTop')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('adminConfig.categories.intro')}
        </Typography.Paragraph>
        <Space wrap size={24}>
          {tree.data && (
            <Typography.Text>
              {t('adminConfig.categories.setInfo', { name: tree.data.setName, version: tree.data.version })}
            </Typography.Text>
          )}
          <Space>
            <Switch
              id="categories-show-inactive"
              checked={showInactive}
              onChange={setShowInactive}
              size="small"
            />
            <label htmlFor="categories-show-inactive">{t('adminConfig.categories.showInactive')}</label>
          </Space>
        </Space>
        <Table<Row>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={tree.isFetching}
          pagination={false}
          expandable={{ defaultExpandAllRows: false }}
          rowClassName={(row) => (row.isActive ? '' : 'row-inactive')}
        />
      </Space>
      <CategoryFormModal
        key={`category-${formKey}`}
        open={editing !== null}
        title={title}
        isLeaf={editing?.mode === 'createLeaf' || (editing?.mode === 'edit' && editing.isLeaf)}
        initial={editing?.mode === 'edit' ? editing.category : undefined}
        submitting={create.isPending || update.isPending}
        onSubmit={submit}
        onCancel={() => setEditing(null)}
      />
    </Card>
  );
}
