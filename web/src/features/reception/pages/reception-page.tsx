import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api-errors';
import { formatShanghai } from '../../../lib/shanghai-time';
import { useUnitOptions } from '../../admin/hooks/use-unit-options';
import { type Booking, receptionApi, type SessionForm, type StaffSession } from '../api';

type PublishValues = Omit<SessionForm, 'startsAt' | 'endsAt'> & { range: [Dayjs, Dayjs] };

const STATUS_COLOURS: Record<Booking['status'], string> = {
  booked: 'blue',
  attended: 'green',
  no_show: 'orange',
  cancelled: 'default',
};

function PublishModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const units = useUnitOptions();
  const [form] = Form.useForm<PublishValues>();
  const publish = useMutation({
    mutationFn: (v: PublishValues) =>
      receptionApi.publish({
        unitId: v.unitId,
        kind: v.kind,
        hostName: v.hostName,
        ...(v.hostTitle && { hostTitle: v.hostTitle }),
        startsAt: v.range[0].toISOString(),
        endsAt: v.range[1].toISOString(),
        place: v.place,
        ...(v.topics && { topics: v.topics }),
        capacity: v.capacity,
      }),
    onSuccess: () => {
      void message.success(t('reception.published'));
      void qc.invalidateQueries({ queryKey: ['reception'] });
      form.resetFields();
      onClose();
    },
    onError: (err) => void message.error(describeError(err)),
  });
  const required = { required: true, message: t('reception.required') };
  return (
    <Modal
      open={open}
      title={t('reception.publish')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('reception.publish')}
      confirmLoading={publish.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'leader_reception', capacity: 10 }}
        onFinish={(v) => publish.mutate(v)}
        data-testid="publish-form"
      >
        <Form.Item name="kind" label={t('reception.kind')} rules={[required]}>
          <Segmented
            options={[
              { value: 'leader_reception', label: t('portal.appointments.kinds.leader_reception') },
              { value: 'duty', label: t('portal.appointments.kinds.duty') },
            ]}
          />
        </Form.Item>
        <Form.Item name="unitId" label={t('reception.unit')} rules={[required]}>
          <TreeSelect
            treeData={units.treeData}
            showSearch
            treeNodeFilterProp="title"
            loading={units.isLoading}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="hostTitle" label={t('reception.hostTitle')} style={{ width: '40%' }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="hostName"
            label={t('reception.hostName')}
            rules={[required]}
            style={{ width: '60%' }}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="range" label={t('reception.time')} rules={[required]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="place" label={t('reception.place')} rules={[required]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="topics" label={t('reception.topics')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="capacity" label={t('reception.capacity')} rules={[required]}>
          <InputNumber min={1} max={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SessionDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const detail = useQuery({
    queryKey: ['reception', 'session', id],
    queryFn: () => receptionApi.detail(id!),
    enabled: !!id,
  });
  const refresh = (data: StaffSession & { bookings: Booking[] }) => {
    qc.setQueryData(['reception', 'session', id], data);
    void qc.invalidateQueries({ queryKey: ['reception', 'list'] });
  };
  const attend = useMutation({
    mutationFn: (v: { id: string; outcome: 'attended' | 'no_show' }) =>
      receptionApi.attendance(v.id, v.outcome),
    onSuccess: refresh,
    onError: (err) => void message.error(describeError(err)),
  });
  const cancel = useMutation({
    mutationFn: (reason: string) => receptionApi.cancel(id!, reason),
    onSuccess: refresh,
    onError: (err) => void message.error(describeError(err)),
  });
  const s = detail.data;
  let reason = '';
  return (
    <Drawer open={!!id} onClose={onClose} width={720} title={s ? `${s.hostTitle ?? ''} ${s.hostName}` : ''}>
      {s && (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Typography.Text>
            {formatShanghai(s.startsAt, s.endsAt)} · {s.unit.name} · {s.place}
          </Typography.Text>
          <Space>
            <Tag color={s.status === 'published' ? 'green' : 'default'}>
              {t(`reception.status.${s.status}`)}
            </Tag>
            <Typography.Text>
              {t('reception.bookedOf', { n: s.booked, capacity: s.capacity })}
            </Typography.Text>
            {s.status === 'published' && (
              <Button
                danger
                size="small"
                onClick={() =>
                  modal.confirm({
                    title: t('reception.cancelSession'),
                    content: (
                      <Input.TextArea
                        placeholder={t('reception.cancelReason')}
                        onChange={(e) => {
                          reason = e.target.value;
                        }}
                      />
                    ),
                    onOk: () => (reason.trim() ? cancel.mutateAsync(reason.trim()) : Promise.reject()),
                  })
                }
              >
                {t('reception.cancelSession')}
              </Button>
            )}
          </Space>
          <Table<Booking>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={s.bookings}
            data-testid="bookings"
            columns={[
              { title: t('reception.name'), dataIndex: 'name' },
              { title: t('reception.phone'), dataIndex: 'phone' },
              { title: t('reception.subject'), dataIndex: 'subject' },
              { title: t('reception.persons'), dataIndex: 'personCount', width: 60 },
              {
                title: t('reception.state'),
                dataIndex: 'status',
                render: (v: Booking['status']) => (
                  <Tag color={STATUS_COLOURS[v]}>{t(`reception.booking.${v}`)}</Tag>
                ),
              },
              {
                key: 'actions',
                render: (_, b) =>
                  b.status === 'booked' && (
                    <Space size={4}>
                      <Button size="small" onClick={() => attend.mutate({ id: b.id, outcome: 'attended' })}>
                        {t('reception.attended')}
                      </Button>
                      <Button size="small" onClick={() => attend.mutate({ id: b.id, outcome: 'no_show' })}>
                        {t('reception.noShow')}
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

/** 接访预约: the sessions the office or workstation runs, their bookings, and publishing new ones. */
export function ReceptionPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['reception', 'list'], queryFn: receptionApi.list });
  const [publishing, setPublishing] = useState(false);
  const [open, setOpen] = useState<string>();
  return (
    <Card
      title={t('reception.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setPublishing(true)}
          data-testid="publish"
        >
          {t('reception.publish')}
        </Button>
      }
    >
      <Table<StaffSession>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="sessions"
        onRow={(s) => ({ onClick: () => setOpen(s.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('reception.time'), key: 'time', render: (_, s) => formatShanghai(s.startsAt, s.endsAt) },
          {
            title: t('reception.kind'),
            dataIndex: 'kind',
            render: (k: StaffSession['kind']) => t(`portal.appointments.kinds.${k}`),
          },
          { title: t('reception.host'), key: 'host', render: (_, s) => `${s.hostTitle ?? ''} ${s.hostName}` },
          { title: t('reception.unit'), key: 'unit', render: (_, s) => s.unit.name },
          { title: t('reception.place'), dataIndex: 'place' },
          {
            title: t('reception.bookings'),
            key: 'booked',
            render: (_, s) => (
              <span data-testid={`booked-${s.id}`}>
                {s.booked} / {s.capacity}
              </span>
            ),
          },
          {
            title: t('reception.state'),
            dataIndex: 'status',
            render: (v: StaffSession['status']) => (
              <Tag color={v === 'published' ? 'green' : 'default'}>{t(`reception.status.${v}`)}</Tag>
            ),
          },
        ]}
      />
      <PublishModal open={publishing} onClose={() => setPublishing(false)} />
      <SessionDrawer id={open} onClose={() => setOpen(undefined)} />
    </Card>
  );
}
