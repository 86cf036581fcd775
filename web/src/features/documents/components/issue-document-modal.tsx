import { Alert, App, Form, Input, Modal, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../lib/api-errors';
import { type CaseDocuments, type DocumentKind, documentsApi } from '../api/documents.api';
import { useDocumentDraft, useIssueDocument } from '../hooks/use-documents';

/** Long fields get a text area; the rest fit a line. */
const LONG = new Set([
  'facts',
  'demands',
  'reasons',
  'opinionText',
  'legalBasis',
  'reviewText',
  'recheckText',
  'partiesInfo',
  'disputeFacts',
  'responsibilities',
  'agreementTerms',
  'performance',
  'legalityOpinion',
  'reasonablenessOpinion',
  'conclusion',
  'transferReason',
  'supervisionReason',
  'redirect',
  'confidentialityMark',
]);

/**
 * 生成文书: choose a kind, check and complete the fields (prefilled from the case record), issue.
 * The issued DOCX downloads at once; the document joins the list and the timeline.
 */
export function IssueDocumentModal({
  caseId,
  kinds,
  onClose,
}: {
  caseId: string;
  kinds: CaseDocuments['kinds'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<DocumentKind | undefined>();
  const [form] = Form.useForm<Record<string, string>>();
  const draft = useDocumentDraft(caseId, kind);
  const issue = useIssueDocument(caseId);
  const label = (name: string) => t(`documents.fields.${name}`, { defaultValue: name });

  useEffect(() => {
    if (draft.data) {
      form.resetFields();
      form.setFieldsValue(
        Object.fromEntries(draft.data.placeholders.map((p) => [p, draft.data.fields[p] ?? ''])),
      );
    }
  }, [draft.data, form]);

  const submit = async () => {
    if (!kind || !draft.data) return;
    // A failed validation shows at the fields; nothing else to do.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const fields = Object.fromEntries(
      draft.data.placeholders.map((p) => [p, (values[p] ?? '').toString()]),
    ) as Record<string, string>;
    issue.mutate(
      { kind, fields },
      {
        onSuccess: (doc) => {
          void message.success(
            t('documents.issue.issued', {
              name: doc.title,
              docNo: doc.docNo ?? t('documents.card.noNumber'),
            }),
          );
          void documentsApi.downloadFile(caseId, doc.id).catch(() => undefined);
          onClose();
        },
        onError: (err) => {
          // fields.<name> → the form item <name>
          applyFieldErrors(form, err);
          const details = (err as { details?: { path: string; message: string }[] }).details;
          if (Array.isArray(details)) {
            form.setFields(
              details
                .filter((d) => d.path?.startsWith('fields.'))
                .map((d) => ({
                  name: d.path.slice(7),
                  errors: [t('documents.issue.required', { label: label(d.path.slice(7)) })],
                })),
            );
          }
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('documents.issue.title')}
      width={720}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('documents.issue.submit')}
      okButtonProps={
        {
          disabled: !draft.data?.applicable,
          loading: issue.isPending,
          'data-testid': 'issue-submit',
        } as never
      }
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Select
          data-testid="issue-kind"
          style={{ width: '100%' }}
          placeholder={t('documents.issue.kindPlaceholder')}
          value={kind}
          onChange={(k) => setKind(k)}
          showSearch={{ optionFilterProp: 'label' }}
          options={kinds.map((k) => ({
            value: k.kind,
            label: `${k.name}（${k.source === 'case' ? t('documents.issue.fromCase') : t('documents.issue.fromRequest')}）`,
          }))}
        />
        {kind && draft.isPending && <Skeleton active />}
        {draft.data && !draft.data.applicable && (
          <Alert type="warning" showIcon title={t('documents.issue.notApplicable')} />
        )}
        {draft.data?.applicable && (
          <>
            <Typography.Text type="secondary">{t('documents.issue.fieldsHint')}</Typography.Text>
            <Form form={form} layout="vertical" data-testid="issue-form">
              {draft.data.placeholders.map((p) => (
                <Form.Item
                  key={p}
                  name={p}
                  label={
                    <Space size={4}>
                      {label(p)}
                      {draft.data.missing.includes(p) && <Tag color="red">!</Tag>}
                    </Space>
                  }
                  rules={[
                    {
                      required: draft.data.missing.includes(p),
                      whitespace: true,
                      message: t('documents.issue.required', { label: label(p) }),
                    },
                  ]}
                >
                  {LONG.has(p) ? (
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
                  ) : (
                    <Input maxLength={500} />
                  )}
                </Form.Item>
              ))}
            </Form>
          </>
        )}
      </Space>
    </Modal>
  );
}
