import { DeleteOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import { Button, DatePicker, Dropdown, Input, Modal, Select, Space, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, DUE_COLOURS } from '../../../../../common/src/cases.js';
import { STATUSES } from '../api/workflow';
import { useCaseLabels } from '../hooks/use-case-labels';
import type { CategoryTreeNode } from '../hooks/use-categories';
import {
  hasFilters,
  loadSavedFilters,
  type QueueFilters,
  type SavedFilter,
  searchFromFilters,
  storeSavedFilters,
} from './queue-filters';

interface Props {
  value: QueueFilters;
  categoryTree: CategoryTreeNode[];
  onChange: (next: QueueFilters) => void;
  onApplySaved: (search: string) => void;
}

/** Filters above the queue: status, channel, category, due colour, received dates, text; saved views. */
export function QueueFilterBar({ value, categoryTree, onChange, onApplySaved }: Props) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [saved, setSaved] = useState<SavedFilter[]>(loadSavedFilters);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const set = (patch: Partial<QueueFilters>) => onChange({ ...value, ...patch });

  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const next = [
      ...saved.filter((s) => s.name !== trimmed),
      { name: trimmed, search: searchFromFilters(value).toString() },
    ];
    setSaved(next);
    storeSavedFilters(next);
    setNaming(false);
    setName('');
  };
  const remove = (n: string) => {
    const next = saved.filter((s) => s.name !== n);
    setSaved(next);
    storeSavedFilters(next);
  };

  return (
    <Space wrap size={[12, 12]} data-testid="queue-filters">
      <Input.Search
        allowClear
        key={value.q ?? ''}
        defaultValue={value.q}
        style={{ width: 220 }}
        placeholder={t('cases.queue.searchPlaceholder')}
        aria-label={t('cases.queue.searchPlaceholder')}
        onSearch={(q) => set({ q: q.trim() || undefined })}
      />
      <Select
        allowClear
        style={{ width: 150 }}
        value={value.status}
        placeholder={t('cases.columns.status')}
        aria-label={t('cases.columns.status')}
        options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
        onChange={(status) => set({ status })}
        showSearch={{ optionFilterProp: 'label' }}
      />
      <Select
        allowClear
        style={{ width: 140 }}
        value={value.channel}
        placeholder={t('cases.columns.channel')}
        aria-label={t('cases.columns.channel')}
        options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
        onChange={(channel) => set({ channel })}
      />
      <TreeSelect
        allowClear
        style={{ width: 220 }}
        value={value.categoryCode}
        treeData={categoryTree}
        placeholder={t('cases.columns.category')}
        aria-label={t('cases.columns.category')}
        showSearch={{ treeNodeFilterProp: 'title' }}
        popupMatchSelectWidth={false}
        onChange={(categoryCode?: string) => set({ categoryCode })}
      />
      <Select
        allowClear
        style={{ width: 130 }}
        value={value.colour}
        placeholder={t('cases.queue.dueColour')}
        aria-label={t('cases.queue.dueColour')}
        options={DUE_COLOURS.map((c) => ({ value: c, label: t(`cases.queue.colours.${c}`) }))}
        onChange={(colour) => set({ colour })}
      />
      <DatePicker.RangePicker
        style={{ width: 250 }}
        value={[
          value.receivedFrom ? dayjs(value.receivedFrom) : null,
          value.receivedTo ? dayjs(value.receivedTo) : null,
        ]}
        placeholder={[t('cases.queue.receivedFrom'), t('cases.queue.receivedTo')]}
        allowEmpty={[true, true]}
        onChange={(range) =>
          set({
            receivedFrom: range?.[0]?.format('YYYY-MM-DD'),
            receivedTo: range?.[1]?.format('YYYY-MM-DD'),
          })
        }
      />
      {hasFilters(value) && <Button onClick={() => onChange({ tab: value.tab })}>{t('common.reset')}</Button>}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: '__save',
              icon: <SaveOutlined />,
              label: t('cases.queue.saveFilter'),
              disabled: !hasFilters(value),
            },
            ...(saved.length ? [{ type: 'divider' as const }] : []),
            ...saved.map((s) => ({
              key: s.name,
              label: (
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <span>{s.name}</span>
                  <DeleteOutlined
                    aria-label={t('common.delete')}
                    onClick={(e) => {
                      e.stopPropagation();
                      remove(s.name);
                    }}
                  />
                </Space>
              ),
            })),
          ],
          onClick: ({ key }) => {
            if (key === '__save') setNaming(true);
            else {
              const found = saved.find((s) => s.name === key);
              if (found) onApplySaved(found.search);
            }
          },
        }}
      >
        <Button icon={<StarOutlined />}>{t('cases.queue.savedFilters')}</Button>
      </Dropdown>
      <Modal
        open={naming}
        title={t('cases.queue.saveFilter')}
        onOk={save}
        onCancel={() => setNaming(false)}
        okButtonProps={{ disabled: !name.trim() }}
        destroyOnHidden
      >
        <Input
          autoFocus
          maxLength={30}
          value={name}
          placeholder={t('cases.queue.filterName')}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={save}
        />
      </Modal>
    </Space>
  );
}
