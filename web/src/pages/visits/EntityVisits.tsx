/** The 入企记录 tab of an entity's page: its visits the caller may see, and its printable 入企码 (the sign). */
import { Button, Empty, Flex, Modal, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { EntityCode, EntityVisit } from '../../../../common/contracts/visits.contract.js';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';

const columns: ListColumn<EntityVisit>[] = [
  { key: 'startedAt', title: '入企时间', render: (_v, v) => formatDateTime(v.startedAt) },
  { key: 'org', title: '入企部门', dataIndex: 'orgName' },
  { key: 'purpose', title: '事由', dataIndex: 'purposeLabel' },
  { key: 'officers', title: '入企人员', render: (_v, v) => v.officerNames.join('、') },
  {
    key: 'flags',
    title: '提示',
    render: (_v, v) =>
      v.flagLabels.length === 0 ? (
        '—'
      ) : (
        <Flex wrap gap={4}>
          {v.flagLabels.map((l) => (
            <Tag key={l} color="orange">
              {l}
            </Tag>
          ))}
        </Flex>
      ),
  },
];

export function EntityVisits({
  entityId,
  entityName,
  visits,
}: {
  entityId: string;
  entityName: string;
  visits: EntityVisit[];
}) {
  const [showCode, setShowCode] = useState(false);
  const [code, setCode] = useState<EntityCode | null>(null);
  useEffect(() => {
    if (!showCode) return;
    const ctrl = new AbortController();
    api
      .get<EntityCode>(`/api/v1/entities/${encodeURIComponent(entityId)}/code`, undefined, ctrl.signal)
      .then(setCode)
      .catch(() => {});
    return () => ctrl.abort();
  }, [showCode, entityId]);
  return (
    <Flex vertical gap={8}>
      <Flex justify="flex-end">
        <Button onClick={() => setShowCode(true)}>入企码</Button>
      </Flex>
      {visits.length === 0 ? (
        <Empty description="本单位可见范围内暂无该对象的入企记录" />
      ) : (
        <ResponsiveList<EntityVisit> ariaLabel="入企记录" columns={columns} dataSource={visits} rowKey={(v) => v.id} />
      )}
      <Modal open={showCode} onCancel={() => setShowCode(false)} footer={null} title={`入企码：${entityName}`}>
        <Flex vertical align="center" gap={8}>
          <img
            src={`/api/v1/entities/${encodeURIComponent(entityId)}/qr.svg`}
            alt={`${entityName}的入企码`}
            style={{ width: 260, height: 260 }}
          />
          {code ? (
            <Typography.Paragraph style={{ margin: 0 }}>
              入企码（可手工输入）：<code data-testid="entity-code">{code.token}</code>
            </Typography.Paragraph>
          ) : null}
          <Typography.Paragraph>
            打印后张贴在经营场所显著位置；执法人员入企前扫码登记，企业扫码可查看本单位的入企记录。
          </Typography.Paragraph>
        </Flex>
      </Modal>
    </Flex>
  );
}
