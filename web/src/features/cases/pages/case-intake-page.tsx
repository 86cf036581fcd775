import { AimOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Tag,
  TreeSelect,
  Typography,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  CHANNELS,
  type Channel,
  NATURES,
  type Nature,
  RISK_COLOURS,
  type RiskColour,
} from '../../../../../common/src/cases.js';
import { normalizeIdNumber } from '../../../../../common/src/id-number.js';
import { LIMITS } from '../../../../../common/src/limits.js';
import { applyFieldErrors } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import { useMe } from '../../auth/hooks/use-session';
import { classifierApi } from '../../classifier/api/classifier.api';
import { CategorySuggestion } from '../../classifier/components/category-suggestion';
// ── Search and repeat detection ──
import { DuplicatePanel, type IntakeChoice } from '../../search/components/duplicate-panel';
import type { StoredUpload } from '../api/cases.api';
import { casesApi } from '../api/cases.api';
import type { IntakeBody, PartyBody } from '../api/workflow';
import { HistoryPanel } from '../components/history-panel';
import { IntakeUploader } from '../components/intake-uploader';
import { PartyListField, type PartyRow, useIdentityRules } from '../components/party-list-field';
import { useCaseLabels } from '../hooks/use-case-labels';
import { useRegisterCase } from '../hooks/use-cases';
import { useCategories } from '../hooks/use-categories';
import { useUnitDirectory } from '../hooks/use-unit-directory';
import type { DetailLocationState } from './case-detail-page';

/** 集体访 from this many persons (the server's default threshold). */
const GROUP_THRESHOLD = 5;
const MAX_REPRESENTATIVES = 5;

interface AgentRow extends PartyRow {
  partyType: 'organisation' | 'person';
}

interface IntakeFormValues {
  channel: Channel;
  receivedAt: Dayjs;
  sourceUnitId?: string;
  sourceRef?: string;
  agent?: AgentRow;
  petitioners?: PartyRow[];
  representatives?: PartyRow[];
  personCount: number;
  title: string;
  facts: string;
  demands: string;
  reasons?: string;
  categoryCode?: string;
  nature?: Nature;
  riskColour: RiskColour;
  riskReason?: string;
  address: string;
  latitude?: number | null;
  longitude?: number | null;
}

const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

function partyBody(p: PartyRow | AgentRow, partyType: 'person' | 'organisation' = 'person'): PartyBody {
  const idNumber = trimmed(p.idNumber)?.toUpperCase();
  return {
    partyType,
    name: (p.name ?? '').trim(),
    ...(idNumber && { idType: partyType === 'person' ? 'resident_id' : 'credit_code', idNumber }),
    ...(trimmed(p.phone) && { phone: trimmed(p.phone) }),
    ...(trimmed(p.address) && { address: trimmed(p.address) }),
  };
}

function toIntakeBody(v: IntakeFormValues, uploadIds: string[]): IntakeBody {
  const rows = (list: PartyRow[] | undefined) => (list ?? []).filter((p) => p?.name?.trim());
  return {
    channel: v.channel,
    receivedAt: v.receivedAt.toISOString(),
    ...(v.channel === 'superior' && v.sourceUnitId && { sourceUnitId: v.sourceUnitId }),
    ...(v.channel === 'superior' && trimmed(v.sourceRef) && { sourceRef: trimmed(v.sourceRef) }),
    ...(v.channel === 'agent' && v.agent && { agent: partyBody(v.agent, v.agent.partyType) }),
    petitioners: rows(v.petitioners).map((p) => partyBody(p)),
    representatives: rows(v.representatives).map((p) => partyBody(p)),
    personCount: v.personCount,
    title: v.title.trim(),
    facts: v.facts.trim(),
    demands: v.demands.trim(),
    ...(trimmed(v.reasons) && { reasons: trimmed(v.reasons) }),
    categoryCode: v.categoryCode ?? '',
    ...(v.nature && { nature: v.nature }),
    riskColour: v.riskColour,
    ...(v.riskColour !== 'green' && trimmed(v.riskReason) && { riskReason: trimmed(v.riskReason) }),
    address: v.address.trim(),
    ...(typeof v.latitude === 'number' &&
      typeof v.longitude === 'number' && {
        latitude: v.latitude,
        longitude: v.longitude,
      }),
    uploadIds,
  };
}

