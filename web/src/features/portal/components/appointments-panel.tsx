import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import { describeError } from '../../../lib/api-errors';
import { formatShanghai } from '../../../lib/shanghai-time';
import { appointmentApi, type ReceptionSession } from '../api/portal.api';
import { type PhoneProof, SmsVerifyFields } from './sms-verify';

type BookValues = PhoneProof & { name: string; subject: string; personCount: number };

function BookForm({ session, onBooked }: { session: ReceptionSession; onBooked: (r: Booked) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BookValues>();
  const book = useMutation({
    mutationFn: (v: BookValues) =>
      appointmentApi.book({
        sessionId: session.id,
        name: v.name,
        phone: v.phone,
        smsCode: v.smsCode,
        subject: v.subject,
        personCount: v.personCount,
      }),
    onSuccess: onBooked,
    onError: (err) => void message.error(describeError(err)),
  });
  const required = { required: true, whitespace: true, message: t('portal.submit.required') };
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ personCount: 1 }}
      onFinish={(v) => book.mutate(v)}
      data-testid="booking-form"
    >
      <Form.Item name="name" label={t('portal.submit.name')} rules={[required, { max: 50 }]}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('portal.submit.phone')}
        rules={[required, { pattern: LIMITS.mobilePattern, message: t('portal.submit.phoneInvalid') }]}
      >
        <Input inputMode="tel" maxLength={11} autoComplete="tel" />
      </Form.Item>
      <Form.Item name="subject" label={t('portal.appointments.subject')} rules={[required, { max: 500 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} showCount />
      </Form.Item>
      <Form.Item name="personCount" label={t('portal.appointments.personCount')}>
        <InputNumber min={1} max={5} />
      </Form.Item>
      <SmsVerifyFields form={form} />
      <Button type="primary" htmlType="submit" block loading={book.isPending}>
        {t('portal.appointments.book')}
      </Button>
    </Form>
  );
}

interface Booked {
  bookingCode: string;
  when: string;
  place: string;
  host: string;
}

function CancelForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ bookingCode: string; phone: string }>();
  const cancel = useMutation({
    mutationFn: appointmentApi.cancel,
    onSuccess: () => {
      form.resetFields();
      void message.success(t('portal.appointments.cancelled'));
    },
    onError: (err) => void message.error(describeError(err)),
  });
  const required = { required: true, whitespace: true, message: t('portal.submit.required') };
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => cancel.mutate(v)}>
      <Form.Item name="bookingCode" label={t('portal.appointments.bookingCode')} rules={[required]}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('portal.submit.phone')}
        rules={[required, { pattern: LIMITS.mobilePattern, message: t('portal.submit.phoneInvalid') }]}
      >
        <Input inputMode="tel" maxLength={11} />
      </Form.Item>
      <Button htmlType="submit" block danger loading={cancel.isPending}>
        {t('portal.appointments.cancel')}
      </Button>
    </Form>
  );
}

/** 预约接访: the published schedule; choose a session, book with a proved phone, or cancel a booking. */
export function AppointmentsPanel() {
  const { t } = useTranslation();
  const schedule = useQuery({ queryKey: ['portal', 'schedule'], queryFn: appointmentApi.schedule });
  const [chosen, setChosen] = useState<ReceptionSession>();
  const [booked, setBooked] = useState<Booked>();

  if (booked)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="success" showIcon title={t('portal.appointments.bookedTitle')} />
        <Descriptions column={1} bordered>
          <Descriptions.Item label={t('portal.appointments.bookingCode')}>
            <Typography.Text copyable strong data-testid="booking-code">
              {booked.bookingCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.appointments.when')}>{booked.when}</Descriptions.Item>
          <Descriptions.Item label={t('portal.appointments.place')}>{booked.place}</Descriptions.Item>
          <Descriptions.Item label={t('portal.appointments.host')}>{booked.host}</Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">{t('portal.appointments.bookedNote')}</Typography.Text>
        <Button
          block
          onClick={() => {
            setBooked(undefined);
            setChosen(undefined);
            void schedule.refetch();
          }}
        >
          {t('portal.appointments.back')}
        </Button>
      </Space>
    );
  if (chosen)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Card size="small" title={`${chosen.hostTitle ?? ''} ${chosen.hostName}`}>
          <Typography.Text>
            {formatShanghai(chosen.startsAt, chosen.endsAt)} · {chosen.place}
          </Typography.Text>
        </Card>
        <BookForm session={chosen} onBooked={setBooked} />
        <Button block type="link" onClick={() => setChosen(undefined)}>
          {t('portal.appointments.back')}
        </Button>
      </Space>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Typography.Paragraph type="secondary">{t('portal.appointments.intro')}</Typography.Paragraph>
      {schedule.isLoading ? (
        <Spin />
      ) : schedule.isError ? (
        <Alert type="error" showIcon title={describeError(schedule.error)} />
      ) : !schedule.data?.items.length ? (
        <Empty description={t('portal.appointments.none')} />
      ) : (
        <List
          data-testid="schedule"
          dataSource={schedule.data.items}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Button
                  key="book"
                  type="primary"
                  disabled={!s.bookable}
                  onClick={() => setChosen(s)}
                  data-testid={`book-${s.id}`}
                >
                  {s.bookable ? t('portal.appointments.choose') : t('portal.appointments.full')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>
                      {s.hostTitle} {s.hostName}
                    </span>
                    <Tag color={s.kind === 'leader_reception' ? 'red' : 'blue'}>
                      {t(`portal.appointments.kinds.${s.kind}`)}
                    </Tag>
                  </Space>
                }
                description={
                  <>
                    <div>
                      {formatShanghai(s.startsAt, s.endsAt)} · {s.unit.name} · {s.place}
                    </div>
                    {s.topics && <div>{t('portal.appointments.topics', { topics: s.topics })}</div>}
                    <div>{t('portal.appointments.remaining', { n: s.remaining, capacity: s.capacity })}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Collapse
        items={[{ key: 'cancel', label: t('portal.appointments.cancelTitle'), children: <CancelForm /> }]}
      />
    </Space>
  );
}
