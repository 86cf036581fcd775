import { ApartmentOutlined, KeyOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RoleTags } from '../../admin/components/role-tags';
import type { Me } from '../../auth/api/auth.api';

interface QuickLink {
  to: string;
  title: string;
  description: string;
  icon: ReactNode;
}

/** Shown while case handling is not available: who I am, where I act, and where I can go. */
export function WelcomeCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const jurisdiction = [...new Map(me.roles.map((r) => [r.unitId, r.unitName])).values()];
  const links: QuickLink[] = [
    ...(me.permissions.includes('org.read')
      ? [
          {
            to: '/admin/org-units',
            title: t('nav.orgUnits'),
            description: t('home.orgUnitsDesc'),
            icon: <ApartmentOutlined />,
          },
        ]
      : []),
    ...(me.permissions.includes('user.read')
      ? [
          {
            to: '/admin/users',
            title: t('nav.users'),
            description: t('home.usersDesc'),
            icon: <TeamOutlined />,
          },
        ]
      : []),
    ...(me.permissions.includes('token.manage')
      ? [
          {
            to: '/admin/api-tokens',
            title: t('nav.apiTokens'),
            description: t('home.apiTokensDesc'),
            icon: <KeyOutlined />,
          },
        ]
      : []),
  ];

  return (
    <Card title={t('home.welcomeTitle')} data-testid="welcome-card">
      <Typography.Paragraph type="secondary">{t('home.welcomeText')}</Typography.Paragraph>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'unit', label: t('home.unit'), children: me.unit.name },
          {
            key: 'roles',
            label: t('home.yourRoles'),
            children: me.roles.length ? (
              <RoleTags roles={me.roles} homeUnitId={me.unit.id} />
            ) : (
              t('home.noRoles')
            ),
          },
          {
            key: 'jurisdiction',
            label: t('home.jurisdiction'),
            children: jurisdiction.length ? jurisdiction.join('、') : t('common.none'),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('home.quickLinks')}
      </Typography.Title>
      {links.length ? (
        <Row gutter={[16, 16]}>
          {links.map((l) => (
            <Col key={l.to} xs={24} md={12} xl={8}>
              <Link to={l.to}>
                <Card hoverable size="small">
                  <Card.Meta
                    avatar={<span style={{ fontSize: 24, color: '#1a56b0' }}>{l.icon}</span>}
                    title={l.title}
                    description={l.description}
                  />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noQuickLinks')} />
      )}
    </Card>
  );
}
