import { CameraOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api-errors';
import { casesApi, type StoredUpload } from '../../cases/api/cases.api';

/**
 * Photos from the phone's camera (`capture="environment"` opens the rear camera; a desktop browser
 * offers a file picker instead). Each photo is staged at POST /api/uploads as soon as it is taken,
 * as the intake form stages its files, and the staged ids go with the report as `uploadIds`.
 */
export function CameraPhotoField({
  files,
  onChange,
}: {
  files: UploadFile<StoredUpload>[];
  onChange: (files: UploadFile<StoredUpload>[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="report-photo">
      <Upload
        accept="image/*"
        capture="environment"
        multiple
        listType="picture-card"
        fileList={files}
        onChange={({ fileList }) => onChange(fileList)}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          const controller = new AbortController();
          casesApi
            .stageUpload(file as Blob, (percent) => onProgress?.({ percent }), controller.signal)
            .then((stored) => onSuccess?.(stored))
            .catch((err: unknown) => onError?.(new Error(describeError(err))));
          return { abort: () => controller.abort() };
        }}
      >
        {files.length < 9 && (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            <CameraOutlined style={{ fontSize: 24 }} />
            <div style={{ marginTop: 8 }}>{t('dashboard.report.takePhoto')}</div>
          </button>
        )}
      </Upload>
    </div>
  );
}
