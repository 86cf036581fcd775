import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Input, List, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api-errors';
import { appointmentApi } from '../api/portal.api';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** 我来办工作室: every published workstation with address, phone, hours and duty roster, by place. */
export function DirectoryPanel() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['portal', 'workstations', q],
    queryFn: () => appointmentApi.workstations(q),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Input.Search
        allowClear
        placeholder={t('portal.directory.search')}
        aria-label={t('portal.directory.search')}
        onSearch={(v) => setQ(v.trim())}
        enterButton
      />
      {list.isLoading ? (
        <Spin />
      ) : list.isError ? (
        <Alert type="error" showIcon title={describeError(list.error)} />
      ) : !list.data?.items.length ? (
        <Empty description={t('portal.directory.none')} />
      ) : (
        <List
          data-testid="directory"
          dataSource={list.data.items}
          renderItem={(w) => (
            <List.Item>
              <List.Item.Meta
                title={w.name}
                description={
                  <>
                    <div>
                      {w.town ? `${w.town} · ` : ''}
                      {w.address}
                    </div>
                    <div>
                      {t('portal.directory.phone')}
                      <a href={`tel:${w.phone.replace(/[^\d+]/g, '')}`}>{w.phone}</a> · {w.openingHours}
                    </div>
                    {w.duty.map((d) => (
                      <Typography.Text
                        key={`${d.weekday}-${d.start}`}
                        type="secondary"
                        style={{ display: 'block' }}
                      >
                        {WEEKDAYS[d.weekday]} {d.start}–{d.end} {d.staff}
                      </Typography.Text>
                    ))}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
