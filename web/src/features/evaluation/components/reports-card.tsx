import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api-errors';
import { download } from '../../../lib/download';
import { CASE_TZ } from '../../../lib/shanghai-time';

type Format = 'xlsx' | 'docx';

const quarterIndex = (d: Dayjs) => d.year() * 4 + Math.floor(d.month() / 3);

/**
 * 月报 of the user's unit for a month, and for a district office the 季度通报 ranking its towns:
 * files generated from the figures on demand (the running month or quarter counts up to today).
 */
export function ReportsCard({ bulletin }: { bulletin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const now = dayjs().tz(CASE_TZ);
  const [month, setMonth] = useState<Dayjs>(now.startOf('month'));
  const [quarter, setQuarter] = useState<Dayjs>(now.startOf('month'));
  const [busy, setBusy] = useState<string | null>(null);

  const get = async (key: string, path: string, query: Record<string, string>, fallback: string) => {
    setBusy(key);
    try {
      await download(path, query, fallback);
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      setBusy(null);
    }
  };
  const buttons = (kind: 'monthly' | 'bulletin', query: Record<string, string>) =>
    (['xlsx', 'docx'] as Format[]).map((format) => (
      <Button
        key={format}
        icon={format === 'xlsx' ? <FileExcelOutlined /> : <FileWordOutlined />}
        loading={busy === `${kind}-${format}`}
        data-testid={`report-${kind}-${format}`}
        onClick={() =>
          void get(
            `${kind}-${format}`,
            `/api/evaluation/reports/${kind}`,
            { ...query, format },
            `report.${format}`,
          )
        }
      >
        {t(`evaluation.reports.${format}`)}
      </Button>
    ));
  const quarterKey = `${quarter.year()}-Q${Math.floor(quarter.month() / 3) + 1}`;

  return (
    <Card size="small" title={t('evaluation.reports.title')}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('evaluation.reports.monthly')}</Typography.Text>
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t('evaluation.reports.month')}
            value={month}
            disabledDate={(d) => d.isAfter(now, 'month')}
            onChange={(d) => d && setMonth(d)}
          />
          {buttons('monthly', { month: month.format('YYYY-MM') })}
        </Space>
        {bulletin && (
          <Space wrap>
            <Typography.Text>{t('evaluation.reports.bulletin')}</Typography.Text>
            <DatePicker
              picker="quarter"
              allowClear={false}
              aria-label={t('evaluation.reports.quarter')}
              value={quarter}
              disabledDate={(d) => quarterIndex(d) > quarterIndex(now)}
              onChange={(d) => d && setQuarter(d)}
            />
            {buttons('bulletin', { quarter: quarterKey })}
          </Space>
        )}
        <Typography.Text type="secondary">{t('evaluation.reports.note')}</Typography.Text>
      </Space>
    </Card>
  );
}