/** The identities typed so far that are worth a history lookup: valid ID numbers and phone numbers. */
function identitiesOf(rows: (PartyRow | undefined)[]): { idNumber?: string; phone?: string }[] {
  const out = new Map<string, { idNumber?: string; phone?: string }>();
  for (const p of rows) {
    const id = p?.idNumber ? normalizeIdNumber(p.idNumber) : null;
    if (id) out.set(`id:${id}`, { idNumber: id });
    const phone = p?.phone?.trim();
    if (phone && LIMITS.phonePattern.test(phone)) out.set(`phone:${phone}`, { phone });
  }
  return [...out.values()].slice(0, 6);
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * 登记: one form for every channel. Earlier cases of the person show as soon as an ID number or
 * phone is typed; server field errors land on the fields; files are staged as they are dropped.
 */
export function CaseIntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const caseLabels = useCaseLabels();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<IntakeFormValues>();
  const matterTitle = Form.useWatch('title', form);
  const matterFacts = Form.useWatch('facts', form);
  const matterDemands = Form.useWatch('demands', form);
  const chosenCategory = Form.useWatch('categoryCode', form);
  const categories = useCategories();
  const directory = useUnitDirectory();
  const register = useRegisterCase();
  const idRules = useIdentityRules();
  const [files, setFiles] = useState<UploadFile<StoredUpload>[]>([]);
  const [referred, setReferred] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const channel = Form.useWatch('channel', form);
  const nature = Form.useWatch('nature', form);
  const riskColour = Form.useWatch('riskColour', form);
  const personCount = Form.useWatch('personCount', form) ?? 1;
  const petitioners = Form.useWatch('petitioners', form);
  const representatives = Form.useWatch('representatives', form);
  const identitiesKey = JSON.stringify(identitiesOf([...(petitioners ?? []), ...(representatives ?? [])]));
  const debouncedKey = useDebounced(identitiesKey, 600);
  const identities = useMemo(
    () => JSON.parse(debouncedKey) as { idNumber?: string; phone?: string }[],
    [debouncedKey],
  );
  // ── Search and repeat detection: candidates while typing, and the clerk's choice ──
  const [choice, setChoice] = useState<IntakeChoice>(null);
  const title = Form.useWatch('title', form) ?? '';
  const facts = Form.useWatch('facts', form) ?? '';
  const demands = Form.useWatch('demands', form) ?? '';
  const address = Form.useWatch('address', form) ?? '';
  const categoryCode = Form.useWatch('categoryCode', form);
  const duplicateProbe = useMemo(
    () => ({ persons: identities, title, facts, demands, address, categoryCode }),
    [identities, title, facts, demands, address, categoryCode],
  );
  const isAccusation = nature === 'accusation';
  const petitionersOptional = channel === 'grid' || isAccusation;
  const uploading = files.some((f) => f.status === 'uploading');
  const uploadIds = files.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);

  const initialValues: Partial<IntakeFormValues> = {
    channel: 'visit',
    receivedAt: dayjs(),
    petitioners: [{}],
    representatives: [],
    personCount: 1,
    riskColour: 'green',
    agent: {
      partyType: 'organisation',
      name:
        me.unit.kind === 'community'
          ? t('cases.intake.defaultAgentName', { unit: me.unit.name })
          : me.unit.name,
    },
  };

  const onValuesChange = (changed: Partial<IntakeFormValues>, all: IntakeFormValues) => {
    if (changed.categoryCode) {
      const leaf = categories.byCode.get(changed.categoryCode);
      if (leaf?.defaultNature) form.setFieldValue('nature', leaf.defaultNature);
    }
    if (changed.petitioners || changed.representatives) {
      const named = (all.petitioners ?? []).filter((p) => p?.name?.trim()).length;
      if (named > (all.personCount ?? 1)) form.setFieldValue('personCount', named);
    }
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      void message.warning(t('cases.intake.noGeolocation'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        form.setFieldsValue({
          latitude: Number(pos.coords.latitude.toFixed(6)),
          longitude: Number(pos.coords.longitude.toFixed(6)),
        });
        setLocating(false);
      },
      () => {
        void message.warning(t('cases.intake.locationFailed'));
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const submit = async (v: IntakeFormValues) => {
    try {
      const r = await register.mutateAsync(toIntakeBody(v, uploadIds));
      if (!r.visible) {
        setReferred(r.caseNo);
        return;
      }
      // 智能分拨: record the suggestion and whether it was kept (best effort, never blocks intake).
      classifierApi.record(r.id).catch(() => undefined);
      if (choice?.kind === 'repeat') {
        // "Link as repeat": the lifecycle's merge command, right after registration.
        try {
          await casesApi.run(r.id, 'linkRepeat', {
            // A case just registered (and visible) is at its first version; the summary carries no detail.
            version: r.case?.version ?? 1,
            openCaseId: choice.candidate.id,
            note: t('search.duplicates.willLink', { caseNo: choice.candidate.caseNo }),
          });
          void message.success(t('search.duplicates.linked', { caseNo: choice.candidate.caseNo }));
        } catch (err) {
          void message.warning(
            t('search.duplicates.linkFailed', { message: err instanceof Error ? err.message : String(err) }),
          );
        }
      } else {
        void message.success(t('cases.intake.registered', { caseNo: r.caseNo }));
      }
      const state: DetailLocationState = { warnings: r.warnings };
      void navigate(`/cases/${r.id}`, { state });
    } catch (err) {
      if (applyFieldErrors(form, err)) {
        form.scrollToField(form.getFieldsError().find((f) => f.errors.length)?.name ?? 'title', {
          behavior: 'smooth',
          block: 'center',
        });
      }
    }
  };

  if (referred) {
    return (
      <Card>
        <Result
          status="success"
          icon={<SafetyCertificateOutlined />}
          title={t('cases.intake.referredTitle')}
          subTitle={t('cases.intake.referredText', { caseNo: referred })}
          extra={[
            <Button
              type="primary"
              key="again"
              onClick={() => {
                setReferred(null);
                setFiles([]);
                setFormKey((k) => k + 1);
              }}
            >
              {t('cases.intake.registerAnother')}
            </Button>,
            <Button key="queue" onClick={() => navigate('/cases')}>
              {t('cases.detail.backToQueue')}
            </Button>,
          ]}
          data-testid="intake-referred"
        />
      </Card>
    );
  }

  const required = { required: true, whitespace: true, message: labels.field('required') };
  return (
    <Form<IntakeFormValues>
      key={formKey}
      form={form}
      layout="vertical"
      name="intake"
      initialValues={initialValues}
      onValuesChange={onValuesChange}
      onFinish={submit}
      scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('cases.intake.title')} size="small">
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name="channel" label={t('cases.fields.channel')} rules={[required]}>
                    <Select
                      data-testid="intake-channel"
                      options={CHANNELS.map((c) => ({ value: c, label: caseLabels.channel(c) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="receivedAt"
                    label={t('cases.fields.receivedAt')}
                    rules={[{ required: true, type: 'object', message: labels.field('required') }]}
                    extra={channel === 'letter' ? t('cases.hints.letterDate') : undefined}
                  >
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    />
                  </Form.Item>
                </Col>
              </Row>
              {channel === 'superior' && (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name="sourceUnitId" label={t('cases.fields.sourceUnitId')}>
                      <Select
                        allowClear
                        showSearch={{ optionFilterProp: 'label' }}
                        options={directory.options()}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="sourceRef"
                      label={t('cases.fields.sourceRef')}
                      dependencies={['sourceUnitId']}
                      rules={[
                        ({ getFieldValue }) => ({
                          validator: async (_, v: string | undefined) => {
                            if (!v?.trim() && !getFieldValue('sourceUnitId'))
                              throw new Error(t('cases.intake.sourceRequired'));
                          },
                        }),
                        { max: 100 },
                      ]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              {channel === 'agent' && (
                <>
                  <Typography.Text strong>{t('cases.intake.agent')}</Typography.Text>
                  <Row gutter={12} style={{ marginTop: 8 }}>
                    <Col xs={24} md={5}>
                      <Form.Item name={['agent', 'partyType']} label={t('cases.intake.agentType')}>
                        <Select
                          options={[
                            { value: 'organisation', label: t('cases.intake.agentOrganisation') },
                            { value: 'person', label: t('cases.intake.agentPerson') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={['agent', 'name']}
                        label={t('cases.intake.agentName')}
                        rules={[required, { max: 100 }]}
                      >
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={5}>
                      <Form.Item
                        name={['agent', 'phone']}
                        label={t('cases.party.phone')}
                        rules={idRules.phone}
                      >
                        <Input maxLength={20} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item
                        name={['agent', 'address']}
                        label={t('cases.party.address')}
                        rules={[{ max: LIMITS.addressMax }]}
                      >
                        <Input maxLength={LIMITS.addressMax} />
                      </Form.Item>
                    </Col>
                  </Row>
                </>
              )}
            </Card>

            <Card
              size="small"
              title={t('cases.intake.petitioners')}
              extra={
                petitionersOptional && (
                  <Typography.Text type="secondary">{t('cases.intake.petitionersOptional')}</Typography.Text>
                )
              }
            >
              <PartyListField
                name="petitioners"
                max={50}
                addressRequired={!isAccusation}
                addLabel={t('cases.intake.addPetitioner')}
                testId="petitioner"
              />
              <Row gutter={16} style={{ marginTop: 16 }} align="bottom">
                <Col xs={24} md={8}>
                  <Form.Item
                    name="personCount"
                    label={t('cases.fields.personCount')}
                    rules={[{ required: true, type: 'number', message: labels.field('required') }]}
                    extra={t('cases.hints.groupThreshold', { count: GROUP_THRESHOLD })}
                  >
                    <InputNumber min={1} max={100000} style={{ width: '100%' }} data-testid="person-count" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16} style={{ paddingBottom: 30 }}>
                  {personCount >= GROUP_THRESHOLD && (
                    <Tag color="volcano" data-testid="intake-group-tag">
                      {t('cases.intake.willBeGroup', { count: personCount })}
                    </Tag>
                  )}
                </Col>
              </Row>
              <Typography.Text strong>{t('cases.intake.representatives')}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {t('cases.hints.representatives', { max: MAX_REPRESENTATIVES })}
              </Typography.Text>
              <div style={{ marginTop: 8 }}>
                <PartyListField
                  name="representatives"
                  max={MAX_REPRESENTATIVES}
                  addressRequired={false}
                  addLabel={t('cases.intake.addRepresentative')}
                  testId="representative"
                />
              </div>
            </Card>

            <Card size="small" title={t('cases.intake.matter')}>
              <Form.Item name="title" label={t('cases.fields.title')} rules={[required, { max: 100 }]}>
                <Input maxLength={100} showCount />
              </Form.Item>
              <Form.Item name="facts" label={t('cases.fields.facts')} rules={[required, { max: 5000 }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
              </Form.Item>
              <Form.Item name="demands" label={t('cases.fields.demands')} rules={[required, { max: 2000 }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
              </Form.Item>
              <Form.Item name="reasons" label={t('cases.fields.reasons')} rules={[{ max: 5000 }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
              </Form.Item>
              <CategorySuggestion
                title={matterTitle}
                facts={matterFacts}
                demands={matterDemands}
                chosen={chosenCategory}
                onAccept={(code) => {
                  form.setFieldValue('categoryCode', code);
                  onValuesChange({ categoryCode: code }, form.getFieldsValue(true));
                }}
              />
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="categoryCode"
                    label={t('cases.fields.categoryCode')}
                    rules={[{ required: true, message: labels.field('categoryFormat') }]}
                  >
                    <TreeSelect
                      showSearch={{ treeNodeFilterProp: 'title' }}
                      treeData={categories.leafTree}
                      loading={categories.isLoading}
                      placeholder={t('cases.intake.categoryPlaceholder')}
                      popupMatchSelectWidth={false}
                      data-testid="intake-category"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="nature"
                    label={t('cases.fields.nature')}
                    extra={isAccusation ? t('cases.hints.accusation') : t('cases.hints.nature')}
                  >
                    <Radio.Group
                      optionType="button"
                      options={NATURES.map((n) => ({ value: n, label: caseLabels.nature(n) }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="riskColour" label={t('cases.fields.riskColour')}>
                <Radio.Group
                  optionType="button"
                  options={RISK_COLOURS.slice()
                    .reverse()
                    .map((r) => ({ value: r, label: caseLabels.risk(r) }))}
                />
              </Form.Item>
              {riskColour && riskColour !== 'green' && (
                <Form.Item
                  name="riskReason"
                  label={t('cases.fields.riskReason')}
                  rules={[{ ...required, message: labels.field('riskReasonRequired') }, { max: 500 }]}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
                </Form.Item>
              )}
            </Card>

            <Card size="small" title={t('cases.intake.place')}>
              <Form.Item
                name="address"
                label={t('cases.fields.address')}
                rules={[required, { max: LIMITS.addressMax }]}
              >
                <Input maxLength={LIMITS.addressMax} />
              </Form.Item>
              <Space wrap align="start">
                <Form.Item name="latitude" label={t('cases.fields.latitude')}>
                  <InputNumber min={-90} max={90} step={0.000001} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name="longitude" label={t('cases.fields.longitude')}>
                  <InputNumber min={-180} max={180} step={0.000001} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item label=" ">
                  <Button icon={<AimOutlined />} loading={locating} onClick={locate}>
                    {t('cases.intake.useLocation')}
                  </Button>
                </Form.Item>
              </Space>
            </Card>

            <Card size="small" title={t('cases.intake.attachments')}>
              <IntakeUploader files={files} onChange={setFiles} />
            </Card>

            <Card size="small">
              <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
                {uploading && (
                  <Typography.Text type="secondary">{t('cases.intake.waitUploads')}</Typography.Text>
                )}
                <Button onClick={() => navigate('/cases')}>{t('common.cancel')}</Button>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={register.isPending}
                  disabled={uploading}
                  data-testid="intake-submit"
                >
                  {t('cases.intake.submit')}
                </Button>
              </Space>
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={7}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <HistoryPanel identities={identities} />
              {!isAccusation && (
                <DuplicatePanel probe={duplicateProbe} choice={choice} onChoose={setChoice} />
              )}
              {isAccusation && <Alert type="warning" showIcon title={t('cases.hints.accusationPrivacy')} />}
            </Space>
          </div>
        </Col>
      </Row>
    </Form>
  );
}
