import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Radio, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api-errors';
import { type Credentials, portalApi, type Satisfaction, type TrackView } from '../api/portal.api';

/**
 * 查询进度: the timeline in plain words, the due dates, the written replies, and the petitioner's
 * answers. Buttons follow the server's `abilities`; every text is rendered as text.
 */
export function TrackPanel({ initial }: { initial?: Credentials }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [creds, setCreds] = useState<Credentials | undefined>(initial);
  const [view, setView] = useState<TrackView>();
  const onError = (err: unknown) => void message.error(describeError(err));
  const lookup = useMutation({
    mutationFn: portalApi.track,
    onSuccess: (v, c) => {
      setCreds(c);
      setView(v);
    },
    onError,
  });
  const act = useMutation({
    mutationFn: (f: (c: Credentials) => Promise<TrackView>) => f(creds as Credentials),
    onSuccess: (v) => {
      setView(v);
      void message.success(t('portal.track.done'));
    },
    onError,
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Form<Credentials>
        layout="vertical"
        initialValues={initial}
        onFinish={(c) => lookup.mutate(c)}
        requiredMark={false}
      >
        <Form.Item name="trackingCode" label={t('portal.track.trackingCode')} rules={[{ required: true }]}>
          <Input autoCapitalize="characters" />
        </Form.Item>
        <Form.Item name="password" label={t('portal.track.password')} rules={[{ required: true }]}>
          <Input.Password />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={lookup.isPending}>
          {t('portal.track.query')}
        </Button>
      </Form>

      {view && (
        <>
          <Card size="small" title={view.title}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('portal.track.status')}>{view.statusLabel}</Descriptions.Item>
              <Descriptions.Item label={t('portal.track.receivedAt')}>
                {dayjs(view.receivedAt).format('YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
              {view.dueDates.map((d) => (
                <Descriptions.Item key={d.code} label={d.label}>
                  {d.dueOn}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card size="small" title={t('portal.track.timeline')}>
            <Timeline
              items={view.timeline.map((e) => ({
                key: `${e.at}-${e.type}`,
                children: (
                  <>
                    <Typography.Text type="secondary">
                      {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                    <div>{e.text}</div>
                  </>
                ),
              }))}
            />
          </Card>
          <Card size="small" title={t('portal.track.replies')}>
            {view.replies.length === 0 && (
              <Typography.Text type="secondary">{t('portal.track.noReply')}</Typography.Text>
            )}
            {view.replies.map((r) => (
              <div key={r.kind}>
                <Typography.Title level={5}>{r.title}</Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.text}</Typography.Paragraph>
              </div>
            ))}
            {view.abilities.confirmReceipt && (
              <Button
                block
                type="primary"
                loading={act.isPending}
                onClick={() => act.mutate(portalApi.confirmReceipt)}
              >
                {t('portal.track.confirmReceipt')}
              </Button>
            )}
            {view.receiptConfirmed && (
              <Typography.Text type="success">{t('portal.track.receiptConfirmed')}</Typography.Text>
            )}
          </Card>
          {view.abilities.rate && (
            <RateCard
              rated={view.rated}
              onRate={(b) => act.mutate((c) => portalApi.rate(c, b))}
              busy={act.isPending}
            />
          )}
          {view.abilities.requestReview && (
            <ReviewCard
              onApply={(reasons) => act.mutate((c) => portalApi.requestReview(c, reasons))}
              busy={act.isPending}
            />
          )}
        </>
      )}
    </Space>
  );
}

function RateCard(props: {
  rated: boolean;
  busy: boolean;
  onRate: (b: { satisfaction: Satisfaction; comment?: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('portal.track.rate')} extra={props.rated ? t('portal.track.rated') : null}>
      <Form<{ satisfaction: Satisfaction; comment?: string }> layout="vertical" onFinish={props.onRate}>
        <Form.Item name="satisfaction" rules={[{ required: true }]}>
          <Radio.Group
            options={(['satisfied', 'basically_satisfied', 'unsatisfied'] as const).map((s) => ({
              value: s,
              label: t(`portal.track.satisfaction.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="comment" label={t('portal.track.comment')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
        </Form.Item>
        <Button htmlType="submit" block loading={props.busy}>
          {t('portal.track.submitRating')}
        </Button>
      </Form>
    </Card>
  );
}

function ReviewCard(props: { busy: boolean; onApply: (reasons: string) => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('portal.track.requestReview')}>
      <Typography.Paragraph type="secondary">{t('portal.track.reviewHint')}</Typography.Paragraph>
      <Form<{ reasons: string }> layout="vertical" onFinish={(v) => props.onApply(v.reasons)}>
        <Form.Item
          name="reasons"
          label={t('portal.track.reviewReasons')}
          rules={[{ required: true, whitespace: true }, { max: 5000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} showCount />
        </Form.Item>
        <Button htmlType="submit" block danger loading={props.busy}>
          {t('portal.track.submitReview')}
        </Button>
      </Form>
    </Card>
  );
}
