import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Form, Input, Modal, Select, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { DutyEntry, DutyEntryInput } from '../api/org-units.api';

interface Row {
  weekday: number;
  startTime: Dayjs | null;
  endTime: Dayjs | null;
  staffName: string;
  staffTitle?: string | null;
  note?: string | null;
  /** Kept as it was: the roster row may be linked to a staff account. */
  userId?: string | null;
}

interface Props {
  open: boolean;
  entries: DutyEntry[];
  submitting: boolean;
  onSubmit: (entries: DutyEntryInput[]) => Promise<unknown>;
  onCancel: () => void;
}

const TIME = 'HH:mm';
const COLUMNS = '96px 112px 112px minmax(110px, 1fr) minmax(90px, 1fr) minmax(110px, 1.3fr) 32px';

export function sortDutyEntries<T extends { weekday: number; startTime: string }>(
  entries: readonly T[],
): T[] {
  return [...entries].sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
}

/** 'HH:MM' as a Dayjs for TimePicker (parsed by hand: no customParseFormat plugin needed). */
function toTime(hhmm: string): Dayjs {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return dayjs().hour(h).minute(m).second(0).millisecond(0);
}
const emptyToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The weekly roster as editable rows: day, from–to, who, title, note. Saved as a whole. */
export function DutyRosterModal({ open, entries, submitting, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<{ entries: Row[] }>();
  const weekdays = t('org.weekdays', { returnObjects: true }) as string[];
  const weekdayOptions = weekdays.map((label, i) => ({ value: i + 1, label }));

  const initialValues = {
    entries: sortDutyEntries(entries).map<Row>((e) => ({
      weekday: e.weekday,
      startTime: toTime(e.startTime),
      endTime: toTime(e.endTime),
      staffName: e.staffName,
      staffTitle: e.staffTitle,
      note: e.note,
      userId: e.userId,
    })),
  };

  const submit = async () => {
    // getFieldsValue(true): also the fields with no input of their own (userId).
    const rows = (form.getFieldsValue(true) as { entries?: Row[] }).entries ?? [];
    const body: DutyEntryInput[] = rows.map((r) => ({
      weekday: r.weekday,
      startTime: r.startTime?.format(TIME) ?? '',
      endTime: r.endTime?.format(TIME) ?? '',
      staffName: r.staffName.trim(),
      staffTitle: emptyToNull(r.staffTitle),
      note: emptyToNull(r.note),
      userId: r.userId ?? null,
    }));
    try {
      await onSubmit(body);
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  const required = { required: true, message: labels.field('required') };
  const header = [
    t('org.weekday'),
    t('org.startTime'),
    t('org.endTime'),
    t('org.staffName'),
    t('org.staffTitle'),
    t('org.note'),
    '',
  ];

  return (
    <Modal
      open={open}
      title={t('org.editDutyRoster')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={submitting}
      destroyOnHidden
      width={980}
    >
      <Form
        form={form}
        name="duty-roster"
        initialValues={initialValues}
        preserve={false}
        onFinish={() => void submit()}
      >
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <>
              <div
                style={{
                  display: 'grid',
                  gridTemplateColumns: COLUMNS,
                  gap: 8,
                  padding: '4px 0',
                  fontWeight: 500,
                }}
              >
                {header.map((h, i) => (
                  <Typography.Text key={`${h}-${i.toString()}`} type="secondary">
                    {h}
                  </Typography.Text>
                ))}
              </div>
              {fields.length === 0 && (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noDuty')} />
              )}
              {fields.map(({ key, name }) => (
                <div
                  key={key}
                  className="compact-form-row"
                  style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8 }}
                >
                  <Form.Item name={[name, 'weekday']} rules={[required]}>
                    <Select options={weekdayOptions} aria-label={t('org.weekday')} />
                  </Form.Item>
                  <Form.Item name={[name, 'startTime']} rules={[required]}>
                    <TimePicker format={TIME} minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'endTime']}
                    dependencies={[['entries', name, 'startTime']]}
                    rules={[
                      required,
                      ({ getFieldValue }) => ({
                        validator: async (_, end: Dayjs | null) => {
                          const start = getFieldValue(['entries', name, 'startTime']) as Dayjs | null;
                          if (start && end && end.format(TIME) <= start.format(TIME)) {
                            throw new Error(labels.field('endBeforeStart'));
                          }
                        },
                      }),
                    ]}
                  >
                    <TimePicker format={TIME} minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'staffName']}
                    rules={[{ ...required, whitespace: true }, { max: LIMITS.displayNameMax }]}
                  >
                    <Input maxLength={LIMITS.displayNameMax} placeholder={t('org.staffName')} />
                  </Form.Item>
                  <Form.Item name={[name, 'staffTitle']} rules={[{ max: LIMITS.displayNameMax }]}>
                    <Input maxLength={LIMITS.displayNameMax} placeholder={t('common.optional')} />
                  </Form.Item>
                  <Form.Item name={[name, 'note']} rules={[{ max: 200 }]}>
                    <Input maxLength={200} placeholder={t('common.optional')} />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(name)}
                    aria-label={t('common.remove')}
                  />
                </div>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => {
                  // A new row copies the day and hours of the last one: rosters repeat.
                  const rows = (form.getFieldValue('entries') as Row[] | undefined) ?? [];
                  const last = rows[rows.length - 1];
                  add({
                    weekday: last ? Math.min(7, last.weekday + 1) : 1,
                    startTime: last?.startTime ?? toTime('09:00'),
                    endTime: last?.endTime ?? toTime('17:00'),
                    staffName: '',
                  });
                }}
              >
                {t('org.addDutyRow')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
