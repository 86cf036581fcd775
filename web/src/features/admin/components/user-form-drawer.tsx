import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Divider,
  Drawer,
  Form,
  Input,
  Result,
  Select,
  Space,
  Spin,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../../common/src/limits.js';
import { ROLES, type Role } from '../../../../../common/src/roles.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { RoleGrant, UserDetail } from '../api/users.api';
import { generatePassword, passwordMeetsPolicy } from './password-generator';
import type { UnitTreeSelectNode } from './unit-tree-data';

export interface UserFormValues {
  username: string;
  displayName: string;
  unitId: string;
  password: string;
  mustChangePassword: boolean;
  roles: { role?: Role; unitId?: string }[];
}

interface Props {
  open: boolean;
  mode: 'create' | 'edit';
  /** The user being edited (with abilities); undefined when creating. */
  user: UserDetail | undefined;
  loading: boolean;
  unitTree: UnitTreeSelectNode[];
  defaultUnitId: string | undefined;
  submitting: boolean;
  onSubmit: (values: UserFormValues) => Promise<unknown>;
  onClose: () => void;
}

export const roleKey = (g: { role?: Role | undefined; unitId?: string | undefined }) =>
  `${g.role}:${g.unitId}`;

/** Complete role rows only, without duplicates. */
export function cleanRoles(rows: UserFormValues['roles']): RoleGrant[] {
  const seen = new Set<string>();
  const out: RoleGrant[] = [];
  for (const r of rows) {
    if (!r.role || !r.unitId || seen.has(roleKey(r))) continue;
    seen.add(roleKey(r));
    out.push({ role: r.role, unitId: r.unitId });
  }
  return out;
}

/** 新建/编辑用户: account, unit and role grants (each role applies to a unit and its subtree). */
export function UserFormDrawer(props: Props) {
  const { open, mode, user, loading, unitTree, defaultUnitId, submitting, onSubmit, onClose } = props;
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<UserFormValues>();
  const isEdit = mode === 'edit';
  const canUpdate = !isEdit || (user?.abilities.update ?? false);
  const canManageRoles = !isEdit || (user?.abilities.manageRoles ?? false);
  const required = { required: true, message: labels.field('required') };

  const initialValues: Partial<UserFormValues> =
    isEdit && user
      ? {
          username: user.username,
          displayName: user.displayName,
          unitId: user.unit.id,
          roles: user.roles.map((r) => ({ role: r.role, unitId: r.unitId })),
        }
      : { unitId: defaultUnitId, mustChangePassword: true, roles: [] };

  const submit = async (values: UserFormValues) => {
    try {
      await onSubmit(values);
    } catch (err) {
      applyFieldErrors(form, err, { USERNAME_TAKEN: 'username', PASSWORD_POLICY: 'password' });
    }
  };

  const unitSelect = (disabled: boolean) => (
    <TreeSelect
      treeData={unitTree}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={unitTree.map((n) => n.value)}
      disabled={disabled}
      placeholder={t('users.unit')}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );

  return (
    <Drawer
      open={open}
      size={600}
      title={isEdit ? t('users.editTitle', { name: user?.displayName ?? '' }) : t('users.createTitle')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={submitting}
            disabled={isEdit && (!user || (!canUpdate && !canManageRoles))}
            onClick={() => form.submit()}
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {/* The form mounts once the user is freshly loaded, so its initial values are current. */}
      {isEdit && loading ? (
        <Spin style={{ display: 'block', padding: 48 }} />
      ) : isEdit && !user ? (
        <Result status="warning" title={t('errors.loadFailed')} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          name="user-form"
          initialValues={initialValues}
          preserve={false}
          onFinish={submit}
        >
          {isEdit && user && !canUpdate && !canManageRoles && (
            <Alert type="info" showIcon title={t('users.noPermissionEdit')} style={{ marginBottom: 16 }} />
          )}
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={
              isEdit
                ? []
                : [
                    { ...required, whitespace: true },
                    { min: LIMITS.usernameMin, max: LIMITS.usernameMax },
                    { pattern: LIMITS.usernamePattern, message: labels.field('usernameFormat') },
                  ]
            }
          >
            <Input disabled={isEdit} maxLength={LIMITS.usernameMax} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[{ ...required, whitespace: true }, { max: LIMITS.displayNameMax }]}
          >
            <Input disabled={!canUpdate} maxLength={LIMITS.displayNameMax} />
          </Form.Item>
          <Form.Item name="unitId" label={t('users.unit')} rules={[required]}>
            {unitSelect(!canUpdate)}
          </Form.Item>
          {!isEdit && (
            <>
              <Form.Item label={t('users.password')} extra={labels.field('passwordPolicy')} required>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item
                    name="password"
                    noStyle
                    dependencies={['username']}
                    rules={[
                      required,
                      ({ getFieldValue }) => ({
                        validator: async (_, value: string | undefined) => {
                          if (value && !passwordMeetsPolicy(value, getFieldValue('username'))) {
                            throw new Error(t('errors.passwordWeak'));
                          }
                        },
                      }),
                    ]}
                  >
                    <Input
                      autoComplete="off"
                      maxLength={LIMITS.passwordMax}
                      style={{ fontFamily: 'monospace' }}
                    />
                  </Form.Item>
                  <Button
                    onClick={() =>
                      form.setFieldsValue({ password: generatePassword(form.getFieldValue('username')) })
                    }
                  >
                    {t('users.generate')}
                  </Button>
                </Space.Compact>
              </Form.Item>
              <Form.Item
                name="mustChangePassword"
                label={t('users.mustChangePassword')}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            </>
          )}

          <Divider titlePlacement="start" style={{ marginTop: 8 }}>
            {t('users.roleRows')}
          </Divider>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('users.roleRowsHint')}
          </Typography.Paragraph>
          <Form.List name="roles">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <div
                    key={key}
                    className="compact-form-row"
                    style={{ display: 'grid', gridTemplateColumns: '200px 1fr 32px', gap: 8 }}
                  >
                    <Form.Item name={[name, 'role']} rules={[required]}>
                      <Select
                        disabled={!canManageRoles}
                        placeholder={t('users.role')}
                        options={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[name, 'unitId']}
                      dependencies={[['roles', name, 'role']]}
                      rules={[
                        required,
                        ({ getFieldValue }) => ({
                          validator: async (_, unitId: string | undefined) => {
                            const rows = (getFieldValue('roles') as UserFormValues['roles']) ?? [];
                            const me = rows[name];
                            if (!me?.role || !unitId) return;
                            const dup = rows.findIndex((r, i) => i !== name && roleKey(r) === roleKey(me));
                            if (dup !== -1 && dup < name) throw new Error(t('users.duplicateRole'));
                          },
                        }),
                      ]}
                    >
                      {unitSelect(!canManageRoles)}
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={!canManageRoles}
                      onClick={() => remove(name)}
                      aria-label={t('common.remove')}
                    />
                  </div>
                ))}
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  disabled={!canManageRoles}
                  onClick={() => add({ unitId: form.getFieldValue('unitId') })}
                >
                  {t('users.addRole')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  );
}
