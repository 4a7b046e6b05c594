/** Step 3 of the draw screen: per risk class how many were drawn out of how many, each target with its inspectors. */
import { Card, Flex, List, Table, Tag, Typography } from 'antd';
import type { InspectionTask, InspectionTarget } from '../../../../common/contracts/inspections.contract.js';
import { GRADE_CLASSES, RISK_CLASS_LABELS } from '../../../../common/enums.js';
import { RiskTag } from '../entities/labels';
import { ratioPercent } from './labels';

export function InspectorNames({ target }: { target: InspectionTarget }) {
  if (target.unfilled) return <Tag color="red">未能派员：{target.unfilled.label}</Tag>;
  return (
    <Flex wrap gap={4}>
      {target.inspectors.map((i) => (
        <Tag key={i.officerId} style={{ whiteSpace: 'normal' }}>
          {i.name}（{i.orgName}，证号 {i.certificateNumber}）
        </Tag>
      ))}
    </Flex>
  );
}

export function DrawResult({ task }: { task: InspectionTask }) {
  const draw = task.draw;
  if (!draw) return null;
  return (
    <Flex vertical gap={12}>
      <Table
        size="small"
        aria-label="各风险等级抽取情况"
        rowKey="riskClass"
        pagination={false}
        dataSource={draw.classes}
        columns={[
          {
            key: 'class',
            title: '风险等级',
            render: (_v, c) => RISK_CLASS_LABELS[c.riskClass],
          },
          { key: 'size', title: '名录户数', dataIndex: 'size' },
          { key: 'ratio', title: '抽查比例', render: (_v, c) => ratioPercent(c.ratio) },
          { key: 'count', title: '抽中户数', dataIndex: 'count' },
        ]}
      />
      {GRADE_CLASSES.map((c) => {
        const targets = task.targets.filter((t) => t.riskClass === c).sort((a, b) => a.position - b.position);
        if (targets.length === 0) return null;
        return (
          <Card
            key={c}
            size="small"
            title={
              <h4 style={{ margin: 0, fontSize: 15 }}>
                {RISK_CLASS_LABELS[c]}：抽中 {targets.length} 户
              </h4>
            }
          >
            <List
              dataSource={targets}
              rowKey="entityId"
              renderItem={(t) => (
                <List.Item data-testid="drawn-target">
                  <Flex vertical gap={4} style={{ width: '100%' }}>
                    <Flex wrap gap={8} align="center">
                      <Typography.Text strong>
                        {t.position}. {t.entityName}
                      </Typography.Text>
                      <RiskTag value={t.riskClass} />
                      <Typography.Text type="secondary">{t.regionName}</Typography.Text>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      统一社会信用代码 {t.uscc} · 第 {t.pick} 次抽取选中
                    </Typography.Text>
                    <InspectorNames target={t} />
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        );
      })}
    </Flex>
  );
}
