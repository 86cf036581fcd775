import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, fieldErrorsOf } from '../../../lib/api-errors';
import type { GridView } from '../api/community.api';
import { useCreateCourtyard, useUpdateGrid } from '../hooks/use-community';

interface MemberRow {
  role: 'head' | 'member';
  name: string;
  duty?: string;
  userId?: string;
}
interface FormValues {
  name?: string;
  households?: number | null;
  buildings?: number | null;
  members: MemberRow[];
}

/**
 * Edits a grid's roster (one head, members) and size, or creates a courtyard unit inside a grid
 * (one head and two members: the form offers exactly that). Members with an account keep it.
 */
export function GridRosterDrawer({
  grid,
  mode,
  onClose,
}: {
  grid: GridView | null;
  mode: 'edit' | 'courtyard';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const update = useUpdateGrid();
  const create = useCreateCourtyard();
  const busy = update.isPending || create.isPending;
  // Roster rules (one head; a courtyard's two members) concern the list as a whole.
  const rosterErrors = fieldErrorsOf(mode === 'edit' ? update.error : create.error)
    .filter((f) => Array.isArray(f.name) && f.name[0] === 'members' && f.name.length === 1)
    .flatMap((f) => f.errors);

  useEffect(() => {
    if (!grid) return;
    update.reset();
    create.reset();
    form.resetFields();
    if (mode === 'edit') {
      form.setFieldsValue({
        households: grid.households,
        buildings: grid.buildings,
        members: grid.members.map((m) => ({
          role: m.role,
          name: m.name,
          duty: m.duty ?? undefined,
          userId: m.userId ?? undefined,
        })),
      });
    } else {
      form.setFieldsValue({
        members: [
          { role: 'head', name: '' },
          { role: 'member', name: '' },
          { role: 'member', name: '' },
        ],
      });
    }
    // The mutations' reset functions are stable: the form resets when another grid opens.
  }, [grid, mode, form, update.reset, create.reset]);

  const submit = async (v: FormValues) => {
    if (!grid) return;
    const members = (v.members ?? [])
      .filter((m) => m.name?.trim())
      .map((m) => ({
        role: m.role,
        name: m.name.trim(),
        duty: m.duty?.trim() || undefined,
        userId: m.userId,
      }));
    try {
      if (mode === 'edit') {
        await update.mutateAsync({
          id: grid.id,
          body: { households: v.households ?? null, buildings: v.buildings ?? null, members },
        });
      } else {
        await create.mutateAsync({ gridId: grid.id, body: { name: v.name ?? '', members } });
      }
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
    }
  };

  return (
    <Drawer
      open={!!grid}
      onClose={onClose}
      width={520}
      title={
        mode === 'edit'
          ? t('community.grid.editTitle', { name: `${grid?.communityName ?? ''} ${grid?.name ?? ''}` })
          : t('community.grid.courtyardTitle', { name: grid?.name ?? '' })
      }
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()}>
          {t('community.grid.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {mode === 'courtyard' ? (
          <Form.Item
            name="name"
            label={t('community.grid.courtyardName')}
            rules={[{ required: true, max: 40 }]}
          >
            <Input placeholder="3号院" />
          </Form.Item>
        ) : (
          <Space>
            <Form.Item name="households" label={t('community.grid.households')}>
              <InputNumber min={0} max={100000} />
            </Form.Item>
            <Form.Item name="buildings" label={t('community.grid.buildings')}>
              <InputNumber min={0} max={10000} />
            </Form.Item>
          </Space>
        )}
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'role']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 110 }}
                      aria-label={t('community.grid.role')}
                      options={[
                        {
                          value: 'head',
                          label: t(mode === 'edit' ? 'community.grid.head' : 'community.grid.yardHead'),
                        },
                        { value: 'member', label: t('community.grid.member') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ max: 40 }]}>
                    <Input
                      placeholder={t('community.grid.memberName')}
                      aria-label={t('community.grid.memberName')}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'duty']} rules={[{ max: 40 }]}>
                    <Input
                      placeholder={t('community.grid.duty')}
                      aria-label={t('community.grid.duty')}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'userId']} hidden>
                    <Input />
                  </Form.Item>
                  <Button
                    type="text"
                    aria-label={t('community.grid.removeMember')}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              {rosterErrors.length ? (
                <Alert type="error" showIcon style={{ marginBottom: 12 }} title={rosterErrors.join('；')} />
              ) : null}
              <Button icon={<PlusOutlined />} onClick={() => add({ role: 'member', name: '' })}>
                {t('community.grid.addMember')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
