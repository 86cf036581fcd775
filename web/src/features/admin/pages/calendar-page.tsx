import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../lib/labels';
import type { CalendarDay, CalendarYear } from '../api/admin-config.api';
import { CalendarYearDrawer } from '../components/calendar-year-drawer';
import { useCalendarYears, usePutYear } from '../hooks/use-admin-config';

interface HolidayGroup {
  name: string;
  off: CalendarDay[];
  makeup: CalendarDay[];
}

/** The days of a notice by holiday, in the order of their first date, as the notice reads. */
function groupByHoliday(days: CalendarDay[]): HolidayGroup[] {
  const groups = new Map<string, HolidayGroup>();
  for (const d of [...days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const g = groups.get(d.name) ?? { name: d.name, off: [], makeup: [] };
    (d.kind === 'holiday' ? g.off : g.makeup).push(d);
    groups.set(d.name, g);
  }
  return [...groups.values()].sort((a, b) => {
    const first = (g: HolidayGroup) => (g.off[0] ?? g.makeup[0])?.date ?? '';
    return first(a) < first(b) ? -1 : 1;
  });
}

/** 节假日安排: the loaded State Council notices, the missing years, and the form to enter one. */
export function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const years = useCalendarYears();
  const put = usePutYear();
  const [selected, setSelected] = useState<number | null>(null);
  const [formYear, setFormYear] = useState<number | null>(null);
  const [formKey, setFormKey] = useState(0);
  const weekdays = t('adminConfig.calendar.weekday', { returnObjects: true }) as string[];
  const thisYear = dayjs().year();

  const list = years.data?.years ?? [];
  const shown = list.find((y) => y.year === (selected ?? thisYear)) ?? list[list.length - 1];
  const missing = years.data?.missing ?? [];

  const openForm = (year: number) => {
    setFormKey((k) => k + 1);
    setFormYear(year);
  };

  const dateLabel = (d: CalendarDay) => `${d.date.slice(5)}（${weekdays[dayjs(d.date).day()]}）`;
  const span = (days: CalendarDay[]) => {
    if (days.length === 0) return t('adminConfig.calendar.none');
    const first = days[0]!;
    const last = days[days.length - 1]!;
    const range = days.length === 1 ? dateLabel(first) : `${dateLabel(first)} — ${dateLabel(last)}`;
    return `${range}，${t('adminConfig.calendar.dayCount', { count: days.length })}`;
  };

  const columns: TableColumnsType<CalendarYear> = [
    { title: t('adminConfig.calendar.columns.year'), dataIndex: 'year', width: 90 },
    { title: t('adminConfig.calendar.columns.notice'), dataIndex: 'notice' },
    {
      title: t('adminConfig.calendar.columns.holidays'),
      key: 'holidays',
      width: 110,
      render: (_, y) =>
        t('adminConfig.calendar.dayCount', { count: y.days.filter((d) => d.kind === 'holiday').length }),
    },
    {
      title: t('adminConfig.calendar.columns.makeup'),
      key: 'makeup',
      width: 110,
      render: (_, y) =>
        t('adminConfig.calendar.dayCount', {
          count: y.days.filter((d) => d.kind === 'makeup_workday').length,
        }),
    },
    {
      title: t('adminConfig.calendar.columns.loadedAt'),
      dataIndex: 'loadedAt',
      width: 170,
      responsive: ['lg'],
      render: (v: string) => labels.dateTime(v),
    },
    {
      title: t('adminConfig.calendar.columns.actions'),
      key: 'actions',
      width: 100,
      render: (_, y) => (
        <Button
          type="link"
          size="small"
          aria-label={t('adminConfig.calendar.viewYear', { year: y.year })}
          aria-pressed={shown?.year === y.year}
          onClick={() => setSelected(y.year)}
        >
          {t('adminConfig.calendar.view')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {missing.map((year) => (
        <Alert
          key={year}
          type={year === thisYear ? 'error' : 'warning'}
          showIcon
          data-testid={`calendar-missing-${year}`}
          title={t('adminConfig.calendar.missingTitle', { year })}
          description={t('adminConfig.calendar.missingText', { year })}
          action={
            <Button size="small" type="primary" onClick={() => openForm(year)}>
              {t('adminConfig.calendar.enterYear', { year })}
            </Button>
          }
        />
      ))}
      <Card
        title={t('adminConfig.calendar.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(missing[0] ?? thisYear + 1)}>
            {t('adminConfig.calendar.addYear')}
          </Button>
        }
      >
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('adminConfig.calendar.intro')}
          </Typography.Paragraph>
          <Table<CalendarYear>
            rowKey="year"
            size="small"
            columns={columns}
            dataSource={list}
            loading={years.isFetching}
            pagination={false}
            rowClassName={(y) => (y.year === shown?.year ? 'ant-table-row-selected' : '')}
          />
        </Space>
      </Card>
      {shown && (
        <Card
          title={t('adminConfig.calendar.yearTitle', { year: shown.year })}
          data-testid="calendar-year-detail"
        >
          {shown.days.length === 0 ? (
            <Empty description={t('adminConfig.calendar.noDays')} />
          ) : (
            <Table<HolidayGroup>
              rowKey="name"
              size="small"
              pagination={false}
              dataSource={groupByHoliday(shown.days)}
              columns={[
                { title: t('adminConfig.calendar.holidayName'), dataIndex: 'name', width: 160 },
                {
                  title: t('adminConfig.calendar.daysOff'),
                  key: 'off',
                  render: (_, g) => <Tag color="red">{span(g.off)}</Tag>,
                },
                {
                  title: t('adminConfig.calendar.makeupDays'),
                  key: 'makeup',
                  render: (_, g) =>
                    g.makeup.length === 0
                      ? t('adminConfig.calendar.none')
                      : g.makeup.map((d) => (
                          <Tag key={d.date} color="blue">
                            {dateLabel(d)}
                          </Tag>
                        )),
                },
              ]}
            />
          )}
        </Card>
      )}
      {formYear !== null && (
        <CalendarYearDrawer
          key={`year-${formKey}`}
          open
          initialYear={formYear}
          existing={list}
          submitting={put.isPending}
          onClose={() => setFormYear(null)}
          onSubmit={async (year, body) => {
            const res = await put.mutateAsync({ year, body });
            void message.success(t('adminConfig.calendar.form.saved', { year, count: res.days }));
            setSelected(year);
            setFormYear(null);
          }}
        />
      )}
    </Space>
  );
}
