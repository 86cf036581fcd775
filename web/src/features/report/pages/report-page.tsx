import { AimOutlined, CheckCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Result,
  Space,
  TreeSelect,
  Typography,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LIMITS } from '../../../../../common/src/limits.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { StoredUpload } from '../../cases/api/cases.api';
import type { IntakeBody } from '../../cases/api/workflow';
import { PartyListField, type PartyRow } from '../../cases/components/party-list-field';
import { useRegisterCase } from '../../cases/hooks/use-cases';
import { useCategories } from '../../cases/hooks/use-categories';
import { CameraPhotoField } from '../components/camera-photo-field';
import { MyReportsList } from '../components/my-reports-list';
import { useGeolocation } from '../hooks/use-geolocation';

interface ReportFormValues {
  categoryCode?: string;
  title: string;
  facts: string;
  demands: string;
  address: string;
  petitioners?: PartyRow[];
}

const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/**
 * 网格上报: a phone-first form for what a grid worker finds on patrol. It registers through the same
 * intake endpoint as the workstation form, on the 网格发现 channel (where no petitioner is needed),
 * with the camera's photos and the browser's position; the grid's community workstation receives it.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<ReportFormValues>();
  const categories = useCategories();
  const register = useRegisterCase();
  const geo = useGeolocation();
  const [files, setFiles] = useState<UploadFile<StoredUpload>[]>([]);
  const [done, setDone] = useState<{ id: string; caseNo: string; visible: boolean } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const uploading = files.some((f) => f.status === 'uploading');
  const uploadIds = files.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);
  const required = { required: true, whitespace: true, message: labels.field('required') };

  const submit = async (v: ReportFormValues) => {
    const s = geo.state;
    const body: IntakeBody = {
      channel: 'grid',
      petitioners: (v.petitioners ?? [])
        .filter((p) => p?.name?.trim())
        .map((p) => ({
          partyType: 'person',
          name: (p.name ?? '').trim(),
          ...(trimmed(p.idNumber) && { idType: 'resident_id', idNumber: trimmed(p.idNumber)?.toUpperCase() }),
          ...(trimmed(p.phone) && { phone: trimmed(p.phone) }),
          ...(trimmed(p.address) && { address: trimmed(p.address) }),
        })),
      title: v.title.trim(),
      facts: v.facts.trim(),
      demands: v.demands.trim(),
      categoryCode: v.categoryCode ?? '',
      address: v.address.trim(),
      ...(s.status === 'located' && { latitude: s.latitude, longitude: s.longitude }),
      uploadIds,
    };
    try {
      const r = await register.mutateAsync(body);
      setDone({ id: r.id, caseNo: r.caseNo, visible: r.visible });
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  const again = () => {
    setDone(null);
    setFiles([]);
    setFormKey((k) => k + 1);
  };

  const g = geo.state;
  const locationMessage =
    g.status === 'located'
      ? {
          type: 'success' as const,
          text: t('dashboard.report.located', {
            latitude: g.latitude,
            longitude: g.longitude,
            accuracy: g.accuracy,
          }),
        }
      : g.status === 'denied'
        ? { type: 'warning' as const, text: t('dashboard.report.locationDenied') }
        : g.status === 'unavailable'
          ? { type: 'warning' as const, text: t('dashboard.report.locationUnavailable') }
          : g.status === 'unsupported'
            ? { type: 'warning' as const, text: t('dashboard.report.locationUnsupported') }
            : null;

  return (
    <Space
      orientation="vertical"
      size={16}
      style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }}
    >
      {done ? (
        <Card>
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={t('dashboard.report.done')}
            subTitle={t('dashboard.report.doneText', { caseNo: done.caseNo })}
            extra={[
              done.visible && (
                <Link key="open" to={`/cases/${done.id}`} data-testid="report-case-link">
                  <Button type="primary">{t('dashboard.report.openCase')}</Button>
                </Link>
              ),
              <Button key="again" onClick={again}>
                {t('dashboard.report.another')}
              </Button>,
            ]}
            data-testid="report-done"
          />
          <Typography.Paragraph
            style={{ textAlign: 'center', fontSize: 20, fontFamily: 'monospace' }}
            data-testid="report-case-no"
          >
            {done.caseNo}
          </Typography.Paragraph>
        </Card>
      ) : (
        <Form<ReportFormValues>
          key={formKey}
          form={form}
          layout="vertical"
          name="report"
          initialValues={{ petitioners: [] }}
          onFinish={submit}
          scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
        >
          <Card title={t('dashboard.report.title')} size="small">
            <Typography.Paragraph type="secondary">{t('dashboard.report.intro')}</Typography.Paragraph>
            <Form.Item label={t('dashboard.report.photo')} extra={t('dashboard.report.photoHint')}>
              <CameraPhotoField files={files} onChange={setFiles} />
            </Form.Item>
            <Form.Item label={t('dashboard.report.location')}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Button
                  icon={<AimOutlined />}
                  loading={g.status === 'locating'}
                  onClick={geo.locate}
                  block
                  size="large"
                  data-testid="report-locate"
                >
                  {g.status === 'locating'
                    ? t('dashboard.report.locating')
                    : g.status === 'located'
                      ? t('dashboard.report.relocate')
                      : t('dashboard.report.locate')}
                </Button>
                {locationMessage && (
                  <Alert
                    type={locationMessage.type}
                    showIcon
                    title={locationMessage.text}
                    data-testid="report-location-status"
                  />
                )}
              </Space>
            </Form.Item>
            <Form.Item
              name="address"
              label={t('dashboard.report.address')}
              rules={[required, { max: LIMITS.addressMax }]}
            >
              <Input maxLength={LIMITS.addressMax} placeholder={t('dashboard.report.addressPlaceholder')} />
            </Form.Item>
            <Form.Item
              name="categoryCode"
              label={t('dashboard.report.category')}
              rules={[{ required: true, message: labels.field('categoryFormat') }]}
            >
              <TreeSelect
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={categories.leafTree}
                loading={categories.isLoading}
                data-testid="report-category"
              />
            </Form.Item>
            <Form.Item name="title" label={t('dashboard.report.titleField')} rules={[required, { max: 100 }]}>
              <Input maxLength={100} placeholder={t('dashboard.report.titlePlaceholder')} />
            </Form.Item>
            <Form.Item name="facts" label={t('dashboard.report.facts')} rules={[required, { max: 5000 }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
            <Form.Item name="demands" label={t('dashboard.report.demands')} rules={[required, { max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </Card>
          <Card
            size="small"
            title={t('dashboard.report.party')}
            extra={<Typography.Text type="secondary">{t('dashboard.report.partyHint')}</Typography.Text>}
            style={{ marginTop: 16 }}
          >
            <PartyListField
              name="petitioners"
              max={5}
              addressRequired
              addLabel={t('dashboard.report.addParty')}
              testId="report-party"
            />
          </Card>
          <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
            {uploading && (
              <Typography.Text type="secondary">{t('dashboard.report.waitUploads')}</Typography.Text>
            )}
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={register.isPending}
              disabled={uploading}
              data-testid="report-submit"
            >
              {t('dashboard.report.submit')}
            </Button>
          </Space>
        </Form>
      )}
      <MyReportsList />
    </Space>
  );
}
