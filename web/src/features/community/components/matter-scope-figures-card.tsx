import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MATTER_SCOPE_LABELS } from '../../../../../common/src/community.js';
import { useLabels } from '../../../lib/labels';
import { useMatterScopeFigures } from '../hooks/use-community';

/** 三事分流 figures of the area this year: received per scope, how many still open, on the spot. */
export function MatterScopeFiguresCard() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const q = useMatterScopeFigures();
  return (
    <Card
      size="small"
      title={t('community.scope.figuresTitle')}
      loading={q.isPending}
      data-testid="scope-figures"
    >
      <Row gutter={[16, 8]}>
        {(q.data?.byScope ?? []).map((s) => (
          <Col xs={24} sm={8} key={s.scope}>
            <Statistic title={MATTER_SCOPE_LABELS[s.scope][lang]} value={s.received} />
            <Typography.Text type="secondary">
              {t('community.scope.open', { count: s.open })} ·{' '}
              {t('community.scope.onSpot', { count: s.onSpot })}
            </Typography.Text>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
