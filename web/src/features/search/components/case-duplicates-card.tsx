import { CopyOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusTag } from '../../cases/components/case-tags';
import { useCaseLabels } from '../../cases/hooks/use-case-labels';
import { useDuplicatesOfCase } from '../hooks/use-search';
import { ReasonTag } from './duplicate-panel';

/**
 * 疑似重复件 on the page of a case still to be decided (registered, triage): for matters that came in
 * without a clerk typing (portal, Open311, ledger import). Linking goes through the case's own
 * 作为重复件并入 command; this card names the earlier cases and why.
 */
export function CaseDuplicatesCard({ caseId, status }: { caseId: string; status: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const undecided = status === 'registered' || status === 'triage';
  const q = useDuplicatesOfCase(caseId, undecided);
  const items = q.data?.items ?? [];
  if (!undecided || items.length === 0) return null;
  return (
    <Card
      size="small"
      data-testid="case-duplicates"
      title={
        <Space>
          <CopyOutlined />
          {t('search.duplicates.ofCase')}
        </Space>
      }
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {items.map((c) => (
          <div key={c.id} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
            <Space size={6} wrap>
              <Link to={`/cases/${c.id}`}>{c.caseNo}</Link>
              <StatusTag status={c.status} />
            </Space>
            <div>
              <Typography.Text>{c.title}</Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labels.date(c.receivedAt)} · {c.ownerUnit.name}
            </Typography.Text>
            <div style={{ marginTop: 4 }}>
              {c.reasons.map((r) => (
                <ReasonTag key={r.code} reason={r} />
              ))}
            </div>
          </div>
        ))}
      </Space>
    </Card>
  );
}
