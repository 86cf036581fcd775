import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { isValidIdNumber } from '../../../../../common/src/id-number.js';
import { LIMITS } from '../../../../../common/src/limits.js';
import { useLabels } from '../../../lib/labels';

/** A person in the intake form (petitioner or representative). */
export interface PartyRow {
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

/** GB 11643 check of a resident ID number, as the server checks it (common/src/id-number.ts). */
export function useIdentityRules(): { idNumber: Rule[]; phone: Rule[] } {
  const labels = useLabels();
  return {
    idNumber: [
      {
        validator: async (_, v: string | undefined) => {
          if (v?.trim() && !isValidIdNumber(v)) throw new Error(labels.field('idNumberInvalid'));
        },
      },
    ],
    phone: [{ pattern: LIMITS.phonePattern, message: labels.field('phoneFormat') }],
  };
}

/**
 * Form.List of persons: name, ID number (checked as typed), phone and address. Used for the
 * petitioners (address required, as 第19条 asks) and the representatives of a group (at most 5).
 */
export function PartyListField({
  name,
  max,
  addressRequired,
  minRows = 0,
  addLabel,
  testId,
}: {
  name: 'petitioners' | 'representatives';
  max: number;
  addressRequired: boolean;
  minRows?: number;
  addLabel: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const rules = useIdentityRules();
  const required = { required: true, whitespace: true, message: labels.field('required') };
  return (
    <Form.List name={name}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <div key={f.key} data-testid={`${testId}-${i}`} style={{ marginBottom: 0 }}>
              {/* Columns in global.css (.party-row): one row on a desk, stacked on a phone. */}
              <div className="party-row">
                <Typography.Text
                  type="secondary"
                  className="party-row-no"
                  style={{ paddingTop: i === 0 ? 36 : 6 }}
                >
                  {i + 1}.
                </Typography.Text>
                <Form.Item
                  name={[f.name, 'name']}
                  label={i === 0 ? t('cases.party.name') : undefined}
                  rules={[required, { max: 100 }]}
                >
                  <Input maxLength={100} autoComplete="off" aria-label={t('cases.party.name')} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'idNumber']}
                  label={i === 0 ? t('cases.party.idNumber') : undefined}
                  rules={rules.idNumber}
                  validateDebounce={300}
                >
                  <Input
                    maxLength={18}
                    autoComplete="off"
                    style={{ fontFamily: 'monospace' }}
                    aria-label={t('cases.party.idNumber')}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'phone']}
                  label={i === 0 ? t('cases.party.phone') : undefined}
                  rules={rules.phone}
                  validateDebounce={300}
                >
                  <Input maxLength={20} autoComplete="off" aria-label={t('cases.party.phone')} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'address']}
                  label={i === 0 ? t('cases.party.address') : undefined}
                  rules={[...(addressRequired ? [required] : []), { max: LIMITS.addressMax }]}
                >
                  <Input
                    maxLength={LIMITS.addressMax}
                    autoComplete="off"
                    aria-label={t('cases.party.address')}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={fields.length <= minRows}
                  onClick={() => remove(f.name)}
                  aria-label={t('common.remove')}
                  style={{ marginTop: i === 0 ? 30 : 0 }}
                />
              </div>
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({})}
            disabled={fields.length >= max}
            data-testid={`${testId}-add`}
          >
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}
