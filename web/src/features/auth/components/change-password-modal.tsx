import { App, Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './change-password-form';

/** 修改密码 from the header menu (the forced change has its own page). */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Modal open={open} title={t('auth.changePasswordTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <ChangePasswordForm
        onDone={() => {
          void message.success(t('auth.passwordChanged'));
          onClose();
        }}
        extraActions={<Button onClick={onClose}>{t('common.cancel')}</Button>}
      />
    </Modal>
  );
}
