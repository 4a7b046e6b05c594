import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { SECTOR_LABELS, SECTORS, type Sector } from '../../../../common/enums.js';
import { api, errorMessage } from '../../api/client';
import type { Eligibility } from '../../../../common/contracts/personnel.contract.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';

interface EligibilityValues {
  sector: Sector;
  regionCode: string;
}

/** 执法资格查询: may this officer act in a sector and region today? */
export function EligibilityCheck({ officerId, defaultSector }: { officerId: string; defaultSector?: Sector }) {
  const [form] = Form.useForm<EligibilityValues>();
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<Eligibility | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (values: EligibilityValues) => {
    setLoading(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await api.get<Eligibility>(`/api/v1/officers/${encodeURIComponent(officerId)}/eligibility`, {
          sector: values.sector,
          regionCode: values.regionCode,
        }),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div>
      <Typography.Paragraph type="secondary">
        按证件状态、执法领域和区域、年度考核及培训情况，判定该人员当前能否在所选领域和区域独立执法。
      </Typography.Paragraph>
      <Form<EligibilityValues>
        form={form}
        name="eligibilityForm"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ sector: defaultSector }}
        aria-label="执法资格查询"
      >
        <Row gutter={16}>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="sector" label="执法领域" rules={[{ required: true, message: '请选择执法领域' }]}>
              <Select
                placeholder="请选择执法领域"
                options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="regionCode" label="执法区域" rules={[{ required: true, message: '请选择行政区划' }]}>
              <RegionTreeSelect placeholder="请选择行政区划" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8} style={{ display: 'flex', alignItems: 'flex-end' }}>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading}>
                查询
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {result ? (
        result.eligible ? (
          <Alert
            type="success"
            showIcon
            title="具备执法资格"
            description="该人员当前可在所选领域和区域从事行政执法工作。"
          />
        ) : (
          <Alert
            type="warning"
            showIcon
            title="不具备执法资格"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {result.reasons.map((r) => (
                  <li key={r.code}>{r.message}</li>
                ))}
              </ul>
            }
          />
        )
      ) : null}
    </div>
  );
}
