import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusTag } from '../../cases/components/case-tags';
import { useCaseLabels } from '../../cases/hooks/use-case-labels';
import type { CandidateReason, DuplicateCandidate, DuplicateProbe } from '../api/search.api';
import { useDebouncedValue, useDuplicateCandidates } from '../hooks/use-search';

export function ReasonTag({ reason }: { reason: CandidateReason }) {
  const { t } = useTranslation();
  const pct = 'score' in reason ? ` ${Math.round(reason.score * 100)}%` : '';
  const colour = {
    same_person: 'blue',
    same_address: 'cyan',
    similar_text: 'gold',
    terminated_same_facts: 'red',
  }[reason.code];
  return (
    <Tag color={colour} data-testid={`reason-${reason.code}`}>
      {t(`search.reasons.${reason.code}`)}
      {pct}
    </Tag>
  );
}

export type IntakeChoice = { kind: 'new' } | { kind: 'repeat'; candidate: DuplicateCandidate } | null;

/**
 * 疑似重复件: earlier cases that may be the same matter as the petition being registered, with the
 * reasons. The clerk links the new case to an open one as a repeat, or confirms it as new; a
 * terminated matter with the same facts and reasons is flagged for the not-re-accepted notice.
 */
export function DuplicatePanel({
  probe,
  choice,
  onChoose,
}: {
  probe: DuplicateProbe;
  choice: IntakeChoice;
  onChoose: (c: IntakeChoice) => void;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const debounced = useDebouncedValue(probe, 600);
  const q = useDuplicateCandidates(debounced);
  const items = q.data?.items ?? [];
  return (
    <Card
      size="small"
      data-testid="duplicate-panel"
      title={
        <Space>
          <CopyOutlined />
          {t('search.duplicates.title')}
          {q.isFetching && <Spin size="small" />}
        </Space>
      }
    >
      {items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={q.isFetching ? t('common.loading') : t('search.duplicates.none')}
        />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {choice?.kind === 'repeat' && (
            <Alert
              type="info"
              showIcon
              data-testid="duplicate-choice"
              title={t('search.duplicates.willLink', { caseNo: choice.candidate.caseNo })}
            />
          )}
          {choice?.kind === 'new' && (
            <Alert
              type="success"
              showIcon
              data-testid="duplicate-choice"
              title={t('search.duplicates.confirmedNew')}
            />
          )}
          {items.map((c) => (
            <div
              key={c.id}
              data-testid="duplicate-candidate"
              style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}
            >
              <Space size={6} wrap>
                <Link to={`/cases/${c.id}`} target="_blank">
                  {c.caseNo}
                </Link>
                <StatusTag status={c.status} />
              </Space>
              <div>
                <Typography.Text>{c.title}</Typography.Text>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {labels.date(c.receivedAt)} · {c.ownerUnit.name} · {c.address}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>
                {c.reasons.map((r) => (
                  <ReasonTag key={r.code} reason={r} />
                ))}
              </div>
              {c.reasons.some((r) => r.code === 'terminated_same_facts') && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginTop: 4 }}
                  title={t('search.duplicates.terminatedHint')}
                />
              )}
              {c.canLinkAsRepeat && (
                <Button
                  size="small"
                  style={{ marginTop: 4 }}
                  type={choice?.kind === 'repeat' && choice.candidate.id === c.id ? 'primary' : 'default'}
                  data-testid="link-as-repeat"
                  onClick={() => onChoose({ kind: 'repeat', candidate: c })}
                >
                  {t('search.duplicates.linkAsRepeat')}
                </Button>
              )}
            </div>
          ))}
          <Button
            block
            size="small"
            type={choice?.kind === 'new' ? 'primary' : 'default'}
            data-testid="confirm-new"
            onClick={() => onChoose({ kind: 'new' })}
          >
            {t('search.duplicates.confirmNew')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
