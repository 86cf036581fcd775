import { InboxOutlined } from '@ant-design/icons';
import { Typography, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api-errors';
import { casesApi, type StoredUpload } from '../api/cases.api';

/**
 * Drag and drop files at intake: each is staged at POST /api/uploads at once (with progress), and
 * the ids of the staged files go with the registration as `uploadIds`.
 */
export function IntakeUploader({
  files,
  onChange,
}: {
  files: UploadFile<StoredUpload>[];
  onChange: (files: UploadFile<StoredUpload>[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Upload.Dragger
      multiple
      fileList={files}
      // A refused file keeps its row with the server's reason (shown in the row's tooltip).
      onChange={({ fileList }) => onChange(fileList)}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        const controller = new AbortController();
        casesApi
          .stageUpload(file as Blob, (percent) => onProgress?.({ percent }), controller.signal)
          .then((stored) => onSuccess?.(stored))
          .catch((err: unknown) => {
            const e = new Error(describeError(err));
            onError?.(e);
          });
        return { abort: () => controller.abort() };
      }}
      data-testid="intake-uploader"
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('cases.intake.uploadText')}</p>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('cases.intake.uploadHint')}
      </Typography.Text>
    </Upload.Dragger>
  );
}
