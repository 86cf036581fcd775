import {
  FileOutlined,
  FilePdfOutlined,
  LinkOutlined,
  PaperClipOutlined,
  UploadOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Empty, Image, Progress, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseAttachment, type CaseDetail, casesApi } from '../api/cases.api';
import { useCaseLabels } from '../hooks/use-case-labels';
import { useAddAttachment } from '../hooks/use-cases';

export function formatSize(bytes: number | null | undefined): string {
  if (!bytes) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const isImage = (a: CaseAttachment) => !!a.mime?.startsWith('image/');
const isPdf = (a: CaseAttachment) => a.mime === 'application/pdf';

/**
 * 附件: images preview in place, PDFs open in a new tab, other files download; every one of
 * these is a recorded access on the server. Video recordings kept elsewhere are links.
 */
export function AttachmentsCard({ c, canAdd }: { c: CaseDetail; canAdd: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useCaseLabels();
  const add = useAddAttachment(c.id);
  const [progress, setProgress] = useState<number | null>(null);
  const images = c.attachments.filter(isImage);
  const others = c.attachments.filter((a) => !isImage(a));

  return (
    <Card
      title={
        <Space>
          <PaperClipOutlined />
          {t('cases.detail.attachments')}
          <Typography.Text type="secondary">({c.attachments.length})</Typography.Text>
        </Space>
      }
      size="small"
      extra={
        canAdd && (
          <Upload
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              setProgress(0);
              add.mutate(
                { file: file as Blob, onProgress: setProgress },
                {
                  onSuccess: (r) => {
                    onSuccess?.(r);
                    void message.success(t('cases.attachments.added'));
                  },
                  onError: (err) => onError?.(err),
                  onSettled: () => setProgress(null),
                },
              );
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={add.isPending}>
              {t('cases.attachments.add')}
            </Button>
          </Upload>
        )
      }
    >
      {progress !== null && <Progress percent={progress} size="small" />}
      {c.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.attachments.none')} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {images.length > 0 && (
            <Image.PreviewGroup>
              <Space wrap size={8}>
                {images.map((a) => (
                  <Image
                    key={a.id}
                    width={96}
                    height={96}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                    src={casesApi.attachmentUrl(c.id, a.id, true)}
                    alt={a.name}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
          {others.map((a) => {
            const href = a.videoUrl ?? casesApi.attachmentUrl(c.id, a.id, isPdf(a));
            const opensTab = isPdf(a) || !!a.videoUrl;
            const icon = a.videoUrl ? (
              <VideoCameraOutlined />
            ) : isPdf(a) ? (
              <FilePdfOutlined style={{ color: '#cf1322' }} />
            ) : (
              <FileOutlined />
            );
            return (
              <div key={a.id} style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
                <Space>
                  {icon}
                  <a
                    href={href}
                    target={opensTab ? '_blank' : undefined}
                    rel="noopener noreferrer"
                    download={opensTab ? undefined : a.name}
                  >
                    {a.description ?? a.name}
                  </a>
                  {a.videoUrl && <LinkOutlined />}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {[formatSize(a.size), labels.dateTime(a.uploadedAt)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            );
          })}
        </Space>
      )}
    </Card>
  );
}
