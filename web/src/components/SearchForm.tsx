import { DownOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Col, Form, Grid, Row, Space } from 'antd';
import { type ReactNode, useState } from 'react';

export interface SearchField {
  name: string;
  label: string;
  node: ReactNode;
  /** Grid spans override (default xs 24 / sm 12 / lg 8 / xxl 6). */
  wide?: boolean;
}

export interface SearchFormProps<V extends object> {
  fields: SearchField[];
  onSearch: (values: V) => void;
  onReset?: () => void;
  initialValues?: Partial<V>;
  ariaLabel?: string;
  /** Form name; prefixes the field ids so they stay unique on the page. */
  name?: string;
}

/** A filter form whose fields wrap on narrow screens (antd grid), with 查询 / 重置 buttons. */
export function SearchForm<V extends object>({
  fields,
  onSearch,
  onReset,
  initialValues,
  ariaLabel,
  name = 'search',
}: SearchFormProps<V>) {
  const [form] = Form.useForm<V>();
  const screens = Grid.useBreakpoint();
  const [expanded, setExpanded] = useState(false);
  // On phones only the first filter is shown until the user expands the form.
  const collapsible = screens.md !== true && fields.length > 1;
  const collapsed = collapsible && !expanded;
  return (
    <Form<V>
      form={form}
      name={name}
      layout="vertical"
      role="search"
      aria-label={ariaLabel ?? '查询条件'}
      initialValues={initialValues}
      onFinish={(values) => onSearch(values)}
      style={{ marginBottom: 8 }}
    >
      <Row gutter={[16, 0]}>
        {fields.map((f, i) => (
          <Col
            key={f.name}
            xs={24}
            sm={12}
            lg={f.wide ? 12 : 8}
            xxl={f.wide ? 8 : 6}
            style={collapsed && i > 0 ? { display: 'none' } : undefined}
          >
            <Form.Item name={f.name} label={f.label} style={{ marginBottom: 12 }}>
              {f.node}
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} sm={12} lg={8} xxl={6} style={{ display: 'flex', alignItems: 'flex-end' }}>
          <Form.Item style={{ marginBottom: 12 }}>
            <Space wrap>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  form.resetFields();
                  onReset ? onReset() : onSearch(form.getFieldsValue());
                }}
              >
                重置
              </Button>
              {collapsible ? (
                <Button
                  type="link"
                  aria-expanded={expanded}
                  icon={expanded ? <UpOutlined /> : <DownOutlined />}
                  iconPlacement="end"
                  onClick={() => setExpanded((e) => !e)}
                  style={{ paddingInline: 4 }}
                >
                  {expanded ? '收起筛选' : '更多筛选'}
                </Button>
              ) : null}
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}

/** Drops empty strings / undefined so the query string stays clean. */
export function compact<T extends object>(values: T): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') {
      const t = v.trim();
      if (t) out[k] = t;
    } else if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}
