import { DownloadOutlined, FileWordOutlined, FolderOpenOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../app/feedback';
import { documentsApi } from '../api/documents.api';
import { useCaseDocuments } from '../hooks/use-documents';
import { IssueDocumentModal } from './issue-document-modal';

/**
 * 文书 on the case page: the documents issued (each version with its 文号), 生成文书 for those who
 * may issue, and the dossier export (案卷). For an accusation the copy for other units has the
 * reporter's identity removed; without unmasking rights that copy is the only one offered.
 */
export function DocumentsCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const docs = useCaseDocuments(caseId);
  const [issuing, setIssuing] = useState(false);
  const data = docs.data;

  const exportDossier = (copy: 'full' | 'other_units') => {
    void documentsApi
      .downloadDossier(caseId, copy)
      .then(() => message.success(t('documents.card.exported')))
      .catch(notifyError);
  };

  const exportItems = data?.canExportFull
    ? [
        { key: 'full', label: t('documents.card.exportFull') },
        {
          key: 'other_units',
          label: data.isAccusation ? t('documents.card.exportOther') : t('documents.card.exportOtherPlain'),
        },
      ]
    : [{ key: 'other_units', label: t('documents.card.exportOther') }];

  return (
    <Card
      size="small"
      data-testid="documents-card"
      title={
        <Space>
          <FileWordOutlined />
          {t('documents.card.title')}
          {data && <Typography.Text type="secondary">({data.items.length})</Typography.Text>}
        </Space>
      }
      extra={
        <Space>
          {data && data.kinds.length > 0 && (
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setIssuing(true)}
              data-testid="issue-document"
            >
              {t('documents.card.issue')}
            </Button>
          )}
          {data?.canExport && (
            <Dropdown
              menu={{
                items: exportItems,
                onClick: ({ key }) => exportDossier(key as 'full' | 'other_units'),
              }}
              trigger={['click']}
            >
              <Button size="small" icon={<FolderOpenOutlined />} data-testid="export-dossier">
                {t('documents.card.exportDossier')}
              </Button>
            </Dropdown>
          )}
        </Space>
      }
    >
      {data?.canExport && !data.canExportFull && (
        <Typography.Paragraph type="warning" style={{ marginBottom: 8 }}>
          {t('documents.card.redactedOnly')}
        </Typography.Paragraph>
      )}
      {!data || data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.card.none')} />
      ) : (
        <List
          size="small"
          dataSource={[...data.items].reverse()}
          renderItem={(d) => (
            <List.Item
              data-testid="document-item"
              actions={[
                <Button
                  key="dl"
                  type="link"
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => void documentsApi.downloadFile(caseId, d.id).catch(notifyError)}
                >
                  {t('documents.card.download')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    {d.title}
                    {d.version > 1 && <Tag>{t('documents.card.version', { version: d.version })}</Tag>}
                  </Space>
                }
                description={
                  <Space size={8} wrap>
                    <Typography.Text>{d.docNo ?? t('documents.card.noNumber')}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('documents.card.issuedBy', { unit: d.issuingUnit, date: d.issuedOn })}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {issuing && data && (
        <IssueDocumentModal caseId={caseId} kinds={data.kinds} onClose={() => setIssuing(false)} />
      )}
    </Card>
  );
}
