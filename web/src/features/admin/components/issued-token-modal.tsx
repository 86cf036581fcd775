import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../../lib/clipboard';
import { useLabels } from '../../../lib/labels';
import type { IssuedApiToken } from '../api/api-tokens.api';

/**
 * The secret is shown this once, with a copy button. Closing needs an explicit click: the mask
 * does not close it, so nobody loses the token by a stray click.
 */
export function IssuedTokenModal({ token, onClose }: { token: IssuedApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  // Per token, so the next issued token starts uncopied.
  const [copiedId, setCopiedId] = useState<string | null>(null);
  const copied = token !== null && copiedId === token.id;
  return (
    <Modal
      open={token !== null}
      title={t('tokens.issuedTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.savedIt')}
        </Button>
      }
      destroyOnHidden
      width={620}
    >
      {token && (
        <>
          <Alert type="warning" showIcon title={t('tokens.issuedWarning')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph
            code
            style={{ fontSize: 15, wordBreak: 'break-all', padding: 8, background: '#fafafa' }}
            data-testid="issued-token"
          >
            {token.token}
          </Typography.Paragraph>
          <Button
            type={copied ? 'default' : 'primary'}
            icon={copied ? <CheckOutlined /> : <CopyOutlined />}
            onClick={() => void copyText(token.token).then((ok) => setCopiedId(ok ? token.id : null))}
            style={{ marginBottom: 16 }}
            data-testid="copy-token"
          >
            {copied ? t('common.copied') : t('tokens.copyToken')}
          </Button>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'name', label: t('tokens.name'), children: token.name },
              { key: 'user', label: t('tokens.user'), children: token.user.displayName },
              {
                key: 'expires',
                label: t('tokens.expiresAt'),
                children: labels.dateTime(token.expiresAt) ?? t('tokens.neverExpires'),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
