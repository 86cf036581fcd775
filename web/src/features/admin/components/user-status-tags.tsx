import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../api/users.api';

/** 正常 / 已停用 / 已锁定, plus 待改密 when a temporary password is still in use. */
export function UserStatusTags({
  user,
}: {
  user: Pick<User, 'isActive' | 'isLocked' | 'mustChangePassword'>;
}) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {!user.isActive ? (
        <Tag style={{ marginInlineEnd: 0 }}>{t('common.statusInactive')}</Tag>
      ) : user.isLocked ? (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('users.statusLocked')}
        </Tag>
      ) : (
        <Tag color="success" style={{ marginInlineEnd: 0 }}>
          {t('common.statusActive')}
        </Tag>
      )}
      {user.isActive && user.mustChangePassword && (
        <Tag color="warning" style={{ marginInlineEnd: 0 }}>
          {t('users.mustChange')}
        </Tag>
      )}
    </Space>
  );
}
