import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Cascader, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidIdNumber } from '../../../../../common/src/id-number.js';
import { LIMITS } from '../../../../../common/src/limits.js';
import { describeError } from '../../../lib/api-errors';
import { type PetitionForm, type PortalOptions, portalApi } from '../api/portal.api';
import { SmsVerifyFields } from './sms-verify';

interface UnitOption {
  value: string;
  label: string;
  children?: UnitOption[];
}

/** District → town → community, for the cascader; any level may be chosen. */
function unitTree(units: PortalOptions['units']): UnitOption[] {
  const byParent = new Map<string | null, PortalOptions['units']>();
  for (const u of units) byParent.set(u.parentId, [...(byParent.get(u.parentId) ?? []), u]);
  const ids = new Set(units.map((u) => u.id));
  const build = (u: PortalOptions['units'][number]): UnitOption => {
    const kids = (byParent.get(u.id) ?? []).map(build);
    return { value: u.id, label: u.name, ...(kids.length && { children: kids }) };
  };
  return units.filter((u) => !u.parentId || !ids.has(u.parentId)).map(build);
}

type Values = Omit<PetitionForm, 'unitId' | 'consent' | 'consentVersion'> & {
  unitPath: string[];
  consent: boolean;
  captchaAnswer: string;
};

/**
 * 提交诉求: mobile-first, one column. Text is sent as typed; the server stores it verbatim and every
 * page shows it as text. The SMS code needs the picture code first, so the form cannot be posted blind.
 */
export function SubmitForm({
  onDone,
}: {
  onDone: (r: { trackingCode: string; queryPassword: string }) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const options = useQuery({ queryKey: ['portal', 'options'], queryFn: portalApi.options });
  const tree = useMemo(() => unitTree(options.data?.units ?? []), [options.data]);

  const submit = useMutation({
    mutationFn: (v: Values) =>
      portalApi.submit({
        smsCode: v.smsCode,
        consent: true,
        consentVersion: options.data?.consentVersion ?? '',
        name: v.name,
        idNumber: v.idNumber,
        phone: v.phone,
        contactAddress: v.contactAddress,
        categoryCode: v.categoryCode,
        unitId: v.unitPath[v.unitPath.length - 1] ?? '',
        address: v.address,
        title: v.title,
        facts: v.facts,
        demands: v.demands,
      }),
    onSuccess: onDone,
    onError: (err) => void message.error(describeError(err)),
  });

  const required = { required: true, whitespace: true, message: t('portal.submit.required') };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} requiredMark={false}>
      <Typography.Title level={5}>{t('portal.submit.identity')}</Typography.Title>
      <Form.Item name="name" label={t('portal.submit.name')} rules={[required, { max: 50 }]}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('portal.submit.idNumber')}
        rules={[
          required,
          {
            validator: async (_, v?: string) => {
              if (v?.trim() && !isValidIdNumber(v)) throw new Error(t('portal.submit.idNumberInvalid'));
            },
          },
        ]}
      >
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('portal.submit.phone')}
        rules={[required, { pattern: LIMITS.mobilePattern, message: t('portal.submit.phoneInvalid') }]}
      >
        <Input inputMode="tel" maxLength={11} autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name="contactAddress"
        label={t('portal.submit.contactAddress')}
        rules={[required, { max: LIMITS.addressMax }]}
      >
        <Input />
      </Form.Item>

      <Typography.Title level={5}>{t('portal.submit.matter')}</Typography.Title>
      <Form.Item
        name="unitPath"
        label={t('portal.submit.unit')}
        rules={[{ required: true, message: t('portal.submit.required') }]}
      >
        <Cascader options={tree} changeOnSelect loading={options.isLoading} />
      </Form.Item>
      <Form.Item
        name="categoryCode"
        label={t('portal.submit.category')}
        rules={[{ required: true, message: t('portal.submit.required') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={options.isLoading}
          options={(options.data?.categories ?? []).map((c) => ({
            value: c.code,
            label: `${c.group} / ${c.name}`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="address"
        label={t('portal.submit.address')}
        rules={[required, { max: LIMITS.addressMax }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="title" label={t('portal.submit.title')} rules={[required, { max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="facts" label={t('portal.submit.facts')} rules={[required, { max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 4 }} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="demands" label={t('portal.submit.demands')} rules={[required, { max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} showCount />
      </Form.Item>

      <Typography.Title level={5}>{t('portal.submit.verify')}</Typography.Title>
      <SmsVerifyFields form={form} />

      <Alert
        type="info"
        title={t('portal.submit.privacyTitle')}
        description={
          <ul style={{ paddingInlineStart: 18, margin: 0 }}>
            {t('portal.submit.privacy', { returnObjects: true }).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        }
        style={{ marginBottom: 12 }}
      />
      <Form.Item
        name="consent"
        valuePropName="checked"
        rules={[
          {
            validator: async (_, v) =>
              v ? undefined : Promise.reject(new Error(t('portal.submit.consentRequired'))),
          },
        ]}
      >
        <Checkbox>{t('portal.submit.consent')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending}>
        {t('portal.submit.send')}
      </Button>
    </Form>
  );
}
