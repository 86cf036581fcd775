import { Alert, Button, Descriptions, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Credentials } from '../api/portal.api';
import { AppointmentsPanel } from '../components/appointments-panel';
import { DirectoryPanel } from '../components/directory-panel';
import { SubmitForm } from '../components/submit-form';
import { TrackPanel } from '../components/track-view';

/** /portal: public, mobile-first; one narrow column that also reads well on a desktop. */
export function PortalPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('submit');
  const [issued, setIssued] = useState<{ trackingCode: string; queryPassword: string }>();
  const [trackWith, setTrackWith] = useState<Credentials>();

  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: '16px 12px 48px' }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {t('portal.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        centered
        items={[
          {
            key: 'submit',
            label: t('portal.tabs.submit'),
            children: issued ? (
              <>
                <Alert
                  type="success"
                  title={t('portal.result.title')}
                  description={t('portal.result.intro')}
                  showIcon
                />
                <Descriptions column={1} bordered style={{ margin: '16px 0' }}>
                  <Descriptions.Item label={t('portal.result.trackingCode')}>
                    <Typography.Text copyable strong>
                      {issued.trackingCode}
                    </Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('portal.result.queryPassword')}>
                    <Typography.Text copyable strong>
                      {issued.queryPassword}
                    </Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
                <Button
                  block
                  type="primary"
                  onClick={() => {
                    setTrackWith({ trackingCode: issued.trackingCode, password: issued.queryPassword });
                    setIssued(undefined);
                    setTab('track');
                  }}
                >
                  {t('portal.result.goTrack')}
                </Button>
              </>
            ) : (
              <SubmitForm onDone={setIssued} />
            ),
          },
          {
            key: 'track',
            label: t('portal.tabs.track'),
            children: (
              <TrackPanel
                key={trackWith?.trackingCode ?? 'empty'}
                {...(trackWith && { initial: trackWith })}
              />
            ),
          },
          { key: 'appointments', label: t('portal.tabs.appointments'), children: <AppointmentsPanel /> },
          { key: 'directory', label: t('portal.tabs.directory'), children: <DirectoryPanel /> },
        ]}
      />
    </div>
  );
}
