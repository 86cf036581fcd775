import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { CaseDetail, CaseParty } from '../api/cases.api';
import { useUnmask } from '../hooks/use-cases';

/** How long an unmasked identifier stays on screen. */
const REVEAL_SECONDS = 30;

type Field = 'idNumber' | 'phone';
type Revealed = Record<string, { idNumber?: string | null; phone?: string | null }>;

/**
 * 当事人: names, and ID number and phone masked. 查看 asks for a reason; the server records who
 * looked, when and why, and the plain value shows for a short while only.
 */
export function PartiesCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<CaseParty | null>(null);
  const [revealed, setRevealed] = useState<Revealed>({});

  useEffect(() => {
    if (!Object.keys(revealed).length) return;
    const timer = setTimeout(() => setRevealed({}), REVEAL_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [revealed]);

  const value = (p: CaseParty, field: Field) => {
    const masked = field === 'idNumber' ? p.idNumberMasked : p.phoneMasked;
    const plain = revealed[p.id]?.[field];
    if (!masked) return t('common.none');
    return plain ? (
      <Typography.Text strong copyable data-testid={`plain-${field}`}>
        {plain}
      </Typography.Text>
    ) : (
      <span style={{ fontFamily: 'monospace' }}>{masked}</span>
    );
  };

  return (
    <Card title={t('cases.detail.parties')} size="small">
      <Table<CaseParty>
        size="small"
        rowKey="id"
        pagination={c.parties.length > 10 ? { pageSize: 10, size: 'small' } : false}
        dataSource={c.parties}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('cases.party.role'),
            dataIndex: 'role',
            width: 90,
            render: (r: string) => (
              <Tag>{t(`cases.party.roles.${r}` as 'cases.party.roles.petitioner', { defaultValue: r })}</Tag>
            ),
          },
          { title: t('cases.party.name'), dataIndex: 'name', width: 140 },
          { title: t('cases.party.idNumber'), key: 'id', render: (_, p) => value(p, 'idNumber') },
          { title: t('cases.party.phone'), key: 'phone', width: 140, render: (_, p) => value(p, 'phone') },
          {
            title: t('cases.party.address'),
            dataIndex: 'address',
            render: (a: string | null) => a ?? t('common.none'),
          },
          ...(c.abilities.unmask
            ? [
                {
                  title: '',
                  key: 'unmask',
                  width: 80,
                  render: (_: unknown, p: CaseParty) =>
                    (p.idNumberMasked || p.phoneMasked) && !revealed[p.id] ? (
                      <Button
                        type="link"
                        size="small"
                        icon={<EyeOutlined />}
                        onClick={() => setAsking(p)}
                        data-testid="unmask-link"
                      >
                        {t('cases.party.view')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {asking && (
        <UnmaskModal
          caseId={c.id}
          party={asking}
          onClose={() => setAsking(null)}
          onRevealed={(plain) => setRevealed((r) => ({ ...r, [asking.id]: plain }))}
        />
      )}
    </Card>
  );
}

function UnmaskModal({
  caseId,
  party,
  onClose,
  onRevealed,
}: {
  caseId: string;
  party: CaseParty;
  onClose: () => void;
  onRevealed: (plain: { idNumber?: string | null; phone?: string | null }) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<{ reason: string; fields: Field[] }>();
  const unmask = useUnmask(caseId);
  const available: Field[] = [
    ...(party.idNumberMasked ? (['idNumber'] as const) : []),
    ...(party.phoneMasked ? (['phone'] as const) : []),
  ];
  const submit = async (v: { reason: string; fields: Field[] }) => {
    try {
      const plain = await unmask.mutateAsync({
        partyId: party.id,
        body: { reason: v.reason.trim(), fields: v.fields },
      });
      onRevealed(plain);
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };
  return (
    <Modal
      open
      title={t('cases.party.unmaskTitle', { name: party.nameMasked })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('cases.party.unmaskOk')}
      okButtonProps={{ loading: unmask.isPending }}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title={t('cases.party.unmaskNotice', { seconds: REVEAL_SECONDS })}
        style={{ marginBottom: 16 }}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fields: available }}
        onFinish={submit}
        name="unmask"
      >
        <Form.Item
          name="fields"
          label={t('cases.party.unmaskFields')}
          rules={[{ required: true, type: 'array', min: 1, message: labels.field('required') }]}
        >
          <Checkbox.Group
            options={available.map((f) => ({
              value: f,
              label: f === 'idNumber' ? t('cases.party.idNumber') : t('cases.party.phone'),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('cases.party.unmaskReason')}
          rules={[{ required: true, whitespace: true, message: labels.field('required') }, { max: 200 }]}
        >
          <Input maxLength={200} placeholder={t('cases.party.unmaskReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
