import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { classifierApi } from '../api/classifier.api';

interface Props {
  title: string | undefined;
  facts: string | undefined;
  demands: string | undefined;
  /** The category now chosen in the form. */
  chosen: string | undefined;
  /** Puts the suggested leaf into the form's category field. */
  onAccept: (leafCode: string) => void;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * 智能分拨建议: as the clerk types the matter, the suggested category (with its confidence) and the
 * unit the routing table names. The clerk may take it with one click or choose another category;
 * either way the choice is recorded when the case is registered.
 */
export function CategorySuggestion({ title, facts, demands, chosen, onAccept }: Props) {
  const { t } = useTranslation();
  const text = useDebounced({ title: title ?? '', facts: facts ?? '', demands: demands ?? '' }, 600);
  const enough = `${text.title}${text.facts}`.trim().length >= 6;
  const q = useQuery({
    queryKey: ['classifier', 'suggest', text],
    queryFn: ({ signal }) => classifierApi.suggest(text, signal),
    enabled: enough,
    staleTime: 60_000,
    meta: { silent: true },
  });
  const s = q.data;
  if (!enough || !s) return null;
  const pct = Math.round(s.confidence * 100);
  const taken = !!chosen && (s.leaf ? chosen === s.leaf.code : chosen.startsWith(s.category.code));
  return (
    <Alert
      type={taken ? 'success' : 'info'}
      showIcon
      icon={<BulbOutlined />}
      data-testid="category-suggestion"
      style={{ marginBottom: 16 }}
      title={
        <Space size={[8, 4]} wrap>
          <Typography.Text strong>{t('hotIssues.suggestion.title')}</Typography.Text>
          <span data-testid="category-suggestion-category">
            {s.category.code} {s.category.name}
            {s.leaf ? ` › ${s.leaf.code} ${s.leaf.name}` : ''}
          </span>
          <Tag color={pct >= 80 ? 'green' : pct >= 50 ? 'gold' : 'default'}>
            {t('hotIssues.suggestion.confidence', { pct })}
          </Tag>
          {s.unit && (
            <span data-testid="category-suggestion-unit">
              {t('hotIssues.suggestion.unit', { unit: s.unit.name })}
            </span>
          )}
          {s.leaf && !taken && (
            <Button
              size="small"
              type="primary"
              ghost
              onClick={() => s.leaf && onAccept(s.leaf.code)}
              data-testid="category-suggestion-accept"
            >
              {t('hotIssues.suggestion.accept')}
            </Button>
          )}
          {taken && <Tag color="success">{t('hotIssues.suggestion.taken')}</Tag>}
        </Space>
      }
      description={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {s.leaf ? t('hotIssues.suggestion.hint') : t('hotIssues.suggestion.pickLeaf')}
          {' · '}
          {t('hotIssues.suggestion.others')}
          {s.alternatives
            .slice(1)
            .map((a) => `${a.name} ${Math.round(a.probability * 100)}%`)
            .join('，')}
          {' · '}
          {t('hotIssues.suggestion.model', { version: s.modelVersion })}
        </Typography.Text>
      }
    />
  );
}
