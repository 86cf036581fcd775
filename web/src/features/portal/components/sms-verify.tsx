import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Form, type FormInstance, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api-errors';
import { portalApi } from '../api/portal.api';

/** The fields a form needs to prove a phone: the number itself, the picture code and the SMS code. */
export interface PhoneProof {
  phone: string;
  captchaAnswer: string;
  smsCode: string;
}

/**
 * 图形验证码 + 短信验证码: the SMS code needs the picture code first, so no form is posted blind.
 * Goes inside a Form whose values include `phone`, `captchaAnswer` and `smsCode`.
 */
export function SmsVerifyFields<T extends PhoneProof>({ form }: { form: FormInstance<T> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const captcha = useQuery({
    queryKey: ['portal', 'captcha'],
    queryFn: portalApi.captcha,
    staleTime: 4 * 60_000,
  });
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);
  const f = form as unknown as FormInstance<PhoneProof>;
  const sms = useMutation({
    mutationFn: async () => {
      const v = await f.validateFields(['phone', 'captchaAnswer']);
      return portalApi.smsCode({
        captchaToken: captcha.data?.token ?? '',
        captchaAnswer: v.captchaAnswer,
        phone: v.phone,
      });
    },
    onSuccess: (r) => {
      setWait(60);
      void message.success(t('portal.submit.smsSent', { phone: r.sentTo }));
    },
    onError: (err) => {
      // A picture code is good once, right or wrong: show a fresh one.
      void captcha.refetch();
      f.setFieldValue('captchaAnswer', '');
      if (err instanceof Error && 'code' in err) void message.error(describeError(err));
    },
  });
  const required = { required: true, whitespace: true, message: t('portal.submit.required') };
  return (
    <>
      <Form.Item label={t('portal.submit.captcha')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="captchaAnswer" noStyle rules={[required]}>
            <Input inputMode="numeric" maxLength={3} aria-label={t('portal.submit.captcha')} />
          </Form.Item>
          {captcha.data && (
            // An <img> of the SVG: markup in it can never run in the page.
            <img
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.data.svg)}`}
              alt={t('portal.submit.captcha')}
              height={32}
              style={{ border: '1px solid #d9d9d9' }}
            />
          )}
          <Button onClick={() => void captcha.refetch()}>{t('portal.submit.refreshCaptcha')}</Button>
        </Space.Compact>
      </Form.Item>
      <Form.Item label={t('portal.submit.smsCode')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="smsCode"
            noStyle
            rules={[required, { pattern: /^\d{6}$/, message: t('portal.submit.required') }]}
          >
            <Input
              inputMode="numeric"
              maxLength={6}
              autoComplete="one-time-code"
              aria-label={t('portal.submit.smsCode')}
            />
          </Form.Item>
          <Button onClick={() => sms.mutate()} loading={sms.isPending} disabled={wait > 0}>
            {wait > 0 ? t('portal.submit.resendIn', { seconds: wait }) : t('portal.submit.getSmsCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
    </>
  );
}
