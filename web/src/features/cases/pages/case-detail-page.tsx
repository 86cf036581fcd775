import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Result, Row, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { useMe } from '../../auth/hooks/use-session';
// ---- community ----
import { MatterScopeCard } from '../../community/components/matter-scope-card';
// documents
import { DocumentsCard } from '../../documents/components/documents-card';
// resolution mechanisms
import { MechanismsCard } from '../../mechanisms/components/mechanisms-card';
// ── Search and repeat detection ──
import { CaseDuplicatesCard } from '../../search/components/case-duplicates-card';
import type { IntakeResult, SupervisionOrder } from '../api/cases.api';
import { AttachmentsCard } from '../components/attachments-card';
import { CaseActions } from '../components/case-actions';
import { CaseCommandForm, type FormTarget } from '../components/case-command-form';
import { CaseHeader } from '../components/case-header';
import { CaseInfoCard, OpinionCard } from '../components/case-info-card';
import { CaseTimeline } from '../components/case-timeline';
import { DeadlinesTable } from '../components/deadlines-table';
import { HandlingUnitsCard } from '../components/handling-units-card';
import { PartiesCard } from '../components/parties-card';
import { LeaderCard, SupervisionCard } from '../components/supervision-card';
import { useCase, useCaseEvents } from '../hooks/use-cases';
import { useUnitDirectory } from '../hooks/use-unit-directory';

/** Router state the intake page hands over: the warnings of the registration just made. */
export interface DetailLocationState {
  warnings?: IntakeResult['warnings'];
}

/** 事项详情: the record, its clocks and units, its parties and files, its history, and what I may do. */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const detail = useCase(id);
  const events = useCaseEvents(id);
  const directory = useUnitDirectory();
  const [target, setTarget] = useState<FormTarget | null>(null);
  const [formKey, setFormKey] = useState(0);
  const warnings = (location.state as DetailLocationState | null)?.warnings ?? [];

  const open = (next: FormTarget) => {
    setFormKey((k) => k + 1);
    setTarget(next);
  };

  if (detail.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (detail.isError || !detail.data) {
    // A malformed id in the address is as good as an unknown one.
    const notFound = isApiError(detail.error, 'NOT_FOUND') || isApiError(detail.error, 'VALIDATION_FAILED');
    return (
      <Result
        status={notFound ? '404' : 'warning'}
        title={notFound ? t('cases.detail.notFound') : t('errors.loadFailed')}
        subTitle={notFound ? t('cases.detail.notFoundHint') : undefined}
        extra={
          <Space>
            <Button onClick={() => navigate('/cases')}>{t('cases.detail.backToQueue')}</Button>
            {!notFound && (
              <Button type="primary" onClick={() => void detail.refetch()}>
                {t('common.retry')}
              </Button>
            )}
          </Space>
        }
      />
    );
  }
  const c = detail.data;
  const unitName = (unitId: string | null | undefined) =>
    unitId ? (c.units.find((u) => u.unitId === unitId)?.name ?? directory.name(unitId)) : null;
  const canReply = (o: SupervisionOrder) =>
    me.permissions.includes('case.handle') &&
    (me.roles.some((r) => r.unitId === o.targetUnit.id) ||
      (o.targetUnit.id === c.ownerUnit.id && c.abilities.actions.includes('reportProgress')));
  // The intake warnings matter while the acceptance is still to be decided.
  const undecided = c.abilities.commands.includes('accept') || c.status === 'registered';
  const sameFacts = undecided ? warnings.filter((w) => w.code === 'TERMINATED_SAME_FACTS') : [];
  const samePerson = undecided ? warnings.filter((w) => w.code !== 'TERMINATED_SAME_FACTS') : [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="case-detail">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Link to="/cases">
          <ArrowLeftOutlined /> {t('cases.detail.backToQueue')}
        </Link>
        <Button
          size="small"
          icon={<ReloadOutlined />}
          loading={detail.isFetching}
          onClick={() => {
            void detail.refetch();
            void events.refetch();
          }}
        >
          {t('common.refresh')}
        </Button>
      </Space>
      {sameFacts.map((w) => (
        <Alert
          key={w.caseId}
          type="error"
          showIcon
          data-testid="warning-terminated"
          title={t('cases.warnings.sameFactsTitle')}
          description={
            <span>
              {t('cases.warnings.sameFactsText')}
              <Link to={`/cases/${w.caseId}`}>{w.caseNo}</Link>
            </span>
          }
          action={
            c.abilities.commands.includes('rejectTerminated') && (
              <Button
                danger
                size="small"
                onClick={() =>
                  open({
                    type: 'case',
                    name: 'rejectTerminated',
                    preset: { terminatedCaseId: w.caseNo },
                    knownCases: { [w.caseNo]: w.caseId },
                  })
                }
              >
                {t('cases.warnings.rejectTerminated')}
              </Button>
            )
          }
        />
      ))}
      {samePerson.map((w) => (
        <Alert
          key={w.caseId}
          type="warning"
          showIcon
          title={t('cases.warnings.samePersonTitle')}
          description={
            <span>
              {t('cases.warnings.samePersonText')}
              <Link to={`/cases/${w.caseId}`}>{w.caseNo}</Link>
            </span>
          }
        />
      ))}
      <CaseHeader c={c} actions={<CaseActions c={c} onOpen={open} />} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <CaseInfoCard c={c} />
            <OpinionCard c={c} />
            <DeadlinesTable c={c} />
            <PartiesCard c={c} />
            <AttachmentsCard c={c} canAdd={c.abilities.actions.includes('reportProgress')} />
            <MechanismsCard c={c} />
            {/* documents */}
            <DocumentsCard caseId={c.id} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {/* ---- community: 三事分流 ---- */}
            <MatterScopeCard caseId={c.id} />
            <CaseDuplicatesCard caseId={c.id} status={c.status} />
            <HandlingUnitsCard c={c} onOpen={open} />
            <SupervisionCard c={c} canReply={canReply} onOpen={open} />
            <LeaderCard c={c} unitName={unitName} />
            <CaseTimeline events={events.data?.items} loading={events.isPending} unitName={unitName} />
          </Space>
        </Col>
      </Row>
      {target && <CaseCommandForm key={formKey} c={c} target={target} onClose={() => setTarget(null)} />}
    </Space>
  );
}
