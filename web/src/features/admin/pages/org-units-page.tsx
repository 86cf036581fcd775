import { App } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { UnitDetail } from '../api/org-units.api';
import { DutyRosterModal } from '../components/duty-roster-modal';
import { UnitDetailPanel } from '../components/unit-detail-panel';
import { UnitFormModal, type UnitFormValues } from '../components/unit-form-modal';
import { UnitTreePanel } from '../components/unit-tree-panel';
import { WorkstationFormModal } from '../components/workstation-form-modal';
import {
  useCreateUnit,
  useRemoveWorkstation,
  useSetDutyRoster,
  useSetWorkstation,
  useUnitDetail,
  useUnitTree,
  useUpdateUnit,
} from '../hooks/use-org-units';

type Dialog = 'create' | 'edit' | 'workstation' | 'roster' | null;

const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** 组织机构: the jurisdiction tree on the left, the selected unit on the right. */
export function OrgUnitsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  // A new key per opening: each dialog's form starts from a clean store, not the last one's values.
  const [dialogKey, setDialogKey] = useState(0);
  const openDialog = (d: Exclude<Dialog, null>) => {
    setDialogKey((k) => k + 1);
    setDialog(d);
  };

  const tree = useUnitTree(includeInactive);
  const selectedId = params.get('unit') ?? undefined;
  const detail = useUnitDetail(selectedId);
  const unit: UnitDetail | undefined = detail.data;

  const createUnit = useCreateUnit();
  const updateUnit = useUpdateUnit();
  const setWorkstation = useSetWorkstation();
  const removeWorkstation = useRemoveWorkstation();
  const setRoster = useSetDutyRoster();

  const select = (id: string) =>
    setParams(
      (p) => {
        p.set('unit', id);
        return p;
      },
      { replace: true },
    );

  // Start on the top of the jurisdiction.
  const firstId = tree.data?.items[0]?.id;
  useEffect(() => {
    if (!selectedId && firstId) setParams({ unit: firstId }, { replace: true });
  }, [selectedId, firstId, setParams]);

  const close = () => setDialog(null);
  const siblingOrders = (tree.data?.items ?? [])
    .filter((u) => u.parentId === selectedId)
    .map((u) => u.sortOrder);
  const nextSortOrder = siblingOrders.length ? Math.max(...siblingOrders) + 1 : 0;

  const submitUnit = async (values: UnitFormValues) => {
    if (!unit) return;
    if (dialog === 'create') {
      const created = await createUnit.mutateAsync({
        parentId: unit.id,
        kind: values.kind,
        name: values.name.trim(),
        shortName: blankToUndefined(values.shortName),
        divisionCode: blankToUndefined(values.divisionCode),
        sortOrder: values.sortOrder ?? undefined,
      });
      void message.success(t('org.created'));
      close();
      select(created.id);
    } else {
      await updateUnit.mutateAsync({
        id: unit.id,
        body: {
          name: values.name.trim(),
          shortName: blankToNull(values.shortName),
          divisionCode: blankToNull(values.divisionCode),
          ...(values.sortOrder !== null && { sortOrder: values.sortOrder }),
        },
      });
      void message.success(t('org.updated'));
      close();
    }
  };

  const toggleActive = () => {
    if (!unit) return;
    const activate = !unit.isActive;
    modal.confirm({
      title: activate
        ? t('org.activateConfirm', { name: unit.name })
        : t('org.deactivateConfirm', { name: unit.name }),
      content: activate ? undefined : t('org.deactivateHint'),
      okText: activate ? t('org.activate') : t('org.deactivate'),
      okButtonProps: { danger: !activate },
      cancelText: t('common.cancel'),
      // A failure is shown by the global handler; the dialog closes either way.
      onOk: () =>
        updateUnit
          .mutateAsync({ id: unit.id, body: { isActive: activate } })
          .then(() => {
            void message.success(activate ? t('org.activated') : t('org.deactivated'));
            // A disabled unit would vanish from the tree unless disabled ones are shown.
            if (!activate) setIncludeInactive(true);
          })
          .catch(() => undefined),
    });
  };

  const confirmRemoveWorkstation = () => {
    if (!unit?.workstation) return;
    modal.confirm({
      title: t('org.removeWorkstationConfirm', { name: unit.workstation.name }),
      okText: t('org.removeWorkstation'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        removeWorkstation
          .mutateAsync(unit.id)
          .then(() => void message.success(t('org.workstationRemoved')))
          .catch(() => undefined),
    });
  };

  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <div style={{ flex: '0 0 380px', maxWidth: '100%' }}>
        <UnitTreePanel
          units={tree.data?.items ?? []}
          total={tree.data?.total ?? 0}
          loading={tree.isFetching}
          selectedId={selectedId}
          onSelect={select}
          includeInactive={includeInactive}
          onIncludeInactiveChange={setIncludeInactive}
        />
      </div>
      <div style={{ flex: '1 1 520px', minWidth: 0 }}>
        <UnitDetailPanel
          unit={unit}
          loading={detail.isFetching}
          onNavigate={select}
          onCreateChild={() => openDialog('create')}
          onEdit={() => openDialog('edit')}
          onToggleActive={toggleActive}
          onEditWorkstation={() => openDialog('workstation')}
          onRemoveWorkstation={confirmRemoveWorkstation}
          onEditRoster={() => openDialog('roster')}
        />
      </div>
      {unit && (
        <>
          <UnitFormModal
            key={`unit-${dialogKey}`}
            open={dialog === 'create' || dialog === 'edit'}
            mode={dialog === 'edit' ? 'edit' : 'create'}
            unit={unit}
            suggestedSortOrder={nextSortOrder}
            submitting={createUnit.isPending || updateUnit.isPending}
            onSubmit={submitUnit}
            onCancel={close}
          />
          <WorkstationFormModal
            key={`ws-${dialogKey}`}
            open={dialog === 'workstation'}
            unit={unit}
            submitting={setWorkstation.isPending}
            onSubmit={async (body) => {
              await setWorkstation.mutateAsync({ id: unit.id, body });
              void message.success(t('org.workstationSaved'));
              close();
            }}
            onCancel={close}
          />
          <DutyRosterModal
            key={`roster-${dialogKey}`}
            open={dialog === 'roster'}
            entries={unit.dutyRoster}
            submitting={setRoster.isPending}
            onSubmit={async (entries) => {
              await setRoster.mutateAsync({ id: unit.id, entries });
              void message.success(t('org.dutySaved'));
              close();
            }}
            onCancel={close}
          />
        </>
      )}
    </div>
  );
}
