import { CameraOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The grid worker's way in: one large target to report what was found on patrol. */
export function ReportShortcut() {
  const { t } = useTranslation();
  return (
    <Link to="/report" data-testid="report-shortcut">
      <Card hoverable size="small">
        <Card.Meta
          avatar={<CameraOutlined style={{ fontSize: 28, color: '#1a56b0' }} />}
          title={t('dashboard.report.shortcut')}
          description={t('dashboard.report.shortcutDesc')}
        />
      </Card>
    </Link>
  );
}
