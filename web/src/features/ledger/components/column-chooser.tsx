import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Popover, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_COLUMNS, FIXED_COLUMNS, LEDGER_COLUMNS, type LedgerColumn } from './ledger-columns';

interface Props {
  value: LedgerColumn[];
  onChange: (next: LedgerColumn[]) => void;
}

/** 列设置: which columns the ledger table shows. The export always carries every column. */
export function ColumnChooser({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('ledger.columnsTitle')}
      content={
        <div data-testid="ledger-column-chooser">
          <Checkbox.Group
            value={value}
            onChange={(checked) =>
              onChange(LEDGER_COLUMNS.filter((c) => checked.includes(c) || FIXED_COLUMNS.includes(c)))
            }
          >
            <Space orientation="vertical" size={4}>
              {LEDGER_COLUMNS.map((c) => (
                <Checkbox key={c} value={c} disabled={FIXED_COLUMNS.includes(c)}>
                  {t(`ledger.columns.${c}`)}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
          <Divider style={{ margin: '8px 0' }} />
          <Button size="small" type="link" onClick={() => onChange([...DEFAULT_COLUMNS])}>
            {t('ledger.columnsReset')}
          </Button>
        </div>
      }
    >
      <Button icon={<SettingOutlined />} data-testid="ledger-columns">
        {t('ledger.columnsButton')}
      </Button>
    </Popover>
  );
}
