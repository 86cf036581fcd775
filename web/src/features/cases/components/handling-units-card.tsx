import { Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseAssignment, CaseDetail } from '../api/cases.api';
import type { AssignmentTask } from '../api/workflow';
import { useCaseLabels } from '../hooks/use-case-labels';
import type { FormTarget } from './case-command-form';

const TASK_STATUS_COLOURS: Record<string, string> = {
  assigned: 'processing',
  reported: 'cyan',
  done: 'success',
  objected: 'warning',
  cancelled: 'default',
};
const TASKS: AssignmentTask[] = ['reportIn', 'feedback', 'object', 'decideObjection'];

/**
 * 办理单位: who received it first, who owns it now, who assigned it, and the summoned units of a
 * whistle (lead and co-handlers) with their tasks. Task buttons follow each task's abilities.
 */
export function HandlingUnitsCard({ c, onOpen }: { c: CaseDetail; onOpen: (t: FormTarget) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  return (
    <Card title={t('cases.detail.units')} size="small">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'first', label: t('cases.detail.firstUnit'), children: c.firstUnit.name },
          { key: 'owner', label: t('cases.detail.ownerUnit'), children: c.ownerUnit.name },
          ...(c.assigningUnit
            ? [{ key: 'assigning', label: t('cases.detail.assigningUnit'), children: c.assigningUnit.name }]
            : []),
          ...(c.registeredBy
            ? [{ key: 'registrar', label: t('cases.detail.registeredBy'), children: c.registeredBy.name }]
            : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('cases.detail.assignments')}
      </Typography.Title>
      {c.assignments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.detail.noAssignments')} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {c.assignments.map((a) => (
            <AssignmentRow key={a.id} a={a} onOpen={onOpen} dateTime={labels.dateTime} />
          ))}
        </Space>
      )}
    </Card>
  );
}

function AssignmentRow({
  a,
  onOpen,
  dateTime,
}: {
  a: CaseAssignment;
  onOpen: (t: FormTarget) => void;
  dateTime: (iso: string | null) => string;
}) {
  const { t } = useTranslation();
  const allowed = TASKS.filter((task) => a.abilities[task]);
  return (
    <Card size="small" type="inner" data-testid={`assignment-${a.unit.name}`}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space size={6} wrap>
          <Tag color={a.role === 'lead' ? 'red' : 'blue'}>{t(`cases.options.role.${a.role}`)}</Tag>
          <Typography.Text strong>{a.unit.name}</Typography.Text>
          <Tag color={TASK_STATUS_COLOURS[a.status] ?? 'default'}>
            {t(`cases.taskStatus.${a.status}` as 'cases.taskStatus.assigned', { defaultValue: a.status })}
          </Tag>
        </Space>
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>
          {a.task}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cases.detail.reportDue', { date: a.reportDueOn ?? '—' })}
          {' · '}
          {t('cases.detail.feedbackDue', { date: a.feedbackDueOn ?? '—' })}
          {a.reportedAt && ` · ${t('cases.detail.reportedAt', { time: dateTime(a.reportedAt) })}`}
        </Typography.Text>
        {a.feedback && (
          <Typography.Text style={{ fontSize: 13 }}>
            {t('cases.detail.feedbackText')}
            {t('common.colon')}
            {a.feedback}
          </Typography.Text>
        )}
        {a.objectionReason && (
          <Typography.Text type="warning" style={{ fontSize: 13 }}>
            {t('cases.detail.objection')}
            {t('common.colon')}
            {a.objectionReason}
          </Typography.Text>
        )}
        {allowed.length > 0 && (
          <Space size={8} wrap>
            {allowed.map((task, i) => (
              <Button
                key={task}
                size="small"
                type={i === 0 ? 'primary' : 'default'}
                onClick={() => onOpen({ type: 'task', task, assignmentId: a.id, unitName: a.unit.name })}
                data-testid={`task-${task}`}
              >
                {t(`cases.taskNames.${task}`)}
              </Button>
            ))}
          </Space>
        )}
      </Space>
    </Card>
  );
}
