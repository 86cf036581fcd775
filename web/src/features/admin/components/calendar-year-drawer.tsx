import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { CalendarDay, CalendarYear, PutYearBody } from '../api/admin-config.api';

interface HolidayRow {
  name?: string;
  range?: [Dayjs, Dayjs] | null;
  makeup?: Dayjs[] | null;
}

interface YearFormValues {
  year: number;
  notice: string;
  holidays: HolidayRow[];
}

type FieldError = { name: ['holidays', number, 'range' | 'makeup']; errors: string[] };

/**
 * The notice as the State Council publishes it, one line per holiday: its days off (a range) and its
 * make-up workdays. The form expands the ranges into the dated list PUT /api/calendar/years/:year
 * takes; the server checks the whole notice again and refuses it whole.
 */
function toDays(values: YearFormValues, t: (key: string, o?: Record<string, unknown>) => string) {
  const errors: FieldError[] = [];
  const days: CalendarDay[] = [];
  const seen = new Set<string>();
  const inYear = (d: Dayjs) => d.year() === values.year;
  values.holidays.forEach((h, i) => {
    const name = h.name?.trim() ?? '';
    const [from, to] = h.range ?? [];
    if (from && to) {
      if (!inYear(from) || !inYear(to))
        errors.push({
          name: ['holidays', i, 'range'],
          errors: [t('adminConfig.calendar.form.outsideYear', { year: values.year })],
        });
      for (let d = from.startOf('day'); !d.isAfter(to, 'day'); d = d.add(1, 'day')) {
        const date = d.format('YYYY-MM-DD');
        if (seen.has(date))
          errors.push({
            name: ['holidays', i, 'range'],
            errors: [t('adminConfig.calendar.form.overlap', { date })],
          });
        seen.add(date);
        days.push({ date, kind: 'holiday', name });
      }
    }
    for (const d of h.makeup ?? []) {
      const date = d.format('YYYY-MM-DD');
      if (!inYear(d))
        errors.push({
          name: ['holidays', i, 'makeup'],
          errors: [t('adminConfig.calendar.form.outsideYear', { year: values.year })],
        });
      else if (d.day() !== 0 && d.day() !== 6)
        errors.push({ name: ['holidays', i, 'makeup'], errors: [t('adminConfig.calendar.form.notWeekend')] });
      if (seen.has(date))
        errors.push({
          name: ['holidays', i, 'makeup'],
          errors: [t('adminConfig.calendar.form.overlap', { date })],
        });
      seen.add(date);
      days.push({ date, kind: 'makeup_workday', name });
    }
  });
  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { days, errors };
}

export function CalendarYearDrawer(props: {
  open: boolean;
  initialYear: number;
  existing: CalendarYear[];
  submitting: boolean;
  onSubmit: (year: number, body: PutYearBody) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<YearFormValues>();
  const [serverError, setServerError] = useState<string | null>(null);
  const year = Form.useWatch('year', form) ?? props.initialYear;
  const loaded = props.existing.find((y) => y.year === year);
  // The pickers open on the notice's year, not on today's month.
  const yearStart = dayjs(`${year}-01-01`);

  const submit = async (values: YearFormValues) => {
    setServerError(null);
    const { days, errors } = toDays(values, t as never);
    if (errors.length) {
      form.setFields(errors);
      return;
    }
    try {
      await props.onSubmit(values.year, { notice: values.notice.trim(), days });
    } catch (err) {
      // Errors about single dates come back on body.days, which is no field of this form.
      if (!applyFieldErrors(form, err) && err instanceof ApiError) {
        const details = Array.isArray(err.details) ? (err.details as { message?: string }[]) : [];
        setServerError(
          details
            .map((d) => d.message)
            .filter(Boolean)
            .join('；') || err.message,
        );
      }
    }
  };

  return (
    <Drawer
      open={props.open}
      title={t('adminConfig.calendar.form.title')}
      size={640}
      onClose={props.onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={props.submitting} onClick={() => form.submit()}>
            {t('adminConfig.calendar.form.submit')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        name="calendar-year"
        layout="vertical"
        onFinish={submit}
        initialValues={{ year: props.initialYear, notice: '', holidays: [{}] }}
      >
        <Form.Item
          name="year"
          label={t('adminConfig.calendar.form.year')}
          rules={[{ required: true, message: labels.field('required') }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {loaded && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('adminConfig.calendar.form.replaceWarning', { year, notice: loaded.notice })}
          />
        )}
        <Form.Item
          name="notice"
          label={t('adminConfig.calendar.form.notice')}
          rules={[
            { required: true, whitespace: true, message: labels.field('required') },
            { min: 4, max: 200 },
          ]}
        >
          <Input placeholder={t('adminConfig.calendar.form.noticePlaceholder')} maxLength={200} />
        </Form.Item>
        <Form.List
          name="holidays"
          rules={[
            {
              validator: async (_, rows?: HolidayRow[]) => {
                if (!rows?.length) throw new Error(t('adminConfig.calendar.form.needOne'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontSize: 14, marginBottom: 8 }}>
                {t('adminConfig.calendar.form.holidays')}
              </legend>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  data-testid={`holiday-row-${index}`}
                  extra={
                    <Button
                      type="text"
                      size="small"
                      icon={<MinusCircleOutlined />}
                      aria-label={`${t('adminConfig.calendar.form.remove')} ${index + 1}`}
                      onClick={() => remove(field.name)}
                    >
                      {t('adminConfig.calendar.form.remove')}
                    </Button>
                  }
                >
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('adminConfig.calendar.form.holidayName')}
                    rules={[
                      { required: true, whitespace: true, message: labels.field('required') },
                      { max: 50 },
                    ]}
                  >
                    <Input
                      placeholder={t('adminConfig.calendar.form.holidayNamePlaceholder')}
                      maxLength={50}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'range']}
                    label={t('adminConfig.calendar.form.range')}
                    rules={[{ required: true, message: labels.field('required') }]}
                  >
                    <DatePicker.RangePicker
                      id={`holiday-${index}-range`}
                      aria-label={t('adminConfig.calendar.form.range')}
                      defaultPickerValue={[yearStart, yearStart]}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'makeup']} label={t('adminConfig.calendar.form.makeup')}>
                    <DatePicker multiple style={{ width: '100%' }} defaultPickerValue={yearStart} />
                  </Form.Item>
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                {t('adminConfig.calendar.form.addHoliday')}
              </Button>
              <Form.ErrorList errors={errors} />
            </fieldset>
          )}
        </Form.List>
        {serverError && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={serverError}
            data-testid="calendar-server-error"
          />
        )}
      </Form>
    </Drawer>
  );
}
