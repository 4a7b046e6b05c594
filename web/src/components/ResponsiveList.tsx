import { Alert, Card, Empty, Flex, Grid, Pagination, Spin, Table, theme } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type Key, type ReactNode, useEffect, useRef } from 'react';

/** A column of a {@link ResponsiveList}: an antd Table column with a `key` and a plain-text title. */
export interface ListColumn<T> extends Omit<ColumnType<T>, 'title' | 'dataIndex' | 'render'> {
  key: string;
  title: string;
  dataIndex?: keyof T & string;
  render?: (value: unknown, record: T, index: number) => ReactNode;
  /** Hide the column in the card view (e.g. it is already the card title). */
  hideInCard?: boolean;
}

export interface ListPagination {
  current: number;
  pageSize: number;
  total: number;
  onChange: (current: number, pageSize: number) => void;
}

export interface ResponsiveListProps<T> {
  columns: ListColumn<T>[];
  dataSource: T[];
  rowKey: (record: T) => Key;
  loading?: boolean;
  error?: string | null;
  pagination?: ListPagination | false;
  /** Column used as the card title on narrow screens (default: the first column). */
  cardTitleKey?: string;
  /** Column rendered as the card's action bar on narrow screens (default: "actions"). */
  actionsKey?: string;
  /** Accessible name of the list/table. */
  ariaLabel?: string;
}

function cellValue<T>(column: ListColumn<T>, record: T, index: number): ReactNode {
  const raw = column.dataIndex ? (record as Record<string, unknown>)[column.dataIndex] : undefined;
  if (column.render) return column.render(raw, record, index);
  if (raw === null || raw === undefined || raw === '') return '—';
  return String(raw);
}

/**
 * The console's list view: an antd Table from the `md` breakpoint up, a list of cards below it so that
 * lists fit a phone screen without horizontal scrolling.
 */
export function ResponsiveList<T>(props: ResponsiveListProps<T>) {
  const { columns, dataSource, rowKey, loading, error, pagination, ariaLabel } = props;
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const wide = screens.md === true;
  const titleKey = props.cardTitleKey ?? columns[0]?.key;
  const actionsKey = props.actionsKey ?? 'actions';

  // a table wider than its card scrolls sideways: its scroll box takes the keyboard focus so that it can be scrolled
  // without a mouse, also when no cell holds a focusable element (WCAG 2.1.1, axe scrollable-region-focusable)
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const el of box.current?.querySelectorAll<HTMLElement>('.ant-table-content') ?? []) {
      if (el.scrollWidth > el.clientWidth) {
        el.tabIndex = 0;
        if (ariaLabel) el.setAttribute('aria-label', ariaLabel);
        el.setAttribute('role', 'region');
      } else {
        el.removeAttribute('tabindex');
        el.removeAttribute('role');
      }
    }
  });

  const errorAlert = error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null;

  if (wide) {
    return (
      <div ref={box}>
        {errorAlert}
        <Table<T>
          aria-label={ariaLabel}
          size="middle"
          rowKey={(r) => rowKey(r)}
          loading={loading}
          dataSource={dataSource}
          scroll={{ x: 'max-content' }}
          columns={columns.map(({ hideInCard: _hide, render, dataIndex, ...col }) => ({
            ...col,
            dataIndex,
            render: (value: unknown, record: T, index: number) =>
              render
                ? render(value, record, index)
                : value === null || value === undefined || value === ''
                  ? '—'
                  : String(value),
          }))}
          pagination={
            pagination
              ? {
                  current: pagination.current,
                  pageSize: pagination.pageSize,
                  total: pagination.total,
                  showSizeChanger: true,
                  showTotal: (total) => `共 ${total} 条`,
                  onChange: pagination.onChange,
                }
              : false
          }
        />
      </div>
    );
  }

  const titleColumn = columns.find((c) => c.key === titleKey);
  const actionsColumn = columns.find((c) => c.key === actionsKey);
  const bodyColumns = columns.filter((c) => c !== titleColumn && c !== actionsColumn && !c.hideInCard);

  return (
    <section aria-label={ariaLabel} style={{ minWidth: 0 }}>
      {errorAlert}
      <Spin spinning={!!loading}>
        {dataSource.length === 0 ? (
          <Empty description={loading ? '加载中…' : '暂无数据'} style={{ padding: '24px 0' }} />
        ) : (
          <ul className="zf-card-list">
            {dataSource.map((record, index) => (
              <li key={rowKey(record)}>
                <Card
                  size="small"
                  title={
                    titleColumn ? (
                      <span style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>
                        {cellValue(titleColumn, record, index)}
                      </span>
                    ) : undefined
                  }
                  styles={{ body: { paddingBlock: 8 } }}
                >
                  <dl style={{ margin: 0 }}>
                    {bodyColumns.map((column) => (
                      <Flex key={column.key} gap={8} style={{ padding: '3px 0', minWidth: 0 }}>
                        <dt style={{ margin: 0, flex: '0 0 6.5em', color: token.colorTextSecondary }}>
                          {column.title}
                        </dt>
                        <dd style={{ margin: 0, flex: '1 1 auto', minWidth: 0, wordBreak: 'break-all' }}>
                          {cellValue(column, record, index)}
                        </dd>
                      </Flex>
                    ))}
                  </dl>
                  {actionsColumn ? (
                    <div style={{ borderTop: `1px solid ${token.colorBorderSecondary}`, marginTop: 8, paddingTop: 8 }}>
                      {cellValue(actionsColumn, record, index)}
                    </div>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </Spin>
      {pagination && pagination.total > 0 ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Pagination
            simple
            size="small"
            current={pagination.current}
            pageSize={pagination.pageSize}
            total={pagination.total}
            onChange={pagination.onChange}
          />
        </Flex>
      ) : null}
    </section>
  );
}

/** Alias kept for readability in CRUD pages. */
export const CrudTable = ResponsiveList;
