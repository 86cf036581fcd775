import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Decision } from '../api/cases.api';
import { useCaseLabels } from '../hooks/use-case-labels';
import { useCategories } from '../hooks/use-categories';

const multiline = (text: string | null | undefined) => (
  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>
);

/** 基本信息: how the matter came in and what it is about. */
export function CaseInfoCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const categories = useCategories();
  return (
    <Card title={t('cases.detail.info')} size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        styles={{ label: { width: 110 } }}
        items={[
          { key: 'channel', label: t('cases.fields.channel'), children: labels.channel(c.channel) },
          { key: 'received', label: t('cases.detail.receivedAt'), children: labels.dateTime(c.receivedAt) },
          {
            key: 'category',
            label: t('cases.fields.categoryCode'),
            children: `${c.categoryCode} ${categories.name(c.categoryCode)}`,
          },
          { key: 'nature', label: t('cases.fields.nature'), children: labels.nature(c.nature) },
          ...(c.claimRoute
            ? [
                {
                  key: 'route',
                  label: t('cases.fields.claimRoute'),
                  children: labels.claimRoute(c.claimRoute),
                },
              ]
            : []),
          {
            key: 'persons',
            label: t('cases.fields.personCount'),
            children: c.isGroup
              ? t('cases.detail.personsGroup', { count: c.personCount })
              : t('cases.detail.persons', { count: c.personCount }),
          },
          ...(c.sourceRef
            ? [{ key: 'source', label: t('cases.fields.sourceRef'), children: c.sourceRef }]
            : []),
          {
            key: 'address',
            label: t('cases.fields.address'),
            span: 'filled' as const,
            children:
              c.latitude !== null && c.longitude !== null
                ? `${c.address}（${c.latitude.toFixed(5)}, ${c.longitude.toFixed(5)}）`
                : c.address,
          },
          {
            key: 'facts',
            label: t('cases.fields.facts'),
            span: 'filled' as const,
            children: multiline(c.facts),
          },
          {
            key: 'demands',
            label: t('cases.fields.demands'),
            span: 'filled' as const,
            children: multiline(c.demands),
          },
          ...(c.reasons
            ? [
                {
                  key: 'reasons',
                  label: t('cases.fields.reasons'),
                  span: 'filled' as const,
                  children: multiline(c.reasons),
                },
              ]
            : []),
          ...(c.riskReason
            ? [
                {
                  key: 'risk',
                  label: t('cases.fields.riskReason'),
                  span: 'filled' as const,
                  children: c.riskReason,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** 处理意见, and the 复查 / 复核 decisions when there are any. */
export function OpinionCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  if (!c.opinion && !c.review && !c.recheck) return null;
  const decision = (key: 'review' | 'recheck', d: Decision) => ({
    key,
    label: t(key === 'review' ? 'cases.detail.review' : 'cases.detail.recheck'),
    span: 'filled' as const,
    children: (
      <>
        <Typography.Text strong>
          {t(`cases.options.decision.${d.decision}`)} · {labels.dateTime(d.decidedAt)}
        </Typography.Text>
        {multiline(d.text)}
      </>
    ),
  });
  return (
    <Card title={t('cases.detail.opinion')} size="small">
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 110 } }}
        items={[
          ...(c.opinion
            ? [
                {
                  key: 'outcome',
                  label: t('cases.fields.outcome'),
                  children: `${labels.outcome(c.opinion.outcome)} · ${labels.dateTime(c.opinion.issuedAt)}`,
                },
                { key: 'text', label: t('cases.fields.opinionText'), children: multiline(c.opinion.text) },
                {
                  key: 'basis',
                  label: t('cases.fields.legalBasis'),
                  children: multiline(c.opinion.legalBasis),
                },
              ]
            : []),
          ...(c.deliveredOn
            ? [{ key: 'delivered', label: t('cases.detail.deliveredOn'), children: c.deliveredOn }]
            : []),
          ...(c.satisfaction
            ? [
                {
                  key: 'satisfaction',
                  label: t('cases.fields.satisfaction'),
                  children: labels.satisfaction(c.satisfaction),
                },
              ]
            : []),
          ...(c.review ? [decision('review', c.review)] : []),
          ...(c.recheck ? [decision('recheck', c.recheck)] : []),
        ]}
      />
    </Card>
  );
}
