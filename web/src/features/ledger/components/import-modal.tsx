import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LedgerRowError } from '../api/ledger.api';
import { rowErrorsOf, useLedgerImport, useLedgerTemplate } from '../hooks/use-ledger';

interface Props {
  open: boolean;
  onClose: () => void;
}

/** 导入原台账: template download, file choice, and the outcome: the new cases or every bad line. */
export function ImportModal({ open, onClose }: Props) {
  const { t } = useTranslation();
  const template = useLedgerTemplate();
  const importing = useLedgerImport();
  const rowErrors = importing.isError ? rowErrorsOf(importing.error) : undefined;
  const result = importing.data;
  const close = () => {
    importing.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('ledger.importModal.title')}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={<Button onClick={close}>{t('ledger.importModal.close')}</Button>}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('ledger.importModal.steps')}
        </Typography.Paragraph>
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
            {t('ledger.importModal.template')}
          </Button>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              importing.mutate(file);
              // The file goes through the mutation, not antd's own request.
              return false;
            }}
          >
            <Button
              type="primary"
              icon={<UploadOutlined />}
              loading={importing.isPending}
              data-testid="ledger-import-choose"
            >
              {importing.isPending ? t('ledger.importModal.importing') : t('ledger.importModal.choose')}
            </Button>
          </Upload>
        </Space>
        {rowErrors && (
          <>
            <Alert
              type="error"
              showIcon
              data-testid="ledger-import-errors"
              title={
                rowErrors.length
                  ? t('ledger.importModal.rowsInvalid', { count: new Set(rowErrors.map((e) => e.row)).size })
                  : importing.error?.message
              }
            />
            {rowErrors.length > 0 && (
              <Table<LedgerRowError>
                size="small"
                rowKey={(e) => `${e.row}:${e.column ?? ''}:${e.message}`}
                dataSource={rowErrors}
                pagination={rowErrors.length > 10 ? { pageSize: 10, size: 'small' } : false}
                data-testid="ledger-import-error-table"
                columns={[
                  { title: t('ledger.importModal.row'), dataIndex: 'row', width: 70 },
                  {
                    title: t('ledger.importModal.column'),
                    dataIndex: 'column',
                    width: 120,
                    render: (c: string | null) => c ?? t('ledger.importModal.wholeRow'),
                  },
                  { title: t('ledger.importModal.message'), dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
        {result && (
          <>
            <Alert
              type={result.imported ? 'success' : 'info'}
              showIcon
              data-testid="ledger-import-result"
              title={
                result.imported
                  ? t('ledger.importModal.done', {
                      imported: result.imported,
                      already: result.alreadyImported,
                    })
                  : t('ledger.importModal.nothingNew', { already: result.alreadyImported })
              }
            />
            {result.cases.length > 0 && (
              <Table
                size="small"
                rowKey="caseId"
                dataSource={result.cases}
                pagination={result.cases.length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  { title: t('ledger.importModal.row'), dataIndex: 'row', width: 70 },
                  { title: t('ledger.importModal.ledgerNo'), dataIndex: 'ledgerNo', width: 160 },
                  {
                    title: t('ledger.importModal.caseNo'),
                    dataIndex: 'caseNo',
                    render: (no: string, r) => (
                      <Link to={`/cases/${r.caseId}`} onClick={close}>
                        {no}
                      </Link>
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
